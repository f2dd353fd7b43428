/**
 * Pure decisions about one request, read from the law tables and the register's rights settings: which
 * laws and kinds apply, its deadlines, whether a fee is due, which documents an agent must bring, and
 * which refusal grounds may be cited. No deadline, fee rule or ground is encoded here.
 */

import { addDays } from '../laws/date.js';
import {
  chooseLaws,
  computeDeadlines,
  type Deadlines,
  getKind,
  isPastDeadline,
  kindsFor,
  localDateOf,
  type OrgLawSettingsInput,
  type RightAspect,
  strictestDeadlines,
} from '../laws/index.js';
import type { RequestKind as RegisterKind, RightsProcedure } from '../register/rights.schema.js';
import type { AgentKind } from './rights.schema.js';

export interface LawKinds {
  laws: string[];
  /** Law kind ids (`appi.disclosure`, `gdpr.access` …), each once, in law order. */
  kinds: string[];
}

/** The laws from residence and invoked regimes (chooseLaws), and for each the kinds serving the aspects. */
export function lawKindsFor(
  aspects: readonly RightAspect[],
  input: {
    residence?: { country: string; region?: string | undefined } | undefined;
    declared: readonly string[];
  },
  orgSettings: OrgLawSettingsInput = {},
): LawKinds {
  const choice = chooseLaws(
    {
      ...(input.residence && {
        residence: {
          country: input.residence.country,
          ...(input.residence.region && { region: input.residence.region }),
        },
      }),
      declared: [...input.declared],
    },
    orgSettings,
  );
  const kinds: string[] = [];
  const laws: string[] = [];
  for (const { law } of choice.laws) {
    const own = [...new Set(aspects.flatMap((a) => kindsFor(law, a).map((k) => k.id)))];
    if (own.length === 0) continue;
    laws.push(law);
    for (const k of own) if (!kinds.includes(k)) kinds.push(k);
  }
  return { laws, kinds };
}

export interface RequestDeadlines {
  perKind: Deadlines[];
  dueBy: string;
  governedBy: string;
  acknowledgeBy?: string;
  timeZone: string;
}

/** Each kind under its own law; the earliest date governs (several laws can bind one request). */
export function requestDeadlines(
  kinds: readonly string[],
  receivedAt: Date,
  orgSettings: OrgLawSettingsInput = {},
  extensionNoticeAt?: Date,
): RequestDeadlines {
  const perKind = kinds.map((kind) =>
    computeDeadlines({
      law: getKind(kind).law.id,
      kind,
      receivedAt,
      orgSettings,
      ...(extensionNoticeAt && { extension: { noticeSentAt: extensionNoticeAt } }),
    }),
  );
  const strictest = strictestDeadlines(perKind);
  const governing = perKind.find((d) => d.kind === strictest.governedBy);
  return {
    perKind,
    dueBy: strictest.dueBy,
    governedBy: strictest.governedBy,
    ...(strictest.acknowledgeBy && { acknowledgeBy: strictest.acknowledgeBy }),
    timeZone: governing?.timeZone ?? perKind[0]?.timeZone ?? 'Asia/Tokyo',
  };
}

/**
 * Why an extension cannot be applied, or null when it can. Kinds whose law allows one are extended when
 * notice comes within the original period (GDPR Art. 12(3), CCPA §1798.130(a)(2)); kinds under a law with
 * none (APPI: "遅滞なく") keep their date, so the request's governing date may not move at all.
 */
export function extensionProblem(
  kinds: readonly string[],
  receivedAt: Date,
  noticeAt: Date,
  org: OrgLawSettingsInput = {},
): string | null {
  const withNotice = requestDeadlines(kinds, receivedAt, org, noticeAt);
  const extensible = withNotice.perKind.filter((d) => d.extendedDueBy !== undefined);
  if (extensible.length === 0) return 'no kind of this request may be extended';
  for (const d of extensible) {
    const late = d.warnings.find((w) => w.code !== 'target_after_suit_point');
    if (late) return `${d.kind}: ${late.code}`;
  }
  return null;
}

export function isOverdue(dueBy: string, now: Date, timeZone: string, open: boolean): boolean {
  return open && isPastDeadline(dueBy, now, timeZone);
}

/** The queue's colour: past the deadline, due within 3 days (Tokyo calendar), in time, or closed. */
export function urgencyOf(
  status: string,
  dueBy: string,
  now: Date,
  timeZone = 'Asia/Tokyo',
): 'overdue' | 'soon' | 'ok' | 'closed' {
  if (TERMINAL_STATUSES.includes(status)) return 'closed';
  if (isPastDeadline(dueBy, now, timeZone)) return 'overdue';
  return dueBy <= addDays(localDateOf(now, timeZone), 3) ? 'soon' : 'ok';
}
const TERMINAL_STATUSES: readonly string[] = [
  'completed',
  'partially_refused',
  'refused',
  'withdrawn',
  'closed_unpaid',
];

