import { useId } from 'react';
import { useI18n } from './i18n/i18n';

export function LanguageSwitch() {
  const { lang, setLang, t, wareki, setWareki } = useI18n();
  const id = useId();
  return (
    <div className="lang">
      <label htmlFor={id}>{t('language')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'ja')}>
        <option value="ja" lang="ja">
          日本語
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
      {lang === 'ja' && (
        <label className="check">
          <input type="checkbox" checked={wareki} onChange={(e) => setWareki(e.target.checked)} />
          {t('showWareki')}
        </label>
      )}
    </div>
  );
}
