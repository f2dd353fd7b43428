import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTcString, encodeTcString, tcfPurposesOf, type VendorList } from './consent.tcf.js';
import { gvlVendor, gvlVendorList } from './tcf.test-helpers.js';

const purposes = Object.fromEntries(
  Array.from({ length: 11 }, (_, i) => [
    String(i + 1),
    { id: i + 1, name: `Purpose ${i + 1}`, description: 'd', illustrations: [] },
  ]),
);
const vendor = gvlVendor;

/** A small vendor list shaped like the IAB GVL v3 (the site's disclosed vendors). */
const vendorList = gvlVendorList(
  { '7': vendor(7, [1]), '12': vendor(12, [1, 3, 4]), '31': vendor(31, [1, 7, 9]) },
  { purposes },
) as unknown as VendorList;

const encode = (granted: number[]) =>
  encodeTcString(vendorList, {
    cmpId: 300,
    cmpVersion: 1,
    publisherCountryCode: 'JP',
    purposeConsents: granted,
    created: new Date('2026-11-23T00:00:00Z'),
  });

describe('TCF v2.3 strings', () => {
  it('decode with the IAB library to exactly the choices made, with the disclosed-vendors segment', () => {
    const s = encode([1, 3, 4]);
    expect(s.split('.')).toHaveLength(2);
    expect(decodeTcString(s)).toEqual({
      purposeConsents: [1, 3, 4],
      vendorConsents: [7, 12],
      disclosedVendors: [7, 12, 31],
      cmpId: 300,
      policyVersion: 5,
      vendorListVersion: 120,
    });
    expect(decodeTcString(encode([]))).toMatchObject({
      purposeConsents: [],
      vendorConsents: [],
      disclosedVendors: [7, 12, 31],
    });
  });

  it('round-trips any set of purposes; no vendor gets consent for a refused purpose', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { maxLength: 11 }), (granted) => {
        const decoded = decodeTcString(encode(granted));
        expect(decoded.purposeConsents).toEqual([...granted].sort((a, b) => a - b));
        const expected = [7, 12, 31].filter((id) =>
          (vendorList as unknown as { vendors: Record<string, { purposes: number[] }> }).vendors[
            String(id)
          ]?.purposes.every((p) => granted.includes(p)),
        );
        expect(decoded.vendorConsents).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('maps granted Mamori purposes to their TCF purposes', () => {
    const config = [
      { key: 'ads', tcfPurposes: [1, 3, 4] },
      { key: 'analytics', tcfPurposes: [1, 8] },
      { key: 'newsletter', tcfPurposes: [] },
    ];
    expect(tcfPurposesOf([{ key: 'ads' }, { key: 'analytics' }], config)).toEqual([1, 3, 4, 8]);
    expect(tcfPurposesOf([{ key: 'newsletter' }], config)).toEqual([]);
  });
});
