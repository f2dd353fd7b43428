import { type MessageCode, messages } from './messages.js';

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

export function translate(
  code: MessageCode,
  lang: Language,
  params: Record<string, string | number> = {},
): string {
  return messages[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Picks ja or en from an Accept-Language header by quality (RFC 9110 §12.5.4); anything else falls back to
 * the organisation's default.
 */
export function pickLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  if (!acceptLanguage) return fallback;
  let best: { lang: Language; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...attrs] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang = languages.find((l) => l === primary);
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? fallback;
}
