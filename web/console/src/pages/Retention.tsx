import { useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../api/client';
import { canWrite } from '../capabilities';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../components/common';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { useMe } from '../session';

export default function Retention() {
  const { t, date, number } = useI18n();
  const me = useMe();
  const approver = canWrite(me.roles, 'retention');
  const sweeps = useLoad(async () => ok(await api.GET('/api/retention/sweeps', {})), []);
  const holds = useLoad(async () => ok(await api.GET('/api/retention/holds')), []);
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState<string>();
  const approve = async (id: string) => {
    setProblem(undefined);
    const result = await api.POST('/api/retention/sweeps/{id}/approve', { params: { path: { id } } });
    if (result.error || !result.response.ok) setProblem(problemOf(result.error, result.response));
    else {
      setDone(t('ret.approved'));
      sweeps.reload();
    }
  };
  return (
    <>
      <h1>{t('page.retention')}</h1>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{done}</Notice>}
      </div>
      <Show loaded={sweeps}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('ret.none')}</p>
          ) : (
            <DataTable
              caption={t('ret.sweeps')}
              headers={[
                t('ret.asOf'),
                t('ret.status'),
                t('ret.totalDue'),
                t('ret.requestedBy'),
                <span className="sr-only" key="approve">
                  {t('ret.approve')}
                </span>,
              ]}
            >
              {list.map((s) => (
                <tr key={s.id}>
                  <td>{date(s.asOf)}</td>
                  <td>{t(`sweep.${s.status}` as MessageKey)}</td>
                  <td className="num">{number(s.totalDue)}</td>
                  <td>{s.requestedBy ?? '—'}</td>
                  <td>
                    {s.status === 'awaiting_approval' && approver && (
                      <button type="button" onClick={() => void approve(s.id)}>
                        {t('ret.approve')}
                      </button>
                    )}
                    {s.status === 'completed' && (
                      <a href={`/api/retention/sweeps/${s.id}/certificate?format=pdf`} download>
                        {t('ret.certificate')}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      <h2>{t('ret.holds')}</h2>
      <Show loaded={holds}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('ret.holdsNone')}</p>
          ) : (
            <ul>
              {list.map((h) => (
                <li key={h.id}>
                  {h.reason}: {JSON.stringify(h.scope)}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}
