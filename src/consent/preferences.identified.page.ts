import { escapeHtml } from '../notices/notice.html.js';
import type { ConfigPurpose, StateEntryView } from './consent.schema.js';
import { choicesForm, emailForm, type Lang, shell, TEXT } from './preferences.page.js';
import type { CheckResult } from './preferences.rules.js';

/** The e-mail step again, with what went wrong (bad address, too many codes). */
export function emailPage(lang: Lang, error: 'invalid' | 'tooMany'): string {
  const t = TEXT[lang];
  return shell(lang, '', emailForm(lang, error === 'invalid' ? t.emailInvalid : t.tooMany));
}

export function codePage(lang: Lang, id: string, failure?: Exclude<CheckResult, 'ok'>): string {
  const t = TEXT[lang];
  const message = failure
    ? { wrong: t.wrong, expired: t.expiredCode, locked: t.locked, used: t.used }[failure]
    : undefined;
  // After a dead end (expired, locked, used) only a new code helps: show the e-mail form instead.
  const deadEnd = failure !== undefined && failure !== 'wrong';
  const form = deadEnd
    ? emailForm(lang)
    : `<form method="post" action="/privacy/preferences/code">
<input type="hidden" name="id" value="${escapeHtml(id)}"><input type="hidden" name="lang" value="${lang}">
<label for="code">${t.code}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required${message ? ' aria-describedby="err"' : ''}>
<button type="submit">${t.verify}</button></form>`;
  return shell(
    lang,
    deadEnd ? '' : `id=${escapeHtml(id)}`,
    `<h2>${t.codeTitle}</h2>${deadEnd ? '' : `<p>${t.codeIntro}</p>`}
${message ? `<p role="alert" id="err">${message}</p>` : ''}
${form}`,
  );
}

/** After the check: the consents filed under the address, changeable with the same plain form. */
export function identifiedPage(input: {
  lang: Lang;
  email: string;
  purposes: readonly ConfigPurpose[];
  state: readonly StateEntryView[];
  saved: boolean;
}): string {
  const t = TEXT[input.lang];
  return shell(
    input.lang,
    '',
    `<p>${t.signedInAs} <strong>${escapeHtml(input.email)}</strong></p>
${input.saved ? `<p role="status">${t.saved}</p>` : ''}
${choicesForm({
  lang: input.lang,
  action: '/privacy/preferences/me',
  hidden: { lang: input.lang },
  purposes: input.purposes,
  state: input.state,
})}
<form method="post" action="/privacy/preferences/signout"><input type="hidden" name="lang" value="${input.lang}"><button type="submit">${t.signOut}</button></form>`,
  );
}
