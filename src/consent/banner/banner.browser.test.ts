import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { launchChromium } from '../../../test/browser/console.helpers.js';
import { seedConsent } from '../consent.test-helpers.js';
import { startSite, type TestSite } from './site.test-helpers.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-artifacts');

let t: TestApp;
let browser: Browser;
let site: TestSite;
let siteUrl: string;

/** The company's own site, on another origin than Mamori, with tags held back until consent. */
const page = (mamori: string, lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>shop</title>
<script>window.ran = [];</script>
<script async src="${mamori}/consent/banner.js"></script>
<script type="text/plain" data-mamori-purpose="analytics">window.ran.push('analytics');</script>
<script type="text/plain" data-mamori-purpose="ads">window.ran.push('ads');</script>
<script type="text/plain" data-mamori-purpose="newsletter">window.ran.push('newsletter');</script>
</head><body><h1>${lang === 'ja' ? 'ようこそ' : 'Welcome'}</h1><p>content</p></body></html>`;

beforeAll(async () => {
  t = await testApp();
  await seedConsent(t);
  site = await startSite(t.app, (path, mamori) => page(mamori, path.includes('lang=en') ? 'en' : 'ja'));
  siteUrl = site.url;
  browser = await launchChromium();
  await fs.mkdir(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await t?.close();
});

const ran = (p: Page) => p.evaluate<string[]>('window.ran');
const visitorOf = (p: Page) => p.evaluate<string>('window.mamoriConsent.visitorId');

/** Waits until the ledger holds the visitor's decisions (the banner reports without blocking the page). */
async function ledgerState(visitorId: string, purposes: number) {
  for (let i = 0; i < 100; i++) {
    const state = await t.mamori.consent.visitorState(visitorId);
    if (state.purposes.length >= purposes)
      return Object.fromEntries(state.purposes.map((s) => [s.purpose, { decision: s.decision, gpc: s.gpc }]));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the banner never reported');
}

describe('the banner in Chromium', () => {
  it('reject all: no held-back tag runs, and the refusal is in the ledger', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const p = await context.newPage();
    await p.goto(`${siteUrl}?lang=en`);
    const dialog = p.getByRole('dialog', { name: 'How we use cookies' });
    await dialog.waitFor();
    await p.screenshot({ path: path.join(ARTIFACTS, 'consent-banner-en.png') });
    await dialog.getByRole('button', { name: 'Reject all' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await ran(p)).toEqual([]);
    expect(await ledgerState(await visitorOf(p), 3)).toEqual({
      analytics: { decision: 'denied', gpc: false },
      ads: { decision: 'denied', gpc: false },
      newsletter: { decision: 'denied', gpc: false },
    });
    await context.close();
  });

  it('accepting one purpose runs only its tags, and the choice is remembered on reload', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const p = await context.newPage();
    await p.goto(siteUrl);
    const dialog = p.getByRole('dialog', { name: 'Cookie 等の利用について' });
    await dialog.waitFor();
    await p.screenshot({ path: path.join(ARTIFACTS, 'consent-banner-ja.png') });
    await dialog.getByRole('button', { name: '選択する' }).click();
    await dialog.getByRole('checkbox', { name: 'アクセス解析のため' }).check();
    await dialog.getByRole('button', { name: '選択を保存する' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await ran(p)).toEqual(['analytics']);
    const visitor = await visitorOf(p);
    expect((await ledgerState(visitor, 3)).analytics).toEqual({ decision: 'granted', gpc: false });

    await p.reload();
    await expect.poll(() => ran(p)).toEqual(['analytics']);
    expect(await p.getByRole('dialog').count()).toBe(0);
    expect(await visitorOf(p)).toBe(visitor);
    await context.close();
  });

  it('with GPC on, accept all (by keyboard) still leaves sale/share purposes off, recorded as honoured', async () => {
    const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'Sec-GPC': '1' } });
    // Chromium has no GPC setting of its own; this is what Firefox and Brave expose when it is on.
    await context.addInitScript(
      "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })",
    );
    const p = await context.newPage();
    await p.goto(`${siteUrl}?lang=en`);
    const dialog = p.getByRole('dialog', { name: 'How we use cookies' });
    await dialog.waitFor();
    // Focus starts on the first button; Enter accepts.
    await expect.poll(() => p.evaluate<string>('document.activeElement.textContent')).toBe('Accept all');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await ran(p)).sort()).toEqual(['analytics', 'newsletter']);
    expect(await ledgerState(await visitorOf(p), 3)).toEqual({
      analytics: { decision: 'granted', gpc: false },
      ads: { decision: 'denied', gpc: true },
      newsletter: { decision: 'granted', gpc: false },
    });
    await context.close();
  });

  it('opens the preference centre from the banner with the visitor id', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const p = await context.newPage();
    await p.goto(`${siteUrl}?lang=en`);
    const link = p.getByRole('dialog').getByRole('link', { name: 'Settings' });
    const href = await link.getAttribute('href');
    expect(href).toContain(`/privacy/preferences?v=${await visitorOf(p)}&lang=en`);
    await context.close();
  });
});
