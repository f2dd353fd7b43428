import { type FormEvent, useState } from 'react';
import type { ApiProblem } from '../api/client';
import { api, ok } from '../api/client';
import { DataTable, ErrorMessage, Notice, Show, toProblem, useLoad } from '../components/common';
import { type MessageKey, useI18n } from '../i18n/i18n';

interface Filters {
  action: string;
  actorId: string;
  objectType: string;
  objectId: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { action: '', actorId: '', objectType: '', objectId: '', from: '', to: '' };

type AuditEvent = Awaited<ReturnType<typeof loadPage>>['events'][number];
type Verification = {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstProblem: { seq: number; kind: string; message: string } | null;
};

/** A datetime-local value is Tokyo wall time; the API wants an instant. */
const tokyoInstant = (local: string) => (local ? new Date(`${local}:00+09:00`).toISOString() : undefined);

async function loadPage(filters: Filters, before?: number) {
  const query = {
    ...(filters.action && { action: filters.action }),
    ...(filters.actorId && { actorId: filters.actorId }),
    ...(filters.objectType && { objectType: filters.objectType }),
    ...(filters.objectId && { objectId: filters.objectId }),
    ...(filters.from && { from: tokyoInstant(filters.from) }),
    ...(filters.to && { to: tokyoInstant(filters.to) }),
    ...(before !== undefined && { before }),
    limit: 50,
  };
  return ok(await api.GET('/api/audit/events', { params: { query } }));
}

export default function Audit() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [more, setMore] = useState<{ events: AuditEvent[]; next: number | null }>({ events: [], next: null });
  const loaded = useLoad(async () => {
    const page = await loadPage(filters);
    setMore({ events: [], next: page.next });
    return page;
  }, [filters]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const loadMore = async () => {
    if (more.next === null) return;
    const page = await loadPage(filters, more.next);
    setMore((m) => ({ events: [...m.events, ...page.events], next: page.next }));
  };
  const field = (key: keyof Filters, label: MessageKey, type = 'text') => (
    <label>
      {t(label)}
      <input type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );

  return (
    <>
      <h1>{t('page.audit')}</h1>
      <VerifyChain />
      <p>
        <a className="button" href="/api/audit/export" download>
          {t('audit.export')}
        </a>
      </p>
      <form className="filters" onSubmit={submit} aria-label={t('audit.filters')}>
        {field('action', 'audit.action')}
        {field('actorId', 'audit.actor')}
        {field('objectType', 'audit.objectType')}
        {field('objectId', 'audit.objectId')}
        {field('from', 'audit.from', 'datetime-local')}
        {field('to', 'audit.to', 'datetime-local')}
        <div className="actions">
          <button type="submit" className="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            {t('clear')}
          </button>
        </div>
      </form>
      <Show loaded={loaded}>
        {(page) => (
          <>
            <EventTable events={[...page.events, ...more.events]} />
            {more.next !== null && (
              <button type="button" onClick={() => void loadMore()}>
                {t('loadMore')}
              </button>
            )}
          </>
        )}
      </Show>
    </>
  );
}

function EventTable({ events }: { events: AuditEvent[] }) {
  const { t, dateTime } = useI18n();
  if (events.length === 0) return <p>{t('audit.none')}</p>;
  return (
    <DataTable
      caption={t('audit.events')}
      headers={[
        t('audit.seq'),
        t('audit.at'),
        t('audit.who'),
        t('audit.action'),
        t('audit.object'),
        t('audit.details'),
      ]}
    >
      {events.map((e) => (
        <tr key={e.seq}>
          <td>{e.seq}</td>
          <td>{dateTime(e.at)}</td>
          <td>{e.actorLabel ?? e.actorId ?? e.actorType}</td>
          <td>
            <code>{e.action}</code>
          </td>
          <td>{[e.objectType, e.objectId].filter(Boolean).join(' / ') || '—'}</td>
          <td>
            <code className="details">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function VerifyChain() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification>();
  const [problem, setProblem] = useState<ApiProblem>();
  const verify = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setResult(ok(await api.POST('/api/audit/verify')));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const broken = result?.firstProblem;
  return (
    <section aria-labelledby="verify-heading" className="card">
      <h2 id="verify-heading">{t('audit.verify')}</h2>
      <button type="button" className="primary" onClick={() => void verify()} disabled={busy}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {result && !broken && (
          <Notice>{t('audit.verifyOk', { checked: result.checked, head: result.headSeq })}</Notice>
        )}
        {broken && (
          <div className="alert error" role="alert">
            {t('audit.verifyBroken', {
              seq: broken.seq,
              message: `${t(`audit.problem.${broken.kind}` as MessageKey)} (${broken.message})`,
            })}
          </div>
        )}
      </div>
    </section>
  );
}
