import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { japanDay } from '../notices/notice.service.js';
import type { Register } from '../register/register.schema.js';
import { SYSTEM, seedConsent } from './consent.test-helpers.js';

let t: TestApp;
let register: Register;
beforeAll(async () => {
  t = await testApp();
  register = await seedConsent(t);
}, 60_000);
afterAll(() => t.close());

describe('GET /consent/banner.js', () => {
  it('is small (≤ 15 kB gzipped), cacheable and served to any origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/consent/banner.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/javascript');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const gzipped = gzipSync(res.rawPayload, { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(15 * 1024);
    expect(res.body).toContain("role: 'dialog'");
    expect(res.body).toContain('globalPrivacyControl');
    // Browsers get it compressed, and a revisit within the cache's life costs a 304.
    const br = await t.app.inject({
      method: 'GET',
      url: '/consent/banner.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(brotliDecompressSync(br.rawPayload).equals(res.rawPayload)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(res.rawPayload.length / 2);
    const again = await t.app.inject({
      method: 'GET',
      url: '/consent/banner.js',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});

describe('re-consent', () => {
  it('flags grants given under an earlier text of a purpose once a notice changing it is in force', async () => {
    const today = japanDay(new Date());
    await t.mamori.notices.publish(SYSTEM, { effectiveOn: today });
    await t.mamori.consent.configSnapshot(true);
    const v = randomUUID();
    const first = await t.mamori.consent.recordPublic(
      {
        visitorId: v,
        gpc: false,
        choices: [
          { purpose: 'analytics', decision: 'granted' },
          { purpose: 'newsletter', decision: 'granted' },
        ],
      },
      { gpcHeader: false, origin: {}, channel: 'banner' },
    );
    expect(first.state.every((s) => !s.needsRenewal)).toBe(true);
    expect(first.state[0]?.noticeVersion).toBe(1);
    const before = (await t.mamori.consent.config()).purposes.find((p) => p.key === 'analytics')?.rev;

    const analytics = register.purposes.find((p) => p.key === 'analytics');
    await t.mamori.register.update(SYSTEM, 'purposes', 'analytics', {
      ...analytics,
      description: {
        ja: 'アクセス解析及び広告効果測定のため',
        en: 'To analyse site use and measure advertising',
      },
    });
    await t.mamori.notices.publish(SYSTEM, { effectiveOn: today });
    const config = (await t.mamori.consent.configSnapshot(true)).config;
    expect(config.noticeVersion).toBe(2);
    expect(config.purposes.find((p) => p.key === 'analytics')?.rev).not.toBe(before);

    const state = await t.mamori.consent.visitorState(v);
    const by = Object.fromEntries(state.purposes.map((s) => [s.purpose, s.needsRenewal]));
    expect(by).toEqual({ analytics: true, newsletter: false });
  });
});

describe('/privacy/preferences', () => {
  it('shows a visitor their choices and records changes from a plain form, without script', async () => {
    const v = randomUUID();
    await t.mamori.consent.recordPublic(
      { visitorId: v, gpc: false, choices: [{ purpose: 'ads', decision: 'granted' }] },
      { gpcHeader: false, origin: {}, channel: 'banner' },
    );
    const page = await t.app.inject({ method: 'GET', url: `/privacy/preferences?v=${v}&lang=ja` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('同意の設定');
    expect(page.body).toMatch(/name="p:ads" value="granted" checked/);

    const form = new URLSearchParams({
      v,
      lang: 'en',
      'p:analytics': 'granted',
      'p:ads': 'denied',
      'p:newsletter': 'denied',
    });
    const post = await t.app.inject({
      method: 'POST',
      url: '/privacy/preferences',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe(`/privacy/preferences?v=${v}&lang=en&saved=1`);
    const after = await t.app.inject({ method: 'GET', url: post.headers.location as string });
    expect(after.body).toContain('role="status"');
    expect(after.body).toMatch(/name="p:analytics" value="granted" checked/);
    expect(after.body).toMatch(/name="p:ads" value="denied" checked/);
    const history = await t.mamori.consent.history(null, t.mamori.consent.keyOf('visitor', v));
    expect(history.filter((h) => h.channel === 'form')).toHaveLength(3);

    const none = await t.app.inject({ method: 'GET', url: '/privacy/preferences?lang=en' });
    expect(none.body).toContain('consent banner');
  });
});
