import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTcString, encodeTcString, type VendorList as IabList } from '../../src/consent/consent.tcf.js';
import { tcfSettings } from '../../src/consent/tcf.settings.js';
import {
  emptyVendorList,
  messagesAt,
  newVendor,
  reachOf,
  type Vendor,
  vendorListToSave,
  vendorsOf,
  withPrivacyUrl,
} from '../../web/console/src/pages/consent/tcf.js';

const names = (kind: string, id: number) => `${kind} ${id}`;
const now = new Date('2026-11-23T00:00:00Z');
const purposeSet = fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { maxLength: 11 });

describe('the TCF panel’s vendor list', () => {
  it('keys vendors by id, defines every purpose and special feature, keeps what it does not edit', () => {
    const base = {
      ...emptyVendorList(),
      purposes: { '1': { id: 1, name: 'Store (IAB text)', description: 'd' } },
      stacks: { '1': { id: 1, name: 'S', description: 'd', purposes: [1], specialFeatures: [] } },
    };
    const v = withPrivacyUrl({ ...newVendor(12, 'Ad Co'), purposes: [1, 3] }, 'https://ad.example/privacy');
    const saved = vendorListToSave(base, { vendorListVersion: 7, tcfPolicyVersion: 5 }, [v], names, now);
    expect(Object.keys(saved.vendors)).toEqual(['12']);
    expect(saved.purposes['1']).toEqual(base.purposes['1']);
    expect(Object.keys(saved.purposes)).toHaveLength(11);
    expect(saved.purposes['9']).toMatchObject({ id: 9, name: 'purpose 9' });
    expect(Object.keys(saved.specialFeatures as object)).toEqual(['1', '2']);
    expect(saved.stacks).toEqual(base.stacks);
    expect(saved.vendorListVersion).toBe(7);
    expect(vendorsOf(saved)[0]?.urls).toEqual([{ langId: 'en', privacy: 'https://ad.example/privacy' }]);
    // What the API accepts, and what the IAB library encodes (the list is disclosed in full).
    const settings = tcfSettings.parse({
      cmpId: 300,
      cmpVersion: 1,
      publisherCountryCode: 'JP',
      vendorList: saved,
    });
    const tc = decodeTcString(
      encodeTcString(settings.vendorList as unknown as IabList, {
        cmpId: 300,
        cmpVersion: 1,
        publisherCountryCode: 'JP',
        purposeConsents: [1, 3],
        created: now,
      }),
    );
    expect(tc.disclosedVendors).toEqual([12]);
    expect(tc.vendorConsents).toEqual([12]);
  });

  it('reads vendors with missing arrays as declaring nothing, in id order', () => {
    const list = {
      ...emptyVendorList(),
      vendors: { '31': { id: 31, name: 'B' }, '4': { id: 4, name: 'A', purposes: [2] } },
    };
    expect(vendorsOf(list).map((v) => [v.id, v.purposes, v.legIntPurposes])).toEqual([
      [4, [2], []],
      [31, [], []],
    ]);
  });

  it('shows API issues on the field they name and the fields inside it', () => {
    const issues = [
      { path: 'body.vendorList.vendors.7.purposes.0', message: 'too big' },
      { path: 'body.vendorList.vendors.70.name', message: 'empty' },
      { path: 'body.cmpId', message: 'too small' },
    ];
    expect(messagesAt(issues, 'vendorList.vendors.7.purposes')).toEqual(['too big']);
    expect(messagesAt(issues, 'vendorList.vendors.7')).toEqual(['too big']);
    expect(messagesAt(issues, 'cmpId')).toEqual(['too small']);
    expect(messagesAt(issues, 'cmp')).toEqual([]);
  });
});

describe('what the banner passes on to a vendor (preview)', () => {
  const banner = fc.array(
    fc.record({ key: fc.string({ minLength: 1, maxLength: 5 }), tcfPurposes: purposeSet }),
    { maxLength: 4 },
  );

  it('agrees with the encoder: granting every banner purpose named gives the vendor consent', () => {
    fc.assert(
      fc.property(purposeSet, banner, (purposes, config) => {
        const vendor: Vendor = { ...newVendor(5, 'V'), purposes };
        const reach = reachOf(vendor, config);
        const list = vendorListToSave(
          emptyVendorList(),
          { vendorListVersion: 1, tcfPolicyVersion: 5 },
          [vendor],
          names,
          now,
        );
        const granted = [...new Set(config.flatMap((b) => b.tcfPurposes))];
        const consented = decodeTcString(
          encodeTcString(list as unknown as IabList, {
            cmpId: 300,
            cmpVersion: 1,
            publisherCountryCode: 'JP',
            purposeConsents: granted,
            created: now,
          }),
        ).vendorConsents.includes(5);
        if (reach.kind === 'none-needed') expect(purposes).toEqual([]);
        else if (reach.kind === 'never') {
          expect(consented).toBe(false);
          expect(reach.uncovered.every((p) => purposes.includes(p) && !granted.includes(p))).toBe(true);
        } else {
          expect(consented).toBe(true);
          const via = config
            .filter((b) => reach.bannerPurposes.includes(b.key))
            .flatMap((b) => b.tcfPurposes);
          expect(purposes.every((p) => via.includes(p))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
