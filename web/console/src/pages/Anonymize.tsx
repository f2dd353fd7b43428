import { useEffect, useState } from 'react';
import { api, ok } from '../api/client';
import { canWrite } from '../capabilities';
import { DataTable, Show, useLoad } from '../components/common';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { useMe } from '../session';
import AnonymizeForm from './anonymize/AnonymizeForm';
import RunDetail from './anonymize/RunDetail';

/**
 * Anonymisation (issue 7): the runs with their status and report, a form to run one on an uploaded CSV or a
 * connection's table, and per run the download, the publication text and the provisions (APPI Art. 43).
 */
export default function Anonymize() {
  const { t, dateTime, number } = useI18n();
  const me = useMe();
  const writer = canWrite(me.roles, 'anonymize');
  const runs = useLoad(async () => ok(await api.GET('/api/anonymizations', {})), []);
  const [open, setOpen] = useState<string>();
  // A queued or running run is followed until it completes or fails.
  const pending =
    runs.state === 'ready' && runs.data.some((r) => r.status === 'queued' || r.status === 'running');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => runs.reload(), 1500);
    return () => clearInterval(timer);
  }, [pending, runs.reload]);
  return (
    <>
      <h1>{t('page.anonymize')}</h1>
      <p>{t('anon.intro')}</p>
      {writer && <AnonymizeForm onQueued={runs.reload} />}
      <section aria-labelledby="anon-runs">
        <h2 id="anon-runs">{t('anon.runs')}</h2>
        <Show loaded={runs}>
          {(list) =>
            list.length === 0 ? (
              <p>{t('anon.none')}</p>
            ) : (
              <DataTable
                headers={[
                  t('anon.dataset'),
                  t('anon.status'),
                  t('anon.createdAt'),
                  t('anon.model'),
                  t('anon.classes'),
                  t('anon.suppressed'),
                  t('anon.maxRisk'),
                  t('anon.open'),
                ]}
              >
                {list.map((r) => (
                  <tr key={r.id} className="anon-run" data-run={r.id} data-status={r.status}>
                    <td>{r.dataset}</td>
                    <td>{t(`anonStatus.${r.status}` as MessageKey)}</td>
                    <td>{dateTime(r.createdAt)}</td>
                    <td>
                      k={r.model.k}
                      {r.model.lDiversity ? `, l=${r.model.lDiversity.l}` : ''}
                    </td>
                    <td className="num">{r.report ? number(r.report.classes) : '—'}</td>
                    <td className="num">{r.report ? number(r.report.suppressed) : '—'}</td>
                    <td className="num">
                      {r.report ? `${(r.report.risk.maxReidentification * 100).toFixed(1)}%` : '—'}
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-label={t('anon.openRun', { dataset: r.dataset })}
                        aria-expanded={open === r.id}
                        onClick={() => setOpen(open === r.id ? undefined : r.id)}
                      >
                        {t('anon.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </Show>
        {open && runs.state === 'ready' && runs.data.find((r) => r.id === open) && (
          <RunDetail
            run={runs.data.find((r) => r.id === open)!}
            writer={writer}
            onClose={() => setOpen(undefined)}
          />
        )}
      </section>
    </>
  );
}
