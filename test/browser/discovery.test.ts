import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConnectionRepository } from '../../src/connectors/connection.repository.js';
import { ConnectionService } from '../../src/connectors/connection.service.js';
import { CUSTOMER_COLUMNS, customerRows } from '../../src/discovery/db-scan.test-helpers.js';
import { createStores, type Stores } from '../../src/engine/fixtures/stores.js';
import { createMamori } from '../../src/main.js';
import { createLogger } from '../../src/platform/logger.js';
import { cleanRegister } from '../../src/register/lint/lint.test-helpers.js';
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
 * The discovery page in real Chromium against a real `mamori serve` and a real PostgreSQL table with planted
 * personal data (names, e-mails, phones, valid My Numbers, addresses next to product codes and order numbers):
 * a privacy officer runs a scan as a job, sees the findings per column and the drift, accepts the My Number
 * proposal and finds it in the register's dataset; a pasted text is scanned with a redacted preview; an
 * auditor sees the results read-only. axe-core in ja and en.
 */

const OFFICER = { login: 'disc_officer', password: 'discovery officer password 1' };
const AUDITOR = { login: 'disc_auditor', password: 'discovery auditor password 1' };
const DATASET = 'disc_shop';
const rows = customerRows(400, 31);

let mamori: RunningMamori;
let stores: Stores;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ensureConsoleBuilt();
  stores = await createStores({ seed: false });
  await stores.pg.query(
    `CREATE TABLE disc_customers (${CUSTOMER_COLUMNS.map((c) => `${c} text`).join(', ')})`,
  );
  await stores.pg.query(
    `INSERT INTO disc_customers SELECT * FROM json_populate_recordset(NULL::disc_customers, $1)`,
    [JSON.stringify(rows.map((r) => Object.fromEntries(CUSTOMER_COLUMNS.map((c) => [c, String(r[c])]))))],
  );
  [mamori, browser] = await Promise.all([
    serveMamori(async (cli) => {
      const m = await createMamori(loadConfig(cli.env), { logger: createLogger('warn', process.stderr) });
      try {
        await m.accounts.bootstrap('admin', ADMIN_PASSWORD);
        const admin = (await m.accounts.listUsers()).find((u) => u.login === 'admin')!;
        const by = {
          userId: admin.id,
          login: admin.login,
          displayName: admin.login,
          roles: admin.roles,
          language: 'ja' as const,
          via: 'session' as const,
        };
        for (const [account, role] of [
          [OFFICER, 'privacy_officer'],
          [AUDITOR, 'auditor'],
        ] as const)
          await m.accounts.createUser(
            by,
            {
              login: account.login,
              displayName: account.login,
              roles: [role],
              language: 'ja',
              password: account.password,
            },
            { userAgent: 'test-setup' },
          );
        const system = { type: 'system', label: 'test-setup' } as const;
        await new ConnectionService(m.database.db, new ConnectionRepository(), m.audit, m.secrets).save(
          system,
          DATASET,
          { type: 'postgres', url: stores.pgUrl },
        );
        const register = cleanRegister();
        register.systems[0]!.datasets = [DATASET];
        register.datasets = [
          {
            fides_key: DATASET,
            collections: [
              {
                name: 'disc_customers',
                fields: [{ name: 'id' }, { name: 'email', data_categories: ['user.contact.email'] }],
              },
            ],
          },
        ];
        await m.register.import(system, register);
      } finally {
        await m.close();
      }
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  await stores?.drop();
});

const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, ...options });
const heading = () => page.locator('main h1');

async function signIn(account: { login: string; password: string }) {
  await page.goto(`${mamori.baseUrl}/console/discovery`);
  await signInConsole(page, account);
}

const axe = (label: string, failures: string[]) => collectViolations(page, label, failures);

