import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { ErrorMessage, Show, textOf, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { save } from './entity.api';
import type { JsonSchema } from './jsonSchema';
import { emptyValue } from './jsonSchema';
import { type Choice, type FormContext, SchemaForm } from './SchemaForm';
import { COLLECTIONS, type Collection, isSingleton, type Section, SINGLETONS } from './sections';
import type { TaxonomyEntry } from './TaxonomyPicker';

const DatasetYamlEditor = lazy(() => import('./DatasetYamlEditor'));

export type Forms = {
  sections: {
    section: string;
    singleton: boolean;
    schema: Record<string, unknown>;
    references: Record<string, string>;
  }[];
  labels: Record<string, { ja: string; en: string }>;
  values: Record<string, Record<string, Record<string, { ja: string; en: string }>>>;
};

let formsOnce: Promise<Forms> | undefined;
let taxonomyOnce: Promise<TaxonomyEntry[]> | undefined;
/** The forms never change while the console runs; the taxonomy only when custom categories change. */
export const loadForms = () => {
  formsOnce ??= api.GET('/api/register/forms').then(ok);
  return formsOnce;
};
export function loadTaxonomy(fresh = false): Promise<TaxonomyEntry[]> {
  if (fresh || !taxonomyOnce) taxonomyOnce = api.GET('/api/register/taxonomy').then(ok);
  return taxonomyOnce;
}

async function loadChoices(references: Record<string, string>, lang: 'ja' | 'en') {
  const targets = new Set(Object.values(references));
  const choices: Record<string, Choice[]> = {};
  const jobs: Promise<void>[] = [];
  for (const target of targets) {
    if (target in COLLECTIONS) {
      jobs.push(
        api.GET(COLLECTIONS[target as Collection]).then((res) => {
          choices[target] = ((res.data ?? []) as { key: string; doc: Record<string, unknown> }[]).map(
            (e) => ({
              key: e.key,
              label: textOf(e.doc.name ?? e.doc.description ?? e.doc.title, lang) ?? e.key,
            }),
          );
        }),
      );
    }
  }
  if (targets.has('desks') || targets.has('entities')) {
    jobs.push(
      api.GET(SINGLETONS.organisation).then((res) => {
        const doc = (res.data?.doc ?? {}) as {
          desks?: { key: string; name?: unknown }[];
          entities?: { key: string; name?: unknown }[];
        };
        for (const list of ['desks', 'entities'] as const) {
          choices[list] = (doc[list] ?? []).map((d) => ({
            key: d.key,
            label: textOf(d.name, lang) ?? d.key,
          }));
        }
      }),
    );
  }
  await Promise.all(jobs);
  return choices;
}

/** Edits (or, with no `doc`, creates) one entry of any section; the API's validation messages land on the fields. */
export function EntityEditor({
  section,
  doc,
  onSaved,
  onCancel,
}: {
  section: Section;
  doc: Record<string, unknown> | undefined;
  onSaved(key: string): void;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const loaded = useLoad(async () => {
    const forms = await loadForms();
    const form = forms.sections.find((s) => s.section === section);
    if (!form) throw new Error(`no form for ${section}`);
    const [choices, taxonomy] = await Promise.all([loadChoices(form.references, lang), loadTaxonomy()]);
    return { form, labels: forms.labels, values: forms.values[section] ?? {}, choices, taxonomy };
  }, [section, lang]);

  if (section === 'datasets') {
    return (
      <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
        <DatasetYamlEditor doc={doc} onSaved={onSaved} onCancel={onCancel} />
      </Suspense>
    );
  }
  return (
    <Show loaded={loaded}>
      {({ form, labels, values, choices, taxonomy }) => (
        <Editor
          id={id}
          section={section}
          initial={
            doc ??
            (emptyValue(form.schema as JsonSchema, form.schema as JsonSchema) as Record<string, unknown>)
          }
          isNew={doc === undefined}
          context={{
            root: form.schema as JsonSchema,
            labels,
            values,
            references: form.references,
            choices,
            taxonomy,
            problem: undefined,
            locked: new Set(doc && !isSingleton(section) ? ['key'] : []),
          }}
          onSaved={onSaved}
          onCancel={onCancel}
          title={doc ? t('reg.form.editTitle') : t('reg.form.newTitle')}
        />
      )}
    </Show>
  );
}

function Editor({
  id,
  section,
  initial,
  isNew,
  context,
  title,
  onSaved,
  onCancel,
}: {
  id: string;
  section: Section;
  initial: Record<string, unknown>;
  isNew: boolean;
  context: FormContext;
  title: string;
  onSaved(key: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<unknown>(initial);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const result = await save(section, isNew, initial, draft);
    setBusy(false);
    if (result.error !== undefined || !result.response.ok)
      setProblem(problemOf(result.error, result.response));
    else onSaved(isSingleton(section) ? section : String((draft as { key?: unknown }).key));
  };
  return (
    <form className="entity-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {problem && <ErrorMessage problem={problem} />}
      <SchemaForm context={{ ...context, problem }} value={draft} onChange={setDraft} />
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
