import { useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

export type Run =
  paths['/api/anonymizations']['get']['responses']['200']['content']['application/json'][number];

/** Long texts wrap instead of widening the page or its tables (a scrolling region needs keyboard access). */
const WRAP = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

const METHODS = ['media', 'email', 'server-upload', 'api', 'paper'] as const;
type Method = (typeof METHODS)[number];

/** One run: its report, the download, the texts to publish and the provisions (APPI Art. 43(3)/(4)). */
export default function RunDetail({ run, writer, onClose }: { run: Run; writer: boolean; onClose(): void }) {
  const { t, number } = useI18n();
  const report = run.report;
  return (
    <section className="card anon-detail" aria-labelledby="anon-detail">
      <h3 id="anon-detail">
        {run.dataset} — {t(`anonStatus.${run.status}` as MessageKey)}
      </h3>
      <button type="button" className="link" onClick={onClose}>
        {t('anon.close')}
      </button>
      {run.error && <ErrorMessage problem={{ status: 0, code: 'failed', message: run.error, issues: [] }} />}
      {report && (
        <>
          <h4>{t('anon.report')}</h4>
          <dl className="facts anon-report">
            <dt>{t('anon.levels')}</dt>
            <dd>
              <ul>
                {report.qi.map((q, j) => (
                  <li key={q}>
                    {q}: {report.levels[j]}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('anon.model')}</dt>
            <dd>
              k={report.model.k}
              {report.model.lDiversity
                ? `, l=${report.model.lDiversity.l} (${report.model.lDiversity.variant})`
                : ''}
              {report.model.tCloseness !== undefined ? `, t=${report.model.tCloseness}` : ''}
              {`, ${t(`anonMetric.${report.metric.name}` as MessageKey)}`}
            </dd>
            <dt>{t('anon.rows')}</dt>
            <dd>{number(report.rows)}</dd>
            <dt>{t('anon.classes')}</dt>
            <dd>{number(report.classes)}</dd>
            <dt>{t('anon.minClass')}</dt>
            <dd>{number(report.minClassSize)}</dd>
            <dt>{t('anon.suppressed')}</dt>
            <dd>{number(report.suppressed)}</dd>
            <dt>{t('anon.maxRisk')}</dt>
            <dd>{(report.risk.maxReidentification * 100).toFixed(1)}%</dd>
            <dt>{t('anon.avgRisk')}</dt>
            <dd>{(report.risk.avgReidentification * 100).toFixed(2)}%</dd>
            <dt>{t('anon.nodes')}</dt>
            <dd>
              {t('anon.nodesOf', { checked: number(report.nodesChecked), total: number(report.latticeSize) })}
            </dd>
          </dl>
          {writer && (
            <p>
              <a className="button" href={`/api/anonymizations/${run.id}/result`} download>
                {t('anon.download')}
              </a>
            </p>
          )}
        </>
      )}
      {run.status === 'completed' && <Publication id={run.id} writer={writer} />}
    </section>
  );
}

function Publication({ id, writer }: { id: string; writer: boolean }) {
  const { t, lang, date } = useI18n();
  const publication = useLoad(
    async () =>
      ok(
        await api.GET('/api/anonymizations/{id}/publication', { params: { path: { id }, query: { lang } } }),
      ),
    [id, lang],
  );
  const provisions = useLoad(
    async () => ok(await api.GET('/api/anonymizations/{id}/provisions', { params: { path: { id } } })),
    [id],
  );
  const [recipient, setRecipient] = useState('');
  const [methods, setMethods] = useState<Method[]>([]);
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10));
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState(false);
  const provide = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setDone(false);
    const result = await api.POST('/api/anonymizations/{id}/provisions', {
      params: { path: { id } },
      body: { recipient, methods, date: day },
    });
    if (result.error || !result.response.ok) {
      setProblem(problemOf(result.error, result.response));
      return;
    }
    setDone(true);
    setRecipient('');
    setMethods([]);
    provisions.reload();
    publication.reload();
  };
  return (
    <>
      <h4>{t('anon.publication')}</h4>
      <Show loaded={publication}>
        {(p) => (
          <>
            <h5>{t('anon.publicationCreation')}</h5>
            <pre className="anon-publication" style={WRAP}>
              {p.creation}
            </pre>
            {p.provision && (
              <>
                <h5>{t('anon.publicationProvision')}</h5>
                <pre className="anon-publication-provision" style={WRAP}>
                  {p.provision}
                </pre>
              </>
            )}
          </>
        )}
      </Show>
      <h4>{t('anon.provisions')}</h4>
      <Show loaded={provisions}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('anon.provisionsNone')}</p>
          ) : (
            <DataTable headers={[t('anon.date'), t('anon.recipient'), t('anon.methods'), t('anon.notice')]}>
              {list.map((p) => (
                <tr key={p.id} className="anon-provision">
                  <td>{date(p.date)}</td>
                  <td>{p.recipient}</td>
                  <td>{p.methods.map((m) => t(`anonMethod.${m}` as MessageKey)).join('、')}</td>
                  <td>
                    <pre style={WRAP}>{p.notice[lang]}</pre>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      {writer && (
        <form className="form" onSubmit={(e) => void provide(e)}>
          <h5>{t('anon.provide')}</h5>
          <label>
            {t('anon.recipient')}
            <input required value={recipient} onChange={(e) => setRecipient(e.target.value)} />
          </label>
          <fieldset>
            <legend>{t('anon.methods')}</legend>
            {METHODS.map((m) => (
              <label key={m} className="check">
                <input
                  type="checkbox"
                  checked={methods.includes(m)}
                  onChange={(e) =>
                    setMethods(e.target.checked ? [...methods, m] : methods.filter((x) => x !== m))
                  }
                />
                {t(`anonMethod.${m}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('anon.date')}
            <input type="date" required value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
          <button type="submit">{t('anon.provide')}</button>
          <div aria-live="polite">
            {problem && <ErrorMessage problem={problem} />}
            {done && <Notice>{t('anon.provided')}</Notice>}
          </div>
        </form>
      )}
    </>
  );
}
