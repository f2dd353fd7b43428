import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { dictionaries, type Lang, type MessageKey } from './dict';

export type { Lang, MessageKey };

/** Dates are shown on the Japanese calendar day (Asia/Tokyo) whatever the browser's zone: deadlines are Tokyo days. */
const ZONE = 'Asia/Tokyo';
const STORAGE_KEY = 'mamori.console.lang';
const WAREKI_KEY = 'mamori.console.wareki';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  wareki: boolean;
  setWareki(on: boolean): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  dateTime(value: string | Date | null | undefined): string;
  date(value: string | Date | null | undefined): string;
  number(value: number): string;
}

const Context = createContext<I18n | null>(null);

function initialLang(): Lang {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'ja' ? stored : 'ja';
}

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [wareki, setWarekiState] = useState(() => globalThis.localStorage?.getItem(WAREKI_KEY) === '1');
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${translate(lang, 'appName')} — ${translate(lang, 'appSubtitle')}`;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const setWareki = useCallback((on: boolean) => {
    localStorage.setItem(WAREKI_KEY, on ? '1' : '0');
    setWarekiState(on);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'ja' ? (wareki ? 'ja-JP-u-ca-japanese' : 'ja-JP') : 'en-GB';
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      timeZone: ZONE,
      ...(wareki && lang === 'ja' ? { era: 'long' } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const dateFormat = new Intl.DateTimeFormat(locale, {
      timeZone: ZONE,
      ...(wareki && lang === 'ja' ? { era: 'long' } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const numberFormat = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-GB');
    const parse = (v: string | Date) => {
      // A bare date (2026-04-01) is a Tokyo calendar day, not UTC midnight.
      const d =
        typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
          ? new Date(`${v}T00:00:00+09:00`)
          : new Date(v);
      return Number.isNaN(d.getTime()) ? undefined : d;
    };
    return {
      lang,
      setLang,
      wareki,
      setWareki,
      t: (key, params) => translate(lang, key, params),
      dateTime: (v) => {
        const d = v ? parse(v) : undefined;
        return d ? dateTimeFormat.format(d) : '—';
      },
      date: (v) => {
        const d = v ? parse(v) : undefined;
        return d ? dateFormat.format(d) : '—';
      },
      number: (n) => numberFormat.format(n),
    };
  }, [lang, setLang, wareki, setWareki]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The Tokyo calendar day of an instant, as YYYY-MM-DD (for month buckets and "due within" counts). */
export function tokyoDay(value: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(value));
}
