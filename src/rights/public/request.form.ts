/**
 * The privacy-centre form as data: posted fields (all strings, some repeated) to the public API's body,
 * and the API's validation issues back to the form's fields. Pure, so the same rules answer the form and
 * the JSON API (`publicRequestBody`), and fast-check can throw anything at it.
 */
import { EEA } from '../../laws/gdpr.common.js';
import {
  type AgentKind,
  agentKinds,
  aspects,
  type PublicRequestBody,
  publicRequestBody,
} from '../rights.schema.js';
import type { Lang } from './request.text.js';

export type FormValues = Record<string, string[]>;
/** Field name → key of its message in FIELD_ERRORS (or of a file problem). */
export type FieldErrors = Record<string, string>;

/** Residences the form offers; each maps to the law tables' residence match (CCPA: California only). */
export const RESIDENCES: readonly string[] = ['JP', 'US-CA', 'CN', ...EEA];
export const DECLARABLE = ['appi', 'gdpr', 'ccpa', 'pipl'] as const;
export const FILE_FIELDS = ['identity', 'agentIdentity', 'agentAuthority'] as const;

/** The form's fields in page order: the error summary lists problems in this order. */
export const FIELD_ORDER = [
  'name',
  'email',
  'phone',
  'birthDate',
  'aspects',
  'residence',
  'declared',
  'agentKind',
  'agentName',
  'agentEmail',
  'disclosureMethod',
  'details',
  ...FILE_FIELDS,
  'documentsConsent',
] as const;

export const one = (values: FormValues, key: string): string => values[key]?.[0]?.trim() ?? '';
const optional = (s: string) => (s === '' ? undefined : s);

export function residenceOf(value: string): { country: string; region?: string } | undefined {
  if (value === 'US-CA') return { country: 'US', region: 'CA' };
  return value === '' ? undefined : { country: value };
}

export interface FormResult {
  body?: PublicRequestBody;
  errors: FieldErrors;
}

/** Where a validation issue of the API body belongs on the form. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, second] = path;
  if (head === 'subject') return typeof second === 'string' ? second : 'name';
  if (head === 'agent')
    return second === 'kind' ? 'agentKind' : second === 'email' ? 'agentEmail' : 'agentName';
  return typeof head === 'string' ? head : 'details';
}

export function toRequestBody(values: FormValues, lang: Lang): FormResult {
  const errors: FieldErrors = {};
  const residence = one(values, 'residence');
  if (residence !== '' && !RESIDENCES.includes(residence)) errors.residence = 'residence';
  const declared = (values.declared ?? []).map((d) => d.trim()).filter((d) => d !== '');
  if (declared.some((d) => !(DECLARABLE as readonly string[]).includes(d))) errors.declared = 'declared';
  const kind = one(values, 'agentKind');
  if (kind !== '' && !(agentKinds as readonly string[]).includes(kind)) errors.agentKind = 'agentKind';
  const chosen = (values.aspects ?? []).filter((a) => a !== '');
  if (chosen.some((a) => !(aspects as readonly string[]).includes(a))) errors.aspects = 'aspects';
  const method = one(values, 'disclosureMethod') || 'electronic';
  const input = {
    aspects: [...new Set(chosen)],
    subject: {
      name: one(values, 'name'),
      email: one(values, 'email'),
      ...(optional(one(values, 'phone')) && { phone: one(values, 'phone') }),
      ...(optional(one(values, 'birthDate')) && { birthDate: one(values, 'birthDate') }),
    },
    ...(kind !== '' && {
      agent: {
        kind: kind as AgentKind,
        name: one(values, 'agentName'),
        ...(optional(one(values, 'agentEmail')) && { email: one(values, 'agentEmail') }),
      },
    }),
    ...(residence !== '' && !errors.residence && { residence: residenceOf(residence) }),
    declared: errors.declared ? [] : declared,
    language: lang,
    ...(optional(one(values, 'details')) && { details: one(values, 'details') }),
    disclosureMethod: method,
  };
  const parsed = publicRequestBody.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= field;
    }
  if (Object.keys(errors).length > 0) return { errors };
  return { body: input as PublicRequestBody, errors };
}

/** Errors in page order, for the summary at the top. */
export function orderedErrors(errors: FieldErrors): [string, string][] {
  const known = FIELD_ORDER.filter((f) => errors[f] !== undefined).map(
    (f) => [f, errors[f] as string] as [string, string],
  );
  const rest = Object.entries(errors).filter(([f]) => !(FIELD_ORDER as readonly string[]).includes(f));
  return [...known, ...rest];
}
