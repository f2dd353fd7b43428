import type { paths } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { isSection, SECTION_LABELS } from './sections';

export type Finding =
  paths['/api/register/findings']['get']['responses']['200']['content']['application/json'][number];

/** Lint findings with their severity spelled out (not by colour alone) and the fix hint. */
export function FindingList({
  findings,
  compact = false,
  showEntity = false,
}: {
  findings: readonly Finding[];
  compact?: boolean;
  showEntity?: boolean;
}) {
  const { t, lang } = useI18n();
  if (findings.length === 0) return compact ? null : <p className="findings-none">{t('reg.noFindings')}</p>;
  return (
    <ul className={compact ? 'findings compact' : 'findings'} aria-label={t('reg.findings')}>
      {findings.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one entity can have the same code twice (two items).
        <li key={`${f.code}-${f.key}-${i}`} className={`finding ${f.severity}`} data-code={f.code}>
          <span className={`severity ${f.severity}`}>{t(`reg.severity.${f.severity}`)}</span>{' '}
          {showEntity && (
            <span className="where">
              {isSection(f.entity) ? SECTION_LABELS[f.entity][lang] : f.entity} / <code>{f.key}</code>:{' '}
            </span>
          )}
          {f.message[lang]}
          {!compact && (
            <span className="hint">
              {' '}
              {t('reg.hint')}: {f.hint[lang]}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
