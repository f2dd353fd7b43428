import { type FormEvent, useId, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';

/** Endpoints with delivery counts; add one (secret shown once), stop/resume, see and retry deliveries. */
export default function Webhooks() {
  const { t, dateTime, number } = useI18n();
  const id = useId();
  const hooks = useLoad(async () => ok(await api.GET('/api/consent/webhooks')), []);
  const [problem, setProblem] = useState<ApiProblem>();
  const [secret, setSecret] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [form, setForm] = useState({ url: '', purposes: '', description: '' });
  const act = async (call: () => Promise<{ error?: unknown; response: Response }>) => {
    setProblem(undefined);
    const r = await call();
    if (r.error !== undefined || !r.response.ok) {
      setProblem(problemOf(r.error, r.response));
      return false;
    }
    hooks.reload();
    return true;
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setSecret(undefined);
    const purposes = form.purposes
      .split(/[,、\s]+/)
      .map((p) => p.trim())
      .filter(Boolean);
    const r = await api.POST('/api/consent/webhooks', {
      body: { url: form.url, purposes, ...(form.description && { description: form.description }) },
    });
    if (!r.data) return setProblem(problemOf(r.error, r.response));
    setProblem(undefined);
    setSecret(r.data.secret);
    setForm({ url: '', purposes: '', description: '' });
    hooks.reload();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('consent.webhooks')}</h2>
      <p>{t('consent.webhooksHint')}</p>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {secret && (
          <Notice>
            {t('consent.secretOnce')} <code>{secret}</code>
          </Notice>
        )}
      </div>
      <Show loaded={hooks}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('consent.noWebhooks')}</p>
          ) : (
            <DataTable
              headers={[
                t('consent.url'),
                t('consent.purpose'),
                t('consent.status'),
                t('consent.pending'),
                t('consent.delivered'),
                t('consent.dead'),
                t('consent.lastError'),
              ]}
            >
              {list.map((h) => (
                <tr key={h.id}>
                  <td>
                    <code>{h.url}</code>
                    {h.description && <div>{h.description}</div>}
                    <button
                      type="button"
                      className="link"
                      onClick={() => setOpen(open === h.id ? undefined : h.id)}
                    >
                      {t('consent.deliveries')}
                      <span className="sr-only"> ({h.url})</span>
                    </button>
                  </td>
                  <td>{h.purposes.length ? h.purposes.join(', ') : t('consent.allPurposes')}</td>
                  <td>
                    {h.active ? t('consent.active') : t('consent.inactive')}{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void act(() =>
                          api.PATCH('/api/consent/webhooks/{id}', {
                            params: { path: { id: h.id } },
                            body: { active: !h.active },
                          }),
                        )
                      }
                    >
                      {h.active ? t('consent.disable') : t('consent.enable')}
                      <span className="sr-only"> ({h.url})</span>
                    </button>
                  </td>
                  <td className="num">{number(h.pending)}</td>
                  <td className="num">
                    {number(h.delivered)}
                    {h.lastDeliveredAt && <div>{dateTime(h.lastDeliveredAt)}</div>}
                  </td>
                  <td className="num">
                    {h.dead > 0 ? <span className="badge alert">{number(h.dead)}</span> : 0}
                  </td>
                  <td>{h.lastError ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      {open && <Deliveries webhookId={open} onRetried={hooks.reload} />}
      <form className="card stack" onSubmit={create} aria-label={t('consent.addWebhook')}>
        <h3>{t('consent.addWebhook')}</h3>
        <label>
          {t('consent.url')}
          <input
            type="url"
            required
            value={form.url}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
        </label>
        <label>
          {t('consent.purposesFilter')}
          <input value={form.purposes} onChange={(e) => setForm({ ...form, purposes: e.target.value })} />
        </label>
        <label>
          {t('consent.description')}
          <input
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </label>
        <button type="submit" className="primary">
          {t('consent.addWebhook')}
        </button>
      </form>
    </section>
  );
}

function Deliveries({ webhookId, onRetried }: { webhookId: string; onRetried(): void }) {
  const { t, dateTime } = useI18n();
  const rows = useLoad(
    async () =>
      ok(
        await api.GET('/api/consent/webhooks/{id}/deliveries', {
          params: { path: { id: webhookId }, query: {} },
        }),
      ),
    [webhookId],
  );
  const retry = async (eventId: string) => {
    await api.POST('/api/consent/webhooks/{id}/deliveries/{eventId}/retry', {
      params: { path: { id: webhookId, eventId } },
    });
    rows.reload();
    onRetried();
  };
  return (
    <Show loaded={rows}>
      {(list) => (
        <DataTable
          caption={t('consent.deliveries')}
          headers={[
            t('consent.when'),
            'id',
            t('consent.status'),
            t('consent.attempts'),
            t('consent.lastError'),
          ]}
        >
          {list.map((d) => (
            <tr key={d.eventId}>
              <td>{dateTime(d.eventAt)}</td>
              <td>
                <code>{d.eventId}</code>
              </td>
              <td>
                {t(`consent.${d.status}`)}
                {d.status === 'dead' && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => void retry(d.eventId)}>
                      {t('consent.retry')}
                    </button>
                  </>
                )}
              </td>
              <td className="num">{d.attempts}</td>
              <td>{d.lastError ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Show>
  );
}
