import { api, ok } from '../../api/client';
import { DataTable, Show, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { linkTo } from '../../router';

/** Certificates of rights-request erasures (one per request), beside the sweeps' ones. */
export default function ErasureCertificates() {
  const { t, lang, dateTime } = useI18n();
  const list = useLoad(async () => ok(await api.GET('/api/retention/certificates')), []);
  return (
    <section aria-labelledby="ret-erasures">
      <h2 id="ret-erasures">{t('ret.erasures')}</h2>
      <Show loaded={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p>{t('ret.erasuresNone')}</p>
          ) : (
            <DataTable headers={[t('ret.request'), t('ret.issuedAt'), 'SHA-256', t('ret.certificate')]}>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a {...linkTo(`requests/${c.requestId}`)}>{c.reference}</a>
                  </td>
                  <td>{dateTime(c.createdAt)}</td>
                  <td>
                    <code>{c.sha256.slice(0, 16)}…</code>
                  </td>
                  <td>
                    <span className="actions">
                      <a href={`/api/retention/certificates/${c.id}?format=pdf&lang=${lang}`} download>
                        {t('ret.certificate')}
                      </a>
                      <a href={`/api/retention/certificates/${c.id}?format=json`} download>
                        {t('ret.certificateJson')}
                      </a>
                    </span>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
    </section>
  );
}
