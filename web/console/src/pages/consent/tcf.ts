/**
 * The pure part of the TCF / GPP panel: the IAB numbers the form offers, the vendor list it sends back, and
 * what the banner will disclose with it (consent/consent.tcf.ts encodes every listed vendor as disclosed).
 */

/** TCF v2.3 purposes 1–11 and special features 1–2 (Global Vendor List v3). */
export const PURPOSE_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
export const SPECIAL_FEATURE_IDS = [1, 2] as const;
/** TCF Policy: these purposes rest on consent only (src/consent/tcf.settings.ts refuses them as legitimate interest). */
export const CONSENT_ONLY = [1, 3, 4, 5, 6] as const;

export interface Vendor {
  id: number;
  name: string;
  purposes: number[];
  legIntPurposes: number[];
  specialFeatures: number[];
  urls?: { langId: string; privacy: string; legIntClaim?: string }[];
  [field: string]: unknown;
}

export interface VendorList {
  vendorListVersion: number;
  tcfPolicyVersion: number;
  purposes: Record<string, unknown>;
  vendors: Record<string, unknown>;
  [field: string]: unknown;
}

export interface BannerPurpose {
  key: string;
  tcfPurposes: number[];
}

const ids = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n)).sort((a, b) => a - b) : [];

/** The list's vendors in id order, each with the arrays the form edits (absent ones read as empty). */
export function vendorsOf(list: VendorList): Vendor[] {
  return Object.values(list.vendors)
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    .map((v) => ({
      ...v,
      id: Number(v.id),
      name: String(v.name ?? ''),
      purposes: ids(v.purposes),
      legIntPurposes: ids(v.legIntPurposes),
      specialFeatures: ids(v.specialFeatures),
    }))
    .sort((a, b) => a.id - b.id);
}

/** A vendor the form adds: it declares nothing until the privacy office ticks its purposes. */
export function newVendor(id: number, name: string): Vendor {
  return {
    id,
    name,
    purposes: [],
    legIntPurposes: [],
    flexiblePurposes: [],
    specialPurposes: [],
    features: [],
    specialFeatures: [],
  };
}

export function privacyUrlOf(v: Vendor): string {
  return v.urls?.[0]?.privacy ?? '';
}

export function withPrivacyUrl(v: Vendor, url: string): Vendor {
  const rest = (v.urls ?? []).slice(1);
  const first = { ...(v.urls?.[0] ?? { langId: 'en' }), privacy: url };
  return { ...v, urls: url ? [first, ...rest] : rest };
}

type Names = (kind: 'purpose' | 'specialFeature', id: number) => string;

/**
 * The list to save: the vendors keyed by id, and a definition for every purpose and special feature (the IAB
 * library indexes vendors by the ids they declare and fails on an undefined one). Existing definitions stay.
 */
export function vendorListToSave(
  base: VendorList,
  meta: { vendorListVersion: number; tcfPolicyVersion: number },
  vendors: readonly Vendor[],
  name: Names,
  now: Date,
): VendorList {
  const defs = (existing: unknown, idList: readonly number[], kind: 'purpose' | 'specialFeature') => {
    const out: Record<string, unknown> = { ...((existing as Record<string, unknown> | undefined) ?? {}) };
    for (const id of idList) {
      const n = name(kind, id);
      out[String(id)] ??= { id, name: n, description: n, illustrations: [] };
    }
    return out;
  };
  return {
    gvlSpecificationVersion: 3,
    specialPurposes: {},
    features: {},
    stacks: {},
    dataCategories: {},
    ...base,
    lastUpdated: now.toISOString(),
    vendorListVersion: meta.vendorListVersion,
    tcfPolicyVersion: meta.tcfPolicyVersion,
    purposes: defs(base.purposes, PURPOSE_IDS, 'purpose'),
    specialFeatures: defs(base.specialFeatures, SPECIAL_FEATURE_IDS, 'specialFeature'),
    vendors: Object.fromEntries(vendors.map((v) => [String(v.id), v])),
  };
}

export const emptyVendorList = (): VendorList => ({
  vendorListVersion: 1,
  tcfPolicyVersion: 5,
  purposes: {},
  vendors: {},
});

export type Reach =
  /** Declares no purpose for consent: the TC string signals no consent and none is needed. */
  | { kind: 'none-needed' }
  /** Gets consent when the person grants these banner purposes (every purpose of the vendor is carried). */
  | { kind: 'via'; bannerPurposes: string[] }
  /** Some of its consent purposes no banner purpose stands for: it never gets consent. */
  | { kind: 'never'; uncovered: number[] };

/**
 * How a disclosed vendor gets consent from the banner: encodeTcString signals a vendor's consent only when
 * every purpose it declares for consent was granted, and a purpose is granted through the banner purposes
 * whose `tcfPurposes` name it.
 */
export function reachOf(vendor: Pick<Vendor, 'purposes'>, banner: readonly BannerPurpose[]): Reach {
  if (vendor.purposes.length === 0) return { kind: 'none-needed' };
  const carried = new Set(banner.flatMap((b) => b.tcfPurposes));
  const uncovered = vendor.purposes.filter((p) => !carried.has(p));
  if (uncovered.length) return { kind: 'never', uncovered };
  return {
    kind: 'via',
    bannerPurposes: banner
      .filter((b) => b.tcfPurposes.some((p) => vendor.purposes.includes(p)))
      .map((b) => b.key),
  };
}

/** The API names a validation issue `body.<path>`; a field shows those at or under its own path. */
export function messagesAt(issues: readonly { path: string; message: string }[], path: string): string[] {
  return issues
    .filter((i) => {
      const p = i.path.replace(/^body\.?/, '');
      return p === path || p.startsWith(`${path}.`);
    })
    .map((i) => i.message);
}
