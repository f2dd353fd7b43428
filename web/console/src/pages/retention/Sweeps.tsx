import { useEffect, useRef, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

/**
 * Sweeps awaiting a privacy officer's approval (issue 9: large sweeps wait), and past sweeps with their
 * deletion certificates (PDF in the console's language, and the JSON record whose hash is in the audit log).
 */
export default function Sweeps({
  writer,
  approver,
  onChange,
}: {
  writer: boolean;
  approver: boolean;
  onChange(): void;
}) {
  const { t, lang, date, dateTime, number } = useI18n();
  const sweeps = useLoad(async () => ok(await api.GET('/api/retention/sweeps', {})), []);
  const [problem, setProblem] = useState<ApiProblem>();
  // A key, not a string: the notice follows a change of language.
  const [done, setDone] = useState<{ key: MessageKey; params?: Record<string, string | number> }>();
  // An approved sweep runs in the worker: the list follows it until it completes or fails.
  const pending =
    sweeps.state === 'ready' && sweeps.data.some((s) => s.status === 'approved' || s.status === 'running');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => sweeps.reload(), 2000);
    return () => clearInterval(timer);
  }, [pending, sweeps.reload]);
  const wasPending = useRef(false);
  useEffect(() => {
    // A sweep just finished: the counts per rule changed.
    if (wasPending.current && !pending) onChange();
    wasPending.current = pending;
  }, [pending, onChange]);
  const answer = (result: { error?: unknown; response: Response }) => {
    if (result.error || !result.response.ok) {
      setProblem(problemOf(result.error, result.response));
      return false;
    }
    sweeps.reload();
    onChange();
    return true;
  };
  const plan = async () => {
    setProblem(undefined);
    setDone(undefined);
    const result = await api.POST('/api/retention/sweeps', { body: { dryRun: false } });
    if (answer(result) && result.data)
      setDone({ key: 'ret.planned', params: { status: t(`sweep.${result.data.status}` as MessageKey) } });
  };
  const approve = async (id: string) => {
    setProblem(undefined);
    setDone(undefined);
    const result = await api.POST('/api/retention/sweeps/{id}/approve', { params: { path: { id } } });
    if (answer(result)) setDone({ key: 'ret.approved' });
  };
  return (
    <section aria-labelledby="ret-sweeps">
      <h2 id="ret-sweeps">{t('ret.sweeps')}</h2>
      {writer && (
        <button type="button" onClick={() => void plan()}>
          {t('ret.plan')}
        </button>
      )}
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{t(done.key, done.params)}</Notice>}
      </div>
      <Show loaded={sweeps}>
        {(list) => {
          const waiting = list.filter((s) => s.status === 'awaiting_approval');
          const past = list.filter((s) => s.status !== 'awaiting_approval');
          return (
            <>
              <h3>{t('ret.awaiting')}</h3>
              {waiting.length === 0 ? (
                <p>{t('ret.awaitingNone')}</p>
              ) : (
                <DataTable
                  headers={[
                    t('ret.asOf'),
                    t('ret.totalDue'),
                    t('ret.requestedBy'),
                    ...(approver ? [t('ret.approve')] : []),
                  ]}
                >
                  {waiting.map((s) => (
                    <tr key={s.id} className="sweep-waiting">
                      <td>{date(s.asOf)}</td>
                      <td className="num">{number(s.totalDue)}</td>
                      <td>{s.requestedBy ?? '—'}</td>
                      {approver && (
                        <td>
                          <button
                            type="button"
                            aria-label={t('ret.approveSweep', { asOf: s.asOf, count: s.totalDue })}
                            onClick={() => void approve(s.id)}
                          >
                            {t('ret.approve')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </DataTable>
              )}
              <h3>{t('ret.past')}</h3>
              {past.length === 0 ? (
                <p>{t('ret.none')}</p>
              ) : (
                <DataTable
                  headers={[
                    t('ret.asOf'),
                    t('ret.status'),
                    t('ret.totalDue'),
                    t('ret.approvedBy'),
                    t('ret.finishedAt'),
                    t('ret.certificate'),
                  ]}
                >
                  {past.map((s) => (
                    <tr key={s.id} className="sweep-past" data-sweep={s.id}>
                      <td>{date(s.asOf)}</td>
                      <td>{t(`sweep.${s.status}` as MessageKey)}</td>
                      <td className="num">{number(s.totalDue)}</td>
                      <td>{s.approvedBy ?? '—'}</td>
                      <td>{s.finishedAt ? dateTime(s.finishedAt) : '—'}</td>
                      <td>
                        {s.status === 'completed' && s.certificateSha256 && (
                          <span className="actions">
                            <a
                              href={`/api/retention/sweeps/${s.id}/certificate?format=pdf&lang=${lang}`}
                              download
                            >
                              {t('ret.certificate')}
                            </a>
                            <a href={`/api/retention/sweeps/${s.id}/certificate?format=json`} download>
                              {t('ret.certificateJson')}
                            </a>
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </>
          );
        }}
      </Show>
    </section>
  );
}
