import { escapeHtml } from '../notices/notice.html.js';
import type { ConfigPurpose, StateEntryView } from './consent.schema.js';

export type Lang = 'ja' | 'en';

export const TEXT = {
  ja: {
    title: '同意の設定',
    intro: '当社がお客様の情報を利用する目的ごとに、同意するかどうかを選べます。いつでも変更できます。',
    noVisitor:
      'このブラウザでの設定は、サイトの同意バナーにある「詳細設定」リンクから開いてください(ブラウザごとの識別子が必要です)。',
    granted: '同意する',
    denied: '同意しない',
    save: '保存する',
    saved: '保存しました。',
    none: '同意をお願いしている利用目的はありません。',
    renew: '内容が変更されました。改めてご確認ください。',
    gpc: 'ブラウザのグローバル・プライバシー・コントロール(GPC)により拒否として記録しています。',
    expired: '有効期限が切れています。',
    lang: '表示言語',
    emailTitle: 'メールアドレスで設定する',
    emailIntro:
      'メールアドレスに結び付いた同意(メールマガジン等)を確認・変更できます。確認コードをお送りします。',
    email: 'メールアドレス',
    send: '確認コードを送る',
    emailInvalid: 'メールアドレスの形式が正しくありません。',
    codeTitle: '確認コードの入力',
    codeIntro:
      'ご入力のアドレスに確認コードとリンクをお送りしました。有効期限は15分です。メールのリンクを開くか、6桁のコードを入力してください。',
    code: '確認コード(6桁)',
    verify: '確認する',
    wrong: 'コードが正しくありません。',
    expiredCode: 'コードの有効期限が切れています。もう一度送信してください。',
    locked: '入力の回数が上限に達しました。もう一度送信してください。',
    used: 'このコード・リンクは使用済みです。もう一度送信してください。',
    tooMany: '確認コードの送信回数が上限に達しました。1時間後にお試しください。',
    signedInAs: '次のアドレスの設定を表示しています:',
    signOut: '終了する',
  },
  en: {
    title: 'Consent preferences',
    intro:
      'Choose, for each purpose we use your information for, whether you agree. You can change this at any time.',
    noVisitor:
      'For this browser’s choices, open this page from the "Settings" link in the site’s consent banner (it needs your browser’s id).',
    granted: 'I agree',
    denied: 'I do not agree',
    save: 'Save',
    saved: 'Saved.',
    none: 'There are no purposes we ask your consent for.',
    renew: 'This purpose has changed since you chose. Please review it.',
    gpc: 'Recorded as a refusal because your browser sends Global Privacy Control (GPC).',
    expired: 'Your earlier choice has expired.',
    lang: 'Language',
    emailTitle: 'Preferences by e-mail address',
    emailIntro:
      'See and change the consents tied to your e-mail address (newsletters and the like). We will send you a code.',
    email: 'E-mail address',
    send: 'Send me a code',
    emailInvalid: 'This e-mail address does not look right.',
    codeTitle: 'Enter your code',
    codeIntro:
      'We sent a code and a link to the address you gave; they are valid for 15 minutes. Open the link, or type the six-digit code.',
    code: 'Code (six digits)',
    verify: 'Confirm',
    wrong: 'The code is not right.',
    expiredCode: 'The code has expired. Please ask for a new one.',
    locked: 'Too many tries. Please ask for a new code.',
    used: 'This code or link has been used already. Please ask for a new one.',
    tooMany: 'Too many codes were asked for this address. Please try again in an hour.',
    signedInAs: 'Showing the preferences of:',
    signOut: 'Finish',
  },
} as const;

export type Text = (typeof TEXT)[Lang];

/** The page around every step: language switch (keeping `query`), title, intro. No script anywhere. */
export function shell(lang: Lang, query: string, content: string): string {
  const t = TEXT[lang];
  const nav = (['ja', 'en'] as const)
    .map((l) => {
      const href = `?lang=${l}${query ? `&amp;${query}` : ''}`;
      return `<a href="${href}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ''}>${l === 'ja' ? '日本語' : 'English'}</a>`;
    })
    .join(' | ');
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{margin:1rem 0;border:1px solid #767676;border-radius:4px}label{display:block;padding:.25rem 0}
input[type=email],input[type=text]{font-size:1rem;padding:.4rem;border:1px solid #767676;border-radius:4px}
button{font-size:1rem;padding:.5rem 1.5rem;background:#0b3d91;color:#fff;border:0;border-radius:4px}
.note{color:#8a1c00}[role=status]{background:#e7f4e4;padding:.5rem}[role=alert]{background:#fde8e4;padding:.5rem}</style></head>
<body><nav aria-label="${t.lang}">${nav}</nav><main><h1>${t.title}</h1><p>${t.intro}</p>
${content}
</main></body></html>
`;
}

/** One fieldset per purpose with two radios; `hidden` carries what the POST needs besides the choices. */
export function choicesForm(input: {
  lang: Lang;
  action: string;
  hidden: Record<string, string>;
  purposes: readonly ConfigPurpose[];
  state: readonly StateEntryView[];
}): string {
  const t = TEXT[input.lang];
  if (input.purposes.length === 0) return `<p>${t.none}</p>`;
  const byPurpose = new Map(input.state.map((s) => [s.purpose, s]));
  const hidden = Object.entries(input.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return `<form method="post" action="${escapeHtml(input.action)}">
${hidden}
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
}

export function emailForm(lang: Lang, error?: string): string {
  const t = TEXT[lang];
  return `<section aria-labelledby="email-h"><h2 id="email-h">${t.emailTitle}</h2><p>${t.emailIntro}</p>
${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/privacy/preferences/email"><input type="hidden" name="lang" value="${lang}">
<label for="email">${t.email}</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254">
<button type="submit">${t.send}</button></form></section>`;
}

/** The preference centre for a browser (by the id the banner gave it). */
export function preferencesPage(input: {
  lang: Lang;
  visitorId: string | undefined;
  purposes: readonly ConfigPurpose[];
  state: readonly StateEntryView[];
  saved: boolean;
}): string {
  const t = TEXT[input.lang];
  const body = !input.visitorId
    ? `<p>${t.noVisitor}</p>\n${emailForm(input.lang)}`
    : choicesForm({
        lang: input.lang,
        action: '/privacy/preferences',
        hidden: { v: input.visitorId, lang: input.lang },
        purposes: input.purposes,
        state: input.state,
      });
  return shell(
    input.lang,
    input.visitorId ? `v=${escapeHtml(input.visitorId)}` : '',
    `${input.saved ? `<p role="status">${t.saved}</p>` : ''}\n${body}`,
  );
}
