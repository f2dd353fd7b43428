import { useI18n } from '../../i18n/i18n';
import type { RequestDetailData } from './Detail';
import { keyOf } from './labels';

const SHOWN = [
  'reason',
  'result',
  'what',
  'channel',
  'outcome',
  'system',
  'kind',
  'from',
  'to',
  'ok',
  'collections',
  'manual',
];

/** What happened, oldest first, from the audit log: transitions, codes, checks, runs, tasks, letters. */
export function Timeline({ r }: { r: RequestDetailData }) {
  const { t, dateTime } = useI18n();
  const statusLabel = (s: unknown) => {
    const k = typeof s === 'string' ? keyOf('status.', s) : undefined;
    return k ? t(k) : String(s ?? '—');
  };
  return (
    <section className="card" aria-labelledby="req-timeline">
      <h2 id="req-timeline">{t('req.timeline')}</h2>
      <ol className="timeline">
        {r.events.map((e, i) => {
          const key = keyOf('ev.', e.action);
          const d = e.details as Record<string, unknown>;
          const transition = e.action === 'rights.transitioned';
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the audit order is fixed; events carry no id here.
            <li key={i} data-action={e.action}>
              <time dateTime={e.at}>{dateTime(e.at)}</time> <strong>{key ? t(key) : e.action}</strong>
              {transition && (
                <span>
                  {' '}
                  {statusLabel(d.from)} → {statusLabel(d.to)}
                </span>
              )}{' '}
              <small>{e.actor}</small>
              {!transition && (
                <small className="details">
                  {' '}
                  {SHOWN.filter((k) => d[k] !== undefined && d[k] !== null)
                    .map(
                      (k) => `${k}: ${Array.isArray(d[k]) ? (d[k] as unknown[]).join(', ') : String(d[k])}`,
                    )
                    .join(' / ')}
                </small>
              )}
              {transition && typeof d.reason === 'string' && <small> — {d.reason}</small>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
