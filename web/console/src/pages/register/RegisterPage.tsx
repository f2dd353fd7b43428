import { useMemo } from 'react';
import { api, ok } from '../../api/client';
import { canWrite } from '../../capabilities';
import { Show, textOf, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { linkTo, navigate } from '../../router';
import { useMe } from '../../session';
import { EntityDetail } from './EntityDetail';
import { EntityEditor } from './EntityEditor';
import { type Finding, FindingList } from './Findings';
import { ImportExport } from './ImportExport';
import { Matrix } from './Matrix';
import {
  COLLECTIONS,
  type Collection,
  isSection,
  isSingleton,
  SECTION_LABELS,
  SECTION_ORDER,
} from './sections';

export default function RegisterPage({ path }: { path: string[] }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const writable = canWrite(me.roles, 'register');
  const matrix = path[0] === 'matrix';
  const section = isSection(path[0]) ? path[0] : 'purposes';
  const key = path[1];
  /** `register/<section>/~new` adds an entry (`~` never appears in a key). */
  const creating = key === NEW;
  const findings = useLoad(async () => ok(await api.GET('/api/register/findings')), []);
  const all: Finding[] = findings.state === 'ready' ? findings.data : [];
  const bySection = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of all) counts.set(f.entity, (counts.get(f.entity) ?? 0) + 1);
    return counts;
  }, [all]);

  return (
    <>
      <h1>{t('page.register')}</h1>
      <ImportExport writable={writable} onImported={findings.reload} />
      <div className="register">
        <nav aria-label={t('reg.sections')} className="sections">
          <ul>
            <li>
              <a {...linkTo('register/matrix')} aria-current={matrix ? 'page' : undefined}>
                {t('reg.matrix.nav')}
              </a>
            </li>
            {SECTION_ORDER.map((s) => (
              <li key={s}>
                <a {...linkTo(`register/${s}`)} aria-current={s === section && !matrix ? 'page' : undefined}>
                  {SECTION_LABELS[s][lang]}
                  {(bySection.get(s) ?? 0) > 0 && (
                    <span className="count" title={t('reg.findingsCount', { n: bySection.get(s) ?? 0 })}>
                      <span className="sr-only">{t('reg.findingsCount', { n: bySection.get(s) ?? 0 })}</span>
                      <span aria-hidden="true">{bySection.get(s)}</span>
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="section-body">
          {matrix ? (
            <Matrix writable={writable} onSaved={findings.reload} />
          ) : isSingleton(section) ? (
            <EntityDetail
              key={section}
              section={section}
              entityKey={section}
              writable={writable}
              findings={all.filter((f) => f.entity === section)}
              onSaved={findings.reload}
            />
          ) : (
            <div className="master-detail">
              <EntityList
                section={section}
                selected={key}
                writable={writable}
                findings={all.filter((f) => f.entity === section)}
                findingsVersion={findings.state === 'ready' ? findings.data : null}
              />
              {creating ? (
                <section className="entity-detail" aria-label={t('reg.form.newTitle')}>
                  <EntityEditor
                    key={`${section}/new`}
                    section={section}
                    doc={undefined}
                    onCancel={() => navigate(`register/${section}`)}
                    onSaved={(created) => {
                      findings.reload();
                      navigate(`register/${section}/${encodeURIComponent(created)}`);
                    }}
                  />
                </section>
              ) : key ? (
                <EntityDetail
                  key={`${section}/${key}`}
                  section={section}
                  entityKey={key}
                  writable={writable}
                  findings={all.filter((f) => f.entity === section && f.key === key)}
                  onSaved={findings.reload}
                  onDeleted={() => {
                    findings.reload();
                    navigate(`register/${section}`);
                  }}
                />
              ) : (
                <p className="hint">{t('reg.selectEntity')}</p>
              )}
            </div>
          )}
          {findings.state === 'ready' && (
            <details className="all-findings">
              <summary>
                {t('reg.allFindings')} ({all.length})
              </summary>
              <FindingList findings={all} showEntity />
            </details>
          )}
        </div>
      </div>
    </>
  );
}

const NEW = '~new';

function EntityList({
  section,
  selected,
  writable,
  findings,
  findingsVersion,
}: {
  section: Collection;
  selected: string | undefined;
  writable: boolean;
  findings: Finding[];
  findingsVersion: unknown;
}) {
  const { t, lang } = useI18n();
  const list = useLoad(async () => ok(await api.GET(COLLECTIONS[section])), [section, findingsVersion]);
  const heading = t('reg.entities', { section: SECTION_LABELS[section][lang] });
  return (
    <section className="entity-list" aria-labelledby="entity-list-heading">
      <h2 id="entity-list-heading">{heading}</h2>
      {writable && (
        <a className="button" {...linkTo(`register/${section}/${NEW}`)}>
          {t('reg.form.new')}
        </a>
      )}
      <Show loaded={list}>
        {(entries) =>
          entries.length === 0 ? (
            <p>{t('reg.empty')}</p>
          ) : (
            <ul>
              {(entries as { key: string; doc: Record<string, unknown> }[]).map((entry) => {
                const own = findings.filter((f) => f.key === entry.key);
                const label = textOf(entry.doc.name ?? entry.doc.description ?? entry.doc.title, lang);
                return (
                  <li key={entry.key} className={entry.key === selected ? 'selected' : undefined}>
                    <a
                      {...linkTo(`register/${section}/${encodeURIComponent(entry.key)}`)}
                      aria-current={entry.key === selected ? 'true' : undefined}
                    >
                      <code>{entry.key}</code>
                      {label && <span className="label">{label}</span>}
                    </a>
                    {own.length > 0 && <FindingList findings={own} compact />}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Show>
    </section>
  );
}
