import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { launchChromium } from '../../../test/browser/console.helpers.js';
import { seedConsent } from '../consent.test-helpers.js';
import { gvlVendorList, usnatOptOuts } from '../tcf.test-helpers.js';
import { startSite, type TestSite } from './site.test-helpers.js';

let t: TestApp;
let browser: Browser;
let site: TestSite;
let siteUrl: string;
let frameOrigin = '';

const vendorList = gvlVendorList();

const putTcf = async (gpp: boolean) => {
  const put = await t.app.inject({
    method: 'PUT',
    url: '/api/consent/tcf',
    headers: { cookie: t.cookies.privacy_officer },
    payload: { cmpId: 300, cmpVersion: 2, publisherCountryCode: 'JP', vendorList, gpp },
  });
  expect(put.statusCode, put.body).toBe(204);
};

/** The site: the banner with TCF on, an ad in a cross-origin frame and a widget in a sandboxed one. */
const page = (mamori: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shop</title>
<script async src="${mamori}/consent/banner.js" data-tcf></script>
</head><body><h1>Welcome</h1>
<iframe title="ad" src="${frameOrigin}/ad"></iframe>
<iframe title="widget" sandbox="allow-scripts" src="/widget"></iframe>
</body></html>`;

/**
 * Code an ad tag runs in a frame: walks up the frame tree to the window holding a frame named `name`, as the
 * GPP and TCF specifications describe, then calls `ready(cmpWindow)`.
 */
const locate = `function locate(name, ready) {
  var w = window;
  while (w) { try { if (w.frames[name]) break; } catch (_) {} w = w === top ? null : w.parent; }
  if (!w) return setTimeout(function () { locate(name, ready); }, 20);
  ready(w);
}`;

/** Cross-origin ad: object messages; pings, listens to events, reads the usnat section on demand. */
const ad = `<!doctype html><html lang="en"><head><title>ad</title><script>
${locate}
window.answers = [];
window.addEventListener('message', function (e) { if (e.data && e.data.__gppReturn) answers.push(e.data.__gppReturn); });
window.gpp = function (command, callId, parameter) {
  cmp.postMessage({ __gppCall: { command: command, parameter: parameter, version: '1.1', callId: callId } }, '*');
};
locate('__gppLocator', function (w) {
  window.cmp = w;
  gpp('ping', 'ping');
  gpp('addEventListener', 'events');
});
</script></head><body></body></html>`;

/** Sandboxed widget (opaque origin): JSON-text messages, to both APIs. */
const widget = `<!doctype html><html lang="en"><head><title>widget</title><script>
${locate}
window.answers = [];
window.addEventListener('message', function (e) { if (typeof e.data === 'string') answers.push(JSON.parse(e.data)); });
locate('__gppLocator', function (w) {
  w.postMessage(JSON.stringify({ __gppCall: { command: 'ping', version: '1.1', callId: 'g' } }), '*');
});
locate('__tcfapiLocator', function (w) {
  w.postMessage(JSON.stringify({ __tcfapiCall: { command: 'ping', version: 2, callId: 't' } }), '*');
});
</script></head><body></body></html>`;

beforeAll(async () => {
  t = await testApp();
  await seedConsent(t);
  await putTcf(true);
  site = await startSite(t.app, (path, mamori) =>
    path === '/ad' ? ad : path === '/widget' ? widget : page(mamori),
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

interface GppReturn {
  callId: string;
  success: boolean;
  returnValue: Record<string, unknown> & {
    eventName?: string;
    pingData?: { signalStatus: string; gppString: string };
  };
}

const frameOf = (p: Page, path: string) => {
  const frame = p.frames().find((f) => f.url().endsWith(path));
  if (!frame) throw new Error(`no frame ${path}`);
  return frame;
};
const answersOf = <T>(f: Frame) => f.evaluate<T[]>('window.answers');

describe('GPP and TCF for frames (locator frames and postMessage), in Chromium', () => {
  it('a cross-origin frame pings __gpp, follows its events and reads the usnat section by postMessage', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const p = await context.newPage();
    await p.goto(siteUrl);
    const dialog = p.getByRole('dialog', { name: 'How we use cookies' });
    await dialog.waitFor();
    // One hidden locator frame per API in the top page.
    const locators = await p.evaluate<Array<{ name: string; hidden: boolean }>>(
      `[...document.querySelectorAll('iframe[name$="Locator"]')].map((f) => ({ name: f.name, hidden: getComputedStyle(f).display === 'none' && f.getAttribute('aria-hidden') === 'true' }))`,
    );
    expect(locators.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: '__gppLocator', hidden: true },
      { name: '__tcfapiLocator', hidden: true },
    ]);

    const frame = frameOf(p, '/ad');
    const ready = async () => {
      await expect
        .poll(
          async () =>
            (await answersOf<GppReturn>(frame)).some(
              (a) => a.callId === 'events' && a.returnValue.pingData?.signalStatus === 'ready',
            ),
          { timeout: 15_000 },
        )
        .toBe(true);
    };
    await ready();
    const ping = (await answersOf<GppReturn>(frame)).find((a) => a.callId === 'ping');
    expect(ping).toMatchObject({ success: true, returnValue: { gppVersion: '1.1' } });
    expect(['stub', 'loaded']).toContain(ping?.returnValue.cmpStatus);

    // Nothing chosen yet: ads (sale/share) is not granted, so the section says opted out.
    await frame.evaluate("gpp('getSection', 'section1', 'usnat')");
    await expect
      .poll(async () => (await answersOf<GppReturn>(frame)).find((a) => a.callId === 'section1'), {
        timeout: 15_000,
      })
      .toMatchObject({
        success: true,
        returnValue: { SaleOptOut: 1, SharingOptOut: 1, TargetedAdvertisingOptOut: 1, Gpc: false },
      });
    await frame.evaluate("gpp('ping', 'ping2')");
    await expect
      .poll(async () => (await answersOf<GppReturn>(frame)).find((a) => a.callId === 'ping2'))
      .toMatchObject({
        success: true,
        returnValue: {
          cmpStatus: 'loaded',
          cmpDisplayStatus: 'visible',
          cmpId: 300,
          signalStatus: 'ready',
          supportedAPIs: ['7:usnat'],
          applicableSections: [7],
        },
      });

    // Accepting everything in the top page reaches the frame as a sectionChange event, and the section changes.
    await dialog.getByRole('button', { name: 'Accept all' }).click();
    await expect
      .poll(
        async () => {
          const changes = (await answersOf<GppReturn>(frame)).filter(
            (a) => a.callId === 'events' && a.returnValue.eventName === 'sectionChange',
          );
          const last = changes.at(-1)?.returnValue.pingData?.gppString;
          return last ? usnatOptOuts(last) : undefined;
        },
        { timeout: 15_000 },
      )
      .toMatchObject({ sale: 2, sharing: 2, targeted: 2 });
    await frame.evaluate("gpp('getSection', 'section2', 'usnat')");
    await expect
      .poll(async () => (await answersOf<GppReturn>(frame)).find((a) => a.callId === 'section2'))
      .toMatchObject({ returnValue: { SaleOptOut: 2, SharingOptOut: 2, TargetedAdvertisingOptOut: 2 } });
    await frame.evaluate("gpp('ping', 'ping3')");
    await expect
      .poll(async () => (await answersOf<GppReturn>(frame)).find((a) => a.callId === 'ping3'))
      .toMatchObject({ returnValue: { cmpStatus: 'loaded', cmpDisplayStatus: 'hidden' } });
    await context.close();
  });

  it('a sandboxed frame gets JSON-text answers from __gpp and __tcfapi', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const p = await context.newPage();
    await p.goto(siteUrl);
    const frame = frameOf(p, '/widget');
    // An opaque origin: the frame cannot reach the top page's objects, only post messages to it.
    expect(await frame.evaluate('self.origin')).toBe('null');
    await expect.poll(() => answersOf<unknown>(frame), { timeout: 15_000 }).toHaveLength(2);
    const answers = await answersOf<{
      __gppReturn?: GppReturn;
      __tcfapiReturn?: { callId: string; success: boolean; returnValue: { apiVersion: string } };
    }>(frame);
    expect(answers.find((a) => a.__gppReturn)?.__gppReturn).toMatchObject({
      callId: 'g',
      success: true,
      returnValue: { gppVersion: '1.1' },
    });
    expect(answers.find((a) => a.__tcfapiReturn)?.__tcfapiReturn).toMatchObject({
      callId: 't',
      success: true,
      returnValue: { apiVersion: '2.3', gdprApplies: true },
    });
    await context.close();
  });

  it('with GPP off, the GPP locator and __gpp go away and a queued call is answered with a failure', async () => {
    await putTcf(false);
    const context = await browser.newContext({ locale: 'en-GB' });
    // A call made through the stub before the IAB layer arrives.
    await context.addInitScript(`(function wait() {
      if (!window.__gpp) return setTimeout(wait, 2);
      window.queued = null;
      __gpp('getSection', function (data, ok) { window.queued = { data: data, ok: ok }; }, 'usnat');
    })();`);
    const p = await context.newPage();
    await p.goto(siteUrl);
    await expect
      .poll(() => p.evaluate('window.queued'), { timeout: 15_000 })
      .toEqual({ data: null, ok: false });
    expect(await p.evaluate('typeof window.__gpp')).toBe('undefined');
    expect(await p.evaluate('[...document.getElementsByName("__gppLocator")].length')).toBe(0);
    // TCF stays: its locator is there and a frame still gets answers.
    expect(await p.evaluate('[...document.getElementsByName("__tcfapiLocator")].length')).toBe(1);
    await expect
      .poll(async () => (await answersOf<{ __tcfapiReturn?: unknown }>(frameOf(p, '/widget'))).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    await context.close();
  });
});
