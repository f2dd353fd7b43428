import { useState } from 'react';
import type { ApiProblem } from '../../api/client';
import { api, ok } from '../../api/client';
import { canWrite } from '../../capabilities';
import { ErrorMessage, Notice, toProblem } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useMe } from '../../session';
import type { RequestDetailData } from './Detail';
import { Knowledge } from './Knowledge';

type Outcome = 'completed' | 'partially_refused' | 'refused';
const DECISIONS: Record<string, Outcome> = {
  complete: 'completed',
  partially_refuse: 'partially_refused',
  refuse: 'refused',
};

/**
 * The buttons open in this state to this person (the API's `actions` from the lifecycle table), a reason
 * or note for the record, assignment, extension, and the officer's decision with grounds.
 */
export function Actions({ r, onChanged }: { r: RequestDetailData; onChanged(): void }) {
  const { t, dateTime, lang } = useI18n();
  const me = useMe();
  const writer = canWrite(me.roles, 'requests');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [grounds, setGrounds] = useState<string[]>([]);
  const path = { params: { path: { id: r.id } } };
  const why = reason.trim() ? { reason: reason.trim() } : {};

  /** Runs one API call; a string it returns is shown instead of "done". */
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      const said = await fn();
      setReason('');
      setDone(typeof said === 'string' ? said : t('act.done'));
      onChanged();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  if (!writer) return null;

  const has = (a: string) => r.actions.includes(a);
  const decisions = Object.entries(DECISIONS).filter(([a]) => has(a));
  const button = (label: string, fn: () => Promise<unknown>, primary = false) => (
    <button type="button" className={primary ? 'primary' : undefined} disabled={busy} onClick={() => run(fn)}>
      {label}
    </button>
  );

  return (
    <section className="card" aria-labelledby="req-actions">
      <h2 id="req-actions">{t('req.actions')}</h2>
      {problem && <ErrorMessage problem={problem} />}
      {done && <Notice>{done}</Notice>}
      <label>
        {t('req.reason')}
        <textarea value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="actions">
        {r.status === 'received' &&
          has('start_verification') &&
          button(t('act.start_verification'), async () =>
            ok(await api.POST('/api/requests/{id}/send-code', path)),
          )}
        {(has('verified') || has('start_verification')) &&
          button(
            t('act.verify_documents'),
            async () => ok(await api.POST('/api/requests/{id}/verify-documents', { ...path, body: why })),
            true,
          )}
        {has('fee_paid') &&
          button(t('act.fee_paid'), async () =>
            ok(await api.POST('/api/requests/{id}/fee-paid', { ...path, body: why })),
          )}
        {has('record_unpaid') &&
          button(t('act.record_unpaid'), async () =>
            ok(await api.POST('/api/requests/{id}/fee-unpaid', { ...path, body: why })),
          )}
        {has('approve') &&
          button(
            t('act.approve'),
            async () =>
              ok(
                await api.POST('/api/requests/{id}/approve', { ...path, body: { ...why, corrections: [] } }),
              ),
            true,
          )}
        {has('return_to_work') &&
          button(t('act.return_to_work'), async () =>
            ok(await api.POST('/api/requests/{id}/return', { ...path, body: why })),
          )}
        {r.extendable &&
          button(t('act.extend'), async () =>
            ok(await api.POST('/api/requests/{id}/extend', { ...path, body: { reason: reason.trim() } })),
          )}
        {has('withdraw') &&
          button(t('act.withdraw'), async () =>
            ok(await api.POST('/api/requests/{id}/withdraw', { ...path, body: why })),
          )}
        {r.assignee !== me.login &&
          r.urgency !== 'closed' &&
          button(t('req.take'), async () =>
            ok(await api.POST('/api/requests/{id}/assign', { ...path, body: { assignee: me.login } })),
          )}
        {r.assignee === me.login &&
          button(t('req.release'), async () =>
            ok(await api.POST('/api/requests/{id}/assign', { ...path, body: { assignee: null } })),
          )}
        {['completed', 'partially_refused', 'refused'].includes(r.status) && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(async () => {
                const link = ok(await api.POST('/api/requests/{id}/download', path));
                return t('req.linkCreated', {
                  expires: dateTime(link.expiresAt),
                  url: `${location.origin}/api/public/downloads/${link.token}`,
                });
              })
            }
          >
            {t('req.createLink')}
          </button>
        )}
        {r.actions.length === 0 && r.urgency === 'closed' && <p>{t('req.noActions')}</p>}
      </div>
      {(r.status === 'received' || r.status === 'verifying') && <Knowledge r={r} onChanged={onChanged} />}
      {decisions.length > 0 && (
        <form
          className="stack"
          aria-labelledby="req-decide"
          onSubmit={(e) => {
            e.preventDefault();
            if (!outcome) return;
            void run(async () =>
              ok(
                await api.POST('/api/requests/{id}/decide', {
                  ...path,
                  body: { outcome, reason: reason.trim(), grounds: outcome === 'completed' ? [] : grounds },
                }),
              ),
            );
          }}
        >
          <h3 id="req-decide">{t('act.decide')}</h3>
          <fieldset>
            <legend>{t('req.outcome')}</legend>
            {decisions.map(([, o]) => (
              <label key={o} className="check">
                <input
                  type="radio"
                  name="outcome"
                  value={o}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />
                {t(`outcome.${o}`)}
              </label>
            ))}
          </fieldset>
          {outcome && outcome !== 'completed' && r.grounds.length > 0 && (
            <fieldset>
              <legend>{t('req.grounds')}</legend>
              {r.grounds.map((g) => (
                <label key={g.id} className="check">
                  <input
                    type="checkbox"
                    checked={grounds.includes(g.id)}
                    onChange={(e) =>
                      setGrounds((old) => (e.target.checked ? [...old, g.id] : old.filter((x) => x !== g.id)))
                    }
                  />
                  {g.text[lang]}
                </label>
              ))}
            </fieldset>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !outcome}>
              {t('act.decide')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
