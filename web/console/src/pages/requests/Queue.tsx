import { useState } from 'react';
import { api, ok } from '../../api/client';
import { DataTable, Show, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { linkTo } from '../../router';
import { useMe } from '../../session';
import { ASPECTS, type Aspect, LAWS, STATUSES, type Status, URGENCY_KEY } from './labels';

/** The queue: earliest deadline first, coloured by deadline, filtered by state, law, kind, assignee, reference. */
export default function RequestQueue() {
  const { t, dateTime, date } = useI18n();
  const me = useMe();
  const [status, setStatus] = useState<Status | ''>('');
  const [law, setLaw] = useState('');
  const [aspect, setAspect] = useState<Aspect | ''>('');
  const [assignee, setAssignee] = useState('');
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const people = useLoad(async () => ok(await api.GET('/api/requests/assignees')), []);
  const list = useLoad(
    async () =>
      ok(
        await api.GET('/api/requests', {
          params: {
            query: {
              ...(status && { status }),
              ...(law && { law }),
              ...(aspect && { aspect }),
              ...(assignee && { assignee }),
              ...(q.trim() && { q: q.trim() }),
              ...(overdue && { overdue: 'true' as const }),
              limit: 200,
            },
          },
        }),
      ),
    [status, law, aspect, assignee, q, overdue],
  );
  return (
    <>
      <h1>{t('page.requests')}</h1>
      <form className="filters" aria-label={t('req.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('req.search')}
          <input
            type="search"
            value={q}
            maxLength={20}
            placeholder="R-"
            onChange={(e) => setQ(e.target.value.replace(/[^A-Za-z0-9-]/g, ''))}
          />
        </label>
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
        <label>
          {t('req.law')}
          <select value={law} onChange={(e) => setLaw(e.target.value)}>
            <option value="">{t('req.allLaws')}</option>
            {LAWS.map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('req.kind')}
          <select value={aspect} onChange={(e) => setAspect(e.target.value as Aspect | '')}>
            <option value="">{t('req.allKinds')}</option>
            {ASPECTS.map((a) => (
              <option key={a} value={a}>
                {t(`aspect.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('req.assignee')}
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('req.anyone')}</option>
            <option value={me.login}>{t('req.mine')}</option>
            <option value="none">{t('req.unassigned')}</option>
            {people.state === 'ready' &&
              people.data
                .filter((p) => p.login !== me.login)
                .map((p) => (
                  <option key={p.login} value={p.login}>
                    {p.displayName}
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
                t('req.urgency'),
                t('req.due'),
                t('req.status'),
                t('req.aspects'),
                t('req.laws'),
                t('req.assignee'),
                t('req.received'),
              ]}
            >
              {requests.map((r) => (
                <tr
                  key={r.id}
                  className={`urgency-${r.urgency}${r.overdue ? ' overdue' : ''}`}
                  data-reference={r.reference}
                >
                  <td>
                    <a {...linkTo(`requests/${r.id}`)}>
                      <code>{r.reference}</code>
                    </a>
                  </td>
                  <td>
                    <span className={`badge urgency ${r.urgency}`}>{t(URGENCY_KEY[r.urgency])}</span>
                  </td>
                  <td className="nowrap">{date(r.dueBy)}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>{r.aspects.map((a) => t(`aspect.${a}` as MessageKey)).join('、')}</td>
                  <td>{r.laws.join(', ').toUpperCase()}</td>
                  <td>{r.assignee ?? '—'}</td>
                  <td className="nowrap">{dateTime(r.receivedAt)}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
    </>
  );
}
