import { api, ok } from '../../api/client';
import { Show, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { linkTo } from '../../router';
import { Actions } from './Actions';
import { Exemptions } from './Exemptions';
import { URGENCY_KEY } from './labels';
import { Preview } from './Preview';
import { Tasks } from './Tasks';
import { Timeline } from './Timeline';

export async function loadRequest(id: string) {
  return ok(await api.GET('/api/requests/{id}', { params: { path: { id } } }));
}
export type RequestDetailData = Awaited<ReturnType<typeof loadRequest>>;

/** One request: summary, verification, the actions open to the signed-in person, tasks, timeline, preview. */
export default function RequestDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const loaded = useLoad(() => loadRequest(id), [id]);
  return (
    <>
      <p>
        <a {...linkTo('requests')}>← {t('req.back')}</a>
      </p>
      <Show loaded={loaded}>
        {(r) => (
          <>
            <h1>
              {t('req.detail', { reference: r.reference })}{' '}
              <span className={`badge urgency ${r.urgency}`}>{t(URGENCY_KEY[r.urgency])}</span>
            </h1>
            <Summary r={r} />
            <Actions r={r} onChanged={loaded.reload} />
            <Tasks r={r} onChanged={loaded.reload} />
            <Exemptions r={r} onChanged={loaded.reload} />
            <Preview r={r} />
            <Timeline r={r} />
          </>
        )}
      </Show>
    </>
  );
}

function Summary({ r }: { r: RequestDetailData }) {
  const { t, date, dateTime, number } = useI18n();
  return (
    <div className="request-cards">
      <section className="card" aria-labelledby="req-summary">
        <h2 id="req-summary">{t('req.summary')}</h2>
        <dl className="facts">
          <dt>{t('req.status')}</dt>
          <dd data-testid="status">{t(`status.${r.status}`)}</dd>
          <dt>{t('req.aspects')}</dt>
          <dd>{r.aspects.map((a) => t(`aspect.${a}` as MessageKey)).join('、')}</dd>
          <dt>{t('req.laws')}</dt>
          <dd>{r.laws.join(', ').toUpperCase()}</dd>
          <dt>{t('req.received')}</dt>
          <dd>{dateTime(r.receivedAt)}</dd>
          <dt>{t('req.due')}</dt>
          <dd>
            {date(r.dueBy)}
            {r.extended && <span className="badge">{t('req.extended')}</span>}
          </dd>
          {r.acknowledgeBy && (
            <>
              <dt>{t('req.acknowledgeBy')}</dt>
              <dd>{date(r.acknowledgeBy)}</dd>
            </>
          )}
          <dt>{t('req.channel')}</dt>
          <dd>{r.channel}</dd>
          <dt>{t('req.assignee')}</dt>
          <dd>{r.assignee ?? t('req.unassigned')}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="req-verification">
        <h2 id="req-verification">{t('req.verification')}</h2>
        <dl className="facts">
          <dt>{t('req.verifiedAt')}</dt>
          <dd data-testid="verified">{r.verifiedAt ? dateTime(r.verifiedAt) : t('req.notVerified')}</dd>
          {r.agentKind && (
            <>
              <dt>{t('req.agent')}</dt>
              <dd>{r.agentKind}</dd>
            </>
          )}
          <dt>{t('req.requiredDocuments')}</dt>
          <dd>{r.requiredDocuments.length > 0 ? r.requiredDocuments.join('、') : t('req.noneYet')}</dd>
          <dt>{t('req.documents')}</dt>
          <dd>{r.documents.length > 0 ? r.documents.join('、') : t('req.noneYet')}</dd>
          {r.fee && (
            <>
              <dt>{t('req.fee')}</dt>
              <dd>
                {number(r.fee.amount)} {r.fee.currency} —{' '}
                {r.fee.paidAt ? `${t('req.feePaid')} ${dateTime(r.fee.paidAt)}` : t('req.feeUnpaid')}
                {r.fee.dueAt && !r.fee.paidAt && ` (${t('req.feeDue')} ${dateTime(r.fee.dueAt)})`}
              </dd>
            </>
          )}
          {r.decision && (
            <>
              <dt>{t('req.decision')}</dt>
              <dd>{String((r.decision as { reason?: string }).reason ?? '')}</dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}
