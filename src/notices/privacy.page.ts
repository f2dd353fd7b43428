import { escapeHtml } from './notice.html.js';
import type { Lang } from './notice.model.js';

function languageNav(current: Lang): string {
  const link = (lang: Lang, label: string) =>
    lang === current
      ? `<a href="/privacy?lang=${lang}" hreflang="${lang}" lang="${lang}" aria-current="page">${label}</a>`
      : `<a href="/privacy?lang=${lang}" hreflang="${lang}" lang="${lang}">${label}</a>`;
  const label = current === 'ja' ? '表示言語' : 'Language';
  return `<nav aria-label="${label}">${link('ja', '日本語')} | ${link('en', 'English')}</nav>`;
}

/**
 * The published notice as the public page: the stored HTML (already a complete page, every register value
 * escaped) with a language switch and the version's effective date.
 */
export function privacyPage(
  html: string,
  info: { lang: Lang; version: number; effectiveOn: string },
): string {
  const effective =
    info.lang === 'ja'
      ? `<p>施行日: ${escapeHtml(info.effectiveOn)}(第${info.version}版)</p>`
      : `<p>Effective from ${escapeHtml(info.effectiveOn)} (version ${info.version})</p>`;
  return html
    .replace('<body><main>', `<body>${languageNav(info.lang)}<main>`)
    .replace(/(<h1>.*?<\/h1>)/, `$1\n${effective}`);
}

/** Shown with 404 until a first notice is published: never a draft, which would be an unmade promise. */
export function noNoticePage(lang: Lang): string {
  const [title, text] =
    lang === 'ja'
      ? ['個人情報の取扱いについて', 'プライバシーポリシーはまだ公表されていません。']
      : ['Privacy notice', 'No privacy notice has been published yet.'];
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>`,
    `<body>${languageNav(lang)}<main><h1>${title}</h1><p>${text}</p></main></body>`,
    '</html>',
    '',
  ].join('\n');
}
