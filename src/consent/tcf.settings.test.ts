import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import type { Role } from '../accounts/roles.js';
import { CONSENT_ONLY_PURPOSES, type TcfState, tcfSettings } from './tcf.settings.js';
import { gvlVendor, gvlVendorList } from './tcf.test-helpers.js';

const vendor = (id: number, purposes: number[], legIntPurposes: number[] = []) => ({
  ...gvlVendor(id, purposes, legIntPurposes),
  specialPurposes: [1],
});

const settings = (vendors: Record<string, unknown> = { '7': vendor(7, [1, 7], [8]) }) => ({
  cmpId: 300,
  cmpVersion: 2,
  publisherCountryCode: 'JP',
  // The IAB library indexes vendors by every id they declare: each must be defined in the list.
  vendorList: gvlVendorList(vendors, { specialPurposes: { '1': { id: 1, name: 'SP1', description: 'd' } } }),
  gpp: true,
});

let t: TestApp;
const as = (role: Role) => ({ cookie: t.cookies[role] });
const put = (role: Role, body: unknown) =>
  t.app.inject({ method: 'PUT', url: '/api/consent/tcf', headers: as(role), payload: body as object });
const state = async (role: Role = 'auditor') => {
  const res = await t.app.inject({ method: 'GET', url: '/api/consent/tcf', headers: as(role) });
  expect(res.statusCode).toBe(200);
  return res.json() as TcfState;
};
const issuePaths = (res: { json(): unknown }) =>
  (res.json() as { error: { issues?: { path: string }[] } }).error.issues?.map((i) => i.path) ?? [];

beforeAll(async () => {
  t = await testApp();
}, 60_000);
afterAll(async () => t?.close());

describe('TCF / GPP settings API', () => {
  it('reads as off until set; only privacy officers and administrators change it', async () => {
    expect(await state()).toEqual({ enabled: false, settings: null, updatedAt: null });
    const engineer = await t.app.inject({ method: 'GET', url: '/api/consent/tcf', headers: as('engineer') });
    expect(engineer.statusCode).toBe(403);
    expect((await put('handler', settings())).statusCode).toBe(403);
    expect((await put('auditor', settings())).statusCode).toBe(403);
    const po = await put('privacy_officer', settings());
    expect(po.statusCode, po.body).toBe(204);

    const now = await state('handler');
    expect(now.enabled).toBe(true);
    expect(now.settings?.cmpVersion).toBe(2);
    expect(now.settings?.vendorList.vendors['7']).toMatchObject({ purposes: [1, 7], legIntPurposes: [8] });
    // Fields the console does not edit are kept as sent.
    expect(now.settings?.vendorList.vendors['7']).toMatchObject({ specialPurposes: [1], usesCookies: true });
    expect(Number.isNaN(Date.parse(String(now.updatedAt)))).toBe(false);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/consent/tcf' });
    expect(pub.json()).toMatchObject({ cmpId: 300, gpp: true });
  });

  it('names the field of each invalid value', async () => {
    const lower = await put('admin', { ...settings(), publisherCountryCode: 'jp' });
    expect(lower.statusCode).toBe(400);
    expect(issuePaths(lower)).toEqual(['body.publisherCountryCode']);

    const legInt = await put('admin', settings({ '7': vendor(7, [1], [3, 7]) }));
    expect(legInt.statusCode).toBe(400);
    expect(issuePaths(legInt)).toEqual(['body.vendorList.vendors.7.legIntPurposes']);
    expect(legInt.body).toContain('consent only');

    const unknownPurpose = await put('admin', settings({ '7': vendor(7, [12]) }));
    expect(issuePaths(unknownPurpose)).toEqual(['body.vendorList.vendors.7.purposes.0']);

    const wrongKey = await put('admin', settings({ '8': vendor(7, [1]) }));
    expect(issuePaths(wrongKey)).toEqual(['body.vendorList.vendors.8.id']);

    const tooSmall = await put('admin', { ...settings(), cmpId: 1 });
    expect(issuePaths(tooSmall)).toEqual(['body.cmpId']);
    // Nothing invalid was stored.
    expect((await state()).settings?.publisherCountryCode).toBe('JP');
  });

  it('turns off: the public settings answer 404, and both changes are audited', async () => {
    const handler = await t.app.inject({ method: 'DELETE', url: '/api/consent/tcf', headers: as('handler') });
    expect(handler.statusCode).toBe(403);
    const off = await t.app.inject({ method: 'DELETE', url: '/api/consent/tcf', headers: as('admin') });
    expect(off.statusCode).toBe(204);
    expect((await state()).enabled).toBe(false);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/consent/tcf' });
    expect(pub.statusCode).toBe(404);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/audit/events?action=consent.settings_updated',
      headers: as('admin'),
    });
    const events = (audit.json() as { events: { details: Record<string, unknown> }[] }).events;
    expect(events.map((e) => e.details)).toEqual(
      expect.arrayContaining([{ enabled: false }, { cmpId: 300, vendors: 1, gpp: true }]),
    );
  });
});

describe('a vendor’s declaration (TCF Policy)', () => {
  const purpose = fc.integer({ min: 1, max: 11 });
  const ids = fc.uniqueArray(purpose, { maxLength: 11 });
  const parse = (consent: number[], legInt: number[]) =>
    tcfSettings.safeParse(settings({ '7': vendor(7, consent, legInt) })).success;

  it('accepts legitimate interest only for purposes not consent-only and not also declared for consent', () => {
    fc.assert(
      fc.property(ids, ids, (consent, legInt) => {
        const allowed =
          legInt.every((p) => !CONSENT_ONLY_PURPOSES.includes(p)) &&
          legInt.every((p) => !consent.includes(p));
        expect(parse(consent, legInt)).toBe(allowed);
      }),
    );
  });
});
