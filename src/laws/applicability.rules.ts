/**
 * Which laws govern a request, from the person's residence and the regimes they invoke.
 *
 * Rule (pure, in registry order):
 * 1. Only laws the organisation is subject to (`enabledLaws`; absent = all registered laws) are considered.
 * 2. A law whose table says `always` applies to every request (APPI binds a Japanese business for all the
 *    held personal data it has, wherever the person lives).
 * 3. A law applies when the residence matches one of its table's residences (country, optionally region:
 *    `US`+`CA` for the CCPA; any EEA country for the GDPR; `CN` for the PIPL).
 * 4. A law the person explicitly invokes applies too, even without a matching residence (a traveller in the
 *    EEA, a Californian who moved): invoking costs the organisation at most an earlier deadline, while
 *    ignoring a valid claim breaks the law. Invoked laws the organisation is not subject to are reported
 *    in `notEnabled` so the answer can say so.
 * When several laws apply, each kind is computed under its own law and the earliest date governs
 * (`strictestDeadlines`).
 */
import type { LawTable } from './law.js';
import {
  type LawChoiceInput,
  LawChoiceInputSchema,
  type OrgLawSettings,
  type OrgLawSettingsInput,
  OrgLawSettingsSchema,
} from './laws.schema.js';
import { getLaw, LAWS } from './registry.js';

export type LawReason = 'organisation' | 'residence' | 'declared';

export interface LawChoice {
  laws: { law: string; reasons: LawReason[] }[];
  /** Laws the person invoked that the organisation has not enabled. */
  notEnabled: string[];
}

export function enabledLaws(settings: OrgLawSettings): LawTable[] {
  if (!settings.enabledLaws) return [...LAWS];
  const wanted = new Set(settings.enabledLaws.map((id) => getLaw(id).id));
  return LAWS.filter((l) => wanted.has(l.id));
}

export function chooseLaws(input: LawChoiceInput, orgSettingsInput: OrgLawSettingsInput = {}): LawChoice {
  const { residence, declared } = LawChoiceInputSchema.parse(input);
  const settings = OrgLawSettingsSchema.parse(orgSettingsInput);
  const declaredIds = new Set(declared.map((id) => getLaw(id).id));
  const enabled = enabledLaws(settings);
  const laws: LawChoice['laws'] = [];
  for (const law of enabled) {
    const reasons: LawReason[] = [];
    if (law.applicability.always) reasons.push('organisation');
    const residenceMatches =
      residence !== undefined &&
      law.applicability.residences.some(
        (r) =>
          r.country === residence.country &&
          (r.regions === undefined ||
            (residence.region !== undefined && r.regions.includes(residence.region))),
      );
    if (residenceMatches) reasons.push('residence');
    if (declaredIds.has(law.id)) reasons.push('declared');
    if (reasons.length > 0) laws.push({ law: law.id, reasons });
  }
  const enabledIds = new Set(enabled.map((l) => l.id));
  return { laws, notEnabled: [...declaredIds].filter((id) => !enabledIds.has(id)) };
}
