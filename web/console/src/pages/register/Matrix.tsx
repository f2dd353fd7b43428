import { useMemo, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorMessage, Show, textOf, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { linkTo } from '../../router';
import { loadTaxonomy } from './EntityEditor';

type PurposeDoc = paths['/api/register/purposes/{key}']['put']['requestBody']['content']['application/json'];
type Entry = { key: string; doc: Record<string, unknown> };

/**
 * 利用目的 × 取得項目 for each 個人情報の類型: which items each purpose uses, for the subject types it covers.
 * Ticking a cell saves the purpose at once (a new version in its history), so the matrix is the register.
 */
export function Matrix({ writable, onSaved }: { writable: boolean; onSaved(): void }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(async () => {
    const [purposes, items, subjects, taxonomy] = await Promise.all([
      api.GET('/api/register/purposes').then(ok),
      api.GET('/api/register/data-items').then(ok),
      api.GET('/api/register/subject-types').then(ok),
      loadTaxonomy(),
    ]);
    return {
      purposes: purposes as unknown as { key: string; doc: PurposeDoc }[],
      items: items as Entry[],
      subjects: subjects as Entry[],
      classes: new Map(taxonomy.map((c) => [c.key, c.appiClass])),
    };
  }, []);
  const [subject, setSubject] = useState('');
  /** Items per purpose as last saved here: a tick shows at once and is taken back if the API refuses it. */
  const [saved, setSaved] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [status, setStatus] = useState('');

  const toggle = async (purpose: PurposeDoc, item: string, on: boolean) => {
    const before = saved[purpose.key] ?? purpose.items;
    const items = on ? [...before.filter((i) => i !== item), item] : before.filter((i) => i !== item);
    setSaved((s) => ({ ...s, [purpose.key]: items }));
    setBusy(`${purpose.key}/${item}`);
    setProblem(undefined);
    const result = await api.PUT('/api/register/purposes/{key}', {
      params: { path: { key: purpose.key } },
      body: { ...purpose, items },
    });
    setBusy(undefined);
    if (result.error !== undefined || !result.response.ok) {
      setSaved((s) => ({ ...s, [purpose.key]: before }));
      setProblem(problemOf(result.error, result.response));
      return;
    }
    setStatus(t(on ? 'reg.matrix.added' : 'reg.matrix.removed', { item, purpose: purpose.key }));
    onSaved();
  };

  return (
    <section aria-labelledby="matrix-title" className="matrix">
      <h2 id="matrix-title">{t('reg.matrix.title')}</h2>
      <p className="hint">{t('reg.matrix.hint')}</p>
      {problem && <ErrorMessage problem={problem} />}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
      <Show loaded={loaded}>
        {({ purposes, items, subjects, classes }) => (
          <MatrixTable
            purposes={purposes
              .filter((p) => !subject || p.doc.subjectTypes.includes(subject))
              .map((p) => ({ key: p.key, doc: { ...p.doc, items: saved[p.key] ?? p.doc.items } }))}
            items={items}
            subjects={subjects}
            classes={classes}
            subject={subject}
            onSubject={setSubject}
            writable={writable}
            busy={busy}
            lang={lang}
            onToggle={toggle}
          />
        )}
      </Show>
    </section>
  );
}

function MatrixTable(props: {
  purposes: { key: string; doc: PurposeDoc }[];
  items: Entry[];
  subjects: Entry[];
  classes: Map<string, string>;
  subject: string;
  onSubject(s: string): void;
  writable: boolean;
  busy: string | undefined;
  lang: 'ja' | 'en';
  onToggle(purpose: PurposeDoc, item: string, on: boolean): void;
}) {
  const { t } = useI18n();
  const { purposes, items, subjects, classes, lang } = props;
  const subjectName = useMemo(
    () => new Map(subjects.map((s) => [s.key, textOf(s.doc.name, lang) ?? s.key])),
    [subjects, lang],
  );
  return (
    <>
      <label>
        {t('reg.matrix.subject')}{' '}
        <select value={props.subject} onChange={(e) => props.onSubject(e.target.value)}>
          <option value="">{t('reg.matrix.allSubjects')}</option>
          {subjects.map((s) => (
            <option key={s.key} value={s.key}>
              {subjectName.get(s.key)}
            </option>
          ))}
        </select>
      </label>
      {purposes.length === 0 ? (
        <p>{t('reg.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="matrix-table">
            <caption className="sr-only">{t('reg.matrix.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reg.matrix.item')}</th>
                {purposes.map((p) => (
                  <th scope="col" key={p.key}>
                    <a
                      {...linkTo(`register/purposes/${encodeURIComponent(p.key)}`)}
                      title={textOf(p.doc.description, lang)}
                    >
                      {p.key}
                    </a>
                    <small>{p.doc.subjectTypes.map((s) => subjectName.get(s) ?? s).join('・')}</small>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const category = String(item.doc.category ?? '');
                const appi = classes.get(category);
                const name = textOf(item.doc.name, lang) ?? item.key;
                return (
                  <tr key={item.key}>
                    <th scope="row">
                      {name} <code>{item.key}</code>
                      {appi && appi !== 'personal' && (
                        <span className={`badge appi-${appi}`}>
                          {t(`reg.appiClass.${appi}` as 'reg.appiClass.sensitive')}
                        </span>
                      )}
                    </th>
                    {purposes.map((p) => {
                      const on = p.doc.items.includes(item.key);
                      const label = t('reg.matrix.cell', { item: name, purpose: p.key });
                      return (
                        <td key={p.key} className={on ? 'on' : undefined}>
                          {props.writable ? (
                            <input
                              type="checkbox"
                              aria-label={label}
                              checked={on}
                              disabled={props.busy !== undefined}
                              onChange={(e) => props.onToggle(p.doc, item.key, e.target.checked)}
                            />
                          ) : (
                            <>
                              <span aria-hidden="true">{on ? '●' : ''}</span>
                              {on && <span className="sr-only">{label}</span>}
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
