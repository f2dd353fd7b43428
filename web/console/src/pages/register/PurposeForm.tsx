import { type FormEvent, useId, useMemo, useState } from 'react';
import { type ApiProblem, api, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorMessage, Show, textOf, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

export type PurposeDoc =
  paths['/api/register/purposes/{key}']['put']['requestBody']['content']['application/json'];

const APPI_BASES = ['published-purpose', 'consent', 'legal-exception', 'entrusted'] as const;
const GDPR_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;

/** The API's validation issues name `body.<field path>`; each field shows the ones under its path. */
function issuesFor(problem: ApiProblem | undefined, field: string): string[] {
  if (!problem) return [];
  return problem.issues
    .filter((i) => {
      const path = i.path.replace(/^body\.?/, '');
      return path === field || path.startsWith(`${field}.`);
    })
    .map((i) => i.message);
}

function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="field-error">
      {messages.join(' ')}
    </span>
  );
}

export function PurposeForm({
  purpose,
  onSaved,
  onCancel,
}: {
  purpose: PurposeDoc;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<PurposeDoc>(purpose);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [itemFilter, setItemFilter] = useState('');
  const choices = useLoad(async () => {
    const [subjects, items] = await Promise.all([
      api.GET('/api/register/subject-types'),
      api.GET('/api/register/data-items'),
    ]);
    return { subjects: subjects.data ?? [], items: items.data ?? [] };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const result = await api.PUT('/api/register/purposes/{key}', {
      params: { path: { key: purpose.key } },
      body: draft,
    });
    setBusy(false);
    if (result.error || !result.response.ok) setProblem(problemOf(result.error, result.response));
    else onSaved();
  };

  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);
  const err = (field: string) => issuesFor(problem, field);
  const described = (field: string) => (err(field).length ? `${id}-${field}-error` : undefined);
  const filteredItems = useMemo(() => {
    if (choices.state !== 'ready') return [];
    const q = itemFilter.trim().toLowerCase();
    return choices.data.items.filter((item) => {
      if (!q) return true;
      const doc = item.doc as { name?: unknown; category?: string };
      return [item.key, textOf(doc.name, 'ja'), textOf(doc.name, 'en'), doc.category].some((s) =>
        s?.toLowerCase().includes(q),
      );
    });
  }, [choices, itemFilter]);

  return (
    <form className="purpose-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('reg.editPurpose')}: <code>{purpose.key}</code>
      </h3>
      {problem && <ErrorMessage problem={problem} />}
      {(['ja', 'en'] as const).map((l) => (
        <label key={l}>
          {t(l === 'ja' ? 'reg.descriptionJa' : 'reg.descriptionEn')}
          <textarea
            name={`description.${l}`}
            value={draft.description[l]}
            aria-invalid={err(`description.${l}`).length > 0}
            aria-describedby={described(`description.${l}`)}
            onChange={(e) =>
              setDraft({ ...draft, description: { ...draft.description, [l]: e.target.value } })
            }
          />
          <FieldErrors id={`${id}-description.${l}-error`} messages={err(`description.${l}`)} />
        </label>
      ))}
      <Show loaded={choices}>
        {({ subjects }) => (
          <fieldset aria-describedby={described('subjectTypes')}>
            <legend>{t('reg.subjectTypes')}</legend>
            {subjects.map((s) => (
              <label key={s.key} className="check">
                <input
                  type="checkbox"
                  name="subjectTypes"
                  value={s.key}
                  checked={draft.subjectTypes.includes(s.key)}
                  onChange={(e) =>
                    setDraft({ ...draft, subjectTypes: toggle(draft.subjectTypes, s.key, e.target.checked) })
                  }
                />
                {textOf((s.doc as { name?: unknown }).name, lang) ?? s.key} <code>{s.key}</code>
              </label>
            ))}
            <FieldErrors id={`${id}-subjectTypes-error`} messages={err('subjectTypes')} />
          </fieldset>
        )}
      </Show>
      <fieldset aria-describedby={described('items')}>
        <legend>{t('reg.items')}</legend>
        <label>
          {t('reg.itemSearch')}
          <input type="search" value={itemFilter} onChange={(e) => setItemFilter(e.target.value)} />
        </label>
        <div className="picker">
          {filteredItems.map((item) => {
            const doc = item.doc as { name?: unknown; category?: string };
            return (
              <label key={item.key} className="check">
                <input
                  type="checkbox"
                  name="items"
                  value={item.key}
                  checked={draft.items.includes(item.key)}
                  onChange={(e) =>
                    setDraft({ ...draft, items: toggle(draft.items, item.key, e.target.checked) })
                  }
                />
                {textOf(doc.name, lang) ?? item.key} <code>{doc.category}</code>
              </label>
            );
          })}
        </div>
        <FieldErrors id={`${id}-items-error`} messages={err('items')} />
      </fieldset>
      <label>
        {t('reg.holding')}
        <select
          value={draft.holding}
          onChange={(e) => setDraft({ ...draft, holding: e.target.value as PurposeDoc['holding'] })}
        >
          <option value="held">{t('reg.holding.held')}</option>
          <option value="entrusted">{t('reg.holding.entrusted')}</option>
        </select>
        <FieldErrors id={`${id}-holding-error`} messages={err('holding')} />
      </label>
      <label>
        {t('reg.appiBasis')}
        <select
          value={draft.bases.appi}
          onChange={(e) =>
            setDraft({
              ...draft,
              bases: { ...draft.bases, appi: e.target.value as PurposeDoc['bases']['appi'] },
            })
          }
        >
          {APPI_BASES.map((b) => (
            <option key={b} value={b}>
              {t(`reg.basis.${b}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldErrors id={`${id}-bases.appi-error`} messages={err('bases.appi')} />
      </label>
      <fieldset>
        <legend>{t('reg.gdprBases')}</legend>
        {GDPR_BASES.map((b) => (
          <label key={b} className="check">
            <input
              type="checkbox"
              checked={(draft.bases.gdpr ?? []).includes(b)}
              onChange={(e) => {
                const gdpr = toggle(
                  draft.bases.gdpr ?? [],
                  b,
                  e.target.checked,
                ) as (typeof GDPR_BASES)[number][];
                const { gdpr: _old, ...rest } = draft.bases;
                setDraft({ ...draft, bases: gdpr.length ? { ...rest, gdpr } : rest });
              }}
            />
            {t(`gdpr.${b}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
