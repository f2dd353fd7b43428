import { useState } from 'react';
import { type ApiProblem, api, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { DataTable, ErrorMessage } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

type Result = paths['/api/discovery/text']['post']['responses']['200']['content']['application/json'];

/** The pasted text with each finding marked (offsets are the API's UTF-16 indices into the same text). */
function Highlighted({ text, findings }: { text: string; findings: Result['findings'] }) {
  const { t } = useI18n();
  const parts: React.ReactNode[] = [];
  let cursor = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < cursor) continue;
    parts.push(text.slice(cursor, f.start));
    const label = t(`discType.${f.type}` as MessageKey);
    parts.push(
      <mark key={f.start} className="disc-mark" data-type={f.type} title={label}>
        {text.slice(f.start, f.end)}
        <span className="sr-only"> ({label})</span>
      </mark>,
    );
    cursor = f.end;
  }
  parts.push(text.slice(cursor));
  return <p className="disc-highlighted">{parts}</p>;
}

/** Finds personal data in a pasted text (POST /api/discovery/text: audited, the text is not stored). */
export default function TextScan() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [redact, setRedact] = useState<'mask' | 'tag'>('mask');
  const [result, setResult] = useState<{ text: string; data: Result }>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setBusy(true);
    try {
      const r = await api.POST('/api/discovery/text', { body: { text, redact } });
      if (r.error || !r.response.ok || !r.data) {
        setProblem(problemOf(r.error, r.response));
        return;
      }
      setResult({ text, data: r.data });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="disc-text">
      <h2 id="disc-text">{t('disc.textTitle')}</h2>
      <p>{t('disc.textIntro')}</p>
      <form className="form disc-text-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('disc.textLabel')}
          <textarea
            name="text"
            rows={6}
            required
            maxLength={200000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          {t('disc.redactMode')}
          <select value={redact} onChange={(e) => setRedact(e.target.value as 'mask' | 'tag')}>
            <option value="mask">{t('disc.redactMask')}</option>
            <option value="tag">{t('disc.redactTag')}</option>
          </select>
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('disc.scanText')}
        </button>
        {problem && <ErrorMessage problem={problem} />}
      </form>
      {result && (
        <div className="disc-text-result">
          <p role="status">
            {result.data.findings.length === 0
              ? t('disc.noFindings')
              : t('disc.findingsCount', { count: result.data.findings.length })}
          </p>
          {result.data.findings.length > 0 && (
            <>
              <h3>{t('disc.highlighted')}</h3>
              <Highlighted text={result.text} findings={result.data.findings} />
              <DataTable headers={[t('disc.type'), t('disc.found'), t('disc.score'), t('disc.why')]}>
                {result.data.findings.map((f) => (
                  <tr key={`${f.start}-${f.type}`} className="disc-finding" data-type={f.type}>
                    <td>{t(`discType.${f.type}` as MessageKey)}</td>
                    <td>{f.text}</td>
                    <td className="num">{f.score.toFixed(2)}</td>
                    <td>{f.explanation}</td>
                  </tr>
                ))}
              </DataTable>
              <h3>{t('disc.redacted')}</h3>
              <pre className="disc-redacted">{result.data.redacted}</pre>
            </>
          )}
        </div>
      )}
    </section>
  );
}
