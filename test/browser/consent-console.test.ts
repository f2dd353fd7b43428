import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRegister } from '../../src/consent/consent.test-helpers.js';
import { japanDay } from '../../src/notices/notice.service.js';
import {
  ADMIN_PASSWORD,
  ensureConsoleBuilt,
  launchChromium,
  type RunningMamori,
  screenshot,
  seriousViolations,
  serveMamori,
  signInConsole,
} from './console.helpers.js';

let mamori: RunningMamori;
let browser: Browser;
let page: Page;
let receiver: http.Server;
let receiverUrl: string;
const received: string[] = [];
let cookie = '';

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${mamori.baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

const banner = (visitorId: string, choices: Record<string, 'granted' | 'denied'>) =>
  call('POST', '/api/public/consent', {
    visitorId,
    choices: Object.entries(choices).map(([purpose, decision]) => ({ purpose, decision })),
  });

/** Register, notice v1, banner decisions, a changed purpose published as v2, more decisions, a staff record. */
async function seed() {
  const login = await fetch(`${mamori.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  cookie = String(login.headers.get('set-cookie')).split(';')[0] as string;
  const register = consentRegister();
  await call('POST', '/api/register/import', register);
  const settings = { inBanner: true, gpcOptOut: true, tcfPurposes: [1, 3, 4] };
  await call('PUT', '/api/consent/purposes/ads', settings);
  await call('POST', '/api/notices', { effectiveOn: japanDay(new Date()) });
  await call('PUT', '/api/consent/purposes/ads', settings); // refreshes the cached configuration
  for (let i = 0; i < 4; i++)
    await banner(crypto.randomUUID(), {
      analytics: 'granted',
      ads: i < 1 ? 'granted' : 'denied',
      newsletter: 'denied',
    });
  await call('POST', '/api/register/import', {
    ...register,
    purposes: register.purposes.map((p) =>
      p.key === 'analytics'
        ? {
            ...p,
            description: {
              ja: 'アクセス解析及び広告効果測定のため',
              en: 'To analyse site use and measure ads',
            },
          }
        : p,
    ),
  });
  await call('POST', '/api/notices', { effectiveOn: japanDay(new Date()) });
  await call('PUT', '/api/consent/purposes/ads', settings);
  for (let i = 0; i < 2; i++)
    await banner(crypto.randomUUID(), {
      analytics: i === 0 ? 'granted' : 'denied',
      ads: 'denied',
      newsletter: 'granted',
    });
  await call('POST', '/api/consent', {
    subject: { kind: 'email', value: 'hanako@example.jp' },
    choices: [
      { purpose: 'newsletter', decision: 'granted' },
      { purpose: 'ads', decision: 'denied' },
    ],
    channel: 'staff',
  });
}

beforeAll(async () => {
  ensureConsoleBuilt();
  receiver = http.createServer((req, res) => {
    received.push(String(req.headers['webhook-id']));
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/consent-events`;
  [mamori, browser] = await Promise.all([serveMamori(), launchChromium()]);
  await seed();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const busy = () => poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);

describe('the consent page of the console', () => {
  it('shows counts, the rate chart by notice version, renewals; searches a history; manages webhooks', async () => {
    await page.goto(`${mamori.baseUrl}/console/consent`);
    await signInConsole(page, { login: 'admin', password: ADMIN_PASSWORD });
    await poll(() => page.locator('main h1').textContent()).toBe('同意');
    await busy();

    // Current counts per purpose: 7 subjects decided on newsletter (6 visitors + 1 e-mail), 2 granted.
    const row = (purpose: string) =>
      page
        .getByRole('row')
        .filter({ has: page.locator('code', { hasText: new RegExp(`^${purpose}$`) }) })
        .first();
    await poll(() => row('newsletter').locator('td').allTextContents()).toEqual([
      'newsletter',
      '3',
      '4',
      '0',
      '7',
      'はい',
    ]);
    // The chart is drawn, and its figures are in a table: analytics 4/4 under v1, 1/2 under v2.
    await poll(() => page.getByRole('img', { name: '目的・公表文の版ごとの同意率' }).count()).toBe(1);
    await page.getByText('グラフの数値を表で見る').click();
    const chartRow = page.locator('details').getByRole('row', { name: /^analytics/ });
    await poll(() => chartRow.locator('td').allTextContents()).toEqual(['100% (4)', '50% (2)']);
    // The four grants given under the first text of analytics need renewal.
    const renewal = page.getByRole('region', { name: '再同意が必要な同意' });
    await poll(() => renewal.getByRole('row').nth(1).locator('td').allTextContents()).toEqual([
      'analytics',
      '4',
      '5',
    ]);

    await page.getByLabel('識別子', { exact: true }).fill('Hanako@example.jp');
    await page.getByRole('button', { name: '検索' }).click();
    await poll(() => page.getByRole('table', { name: '履歴(2件)' }).count()).toBe(1);
    const notFound = page.getByText('この本人の記録はありません。');
    await page.getByLabel('識別子', { exact: true }).fill('nobody@example.jp');
    await page.getByRole('button', { name: '検索' }).click();
    await poll(() => notFound.count()).toBe(1);
    const audit = (await call('GET', '/api/audit/events?action=consent.viewed')) as { events: unknown[] };
    expect(audit.events.length).toBeGreaterThanOrEqual(1);

    await page.getByLabel('送信先URL').fill('ftp://nowhere');
    await page.getByLabel('送信先URL').evaluate((e) => e.setAttribute('type', 'text'));
    await page.getByRole('button', { name: '通知先を登録' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('http or https');
    await page.getByLabel('送信先URL').fill(receiverUrl);
    await page.getByLabel(/対象の利用目的/).fill('newsletter');
    await page.getByRole('button', { name: '通知先を登録' }).click();
    await poll(() => page.getByRole('status').textContent()).toMatch(/whsec_/);
    await poll(() => page.getByRole('row').filter({ hasText: receiverUrl }).count()).toBe(1);
    // Decisions after the endpoint exists (earlier ones may also be sent, if the job had not run yet).
    for (let i = 0; i < 2; i++) await banner(crypto.randomUUID(), { newsletter: 'granted' });

    await screenshot(page, 'consent-ja');
    const ja = await seriousViolations(page);
    expect(ja, JSON.stringify(ja)).toEqual([]);
  }, 180_000);

  it('edits the IAB TCF / GPP settings: field messages from the API, saved, kept after a reload', async () => {
    const tcf = page.getByRole('region', { name: 'IAB TCF v2.3 / GPP(広告事業者への同意の伝達)' });
    const preview = tcf.getByRole('region', { name: 'バナーが開示する内容(保存前の確認)' });
    await poll(() => preview.textContent()).toContain('TCF は無効です');
    await tcf.getByLabel('バナーで IAB TCF を使う').check();
    await tcf.getByLabel('CMP ID(IAB に登録された番号)').fill('300');
    const country = tcf.getByLabel(/パブリッシャーの国コード/);
    await country.fill('jp');
    await tcf.getByLabel('ベンダー ID(GVL)').fill('12');
    await tcf.getByLabel('名称', { exact: true }).last().fill('Ad Co');
    await tcf.getByRole('button', { name: 'ベンダーを追加' }).click();
    const vendor = tcf.locator('details').filter({ hasText: 'Ad Co (ID 12)' });
    // A vendor just added opens for its purposes to be ticked.
    const consentPurposes = vendor.getByRole('group', { name: '同意を求める目的' });
    for (const n of [1, 3, 4]) await consentPurposes.getByLabel(new RegExp(`^${n}\\. `)).check();
    // Each IAB purpose by its number and its name in the console's language.
    expect(
      await consentPurposes
        .getByLabel('3. パーソナライズ広告のためのプロファイルの作成', { exact: true })
        .count(),
    ).toBe(1);
    const legInt = vendor.getByRole('group', { name: /正当な利益による目的/ });
    await legInt.getByLabel(/^7\. /).check();
    await tcf.getByLabel(/^usnat/).check();
    const save = tcf.getByRole('button', { name: 'TCF / GPP 設定を保存' });

    // A lower-case country code: the API's message shows on the field, which is marked invalid.
    await save.click();
    await poll(() => country.getAttribute('aria-invalid')).toBe('true');
    await poll(() => tcf.locator('.field-error').first().textContent()).toMatch(/ISO 3166-1 alpha-2/);
    await country.fill('JP');
    // Purpose 3 on legitimate interest is refused (TCF Policy): the message is on that vendor's list.
    await legInt.getByLabel(/^3\. /).check();
    await save.click();
    await poll(() => legInt.locator('.field-error').textContent()).toContain('consent only');
    expect(await country.getAttribute('aria-invalid')).toBe('false');
    await legInt.getByLabel(/^3\. /).uncheck();
    await save.click();
    await poll(() => tcf.getByRole('status').textContent()).toBe('保存しました。');

    // The preview: the CMP, GPP, and that the vendor gets consent through the banner purpose "ads" (TCF 1, 3, 4).
    await poll(() => preview.textContent()).toContain('CMP ID 300(バージョン 1)、国 JP');
    await poll(() => preview.textContent()).toContain('GPP: usnat (7)');
    const previewRow = preview.getByRole('row').filter({ hasText: 'Ad Co (ID 12)' });
    await poll(() => previewRow.locator('td').allTextContents()).toEqual([
      'Ad Co (ID 12)',
      '1, 3, 4',
      '7',
      '—',
      'ads に同意したとき',
    ]);
    const stored = (await call('GET', '/api/public/consent/tcf')) as {
      cmpId: number;
      publisherCountryCode: string;
      gpp: boolean;
      vendorList: { vendors: Record<string, { purposes: number[]; legIntPurposes: number[] }> };
    };
    expect(stored).toMatchObject({ cmpId: 300, publisherCountryCode: 'JP', gpp: true });
    expect(stored.vendorList.vendors['12']).toMatchObject({ purposes: [1, 3, 4], legIntPurposes: [7] });

    await page.reload();
    await busy();
    await poll(() => tcf.getByLabel('CMP ID(IAB に登録された番号)').inputValue()).toBe('300');
    expect(await tcf.getByLabel('バナーで IAB TCF を使う').isChecked()).toBe(true);
    expect(await tcf.getByLabel(/^usnat/).isChecked()).toBe(true);
    await vendor.locator('summary').click();
    const checked = async (group: string | RegExp) => {
      const boxes = vendor.getByRole('group', { name: group }).getByRole('checkbox');
      const out: number[] = [];
      for (let i = 0; i < (await boxes.count()); i++) if (await boxes.nth(i).isChecked()) out.push(i + 1);
      return out;
    };
    expect(await checked('同意を求める目的')).toEqual([1, 3, 4]);
    expect(await checked(/正当な利益による目的/)).toEqual([7]);
    await screenshot(page, 'consent-tcf-ja');
    const ja = await seriousViolations(page);
    expect(ja, JSON.stringify(ja)).toEqual([]);
  }, 180_000);

  it('shows the TCF settings read-only to an auditor, who has no save button', async () => {
    await call('POST', '/api/users', {
      login: 'tcf-auditor',
      displayName: 'Auditor',
      roles: ['auditor'],
      language: 'ja',
      password: 'auditor console password 1',
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const auditor = await context.newPage();
    await auditor.goto(`${mamori.baseUrl}/console/consent`);
    await signInConsole(auditor, { login: 'tcf-auditor', password: 'auditor console password 1' });
    const tcf = auditor.getByRole('region', { name: 'IAB TCF v2.3 / GPP(広告事業者への同意の伝達)' });
    await poll(() => tcf.getByLabel('CMP ID(IAB に登録された番号)').inputValue()).toBe('300');
    expect(await tcf.getByLabel('CMP ID(IAB に登録された番号)').isDisabled()).toBe(true);
    expect(await tcf.getByText('この設定を変更できるのは個人情報保護責任者と管理者です。').count()).toBe(1);
    expect(await tcf.getByRole('button', { name: /保存|ベンダーを追加|削除/ }).count()).toBe(0);
    const violations = await seriousViolations(auditor);
    expect(violations, JSON.stringify(violations)).toEqual([]);
    await context.close();
  }, 120_000);

  it('in English, with webhook deliveries shown (the minute job runs in the server)', async () => {
    await page
      .getByLabel(/表示言語|Language/)
      .first()
      .selectOption('en');
    await poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await poll(() => page.locator('main h1').textContent()).toBe('Consent');
    // The job runs every minute: the newsletter events arrive at the real receiver, each once.
    await poll(() => received.length, 150_000).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(new Set(received).size).toBe(received.length);
    await page.reload();
    await busy();
    const hook = page.getByRole('row').filter({ hasText: receiverUrl });
    await poll(() => hook.locator('td').nth(4).textContent()).toMatch(new RegExp(`^${received.length}`));
    await hook.getByRole('button', { name: /Deliveries/ }).click();
    await poll(() => page.getByRole('table', { name: 'Deliveries' }).getByRole('row').count()).toBe(
      received.length + 1,
    );
    // The TCF panel in English, with the saved vendor and the IAB purpose names in English.
    const tcf = page.getByRole('region', { name: 'IAB TCF v2.3 / GPP (passing consent to ad vendors)' });
    await poll(() => tcf.getByRole('group', { name: 'Disclosed vendors (1)' }).count()).toBe(1);
    const previewRow = tcf.getByRole('row').filter({ hasText: 'Ad Co (ID 12)' });
    await poll(() => previewRow.locator('td').last().textContent()).toBe('When ads are granted');
    await poll(() => tcf.getByRole('row').filter({ hasText: 'ads' }).first().textContent()).toContain(
      '3. Create profiles for personalised advertising',
    );
    await screenshot(page, 'consent-en');
    const en = await seriousViolations(page);
    expect(en, JSON.stringify(en)).toEqual([]);
  }, 200_000);
});
