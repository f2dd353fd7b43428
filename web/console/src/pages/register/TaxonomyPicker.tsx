import { useId, useMemo, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { searchTaxonomy, type TaxonomyEntry } from './taxonomy.search';

export type { TaxonomyEntry };

const SHOWN = 40;

/**
 * Picks data categories from the whole taxonomy (fideslang, Mamori's, the register's own) by searching keys
 * and Japanese or English names. Each hit shows where it sits (its parent chain) and its APPI class, so
 * 要配慮個人情報 and 個人番号 are never chosen by accident.
 */
export function TaxonomyPicker({
  label,
  entries,
  selected,
  multiple,
  onChange,
}: {
  label: string;
  entries: readonly TaxonomyEntry[];
  selected: readonly string[];
  multiple: boolean;
  onChange(keys: string[]): void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const byKey = useMemo(() => new Map(entries.map((e) => [e.key, e])), [entries]);
  const hits = useMemo(() => (query.trim() ? searchTaxonomy(entries, query) : []), [entries, query]);
  const choose = (key: string, on: boolean) => {
    if (!multiple) onChange(on ? [key] : []);
    else onChange(on ? [...selected.filter((k) => k !== key), key] : selected.filter((k) => k !== key));
  };
  const name = (key: string) => byKey.get(key)?.name[lang] ?? key;
  return (
    <fieldset className="taxonomy-picker">
      <legend>{label}</legend>
      <ul className="chips" aria-label={t('reg.taxonomy.selected')}>
        {selected.length === 0 && <li className="hint">{t('none')}</li>}
        {selected.map((key) => (
          <li key={key} className="chip">
            <span>{name(key)}</span> <code>{key}</code>
            {byKey.get(key) === undefined && <span className="warn"> {t('reg.taxonomy.unknown')}</span>}
            <ClassBadge entry={byKey.get(key)} />
            <button
              type="button"
              className="link"
              aria-label={t('reg.taxonomy.removeOne', { name: name(key) })}
              onClick={() => choose(key, false)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={`${id}-q`}>{t('reg.taxonomy.search')}</label>
      <input
        id={`${id}-q`}
        type="search"
        value={query}
        placeholder="email / メール / user.contact"
        aria-controls={`${id}-hits`}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div id={`${id}-hits`} aria-live="polite">
        {query.trim() !== '' && <p className="hint">{t('reg.taxonomy.hits', { n: hits.length })}</p>}
        <ul className="taxonomy-hits">
          {hits.slice(0, SHOWN).map((entry) => {
            const on = selected.includes(entry.key);
            return (
              <li key={entry.key}>
                <label className="check">
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name={`${id}-choice`}
                    checked={on}
                    onChange={(e) => choose(entry.key, e.target.checked)}
                  />
                  <span>
                    {entry.name[lang]} <code>{entry.key}</code> <ClassBadge entry={entry} />
                    {entry.replacedBy && (
                      <small className="warn">
                        {' '}
                        {t('reg.taxonomy.replacedBy', { key: entry.replacedBy })}
                      </small>
                    )}
                    {entry.parent && <small className="lineage"> ← {name(entry.parent)}</small>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {hits.length > SHOWN && <p className="hint">{t('reg.taxonomy.more', { n: hits.length - SHOWN })}</p>}
      </div>
    </fieldset>
  );
}

function ClassBadge({ entry }: { entry: TaxonomyEntry | undefined }) {
  const { t } = useI18n();
  if (!entry || entry.appiClass === 'personal') return null;
  return (
    <span className={`badge appi-${entry.appiClass}`}>
      {t(`reg.appiClass.${entry.appiClass}` as MessageKey)}
    </span>
  );
}
