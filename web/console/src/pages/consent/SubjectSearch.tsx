import { type FormEvent, useId, useState } from 'react';
import { type ApiProblem, api, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { DataTable, ErrorMessage } from '../../components/common';
import { useI18n } from '../../i18n/i18n';

type Kind = 'email' | 'customer' | 'visitor';
type History =
  paths['/api/consent/subjects/{key}/history']['get']['responses'][200]['content']['application/json'];

/** Resolves an identity to its subject key, then reads the (audited) history. */
export default function SubjectSearch() {
  const { t, dateTime } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<Kind>('email');
  const [value, setValue] = useState('');
  const [rows, setRows] = useState<History>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [missing, setMissing] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setMissing(false);
    setRows(undefined);
    const resolved = await api.POST('/api/consent/subjects/resolve', { body: { kind, value } });
    if (!resolved.data) return setProblem(problemOf(resolved.error, resolved.response));
    const history = await api.GET('/api/consent/subjects/{key}/history', {
      params: { path: { key: resolved.data.key } },
    });
    if (history.response.status === 404) return setMissing(true);
    if (!history.data) return setProblem(problemOf(history.error, history.response));
    setRows(history.data);
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('consent.search')}</h2>
      <p>{t('consent.searchHint')}</p>
      <form className="card stack" onSubmit={search} aria-labelledby={`${id}-h`}>
        <label>
          {t('consent.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['email', 'customer', 'visitor'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`consent.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('consent.identity')}
          <input value={value} required onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('consent.find')}
        </button>
      </form>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {missing && <p>{t('consent.notFound')}</p>}
        {rows && (
          <DataTable
            caption={t('consent.historyOf', { n: rows.length })}
            headers={[
              t('consent.when'),
              t('consent.purpose'),
              t('consent.decision'),
              t('consent.channel'),
              t('consent.noticeVersion'),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.recordedAt)}</td>
                <td>
                  <code>{r.purpose}</code>
                </td>
                <td>{t(`consent.${r.decision}`)}</td>
                <td>
                  {r.channel}
                  {r.gpc ? ' (GPC)' : ''}
                </td>
                <td>{r.noticeVersion ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </section>
  );
}
