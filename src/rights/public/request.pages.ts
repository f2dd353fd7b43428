import { escapeHtml as esc } from '../../notices/notice.html.js';
import { type AgentKind, agentKinds, aspects } from '../rights.schema.js';
import {
  FIELD_ORDER,
  type FieldErrors,
  type FormValues,
  one,
  orderedErrors,
  RESIDENCES,
} from './request.form.js';
import { AGENT_LABELS, ASPECT_LABELS, FIELD_ERRORS, type Lang, TEXT } from './request.text.js';

/** Documents the register asks for: the person's own, and per kind of agent. */
export interface RequiredDocs {
  self: string[];
  agents: Record<AgentKind, string[]>;
}

const STYLE = `body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;max-width:44rem;margin:1.5rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.6}
a{color:#0b3d91}nav{margin-bottom:1rem}fieldset{margin:1rem 0;border:1px solid #767676;border-radius:4px;padding:.5rem 1rem}
legend{font-weight:600}label{display:block;margin-top:.75rem;font-weight:600}.choice{font-weight:400;margin-top:.25rem}
input[type=text],input[type=email],input[type=tel],input[type=date],select,textarea{display:block;width:100%;max-width:30rem;font-size:1rem;padding:.4rem;border:1px solid #595959;border-radius:4px;box-sizing:border-box}
textarea{min-height:6rem}.hint{color:#4a4a4a;font-size:.9rem;margin:.15rem 0}.req{color:#8a1c00;font-weight:400;font-size:.85rem}
.error{color:#b00020;font-weight:600;margin:.2rem 0}[aria-invalid=true]{border:2px solid #b00020}
#errors{border:3px solid #b00020;padding:.5rem 1rem;margin:1rem 0}#errors:focus{outline:3px solid #0b3d91}
button{font-size:1rem;padding:.6rem 1.6rem;background:#0b3d91;color:#fff;border:0;border-radius:4px;margin-top:1rem;cursor:pointer}
button.secondary{background:#fff;color:#0b3d91;border:2px solid #0b3d91}:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}dd{margin:0}
[role=status]{background:#e7f4e4;padding:.5rem}.docs{font-size:.95rem}.docs[hidden]{display:none}`;

export const PAGE_SCRIPT_PATH = '/privacy/request/form.js';

