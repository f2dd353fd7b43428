import { escapeHtml } from '../notices/notice.html.js';
import type { ConfigPurpose, StateEntryView } from './consent.schema.js';

type Lang = 'ja' | 'en';

const TEXT = {
  ja: {
    title: '同意の設定',
    intro: '当社がお客様の情報を利用する目的ごとに、同意するかどうかを選べます。いつでも変更できます。',
    noVisitor:
      'このページはサイトの同意バナーにある「設定」リンクから開いてください(ブラウザごとの識別子が必要です)。',
    granted: '同意する',
    denied: '同意しない',
    save: '保存する',
    saved: '保存しました。',
    none: '同意をお願いしている利用目的はありません。',
    renew: '内容が変更されました。改めてご確認ください。',
    gpc: 'ブラウザのグローバル・プライバシー・コントロール(GPC)により拒否として記録しています。',
    expired: '有効期限が切れています。',
    lang: '表示言語',
  },
  en: {
    title: 'Consent preferences',
    intro:
      'Choose, for each purpose we use your information for, whether you agree. You can change this at any time.',
    noVisitor:
      'Open this page from the "Settings" link in the site’s consent banner (it needs your browser’s id).',
    granted: 'I agree',
    denied: 'I do not agree',
    save: 'Save',
    saved: 'Saved.',
    none: 'There are no purposes we ask your consent for.',
    renew: 'This purpose has changed since you chose. Please review it.',
    gpc: 'Recorded as a refusal because your browser sends Global Privacy Control (GPC).',
    expired: 'Your earlier choice has expired.',
    lang: 'Language',
  },
} as const;

/** The server-rendered preference centre: plain HTML form, labelled fieldsets, no script needed. */
export function preferencesPage(input: {
  lang: Lang;
  visitorId: string | undefined;
  purposes: readonly ConfigPurpose[];
  state: readonly StateEntryView[];
  saved: boolean;
}): string {
  const t = TEXT[input.lang];
  const v = input.visitorId ? escapeHtml(input.visitorId) : '';
  const nav = (['ja', 'en'] as const)
    .map((l) => {
      const href = `/privacy/preferences?lang=${l}${v ? `&amp;v=${v}` : ''}`;
      return `<a href="${href}" hreflang="${l}" lang="${l}"${l === input.lang ? ' aria-current="page"' : ''}>${l === 'ja' ? '日本語' : 'English'}</a>`;
    })
    .join(' | ');
  const byPurpose = new Map(input.state.map((s) => [s.purpose, s]));
  const body = !input.visitorId
    ? `<p>${t.noVisitor}</p>`
    : input.purposes.length === 0
      ? `<p>${t.none}</p>`
      : `<form method="post" action="/privacy/preferences">
<input type="hidden" name="v" value="${v}"><input type="hidden" name="lang" value="${input.lang}">
${input.purposes
  .map((p, i) => {
    const s = byPurpose.get(p.key);
    const granted = s?.status === 'granted' && !s.needsRenewal;
    const notes = [
      s?.needsRenewal ? t.renew : '',
      s?.gpc ? t.gpc : '',
      s?.status === 'expired' ? t.expired : '',
    ].filter(Boolean);
    const name = escapeHtml(`p:${p.key}`);
    return `<fieldset><legend id="l${i}">${escapeHtml(p.name[input.lang])}</legend>
${notes.map((n) => `<p class="note">${n}</p>`).join('')}
<label><input type="radio" name="${name}" value="granted"${granted ? ' checked' : ''}> ${t.granted}</label>
<label><input type="radio" name="${name}" value="denied"${granted ? '' : ' checked'}> ${t.denied}</label>
</fieldset>`;
  })
  .join('\n')}
<button type="submit">${t.save}</button>
</form>`;
  return `<!doctype html>
<html lang="${input.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{margin:1rem 0;border:1px solid #767676;border-radius:4px}label{display:block;padding:.25rem 0}
button{font-size:1rem;padding:.5rem 1.5rem;background:#0b3d91;color:#fff;border:0;border-radius:4px}
.note{color:#8a1c00}[role=status]{background:#e7f4e4;padding:.5rem}</style></head>
<body><nav aria-label="${t.lang}">${nav}</nav><main><h1>${t.title}</h1><p>${t.intro}</p>
${input.saved ? `<p role="status">${t.saved}</p>` : ''}
${body}
</main></body></html>
`;
}
