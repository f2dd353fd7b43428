import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTable } from '../../src/anonymize/table.js';
import { loadConfig } from '../../src/config.js';
import { createMamori } from '../../src/main.js';
import { createLogger } from '../../src/platform/logger.js';
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
 * The anonymisation page in real Chromium against a real `mamori serve`: an engineer uploads a CSV, gives
 * each column a role and a hierarchy, runs it, sees the report, downloads the released table (k-anonymous,
 * identifiers gone) and records a provision; an auditor sees the run read-only. axe-core in ja and en.
 */

const ENGINEER = { login: 'anon_engineer', password: 'anonymize engineer password 1' };
const AUDITOR = { login: 'anon_auditor', password: 'anonymize auditor password 1' };
const PREFS = ['東京都', '神奈川県', '大阪府', '北海道'];

function membersCsv(): string {
  const lines = ['member,name,sex,age,prefecture,usage'];
  let seed = 5;
  const next = (m: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  for (let i = 0; i < 80; i++) {
    lines.push(
      [`M${1000 + i}`, `会員${i}`, next(2) ? '男性' : '女性', 20 + next(50), PREFS[next(4)]!, next(30)].join(
        ',',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

let mamori: RunningMamori;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dir: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'anonymize-browser-'));
  await fs.writeFile(path.join(dir, 'members.csv'), membersCsv());
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
          [ENGINEER, 'engineer'],
          [AUDITOR, 'auditor'],
        ] as const) {
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
        }
      } finally {
        await m.close();
      }
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, ...options });
const heading = () => page.locator('main h1');

async function signIn(account: { login: string; password: string }) {
  await page.goto(`${mamori.baseUrl}/console/anonymize`);
  await signInConsole(page, account);
}

const axe = (label: string, failures: string[]) => collectViolations(page, label, failures);

describe('anonymisation page in Chromium', () => {
  it('runs an uploaded CSV, shows the report, downloads a k-anonymous table and records a provision', async () => {
    await signIn(ENGINEER);
    await poll(() => heading().textContent()).toBe('匿名加工');
    const failures: string[] = [];
    await axe('ja /anonymize (empty)', failures);

    const form = page.locator('form.anon-form');
    await form.getByLabel('データセット名').fill('会員利用履歴 2026-11');
    await form.getByLabel('CSVファイル(1行目は見出し)').setInputFiles(path.join(dir, 'members.csv'));
    await poll(() => form.locator('tr[data-column]').count()).toBe(6);
    for (const c of ['member', 'name'])
      await form.getByLabel(`${c}: 役割`, { exact: true }).selectOption('identifier');
    for (const c of ['sex', 'age', 'prefecture'])
      await form.getByLabel(`${c}: 役割`, { exact: true }).selectOption('qi');
    await form.getByLabel('age: 一般化階層', { exact: true }).selectOption('age');
    await form.getByLabel('prefecture: 一般化階層', { exact: true }).selectOption('prefecture');
    await form.getByLabel('k(k-匿名性)').fill('4');
    await form.getByLabel('レコード削除の上限(%)').fill('5');
    await axe('ja /anonymize (form filled)', failures);
    await form.getByRole('button', { name: '実行する' }).click();
    await poll(() => form.locator('[role="status"]').textContent()).toMatch(/依頼しました/);

    // The list follows the run to its end.
    const row = page.locator('tr.anon-run').first();
    await poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    await row.getByRole('button', { name: '会員利用履歴 2026-11 の詳細を表示する' }).click();
    const detail = page.locator('.anon-detail');
    await poll(() => detail.locator('.anon-report').count()).toBe(1);
    const report = await detail.locator('.anon-report').textContent();
    expect(report).toMatch(/sex: \d/);
    expect(report).toMatch(/age: \d/);
    expect(report).toContain('k=4');
    await poll(() => detail.locator('pre.anon-publication').textContent()).toMatch(
      /性別|年齢|都道府県|usage/,
    );
    await screenshot(page, 'anonymize-report-ja');
    await axe('ja /anonymize (report)', failures);

    // The released table: identifiers gone, every released class holds at least k = 4 records.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      detail.getByRole('link', { name: '匿名加工情報をダウンロード(CSV)' }).click(),
    ]);
    const file = await download.path();
    const text = await fs.readFile(file!, 'utf8');
    const out = parseTable(text, { delimiter: ',' }).table;
    expect(out.header).toEqual(['sex', 'age', 'prefecture', 'usage']);
    expect(out.rows.length).toBe(80);
    expect(text).not.toContain('会員');
    expect(text).not.toContain('M10');
    const classes = new Map<string, number>();
    for (const r of out.rows) {
      if (r[0] === '*' && r[1] === '*' && r[2] === '*') continue;
      const key = r.slice(0, 3).join('|');
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    for (const size of classes.values()) expect(size).toBeGreaterThanOrEqual(4);

    // A provision: recorded, with the publication of the provision method.
    await detail.getByLabel('提供先').fill('株式会社テスト分析');
    await detail.getByLabel('電子メール').check();
    await detail.getByRole('button', { name: '第三者提供を記録する' }).click();
    await poll(() => detail.locator('tr.anon-provision').count()).toBe(1);
    await poll(() => detail.locator('pre.anon-publication-provision').textContent()).toMatch(/電子メール/);

    // English.
    await page
      .getByLabel(/表示言語|Language/)
      .first()
      .selectOption('en');
    await poll(() => heading().textContent()).toBe('Anonymisation');
    await poll(() => page.locator('tr.anon-run').first().locator('td').nth(1).textContent()).toBe(
      'Completed',
    );
    await screenshot(page, 'anonymize-en');
    await axe('en /anonymize', failures);
    await page
      .getByLabel(/表示言語|Language/)
      .first()
      .selectOption('ja');
    expect(failures).toEqual([]);
  }, 180_000);

  it('shows the runs to an auditor without the form or the download', async () => {
    await context.clearCookies();
    await signIn(AUDITOR);
    await poll(() => heading().textContent()).toBe('匿名加工');
    await poll(() => page.locator('tr.anon-run').count()).toBe(1);
    expect(await page.locator('form.anon-form').count()).toBe(0);
    await page.locator('tr.anon-run button').click();
    await poll(() => page.locator('.anon-report').count()).toBe(1);
    expect(await page.getByRole('link', { name: /ダウンロード/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '第三者提供を記録する' }).count()).toBe(0);
  }, 60_000);
});
