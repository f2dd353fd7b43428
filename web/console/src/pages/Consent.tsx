import { api, ok } from '../api/client';
import { DataTable, Show, useLoad } from '../components/common';
import { useI18n } from '../i18n/i18n';

export default function Consent() {
  const { t, number } = useI18n();
  const rates = useLoad(async () => ok(await api.GET('/api/consent/rates')), []);
  return (
    <>
      <h1>{t('page.consent')}</h1>
      <Show loaded={rates}>
        {(rows) =>
          rows.length === 0 ? (
            <p>{t('consent.none')}</p>
          ) : (
            <DataTable
              caption={t('consent.rates')}
              headers={[
                t('consent.purpose'),
                t('consent.decision'),
                t('consent.noticeVersion'),
                t('consent.count'),
                t('consent.inForce'),
              ]}
            >
              {rows.map((r) => (
                <tr key={`${r.purpose}-${r.decision}-${r.noticeVersion}`}>
                  <td>
                    <code>{r.purpose}</code>
                  </td>
                  <td>{r.decision}</td>
                  <td>{r.noticeVersion ?? '—'}</td>
                  <td className="num">{number(r.count)}</td>
                  <td>
                    {r.inForce ? t('yes') : <span className="badge alert">{t('consent.needsRenewal')}</span>}
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
