import { GppModel } from '@iabgpp/cmpapi';

/** A vendor as the IAB Global Vendor List (v3) declares it, for tests and benches of the TCF layer. */
export const gvlVendor = (id: number, purposes: number[], legIntPurposes: number[] = []) => ({
  id,
  name: `Vendor ${id}`,
  purposes,
  legIntPurposes,
  flexiblePurposes: [],
  specialPurposes: [],
  features: [],
  specialFeatures: [],
  cookieMaxAgeSeconds: 86400,
  usesCookies: true,
  cookieRefresh: false,
  usesNonCookieAccess: false,
  dataRetention: { stdRetention: 365, purposes: {}, specialPurposes: {} },
  dataDeclaration: [],
  urls: [{ langId: 'en', privacy: 'https://example.com/privacy' }],
});

/**
 * A Global Vendor List (v3) with the eleven TCF purposes and the given vendors; `extra` replaces any other
 * section (the IAB library indexes vendors by every id they declare, so those must be defined here).
 */
export const gvlVendorList = (
  vendors: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) => ({
  gvlSpecificationVersion: 3,
  vendorListVersion: 120,
  tcfPolicyVersion: 5,
  lastUpdated: '2026-11-01T16:00:00Z',
  purposes: Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [String(i + 1), { id: i + 1, name: `P${i + 1}`, description: 'd' }]),
  ),
  specialPurposes: {},
  features: {},
  specialFeatures: {},
  stacks: {},
  dataCategories: {},
  vendors,
  ...extra,
});

/** The opt-outs a GPP string's US national section carries (1 opted out, 2 not), and its GPC flag. */
export const usnatOptOuts = (gppString: string) => {
  const model = new GppModel(gppString);
  return {
    sale: model.getFieldValue('usnat', 'SaleOptOut'),
    sharing: model.getFieldValue('usnat', 'SharingOptOut'),
    targeted: model.getFieldValue('usnat', 'TargetedAdvertisingOptOut'),
    gpc: model.getFieldValue('usnat', 'Gpc'),
  };
};
