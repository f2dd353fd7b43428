import { lazy, Suspense, useId } from 'react';
import { api, ok } from '../api/client';
import { DataTable, Show, useLoad } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useMe } from '../session';
import SubjectSearch from './consent/SubjectSearch';
import TcfSettings from './consent/TcfSettings';
import Webhooks from './consent/Webhooks';

// Chart.js is loaded with the chart only.
const VersionChart = lazy(() => import('./consent/VersionChart'));
const DECISIONS = ['granted', 'denied', 'withdrawn'] as const;

export default function Consent() {
  const { t, number } = useI18n();
  const me = useMe();
  const id = useId();
  const rates = useLoad(async () => ok(await api.GET('/api/consent/rates')), []);
  const renewals = useLoad(async () => ok(await api.GET('/api/consent/renewals')), []);
  const managesWebhooks = me.roles.some((r) => r === 'admin' || r === 'privacy_officer');
  return (
    <>
      <h1>{t('page.consent')}</h1>
      <Show loaded={rates}>
        {(rows) => {
          if (rows.length === 0) return <p>{t('consent.none')}</p>;
          const purposes = [...new Set(rows.map((r) => r.purpose))].sort();
          const count = (p: string, d: string) =>
            rows.filter((r) => r.purpose === p && r.decision === d).reduce((a, r) => a + r.count, 0);
          return (
            <>
              <section aria-labelledby={`${id}-p`}>
                <h2 id={`${id}-p`}>{t('consent.purposes')}</h2>
                <DataTable
                  headers={[
                    t('consent.purpose'),
                    ...DECISIONS.map((d) => t(`consent.${d}`)),
                    t('consent.total'),
                    t('consent.inForce'),
                  ]}
                >
                  {purposes.map((p) => {
                    const inForce = rows.some((r) => r.purpose === p && r.inForce);
                    return (
                      <tr key={p}>
                        <td>
                          <code>{p}</code>
                        </td>
                        {DECISIONS.map((d) => (
                          <td key={d} className="num">
                            {number(count(p, d))}
                          </td>
                        ))}
                        <td className="num">{number(DECISIONS.reduce((a, d) => a + count(p, d), 0))}</td>
                        <td>
                          {inForce ? (
                            t('yes')
                          ) : (
                            <span className="badge alert">{t('consent.needsRenewal')}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </DataTable>
              </section>
              <section aria-labelledby={`${id}-c`}>
                <h2 id={`${id}-c`}>{t('consent.chartTitle')}</h2>
                <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
                  <VersionChart rows={rows} />
                </Suspense>
              </section>
            </>
          );
        }}
      </Show>
      <section aria-labelledby={`${id}-r`}>
        <h2 id={`${id}-r`}>{t('consent.renewal')}</h2>
        <Show loaded={renewals}>
          {(rows) => {
            const due = rows.filter((r) => r.needRenewal > 0);
            return due.length === 0 ? (
              <p>{t('consent.renewalNone')}</p>
            ) : (
              <DataTable headers={[t('consent.purpose'), t('consent.renewalCount'), t('consent.granted')]}>
                {due.map((r) => (
                  <tr key={r.purpose}>
                    <td>
                      <code>{r.purpose}</code>
                    </td>
                    <td className="num">
                      <span className="badge alert">{number(r.needRenewal)}</span>
                    </td>
                    <td className="num">{number(r.granted)}</td>
                  </tr>
                ))}
              </DataTable>
            );
          }}
        </Show>
      </section>
      <SubjectSearch />
      {/* Consent settings (TCF included) are the privacy officer's and administrator's (tcf.settings.ts). */}
      <TcfSettings canEdit={managesWebhooks} />
      {managesWebhooks && <Webhooks />}
    </>
  );
}
