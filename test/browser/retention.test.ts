import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/laws/zone.js';
import {
  type AccountMix,
  createRetentionStore,
  dueOf,
  insertAccounts,
  prepareMamori,
  type RetentionStore,
} from '../../src/retention/retention.e2e-fixtures.js';
import {
  ADMIN_PASSWORD,
  collectViolations,
  ensureConsoleBuilt,
  launchChromium,
  type RunningMamori,
  screenshot,
  serveMamori,
  signInConsole,
} from './console.helpers.js';

/*
 * The retention page in real Chromium against a real `mamori serve` whose register points at a real
 * PostgreSQL table with expired rows: counts per rule, a person hold, the dry run showing it, a sweep
 * large enough to wait for approval, the privacy officer's approval, the worker's run and the certificate.
 */

const KEY = 'shopret';
const OFFICER = { login: 'officer', password: 'retention officer password 1' };
const MIX: AccountMix = { due: 40, in30: 6, in90: 8, later: 10 };
const HELD_EMAIL = 'user1@example.jp';

let store: RetentionStore;
let mamori: RunningMamori;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ensureConsoleBuilt();
  store = await createRetentionStore();
  await insertAccounts(store.pool, localDateOf(new Date(), 'Asia/Tokyo'), MIX);
  [mamori, browser] = await Promise.all([
    serveMamori((cli) =>
      prepareMamori(cli.env, {
        key: KEY,
        url: store.url,
        accounts: { admin: ADMIN_PASSWORD, officer: OFFICER },
      }),
    ),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  await store?.drop();
});

const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, ...options });
const heading = () => page.locator('main h1');
const status = (section: string) => page.locator(`section[aria-labelledby="${section}"] [role="status"]`);
/** The figures table under the chart: [now, in30, in90] of a rule's summary row. */
const ruleCounts = async (rule: string) =>
  (await page.locator(`.due-table tr[data-rule="${rule}"] td.num`).allTextContents()).map((s) =>
    Number(s.replace(/[^\d]/g, '')),
  );

const axe = (label: string, failures: string[]) => collectViolations(page, label, failures);

