import { type FormEvent, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { DataTable, ErrorMessage, Notice, Show, textOf, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { periodText } from './period';

type Kind = 'collection' | 'system' | 'person';
const REASONS = ['litigation', 'tax', 'labour', 'contract', 'regulator', 'other'] as const;
type Reason = (typeof REASONS)[number];

function scopeText(scope: { kind: string; [k: string]: unknown }): string {
  if (scope.kind === 'person') return `${String(scope.identity)}: ***`;
  return String(scope.kind === 'system' ? scope.system : scope.collection);
}

/** Holds in force: list, place (officers), release with a reason that goes to the audit log. */
export default function Holds({ writer, onChange }: { writer: boolean; onChange(): void }) {
  const { t, lang, dateTime } = useI18n();
  const holds = useLoad(async () => ok(await api.GET('/api/retention/holds')), []);
  const statutes = useLoad(async () => ok(await api.GET('/api/retention/statutes')), []);
  const [problem, setProblem] = useState<ApiProblem>();
  // A key, not a string: the notice follows a change of language.
  const [done, setDone] = useState<{ key: MessageKey; params?: Record<string, string | number> }>();
  const [kind, setKind] = useState<Kind>('collection');
  const [target, setTarget] = useState('');
  const [identity, setIdentity] = useState('email');
  const [reason, setReason] = useState<Reason>('litigation');
  const [statute, setStatute] = useState('');
  const [note, setNote] = useState('');
  const [releaseReasons, setReleaseReasons] = useState<Record<string, string>>({});

  const changed = (message: { key: MessageKey }) => {
    setDone(message);
    holds.reload();
    onChange();
  };
  const place = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setDone(undefined);
    const scope =
      kind === 'person'
        ? { kind, identity, value: target }
        : kind === 'system'
          ? { kind, system: target }
          : { kind, collection: target };
    const result = await api.POST('/api/retention/holds', {
      body: { scope, reason, ...(statute && { statute }), ...(note && { note }) },
    });
    if (result.error || !result.response.ok) return setProblem(problemOf(result.error, result.response));
    setTarget('');
    setNote('');
    changed({ key: 'ret.placed' });
  };
  const release = async (e: FormEvent, id: string) => {
    e.preventDefault();
    setProblem(undefined);
    setDone(undefined);
    const result = await api.POST('/api/retention/holds/{id}/release', {
      params: { path: { id } },
      body: { reason: releaseReasons[id] ?? '' },
    });
    if (result.error || !result.response.ok) return setProblem(problemOf(result.error, result.response));
    changed({ key: 'ret.released' });
  };

  return (
    <section aria-labelledby="ret-holds">
      <h2 id="ret-holds">{t('ret.holds')}</h2>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{t(done.key, done.params)}</Notice>}
      </div>
      <Show loaded={holds}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('ret.holdsNone')}</p>
          ) : (
            <DataTable
              headers={[
                t('ret.scope'),
                t('ret.reason'),
                t('ret.statute'),
                t('ret.period'),
                t('ret.placedAt'),
                ...(writer ? [t('ret.release')] : []),
              ]}
            >
              {list.map((h) => (
                <tr key={h.id} data-hold={h.id}>
                  <td>
                    {t(`scope.${h.scope.kind}` as MessageKey)}: {scopeText(h.scope)}
                  </td>
                  <td>{t(`reason.${h.reason}` as MessageKey)}</td>
                  <td>{textOf(h.citation, lang) ?? '—'}</td>
                  <td>{periodText(h.period, lang) ?? t('ret.untilReleased')}</td>
                  <td>{dateTime(h.createdAt)}</td>
                  {writer && (
                    <td>
                      <form
                        className="inline"
                        aria-label={t('ret.releaseHold', { id: h.id.slice(0, 8) })}
                        onSubmit={(e) => void release(e, h.id)}
                      >
                        <label>
                          {t('ret.releaseReason')}
                          <input
                            required
                            value={releaseReasons[h.id] ?? ''}
                            onChange={(e) => setReleaseReasons({ ...releaseReasons, [h.id]: e.target.value })}
                          />
                        </label>
                        <button type="submit">{t('ret.release')}</button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      {writer && (
        <form className="card stack" aria-label={t('ret.placeHold')} onSubmit={(e) => void place(e)}>
          <h3>{t('ret.placeHold')}</h3>
          <label>
            {t('ret.scopeKind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {(['collection', 'system', 'person'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`scope.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {kind === 'person' && (
            <label>
              {t('ret.identity')}
              <input required value={identity} onChange={(e) => setIdentity(e.target.value)} />
            </label>
          )}
          <label>
            {kind === 'person' ? t('ret.personValue') : t('ret.scopeValue')}
            <input required value={target} onChange={(e) => setTarget(e.target.value)} />
          </label>
          <label>
            {t('ret.reason')}
            <select value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('ret.statute')}
            <select value={statute} onChange={(e) => setStatute(e.target.value)}>
              <option value="">{t('ret.statuteNone')}</option>
              {statutes.state === 'ready' &&
                statutes.data.map((s) => (
                  <option key={s.key} value={s.key}>
                    {textOf(s.records, lang)} — {periodText(s.period, lang)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('ret.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('ret.placeHold')}
          </button>
        </form>
      )}
    </section>
  );
}
