import { api, ok } from '../api/client';
import { Show, useLoad } from '../components/common';
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
            <div className="table-wrap">
              <table>
                <caption>{t('consent.rates')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('consent.purpose')}</th>
                    <th scope="col">{t('consent.decision')}</th>
                    <th scope="col">{t('consent.noticeVersion')}</th>
                    <th scope="col">{t('consent.count')}</th>
                    <th scope="col">{t('consent.inForce')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${r.purpose}-${r.decision}-${r.noticeVersion}`}>
                      <td>
                        <code>{r.purpose}</code>
                      </td>
                      <td>{r.decision}</td>
                      <td>{r.noticeVersion ?? '—'}</td>
                      <td className="num">{number(r.count)}</td>
                      <td>
                        {r.inForce ? (
                          t('yes')
                        ) : (
                          <span className="badge alert">{t('consent.needsRenewal')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </>
  );
}
