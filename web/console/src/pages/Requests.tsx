import { useState } from 'react';
import { api, ok } from '../api/client';
import { DataTable, Show, useLoad } from '../components/common';
import { type MessageKey, useI18n } from '../i18n/i18n';

const STATUSES = [
  'received',
  'verifying',
  'awaiting_fee',
  'in_progress',
  'review',
  'completed',
  'partially_refused',
  'refused',
  'withdrawn',
  'closed_unpaid',
] as const;
type Status = (typeof STATUSES)[number];

/** The queue, read-only here; the rights-requests issue adds the working pages into this shell. */
export default function Requests() {
  const { t, dateTime, date } = useI18n();
  const [status, setStatus] = useState<Status | ''>('');
  const [overdue, setOverdue] = useState(false);
  const list = useLoad(
    async () =>
      ok(
        await api.GET('/api/requests', {
          params: {
            query: { ...(status && { status }), ...(overdue && { overdue: 'true' as const }), limit: 200 },
          },
        }),
      ),
    [status, overdue],
  );
  return (
    <>
      <h1>{t('page.requests')}</h1>
      <form className="inline" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('req.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('req.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
          {t('req.overdueOnly')}
        </label>
      </form>
      <Show loaded={list}>
        {(requests) =>
          requests.length === 0 ? (
            <p>{t('req.none')}</p>
          ) : (
            <DataTable
              caption={t('req.queue')}
              headers={[
                t('req.reference'),
                t('req.status'),
                t('req.aspects'),
                t('req.laws'),
                t('req.received'),
                t('req.due'),
              ]}
            >
              {requests.map((r) => (
                <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
                  <td>
                    <code>{r.reference}</code>
                  </td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>{r.aspects.map((a) => t(`aspect.${a}` as MessageKey)).join('、')}</td>
                  <td>{r.laws.join(', ').toUpperCase()}</td>
                  <td>{dateTime(r.receivedAt)}</td>
                  <td>
                    {date(r.dueBy)}
                    {r.overdue && <span className="badge alert">{t('req.overdue')}</span>}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
    </>
  );
}