/** The register's vocabulary (APPI Arts. 32–35) for the aspects a fee can attach to. */
const REGISTER_KIND: Partial<Record<RightAspect, RegisterKind>> = {
  purpose_notice: 'notify-purpose',
  access: 'disclose',
  copy: 'disclose',
  provision_records: 'disclose-provision-records',
};

export const DEFAULT_PAYMENT_DAYS = 14;

export interface FeeDue {
  amount: number;
  currency: string;
  paymentDays: number;
  /** The law kinds the fee is for. */
  kinds: string[];
}

/**
 * APPI Art. 38: a fee only where the law table says the kind may be charged (notice of purpose and
 * disclosure) AND the register sets an amount for it. A fee row is charged once per request even when it
 * covers several kinds. GDPR and CCPA rows say `conditional` (manifestly unfounded or excessive requests):
 * that is a staff decision, never charged automatically.
 */
export function feeFor(kinds: readonly string[], rights: Pick<RightsProcedure, 'fees'>): FeeDue | null {
  let amount = 0;
  let paymentDays = Number.POSITIVE_INFINITY;
  const charged: string[] = [];
  const usedRows = new Set<number>();
  for (const id of kinds) {
    const { kind } = getKind(id);
    if (kind.fee.mayCharge !== 'yes') continue;
    const registerKinds = kind.aspects.map((a) => REGISTER_KIND[a]).filter((k) => k !== undefined);
    rights.fees.forEach((fee, index) => {
      if (!fee.appliesTo.some((k) => registerKinds.includes(k))) return;
      if (!charged.includes(id)) charged.push(id);
      if (usedRows.has(index)) return;
      usedRows.add(index);
      amount += fee.amount;
      paymentDays = Math.min(paymentDays, fee.paymentDeadline?.days ?? DEFAULT_PAYMENT_DAYS);
    });
  }
  if (charged.length === 0) return null;
  return { amount, currency: 'JPY', paymentDays, kinds: charged };
}

/**
 * Documents an agent brings: the register's list for that kind of agent (002 seed), else the evidence the
 * law table names (the CCPA's signed permission, §7063); plus the person's own ID documents.
 */
export function requiredDocuments(
  rights: Pick<RightsProcedure, 'identity'>,
  agentKind: AgentKind | undefined,
  kinds: readonly string[],
  lang: 'ja' | 'en',
): string[] {
  const pick = (t: { ja: string; en?: string | undefined }) => (lang === 'en' ? (t.en ?? t.ja) : t.ja);
  const self = rights.identity.selfDocuments.map(pick);
  if (!agentKind) return self;
  const fromRegister = rights.identity.agents.find((a) => a.kind === agentKind);
  if (fromRegister) return [...fromRegister.documents.map(pick)];
  const fromLaw = new Set<string>();
  for (const id of kinds) {
    for (const rule of getKind(id).kind.verification.agents)
      if (rule.kind === agentKind) fromLaw.add(lang === 'en' ? rule.evidence.en : rule.evidence.ja);
  }
  return [...self, ...fromLaw];
}

/** Grounds that may be cited: the law tables' grounds of the request's kinds, and the register's own. */
export function groundsFor(
  kinds: readonly string[],
  rights: Pick<RightsProcedure, 'refusalGrounds'>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of kinds) for (const g of getKind(id).kind.refusalGrounds) out.set(g.id, g.text.ja);
  for (const g of rights.refusalGrounds) out.set(`register.${g.key}`, g.text.ja);
  return out;
}

export function groundText(
  id: string,
  kinds: readonly string[],
  rights: Pick<RightsProcedure, 'refusalGrounds'>,
  lang: 'ja' | 'en',
): string | undefined {
  for (const k of kinds) {
    const g = getKind(k).kind.refusalGrounds.find((x) => x.id === id);
    if (g) return `${g.text[lang]}（${g.citation[lang]}）`;
  }
  const own = rights.refusalGrounds.find((g) => `register.${g.key}` === id);
  return own ? (lang === 'en' ? (own.text.en ?? own.text.ja) : own.text.ja) : undefined;
}

/** Engine run kinds that serve the aspects (access also for purpose notice: what is held decides it). */
export function runKindsFor(
  aspects: readonly RightAspect[],
): ('access' | 'erasure' | 'rectification' | 'restriction')[] {
  const out = new Set<'access' | 'erasure' | 'rectification' | 'restriction'>();
  for (const a of aspects) {
    if (a === 'access' || a === 'copy' || a === 'portability') out.add('access');
    if (a === 'erasure') out.add('erasure');
    if (a === 'rectification') out.add('rectification');
    if (a === 'restriction' || a === 'objection' || a === 'limit_sensitive') out.add('restriction');
  }
  // Erasure supersedes restriction of the same rows.
  if (out.has('erasure')) out.delete('restriction');
  return [...out];
}
