import { lazy, Suspense } from 'react';
import { api, ok } from '../api/client';
import { canRead, type PageId } from '../capabilities';
import { Show, useLoad } from '../components/common';
import { type MessageKey, tokyoDay, useI18n } from '../i18n/i18n';
import { processorReview } from '../lib/reviews';
import { linkTo } from '../router';
import { useMe } from '../session';

const RequestsChart = lazy(() => import('../components/RequestsChart'));
const ConsentRatesChart = lazy(() => import('../components/ConsentRatesChart'));

const OPEN = new Set(['received', 'verifying', 'awaiting_fee', 'in_progress', 'review']);
const DAY = 86_400_000;

interface Counts {
  overdue?: number;
  dueSoon?: number;
  open?: number;
  lintErrors?: number;
  lintWarnings?: number;
  sweeps?: number;
  renewals?: number;
  processorsDue?: number;
  requests: { receivedAt: string; aspects: string[] }[];
  rates?: { purpose: string; decision: string; count: number }[];
}

/** What needs attention today; each figure is fetched only when the role may read its source. */
async function loadCounts(may: (page: PageId) => boolean): Promise<Counts> {
  const now = Date.now();
  const [requests, findings, sweeps, rates, processors] = await Promise.all([
    may('requests') ? api.GET('/api/requests', { params: { query: { limit: 500 } } }).then(ok) : undefined,
    may('register') ? api.GET('/api/register/findings').then(ok) : undefined,
    may('retention')
      ? api.GET('/api/retention/sweeps', { params: { query: { status: 'awaiting_approval' } } }).then(ok)
      : undefined,
    may('consent') ? api.GET('/api/consent/rates').then(ok) : undefined,
    may('register') ? api.GET('/api/register/processors').then(ok) : undefined,
  ]);
  const today = tokyoDay(new Date(now));
  const open = requests?.filter((r) => OPEN.has(r.status));
  return {
    ...(open && {
      open: open.length,
      overdue: open.filter((r) => r.overdue).length,
      // Deadlines are Tokyo calendar days (laws/): "within 7 days" counts from today in Tokyo.
      dueSoon: open.filter((r) => !r.overdue && tokyoDay(r.dueBy) <= tokyoDay(new Date(now + 7 * DAY)))
        .length,
    }),
    ...(findings && {
      lintErrors: findings.filter((f) => f.severity === 'error').length,
      lintWarnings: findings.filter((f) => f.severity === 'warning').length,
    }),
    ...(sweeps && { sweeps: sweeps.length }),
    // A grant given under terms no longer in force (the purpose's consent text changed) needs renewal.
    ...(rates && {
      renewals: rates.filter((r) => r.decision === 'granted' && !r.inForce).reduce((n, r) => n + r.count, 0),
    }),
    ...(processors && {
      processorsDue: processors.filter((p) => processorReview(p.doc, today).state !== 'ok').length,
    }),
    requests: (requests ?? []).map((r) => ({ receivedAt: r.receivedAt, aspects: r.aspects })),
    ...(rates && { rates }),
  };
}

export default function Dashboard() {
  const { t } = useI18n();
  const me = useMe();
  const may = (page: PageId) => canRead(me.roles, page);
  const counts = useLoad(() => loadCounts(may), [me.userId]);
  return (
    <>
      <h1>{t('page.dashboard')}</h1>
      <Show loaded={counts}>
        {(c) => (
          <>
            <section aria-labelledby="attention">
              <h2 id="attention">{t('dash.attention')}</h2>
              <ul className="tiles">
                <Tile label="dash.overdue" value={c.overdue} to="requests" alert />
                <Tile label="dash.dueSoon" value={c.dueSoon} to="requests" />
                <Tile label="dash.openRequests" value={c.open} to="requests" />
                <Tile label="dash.lintErrors" value={c.lintErrors} to="register" alert />
                <Tile label="dash.lintWarnings" value={c.lintWarnings} to="register" />
                <Tile label="dash.sweeps" value={c.sweeps} to="retention" />
                <Tile label="dash.renewals" value={c.renewals} to="consent" />
                <Tile label="dash.processorsDue" value={c.processorsDue} to="register/processors" alert />
              </ul>
            </section>
            {may('requests') && (
              <section aria-labelledby="chart-title" className="card">
                <h2 id="chart-title">{t('dash.chartTitle')}</h2>
                <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
                  <RequestsChart requests={c.requests} />
                </Suspense>
              </section>
            )}
            {c.rates && (
              <section aria-labelledby="consent-chart-title" className="card">
                <h2 id="consent-chart-title">{t('dash.consent.title')}</h2>
                <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
                  <ConsentRatesChart rates={c.rates} />
                </Suspense>
              </section>
            )}
          </>
        )}
      </Show>
    </>
  );
}

function Tile({
  label,
  value,
  to,
  alert,
}: {
  label: MessageKey;
  value: number | undefined;
  to: string;
  alert?: boolean;
}) {
  const { t, number } = useI18n();
  if (value === undefined) return null;
  return (
    <li className={alert && value > 0 ? 'tile alert' : 'tile'}>
      <a {...linkTo(to)}>
        <span className="value" data-testid={label}>
          {number(value)}
        </span>
        <span className="label">{t(label)}</span>
      </a>
    </li>
  );
}