function shell(
  lang: Lang,
  title: string,
  switchHref: (l: Lang) => string,
  body: string,
  script: boolean,
): string {
  const t = TEXT[lang];
  const nav = (['ja', 'en'] as const)
    .map(
      (l) =>
        `<a href="${esc(switchHref(l))}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ''}>${l === 'ja' ? '日本語' : 'English'}</a>`,
    )
    .join(' | ');
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>${STYLE}</style>${script ? `<script src="${PAGE_SCRIPT_PATH}" defer></script>` : ''}</head>
<body><nav aria-label="${t.lang}">${nav}</nav><main id="main">
${body}
</main></body></html>
`;
}

const message = (lang: Lang, key: string) => FIELD_ERRORS[lang][key] ?? FIELD_ERRORS[lang].details ?? key;

/** The summary of problems, each a link to its field; focused by the page script, announced as an alert. */
function summary(lang: Lang, errors: FieldErrors, anchor: (field: string) => string): string {
  const list = orderedErrors(errors);
  if (list.length === 0) return '';
  return `<div id="errors" role="alert" tabindex="-1" aria-labelledby="errors-title"><h2 id="errors-title">${TEXT[lang].errorsTitle}</h2><ul>${list
    .map(([field, key]) => `<li><a href="#${anchor(field)}">${esc(message(lang, key))}</a></li>`)
    .join('')}</ul></div>`;
}

interface FieldOptions {
  type?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  extra?: string;
}

function field(
  lang: Lang,
  name: string,
  label: string,
  values: FormValues,
  errors: FieldErrors,
  o: FieldOptions = {},
) {
  const t = TEXT[lang];
  const id = `f-${name}`;
  const described = [o.hint ? `h-${name}` : '', errors[name] ? `e-${name}` : ''].filter(Boolean).join(' ');
  const value = esc(one(values, name));
  const attrs = `id="${id}" name="${name}"${o.required ? ' required aria-required="true"' : ''}${errors[name] ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''}${o.extra ?? ''}`;
  const control =
    o.type === 'textarea'
      ? `<textarea ${attrs} maxlength="4000">${value}</textarea>`
      : `<input type="${o.type ?? 'text'}" ${attrs} value="${value}">`;
  return `<label for="${id}">${label} <span class="req">(${o.required ? t.required : t.optional})</span></label>
${o.hint ? `<p class="hint" id="h-${name}">${o.hint}</p>` : ''}${errors[name] ? `<p class="error" id="e-${name}">${esc(message(lang, errors[name] as string))}</p>` : ''}${control}`;
}

const groupError = (lang: Lang, name: string, errors: FieldErrors) =>
  errors[name] ? `<p class="error" id="e-${name}">${esc(message(lang, errors[name] as string))}</p>` : '';

function regionName(code: string, lang: Lang): string {
  if (code === 'US-CA') return lang === 'ja' ? '米国カリフォルニア州' : 'California, United States';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const anchorOf = (field: string): string => {
  if (field === 'aspects') return `f-aspects-${aspects[0]}`;
  if (field === 'agentKind') return 'f-agentKind-none';
  if (field === 'disclosureMethod') return 'f-disclosureMethod-electronic';
  if (field === 'declared') return 'f-declared-appi';
  return `f-${(FIELD_ORDER as readonly string[]).includes(field) ? field : 'name'}`;
};

export function formPage(input: {
  lang: Lang;
  values: FormValues;
  errors: FieldErrors;
  docs: RequiredDocs;
}): string {
  const { lang, values, errors, docs } = input;
  const t = TEXT[lang];
  const chosen = new Set(values.aspects ?? []);
  const declared = new Set(values.declared ?? []);
  const agent = one(values, 'agentKind');
  const method = one(values, 'disclosureMethod') || 'electronic';
  const residence = one(values, 'residence');
  const invalid = (name: string) => (errors[name] ? ` aria-invalid="true" aria-describedby="e-${name}"` : '');
  const option = (code: string) =>
    `<option value="${code}"${residence === code ? ' selected' : ''}>${esc(regionName(code, lang))}</option>`;
  const docList = (key: string, items: string[]) =>
    `<div class="docs" data-agent-docs="${key}"><p>${t.documentsFor}: ${key === 'self' ? t.agentNone : AGENT_LABELS[lang][key as AgentKind]}</p>${
      items.length
        ? `<ul>${items.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`
        : `<p>${t.documentsNone}</p>`
    }</div>`;
  const body = `<h1>${t.title}</h1><p>${t.intro}</p>
${summary(lang, errors, anchorOf)}
<form id="request-form" method="post" action="/privacy/request?lang=${lang}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="lang" value="${lang}">
<fieldset><legend>${t.you}</legend>
${field(lang, 'name', t.name, values, errors, { required: true, autocomplete: 'name', extra: ' maxlength="200"' })}
${field(lang, 'email', t.email, values, errors, { type: 'email', required: true, hint: t.emailHint, autocomplete: 'email' })}
<p class="hint">${t.knowledgeHint}</p>
${field(lang, 'phone', t.phone, values, errors, { type: 'tel', autocomplete: 'tel' })}
${field(lang, 'birthDate', t.birthDate, values, errors, { type: 'date', autocomplete: 'bday' })}
</fieldset>
<fieldset id="g-aspects"${errors.aspects ? ' aria-describedby="e-aspects"' : ''}><legend>${t.kinds} <span class="req">(${t.required})</span></legend>
<p class="hint">${t.kindsHint}</p>${groupError(lang, 'aspects', errors)}
${aspects
  .map(
    (a) =>
      `<label class="choice"><input type="checkbox" id="f-aspects-${a}" name="aspects" value="${a}"${chosen.has(a) ? ' checked' : ''}${invalid('aspects')}> ${ASPECT_LABELS[lang][a]}</label>`,
  )
  .join('\n')}
</fieldset>
<fieldset><legend>${t.residence}</legend>
<label for="f-residence">${t.residence} <span class="req">(${t.optional})</span></label>
<p class="hint" id="h-residence">${t.residenceHint}</p>${groupError(lang, 'residence', errors)}
<select id="f-residence" name="residence" aria-describedby="h-residence${errors.residence ? ' e-residence' : ''}"${errors.residence ? ' aria-invalid="true"' : ''}>
<option value="">${t.residenceNone}</option>${RESIDENCES.slice(0, 3).map(option).join('')}
<optgroup label="${t.eea}">${RESIDENCES.slice(3).map(option).join('')}</optgroup>
</select>
<fieldset><legend>${t.declared} <span class="req">(${t.optional})</span></legend>${groupError(lang, 'declared', errors)}
${(['appi', 'gdpr', 'ccpa', 'pipl'] as const)
  .map(
    (l) =>
      `<label class="choice"><input type="checkbox" id="f-declared-${l}" name="declared" value="${l}"${declared.has(l) ? ' checked' : ''}> ${l.toUpperCase()}</label>`,
  )
  .join('\n')}
</fieldset>
</fieldset>
<fieldset><legend>${t.agent}</legend>${groupError(lang, 'agentKind', errors)}
<label class="choice"><input type="radio" id="f-agentKind-none" name="agentKind" value=""${agent === '' ? ' checked' : ''}> ${t.agentNone}</label>
${agentKinds
  .map(
    (k) =>
      `<label class="choice"><input type="radio" id="f-agentKind-${k}" name="agentKind" value="${k}"${agent === k ? ' checked' : ''}${invalid('agentKind')}> ${AGENT_LABELS[lang][k]}</label>`,
  )
  .join('\n')}
<div id="agent-fields">
${field(lang, 'agentName', t.agentName, values, errors, { extra: ' maxlength="200"' })}
${field(lang, 'agentEmail', t.agentEmail, values, errors, { type: 'email' })}
</div>
${docList('self', docs.self)}
${agentKinds.map((k) => docList(k, docs.agents[k])).join('\n')}
</fieldset>
<fieldset><legend>${t.method}</legend>${groupError(lang, 'disclosureMethod', errors)}
${(['electronic', 'paper', 'other'] as const)
  .map(
    (m) =>
      `<label class="choice"><input type="radio" id="f-disclosureMethod-${m}" name="disclosureMethod" value="${m}"${method === m ? ' checked' : ''}> ${t.methods[m]}</label>`,
  )
  .join('\n')}
</fieldset>
${field(lang, 'details', t.details, values, errors, { type: 'textarea' })}
<fieldset><legend>${t.files}</legend><p class="hint" id="h-files">${t.filesHint}</p>
${(['identity', 'agentIdentity', 'agentAuthority'] as const)
  .map(
    (f) =>
      `<label for="f-${f}">${t[f]} <span class="req">(${t.optional})</span></label>${groupError(lang, f, errors)}<input type="file" id="f-${f}" name="${f}" accept="application/pdf,image/jpeg,image/png" aria-describedby="h-files${errors[f] ? ` e-${f}` : ''}"${errors[f] ? ' aria-invalid="true"' : ''}>`,
  )
  .join('\n')}
${groupError(lang, 'documentsConsent', errors)}<label class="choice"><input type="checkbox" id="f-documentsConsent" name="documentsConsent" value="yes"${one(values, 'documentsConsent') === 'yes' ? ' checked' : ''}${invalid('documentsConsent')}> ${t.consent}</label>
</fieldset>
<button type="submit">${t.submit}</button>
</form>`;
  return shell(
    lang,
    errors && Object.keys(errors).length ? `${t.errorsTitle} – ${t.title}` : t.title,
    (l) => `/privacy/request?lang=${l}`,
    body,
    true,
  );
}

export function codePage(input: {
  lang: Lang;
  reference: string;
  rejected: boolean;
  resent: boolean;
}): string {
  const { lang, reference } = input;
  const t = TEXT[lang];
  const ref = esc(reference);
  const base = `/privacy/request/${ref}`;
  const errors: FieldErrors = input.rejected ? { code: 'code' } : {};
  const body = `<h1>${t.codeTitle}</h1><p>${t.codeIntro.replace('{ref}', `<strong>${ref}</strong>`)}</p>
${input.rejected ? `<div id="errors" role="alert" tabindex="-1" aria-labelledby="errors-title"><h2 id="errors-title">${t.errorsTitle}</h2><ul><li><a href="#f-code">${t.codeRejected}</a></li></ul></div>` : ''}
${input.resent ? `<p role="status">${t.resent}</p>` : ''}
<form method="post" action="${base}/verify?lang=${lang}" novalidate>
<input type="hidden" name="lang" value="${lang}">
<label for="f-code">${t.code} <span class="req">(${t.required})</span></label>
${errors.code ? `<p class="error" id="e-code">${t.codeRejected}</p>` : ''}
<input type="text" id="f-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required aria-required="true"${errors.code ? ' aria-invalid="true" aria-describedby="e-code"' : ''}>
<button type="submit">${t.verify}</button>
</form>
<form method="post" action="${base}/resend?lang=${lang}"><input type="hidden" name="lang" value="${lang}"><button type="submit" class="secondary">${t.resend}</button></form>`;
  return shell(lang, t.codeTitle, (l) => `${base}/verify?lang=${l}`, body, true);
}

export function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (lang === 'ja') return `${y}年${Number(mo)}月${Number(d)}日`;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function donePage(input: {
  lang: Lang;
  reference: string;
  dueBy: string;
  awaitingFee: { amount: number; currency: string; dueAt: string | null } | null;
  documents: string[];
}): string {
  const { lang } = input;
  const t = TEXT[lang];
  const fee = input.awaitingFee;
  const amount = fee
    ? lang === 'ja'
      ? `${fee.amount.toLocaleString('ja-JP')}円`
      : `${fee.currency} ${fee.amount.toLocaleString('en-GB')}`
    : '';
  const body = `<h1>${t.doneTitle}</h1><p role="status">${t.doneIntro}</p>
<dl><dt>${t.reference}</dt><dd id="reference">${esc(input.reference)}</dd>
<dt>${t.due}</dt><dd id="due">${formatDate(input.dueBy, lang)}</dd>
${fee ? `<dt>${t.fee}</dt><dd>${esc(amount)}</dd>${fee.dueAt ? `<dt>${t.feeDue}</dt><dd>${formatDate(fee.dueAt.slice(0, 10), lang)}</dd>` : ''}` : ''}
<dt>${t.status}</dt><dd>${fee ? t.awaitingFee : t.inProgress}</dd></dl>
${input.documents.length ? `<h2>${t.bringDocuments}</h2><ul>${input.documents.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : ''}`;
  return shell(lang, t.doneTitle, (l) => `/privacy/request?lang=${l}`, body, false);
}

export function notFoundPage(lang: Lang): string {
  const t = TEXT[lang];
  return shell(
    lang,
    t.notFound,
    (l) => `/privacy/request?lang=${l}`,
    `<h1>${t.notFound}</h1><p>${t.badReference}</p><p><a href="/privacy/request?lang=${lang}">${t.title}</a></p>`,
    false,
  );
}

/** The page a person sees when the form's rate limit cuts in (HTTP 429), instead of the API's JSON. */
export function tooManyPage(lang: Lang): string {
  const t = TEXT[lang];
  return shell(
    lang,
    t.tooManyTitle,
    (l) => `/privacy/request?lang=${l}`,
    `<h1>${t.tooManyTitle}</h1><p>${t.tooMany}</p><p><a href="/privacy/request?lang=${lang}">${t.title}</a></p>`,
    false,
  );
}

/** Progressive enhancement only: the form works the same without it. */
export const PAGE_SCRIPT = `(function () {
  var errors = document.getElementById('errors');
  if (errors) errors.focus();
  var form = document.getElementById('request-form');
  if (!form) return;
  var agentFields = document.getElementById('agent-fields');
  function sync() {
    var checked = form.querySelector('input[name="agentKind"]:checked');
    var kind = checked ? checked.value : '';
    agentFields.hidden = kind === '';
    var docs = form.querySelectorAll('[data-agent-docs]');
    for (var i = 0; i < docs.length; i++) {
      var key = docs[i].getAttribute('data-agent-docs');
      docs[i].hidden = kind === '' ? key !== 'self' : key !== kind;
    }
  }
  form.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', function () {
    var button = form.querySelector('button[type="submit"]');
    setTimeout(function () { button.disabled = true; }, 0);
  });
})();
`;
