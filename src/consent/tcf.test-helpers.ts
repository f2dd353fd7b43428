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