describe('retention page in Chromium on a real PostgreSQL table', () => {
  it('shows counts per rule, places a hold the dry run shows, and an approved sweep leaves a certificate', async () => {
    await page.goto(`${mamori.baseUrl}/console/retention`);
    await signInConsole(page, OFFICER);
    await poll(() => heading().textContent()).toBe('保存期間・廃棄');

    // Chart and its figures: the store's own COUNTs for now / 30 / 90 days.
    const expected = dueOf(MIX);
    await poll(() => ruleCounts('five-years')).toEqual([expected.now, expected.in30, expected.in90]);
    expect(await page.locator('canvas[role="img"]').count()).toBe(1);
    const failures: string[] = [];
    await axe('ja /retention', failures);

    // A litigation hold on one person.
    const form = page.locator('form[aria-label="ホールドを設定する"]');
    await form.getByLabel('範囲の種類').selectOption('person');
    await form.getByLabel('識別子の値').fill(HELD_EMAIL);
    await form.getByLabel('理由').selectOption('litigation');
    await form.getByRole('button', { name: 'ホールドを設定する' }).click();
    await poll(() => status('ret-holds').textContent()).toBe('ホールドを設定しました。');
    await poll(() => page.locator('tr[data-hold]').count()).toBe(1);
    expect(await page.locator('tr[data-hold]').textContent()).not.toContain(HELD_EMAIL);
    await poll(() => ruleCounts('five-years')).toEqual([
      expected.now - 1,
      expected.in30 - 1,
      expected.in90 - 1,
    ]);

    // The dry run shows what the hold keeps back, and the SQL, and writes nothing.
    await page.getByRole('button', { name: 'ドライランを実行する' }).click();
    const dry = page.locator(`tr.dry-run-row[data-collection="${KEY}:accounts"]`);
    await poll(() => dry.count()).toBe(1);
    const cells = await dry.locator('td').allTextContents();
    expect(cells[2]).toBe(String(expected.now - 1));
    expect(cells[5]).toBe('1');
    expect(cells[6]).toBe('email で指定された1人分を保存する');
    expect(await dry.locator('pre').textContent()).toContain('contract_ended_at');
    expect(
      (await store.pool.query('SELECT count(*)::int AS n FROM accounts WHERE email IS NULL')).rows[0].n,
    ).toBe(0);
    await screenshot(page, 'retention-dry-run-ja');

    // Settings: sweeps above 10 rows wait for approval (the default is 1,000).
    const settings = page.locator('form[aria-label="設定"]');
    await settings.getByLabel('承認が必要となる件数(これを超えると承認待ち)').fill('10');
    await settings.getByRole('button', { name: '設定を保存' }).click();
    await poll(() => status('ret-settings').textContent()).toBe('設定を保存しました。');

    // 39 rows > threshold 10: the sweep waits for the privacy officer.
    await page.getByRole('button', { name: '本日の廃棄を計画する' }).click();
    await poll(() => status('ret-sweeps').textContent()).toBe('廃棄を計画しました(状態: 承認待ち)。');
    const approve = page.locator('tr.sweep-waiting button');
    await poll(() => approve.count()).toBe(1);
    expect(await approve.getAttribute('aria-label')).toContain(`の廃棄(${expected.now - 1} 件)を承認する`);
    await approve.click();
    await poll(() => status('ret-sweeps').textContent()).toMatch(/承認しました/);

    // The worker runs it; the list follows it to the end and offers the certificate.
    const pdfLink = page.getByRole('link', { name: '廃棄証明書(PDF)' });
    await poll(() => pdfLink.count(), { timeout: 60_000 }).toBe(1);
    const row = page.locator('tr.sweep-past').first();
    expect(await row.locator('td').nth(1).textContent()).toBe('完了');
    expect(await row.locator('td').nth(3).textContent()).toBe(OFFICER.login);
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const pdfPath = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
    const sweepId = await row.getAttribute('data-sweep');
    const json = await page.request.get(`${mamori.baseUrl}/api/retention/sweeps/${sweepId}/certificate`);
    const { certificate, sha256 } = (await json.json()) as {
      certificate: {
        totalRows: number;
        ok: boolean;
        approvedBy: string;
        collections: {
          collection: string;
          rows: number;
          verification: { remaining: number; heldRows: number };
        }[];
      };
      sha256: string;
    };
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(certificate.ok).toBe(true);
    expect(certificate.approvedBy).toBe(OFFICER.login);
    const accounts = certificate.collections.find((c) => c.collection === `${KEY}:accounts`);
    expect(accounts?.rows).toBe(expected.now - 1);
    expect(accounts?.verification).toMatchObject({ remaining: 0, heldRows: 1 });

    // The store: every due row but the held person's is erased; nothing else touched.
    const erased = await store.pool.query<{ email: string | null; n: number }>(
      'SELECT email IS NULL AS erased, count(*)::int AS n FROM accounts GROUP BY 1 ORDER BY 1',
    );
    expect(erased.rows.map((r) => r.n)).toEqual([
      MIX.due + MIX.in30 + MIX.in90 + MIX.later - (expected.now - 1),
      expected.now - 1,
    ]);
    const held = await store.pool.query('SELECT full_name FROM accounts WHERE email = $1', [HELD_EMAIL]);
    expect(held.rows).toHaveLength(1);
    // Counts follow: nothing due now (the held row is kept back), the upcoming ones remain.
    await poll(() => ruleCounts('five-years')).toEqual([0, MIX.in30, MIX.in30 + MIX.in90]);
    await screenshot(page, 'retention-ja');

    // Release with a reason.
    const hold = page.locator('tr[data-hold]');
    await hold.getByLabel('解除の理由').fill('和解成立');
    await hold.getByRole('button', { name: '解除する' }).click();
    await poll(() => status('ret-holds').textContent()).toBe('ホールドを解除しました。');
    await poll(() => page.locator('tr[data-hold]').count()).toBe(0);
    await poll(() => ruleCounts('five-years')).toEqual([1, MIX.in30 + 1, MIX.in30 + MIX.in90 + 1]);

    // English, and axe in both languages.
    await page
      .getByLabel(/表示言語/)
      .first()
      .selectOption('en');
    await poll(() => heading().textContent()).toBe('Retention');
    await poll(() => page.getByRole('link', { name: 'Deletion certificate (PDF)' }).count()).toBe(1);
    expect(
      await page.getByRole('link', { name: 'Deletion certificate (PDF)' }).getAttribute('href'),
    ).toContain('lang=en');
    await axe('en /retention', failures);
    await screenshot(page, 'retention-en');
    expect(failures).toEqual([]);
  }, 240_000);
});
