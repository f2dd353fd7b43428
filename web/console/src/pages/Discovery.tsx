import { useEffect, useState } from 'react';
import { api, ok } from '../api/client';
import { canWrite } from '../capabilities';
import { DataTable, Show, useLoad } from '../components/common';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { useMe } from '../session';
import ScanDetail from './discovery/ScanDetail';
import ScanForm from './discovery/ScanForm';
import TextScan from './discovery/TextScan';

/**
 * Discovery (issue 8): scans of connected databases run as jobs (choose connections and sample size, follow
 * the progress), their findings per system, table and column with drift against the register and a button to
 * accept a proposal into it; and a text box that finds personal data in a pasted text (not stored).
 */
export default function Discovery() {
  const { t, dateTime } = useI18n();
  const me = useMe();
  const writer = canWrite(me.roles, 'discovery');
  const scans = useLoad(async () => ok(await api.GET('/api/discovery/scans', {})), []);
  const [open, setOpen] = useState<string>();
  const pending =
    scans.state === 'ready' && scans.data.some((s) => s.status === 'queued' || s.status === 'running');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => scans.reload(), 1500);
    return () => clearInterval(timer);
  }, [pending, scans.reload]);

  return (
    <>
      <h1>{t('page.discovery')}</h1>
      <p>{t('disc.intro')}</p>
      {writer && <ScanForm onQueued={scans.reload} />}
      <section aria-labelledby="disc-scans">
        <h2 id="disc-scans">{t('disc.scans')}</h2>
        <Show loaded={scans}>
          {(list) =>
            list.length === 0 ? (
              <p>{t('disc.none')}</p>
            ) : (
              <DataTable
                headers={[
                  t('disc.createdAt'),
                  t('disc.connections'),
                  t('disc.sample'),
                  t('disc.status'),
                  t('disc.progress'),
                  t('disc.requestedBy'),
                  t('disc.open'),
                ]}
              >
                {list.map((s) => (
                  <tr key={s.id} className="disc-scan" data-scan={s.id} data-status={s.status}>
                    <td>{dateTime(s.createdAt)}</td>
                    <td>{s.connections.join(', ')}</td>
                    <td className="num">{s.sample}</td>
                    <td>
                      {t(`discStatus.${s.status}` as MessageKey)}
                      {s.error && <div className="hint">{s.error}</div>}
                    </td>
                    <td>
                      {s.progress ? (
                        <>
                          <progress
                            max={Math.max(1, s.progress.total)}
                            value={s.progress.done}
                            aria-label={t('disc.progress')}
                          />{' '}
                          {t('disc.progressValue', { done: s.progress.done, total: s.progress.total })}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{s.requestedBy ?? '—'}</td>
                    <td>
                      <button
                        type="button"
                        disabled={s.status !== 'completed'}
                        aria-label={t('disc.openScan', { date: dateTime(s.createdAt) })}
                        aria-expanded={open === s.id}
                        onClick={() => setOpen(open === s.id ? undefined : s.id)}
                      >
                        {t('disc.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </Show>
        {open && <ScanDetail id={open} writer={writer} onClose={() => setOpen(undefined)} />}
      </section>
      {writer && <TextScan />}
    </>
  );
}
