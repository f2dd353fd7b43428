import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages, pickLanguage, translate } from './i18n.js';
import { messages } from './messages.js';

describe('translate', () => {
  it('fills parameters in both languages', () => {
    expect(translate('not_found', 'en', { what: 'User' })).toBe('User was not found.');
    expect(translate('not_found', 'ja', { what: 'ユーザー' })).toBe('ユーザーが見つかりません。');
  });

  it('leaves unknown placeholders visible rather than printing undefined', () => {
    expect(translate('not_found', 'en')).toBe('{what} was not found.');
  });

  it('has every message in every language, with the same placeholders', () => {
    for (const [code, byLang] of Object.entries(messages)) {
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const lang of languages) expect(byLang[lang].length, `${code}.${lang}`).toBeGreaterThan(0);
      expect(placeholders(byLang.ja), code).toEqual(placeholders(byLang.en));
    }
  });
});

describe('pickLanguage', () => {
  it('honours quality values', () => {
    expect(pickLanguage('en;q=0.5, ja', 'en')).toBe('ja');
    expect(pickLanguage('ja;q=0.3, en-GB;q=0.8', 'ja')).toBe('en');
    expect(pickLanguage('ja-JP,ja;q=0.9,en-US;q=0.8', 'en')).toBe('ja');
  });

  it('falls back when nothing supported is asked for', () => {
    expect(pickLanguage(undefined, 'ja')).toBe('ja');
    expect(pickLanguage('fr-FR, de;q=0.9', 'en')).toBe('en');
    expect(pickLanguage('en;q=0', 'ja')).toBe('ja');
  });

  it('never throws and always returns a supported language', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...languages), (header, fallback) => {
        expect(languages).toContain(pickLanguage(header, fallback));
      }),
    );
  });
});
