import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { launchChromium } from '../../../test/browser/console.helpers.js';
import { decodeTcString } from '../consent.tcf.js';
import { SYSTEM, seedConsent } from '../consent.test-helpers.js';
import { gvlVendor, gvlVendorList, usnatOptOuts } from '../tcf.test-helpers.js';
import { startSite, type TestSite } from './site.test-helpers.js';

let t: TestApp;
let browser: Browser;
let site: TestSite;
let siteUrl: string;

const vendor = gvlVendor;

const vendorList = gvlVendorList({
  '7': vendor(7, [1]),
  '12': vendor(12, [1, 3, 4]),
  '31': vendor(31, [1, 7, 9]),
});

/**
 * The site's own code: it uses the CMP APIs the way ad tags do, as soon as the banner's stub exists
 * (before the IAB layer has loaded, so the calls are queued), and keeps every answer.
 */
let frameOrigin = '';
const page = (mamori: string, tcf: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shop</title>
<script async src="${mamori}/consent/banner.js"${tcf ? ' data-tcf' : ''}></script>
<script>
window.log = { pings: [], tcf: [], gpp: [] };
(function wait() {
  if (!window.__tcfapi) return setTimeout(wait, 5);
  __tcfapi('ping', 2, function (p) { log.pings.push(p.cmpStatus); });
  __tcfapi('addEventListener', 2, function (d, ok) { if (ok) log.tcf.push({ status: d.eventStatus, tc: d.tcString, listenerId: d.listenerId }); });
  __gpp('addEventListener', function (e) { if (e && e.pingData) log.gpp.push({ event: e.eventName, gpp: e.pingData.gppString, signal: e.pingData.signalStatus }); });
})();
</script></head><body><h1>Welcome</h1>
<iframe title="ad" src="${frameOrigin}/frame"></iframe></body></html>`;

/** An ad tag in a cross-origin frame: finds the CMP by its locator frame and asks by postMessage. */
const frame = `<!doctype html><html lang="en"><head><title>ad</title><script>
window.answers = [];
window.addEventListener('message', function (e) { if (e.data && e.data.__tcfapiReturn) answers.push(e.data.__tcfapiReturn); });
(function find() {
  var w = window;
  while (w) { try { if (w.frames.__tcfapiLocator) break; } catch (_) {} w = w === top ? null : w.parent; }
  if (!w) return setTimeout(find, 20);
  w.postMessage({ __tcfapiCall: { command: 'getTCData', version: 2, callId: 'c1' } }, '*');
})();
</script></head><body></body></html>`;

beforeAll(async () => {
  t = await testApp();
  await seedConsent(t);
  await t.mamori.consent.putSettings(
    SYSTEM,
    'analytics',
    { inBanner: true, gpcOptOut: false, tcfPurposes: [1, 9] },
    {},
  );
  const put = await t.app.inject({
    method: 'PUT',
    url: '/api/consent/tcf',
    headers: { cookie: t.cookies.privacy_officer },
    payload: { cmpId: 300, cmpVersion: 2, publisherCountryCode: 'JP', vendorList, gpp: true },
  });
  expect(put.statusCode, put.body).toBe(204);
  site = await startSite(t.app, (path, mamori) =>
    path === '/frame' ? frame : page(mamori, !path.includes('plain')),
  );
  siteUrl = site.url;
  frameOrigin = site.otherOrigin;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await t?.close();
});

interface Log {
  pings: string[];
  tcf: Array<{ status: string; tc: string; listenerId: number }>;
  gpp: Array<{ event: string; gpp: string; signal: string }>;
}
const logOf = (p: Page) => p.evaluate<Log>('window.log');
const lastTc = async (p: Page, status: string) => {
  await expect
    .poll(async () => (await logOf(p)).tcf.some((e) => e.status === status), { timeout: 15_000 })
    .toBe(true);
  return (await logOf(p)).tcf.filter((e) => e.status === status).at(-1)?.tc as string;
};
const lastGpp = async (p: Page) => {
  await expect
    .poll(async () => (await logOf(p)).gpp.filter((e) => e.signal === 'ready').length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  return usnatOptOuts((await logOf(p)).gpp.filter((e) => e.signal === 'ready').at(-1)?.gpp as string);
};

describe('__tcfapi and __gpp from the banner, in Chromium', () => {
  it('queues calls from the stub, then answers with a TC string of exactly the choices made', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const p = await context.newPage();
    await p.goto(siteUrl);
    const dialog = p.getByRole('dialog', { name: 'How we use cookies' });
    await dialog.waitFor();
    // Before any choice: the stub answered the ping; the IAB layer then signals the banner is shown.
    expect((await logOf(p)).pings).toEqual(['stub']);
    const shown = decodeTcString(await lastTc(p, 'cmpuishown'));
    expect(shown).toMatchObject({ purposeConsents: [], vendorConsents: [], disclosedVendors: [7, 12, 31] });
    // The cross-origin frame got its answer through the locator frame and postMessage.
    const ad = p.frames().find((f) => f.url().endsWith('/frame'));
    await expect.poll(() => ad?.evaluate<number>('window.answers.length'), { timeout: 15_000 }).toBe(1);
    const answer = await ad?.evaluate<{
      callId: string;
      success: boolean;
      returnValue: { tcString: string };
    }>('window.answers[0]');
    expect(answer).toMatchObject({ callId: 'c1', success: true });
    expect(decodeTcString(answer?.returnValue.tcString ?? '').cmpId).toBe(300);

    await dialog.getByRole('button', { name: 'Choose' }).click();
    await dialog.getByRole('checkbox', { name: 'To analyse how the site is used' }).check();
    await dialog.getByRole('button', { name: 'Save my choices' }).click();
    expect(decodeTcString(await lastTc(p, 'useractioncomplete'))).toEqual({
      purposeConsents: [1, 9],
      vendorConsents: [7],
      disclosedVendors: [7, 12, 31],
      cmpId: 300,
      policyVersion: 5,
      vendorListVersion: 120,
    });
    // ads (sale/share/targeted advertising) was refused: the usnat section says opted out.
    expect(await lastGpp(p)).toEqual({ sale: 1, sharing: 1, targeted: 1, gpc: false });

    // getTCData answers the same string; on reload the stored choice is signalled as tcloaded.
    const direct = await p.evaluate<string>(
      'new Promise((r) => __tcfapi("getTCData", 2, (d) => r(d.tcString)))',
    );
    expect(decodeTcString(direct).purposeConsents).toEqual([1, 9]);
    await p.reload();
    expect(decodeTcString(await lastTc(p, 'tcloaded')).purposeConsents).toEqual([1, 9]);
    // removeEventListener stops the calls to that listener.
    const removed = await p.evaluate<boolean>(
      'new Promise((r) => __tcfapi("removeEventListener", 2, (ok) => r(ok), log.tcf[0].listenerId))',
    );
    expect(removed).toBe(true);
    await context.close();
  });

  it('accept all grants every mapped purpose; with GPC on, the sale/share purpose stays off everywhere', async () => {
    const plain = await browser.newContext({ locale: 'en-GB' });
    const p = await plain.newPage();
    await p.goto(siteUrl);
    await p.getByRole('button', { name: 'Accept all' }).click();
    expect(decodeTcString(await lastTc(p, 'useractioncomplete'))).toMatchObject({
      purposeConsents: [1, 3, 4, 9],
      vendorConsents: [7, 12],
    });
    expect(await lastGpp(p)).toEqual({ sale: 2, sharing: 2, targeted: 2, gpc: false });
    await plain.close();

    const gpc = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await gpc.addInitScript(
      "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })",
    );
    const q = await gpc.newPage();
    await q.goto(siteUrl);
    await q.getByRole('button', { name: 'Accept all' }).click();
    expect(decodeTcString(await lastTc(q, 'useractioncomplete'))).toMatchObject({
      purposeConsents: [1, 9],
      vendorConsents: [7],
    });
    expect(await lastGpp(q)).toEqual({ sale: 1, sharing: 1, targeted: 1, gpc: true });
    await gpc.close();
  });

  it('without data-tcf nothing IAB is loaded, and the banner stays within 15 kB gzipped', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const p = await context.newPage();
    const scripts: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await p.goto(`${siteUrl}plain`);
    await p.getByRole('dialog').waitFor();
    expect(scripts.filter((s) => s.startsWith('/consent/'))).toEqual(['/consent/banner.js']);
    expect(await p.evaluate('typeof window.__tcfapi')).toBe('undefined');
    await context.close();
    const banner = await t.app.inject({ method: 'GET', url: '/consent/banner.js' });
    expect(gzipSync(banner.rawPayload, { level: 9 }).length).toBeLessThanOrEqual(15 * 1024);
    const cmp = await t.app.inject({ method: 'GET', url: '/consent/cmp.js' });
    expect(cmp.statusCode).toBe(200);
    expect(cmp.body).toContain('__tcfapi');
  });

  it('refuses invalid settings (a lower-case country code) and keeps TCF settings to officers and admins', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/consent/tcf',
      headers: { cookie: t.cookies.admin },
      payload: { cmpId: 300, cmpVersion: 2, publisherCountryCode: 'jp', vendorList, gpp: false },
    });
    expect(bad.statusCode).toBe(400);
    const handler = await t.app.inject({
      method: 'PUT',
      url: '/api/consent/tcf',
      headers: { cookie: t.cookies.handler },
      payload: { cmpId: 300, cmpVersion: 2, publisherCountryCode: 'JP', vendorList, gpp: false },
    });
    expect(handler.statusCode).toBe(403);
  });
});
