import { useState } from 'react';
import type { ApiProblem } from '../../api/client';
import { api, ok } from '../../api/client';
import { ErrorMessage, Show, textOf, useLoad } from '../../components/common';
import { SideBySide } from '../../components/SideBySide';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { diffLines } from '../../lib/diff';
import { DatasetGraph } from './DatasetGraph';
import { EntityEditor, type Forms, loadForms } from './EntityEditor';
import { remove } from './entity.api';
import { type Finding, FindingList } from './Findings';
import { fixedValueWords, type JsonSchema } from './jsonSchema';
import { type PurposeDoc, PurposeForm } from './PurposeForm';
import { COLLECTIONS, isSingleton, SECTION_LABELS, type Section, SINGLETONS } from './sections';

type View = {
  key: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  doc: Record<string, unknown>;
};
type HistoryEntry = {
  version: number;
  change: string;
  via: string;
  changedAt: string;
  changedBy: string;
  doc?: unknown;
};

type Loaded = { view: View; history: HistoryEntry[]; forms: Forms };

async function loadEntity(section: Section, key: string): Promise<Loaded> {
  if (isSingleton(section)) {
    const url = SINGLETONS[section];
    const [view, history, forms] = await Promise.all([api.GET(url), api.GET(`${url}/history`), loadForms()]);
    return { view: ok(view) as View, history: ok(history) as HistoryEntry[], forms };
  }
  const url = `${COLLECTIONS[section]}/{key}` as const;
  const params = { params: { path: { key } } };
  const [view, history, forms] = await Promise.all([
    api.GET(url, params),
    api.GET(`${url}/history`, params),
    loadForms(),
  ]);
  return { view: ok(view) as View, history: ok(history) as HistoryEntry[], forms };
}

export function EntityDetail({
  section,
  entityKey,
  writable,
  findings,
  onSaved,
  onDeleted,
}: {
  section: Section;
  entityKey: string;
  writable: boolean;
  findings: Finding[];
  onSaved(): void;
  onDeleted?(): void;
}) {
  const { t, lang, dateTime } = useI18n();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const saved = () => {
    setEditing(false);
    loaded.reload();
    onSaved();
  };
  const del = async () => {
    if (isSingleton(section) || !confirm(t('reg.form.confirmDelete', { key: entityKey }))) return;
    const failed = await remove(section, entityKey);
    if (failed) setProblem(failed);
    else onDeleted?.();
  };
  const loaded = useLoad(() => loadEntity(section, entityKey), [section, entityKey]);
  const title = isSingleton(section) ? SECTION_LABELS[section][lang] : entityKey;
  return (
    <section className="entity-detail" aria-labelledby="entity-heading">
      <h2 id="entity-heading">
        {title}
        {!isSingleton(section) && <small> — {SECTION_LABELS[section][lang]}</small>}
      </h2>
      <div aria-live="polite">
        <FindingList findings={findings} />
      </div>
      <Show loaded={loaded}>
        {({ view, history, forms }) => (
          <>
            <p className="meta">
              {t('reg.version')} {view.version} · {dateTime(view.updatedAt)} · {view.updatedBy}
            </p>
            {problem && <ErrorMessage problem={problem} />}
            {writable && !editing && (
              <div className="actions">
                <button type="button" className="primary" onClick={() => setEditing(true)}>
                  {section === 'purposes' ? t('reg.editPurpose') : t('edit')}
                </button>
                {!isSingleton(section) && (
                  <button type="button" className="danger" onClick={del}>
                    {t('reg.form.delete')}
                  </button>
                )}
              </div>
            )}
            {section === 'purposes' && editing ? (
              <PurposeForm
                purpose={view.doc as unknown as PurposeDoc}
                onCancel={() => setEditing(false)}
                onSaved={saved}
              />
            ) : editing ? (
              <EntityEditor
                section={section}
                doc={view.doc}
                onCancel={() => setEditing(false)}
                onSaved={saved}
              />
            ) : section === 'datasets' ? (
              <>
                <DatasetGraph focus={entityKey} />
                <details>
                  <summary>{t('reg.details')}</summary>
                  <DocView doc={view.doc} lang={lang} forms={forms} section={section} />
                </details>
              </>
            ) : (
              <DocView doc={view.doc} lang={lang} forms={forms} section={section} />
            )}
            <History entries={history} />
          </>
        )}
      </Show>
    </section>
  );
}

/** The document in the reader's words: field labels of the 台帳, fixed values in words, keys as they are. */
function DocView({
  doc,
  lang,
  forms,
  section,
}: {
  doc: Record<string, unknown>;
  lang: 'ja' | 'en';
  forms: Forms;
  section: Section;
}) {
  const { t } = useI18n();
  const root = forms.sections.find((s) => s.section === section)?.schema as JsonSchema | undefined;
  return (
    <dl className="doc" aria-label={t('reg.details')}>
      {Object.entries(doc).map(([name, value]) => (
        <div key={name}>
          <dt>
            {forms.labels[name]?.[lang] ?? name} <code>{name}</code>
          </dt>
          <dd>
            {(root &&
              fixedValueWords(
                value,
                root.properties?.[name],
                root,
                forms.values[section]?.[name] ?? {},
                lang,
              )) ??
              render(value, lang)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function render(value: unknown, lang: 'ja' | 'en'): string {
  const text = textOf(value, lang);
  if (text !== undefined) return text;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value, null, 1);
  return String(value);
}

function History({ entries }: { entries: HistoryEntry[] }) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState<number>();
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">{t('reg.history')}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reg.version')}</th>
              <th scope="col">{t('reg.change')}</th>
              <th scope="col">{t('reg.changedAt')}</th>
              <th scope="col">{t('reg.changedBy')}</th>
              <th scope="col">{t('reg.via')}</th>
              <th scope="col">
                <span className="sr-only">{t('reg.showDiff')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => {
              const previous = entries[i + 1];
              return (
                <tr key={entry.version}>
                  <td>{entry.version}</td>
                  <td>{t(`reg.change.${entry.change}` as MessageKey)}</td>
                  <td>{dateTime(entry.changedAt)}</td>
                  <td>{entry.changedBy}</td>
                  <td>{t(`reg.via.${entry.via}` as MessageKey)}</td>
                  <td>
                    {previous && (
                      <button
                        type="button"
                        className="link"
                        aria-expanded={open === entry.version}
                        onClick={() => setOpen(open === entry.version ? undefined : entry.version)}
                      >
                        {t('reg.showDiff')} ({previous.version} → {entry.version})
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {open !== undefined && <VersionDiff entries={entries} version={open} />}
    </section>
  );
}

function VersionDiff({ entries, version }: { entries: HistoryEntry[]; version: number }) {
  const { t } = useI18n();
  const index = entries.findIndex((e) => e.version === version);
  const after = entries[index];
  const before = entries[index + 1];
  const json = (doc: unknown) => (doc === undefined || doc === null ? '' : JSON.stringify(doc, null, 2));
  return (
    <SideBySide
      caption={`${t('reg.showDiff')} (${before?.version} → ${after?.version})`}
      lines={diffLines(json(before?.doc), json(after?.doc))}
    />
  );
}
