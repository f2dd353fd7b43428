/**
 * The registry of law tables. Adding a law = writing its table and listing it here; nothing else in the
 * code names a law.
 */
import { APPI } from './appi.js';
import { CCPA } from './ccpa.js';
import { GDPR } from './gdpr.js';
import type { LawTable, RequestKind, RightAspect } from './law.js';
import { PIPL } from './pipl.js';

/** In order of precedence for display: the home law first. */
export const LAWS: readonly LawTable[] = Object.freeze([APPI, GDPR, CCPA, PIPL]);

export class UnknownLawError extends Error {
  override name = 'UnknownLawError';
}

const byId = new Map(LAWS.map((law) => [law.id, law]));
const kindsById = new Map<string, { law: LawTable; kind: RequestKind }>(
  LAWS.flatMap((law) => law.kinds.map((kind) => [kind.id, { law, kind }] as const)),
);

export function lawIds(): string[] {
  return LAWS.map((l) => l.id);
}

export function getLaw(id: string): LawTable {
  const law = byId.get(id);
  if (!law) throw new UnknownLawError(`No law table "${id}"; known: ${lawIds().join(', ')}.`);
  return law;
}

/** The kind row with its law; `kindId` must belong to `lawId` when that is given. */
export function getKind(kindId: string, lawId?: string): { law: LawTable; kind: RequestKind } {
  const found = kindsById.get(kindId);
  if (!found || (lawId !== undefined && found.law.id !== lawId)) {
    const where = lawId ? ` in law "${lawId}"` : '';
    throw new UnknownLawError(`No request kind "${kindId}"${where}.`);
  }
  return found;
}

/** Kinds of `lawId` serving `aspect` (e.g. `access` → `appi.disclosure`). */
export function kindsFor(lawId: string, aspect: RightAspect): RequestKind[] {
  return getLaw(lawId).kinds.filter((k) => k.aspects.includes(aspect));
}