describe('discovery page in Chromium', () => {
  it('scans a PostgreSQL table, shows findings and drift, and accepts a proposal into the register', async () => {
    await signIn(OFFICER);
    await poll(() => heading().textContent()).toBe('個人データの検出');
    const failures: string[] = [];
    await axe('ja /discovery (empty)', failures);

    const form = page.locator('form.disc-form');
    await form.getByRole('checkbox', { name: new RegExp(DATASET) }).check();
    await form.getByLabel('標本の行数(表ごと)').fill('200');
    await form.getByRole('button', { name: 'スキャンを開始する' }).click();
    await poll(() => form.locator('[role="status"]').textContent()).toMatch(/依頼しました/);

    const row = page.locator('tr.disc-scan').first();
    await poll(() => row.getAttribute('data-status'), { timeout: 90_000 }).toBe('completed');
    await poll(() => row.locator('td').nth(4).textContent()).toMatch(/1 \/ 1 表/);
    await row.getByRole('button', { name: /のスキャン結果を表示する$/ }).click();
    const detail = page.locator('.disc-detail');
    const column = (field: string) =>
      detail.locator(`tr.disc-column[data-column="${DATASET}.disc_customers.${field}"]`);
    await poll(() => column('my_number').count()).toBe(1);
    expect(await column('my_number').textContent()).toContain('user.government_id.my_number');
    expect(await column('my_number').textContent()).toContain('特定個人情報');
    expect(await column('tel').textContent()).toContain('user.contact.phone_number');
    // Product codes and order numbers are not personal data; the e-mail column is declared already.
    expect(await column('product_code').count()).toBe(0);
    expect(await column('email').getByRole('button').count()).toBe(0);
    // Drift: personal data in columns the register does not declare, and My Number without a legal use.
    const drift = detail.locator('tr.disc-drift');
    await poll(() => drift.count()).toBeGreaterThan(0);
    expect(await detail.locator('tr.disc-drift[data-code="my-number-without-legal-use"]').count()).toBe(1);
    // No sampled value reaches the page.
    const html = await page.content();
    for (const r of rows.slice(0, 50))
      for (const v of [r.my_number, r.email, r.tel]) expect(html).not.toContain(v);
    await screenshot(page, 'discovery-results-ja');
    await axe('ja /discovery (results)', failures);

    await column('my_number')
      .getByRole('button', { name: `${DATASET}.disc_customers.my_number の提案を台帳に反映する` })
      .click();
    await poll(() => detail.locator('[role="status"]').textContent()).toMatch(
      /台帳のデータセットに反映しました/,
    );

    // Pasted text: findings highlighted and a redacted preview.
    const textForm = page.locator('form.disc-text-form');
    await textForm
      .getByLabel('テキスト')
      .fill('担当：山田太郎様、電話 090-1234-5678、メール taro.yamada@example.jp');
    await textForm.getByLabel('伏せ方').selectOption('tag');
    await textForm.getByRole('button', { name: '検出する' }).click();
    await poll(() => page.locator('pre.disc-redacted').textContent()).toBe(
      '担当：[PERSON]様、電話 [PHONE]、メール [EMAIL]',
    );
    expect(await page.locator('mark.disc-mark').count()).toBe(3);
    await screenshot(page, 'discovery-text-ja');
    await axe('ja /discovery (text)', failures);

    // English.
    await page
      .getByLabel(/表示言語|Language/)
      .first()
      .selectOption('en');
    await poll(() => heading().textContent()).toBe('Discovery');
    await poll(() => row.locator('td').nth(3).textContent()).toBe('Completed');
    await screenshot(page, 'discovery-en');
    await axe('en /discovery', failures);
    await page
      .getByLabel(/表示言語|Language/)
      .first()
      .selectOption('ja');

    // The register's dataset now declares the My Number column.
    await page.goto(`${mamori.baseUrl}/console/register/datasets/${DATASET}`);
    await poll(() => page.locator('main').textContent()).toContain('user.government_id.my_number');
    expect(failures).toEqual([]);
  }, 240_000);

  it('shows the scans and results to an auditor without the forms or the accept buttons', async () => {
    await context.clearCookies();
    await signIn(AUDITOR);
    await poll(() => heading().textContent()).toBe('個人データの検出');
    await poll(() => page.locator('tr.disc-scan').count()).toBe(1);
    expect(await page.locator('form.disc-form').count()).toBe(0);
    expect(await page.locator('form.disc-text-form').count()).toBe(0);
    await page.locator('tr.disc-scan button').click();
    await poll(() => page.locator('tr.disc-column').count()).toBeGreaterThan(0);
    expect(
      await page
        .locator('.disc-detail')
        .getByRole('button', { name: /台帳に反映/ })
        .count(),
    ).toBe(0);
  }, 60_000);
});
