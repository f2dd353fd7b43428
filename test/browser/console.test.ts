import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/hibiki-cloud-comms/', import.meta.url));
const MAIN_PAGES = [
  '',
  'register',
  'notices',
  'requests',
  'consent',
  'retention',
  'audit',
  'accounts',
] as const;

let mamori: RunningMamori;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const scripts: Response[] = [];
/** The example register as one YAML document: its sections followed by its Fides `dataset:` list. */
let example: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  example = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-console-')), 'register.yaml');
  await fs.writeFile(
    example,
    (await fs.readFile(path.join(EXAMPLE_DIR, 'register.yaml'), 'utf8')) +
      (await fs.readFile(path.join(EXAMPLE_DIR, 'datasets', 'customer_db.yaml'), 'utf8')),
  );
  [mamori, browser] = await Promise.all([serveMamori(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(response);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  if (example) await fs.rm(path.dirname(example), { recursive: true, force: true });
});

// Sign-in hashes a password (argon2id) and pages load their data: allow more than expect.poll's 1 s.
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...options });
const open = (path: string) => page.goto(`${mamori.baseUrl}/console/${path}`);
const heading = () => page.locator('main h1');

const signIn = (login: string, password: string) => signInConsole(page, { login, password });

async function editPurpose(change: () => Promise<void>) {
  await page.getByRole('button', { name: '利用目的を編集' }).click();
  await change();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await poll(() => page.getByRole('button', { name: '利用目的を編集' }).count()).toBe(1);
}

describe('the console in Chromium against a real Mamori', () => {
  it('signs in with the session cookie, in Japanese by default', async () => {
    await open('');
    await poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    await signIn('admin', 'wrong password 123');
    await poll(() => page.getByRole('alert').textContent()).toBeTruthy();
    await signIn('admin', ADMIN_PASSWORD);
    await poll(() => heading().textContent()).toBe('ダッシュボード');
    // Issue 10's budget: the first load (sign-in page, then the dashboard) stays within 300 kB of gzipped JS.
    let gzipped = 0;
    for (const script of scripts) gzipped += gzipSync(await script.body(), { level: 9 }).length;
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(300 * 1024);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'mamori_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    // Client routes are answered with the console itself.
    await open('register/purposes');
    // …but a missing asset is a real 404, not the page.
    expect((await page.request.get(`${mamori.baseUrl}/console/assets/missing.js`)).status()).toBe(404);
    await poll(() => heading().textContent()).toBe('個人情報管理台帳');
  }, 60_000);

  it('imports a register from the UI, edits a purpose and sees a lint finding appear and disappear', async () => {
    await page.getByLabel('インポートするファイル(YAML または Excel)').setInputFiles(example);
    await page.getByRole('button', { name: '台帳を置き換える' }).click();
    await poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toMatch(
      /インポートしました/,
    );

    await poll(() => page.locator('.all-findings summary').textContent()).toMatch(/\(0\)/);

    await open('register/purposes/a-service');
    const detail = page.locator('.entity-detail');
    await poll(() => detail.locator('h2').textContent()).toMatch(/a-service/);
    const finding = page.locator('.entity-detail [data-code="purpose-without-subject-type"]');
    expect(await finding.count()).toBe(0);

    // The API's own validation message is shown beside the field it concerns.
    await page.getByRole('button', { name: '利用目的を編集' }).click();
    await page.getByLabel('説明(日本語)').fill('');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await poll(() => page.locator('.purpose-form .field-error').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('説明(日本語)').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'キャンセル' }).click();

    await editPurpose(() =>
      page.locator('.purpose-form input[name="subjectTypes"][value="customers"]').uncheck(),
    );
    await poll(() => finding.count()).toBe(1);
    // Beside the entity in the list too.
    expect(await page.locator('.entity-list [data-code="purpose-without-subject-type"]').count()).toBe(1);

    await editPurpose(() =>
      page.locator('.purpose-form input[name="subjectTypes"][value="customers"]').check(),
    );
    await poll(() => finding.count()).toBe(0);

    // History shows every version with who changed it, and a diff between two.
    await poll(() => page.locator('.entity-detail tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page
      .getByRole('button', { name: /前の版との差分/ })
      .first()
      .click();
    await poll(() => page.locator('table.diff td.insert').count()).toBeGreaterThan(0);
  }, 90_000);

  it('publishes a notice twice and shows the diff side by side', async () => {
    await open('notices');
    await poll(() => heading().textContent()).toBe('公表文');
    await page.getByLabel('改定の理由(任意)').fill('初版');
    await page.getByRole('button', { name: '公表する' }).click();
    await poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toBe(
      '第 1 版を公表しました。',
    );

    await open('register/purposes/a-service');
    await editPurpose(() =>
      page.getByLabel('説明(日本語)').fill('A サービスの提供、商品の販売及びアフターサービス'),
    );

    await open('notices');
    await page.getByRole('button', { name: '公表する' }).click();
    await poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toBe(
      '第 2 版を公表しました。',
    );
    await page.getByLabel('比較元').selectOption('1');
    await page.getByLabel('比較先').selectOption('2');
    await page.getByRole('button', { name: '比較する' }).click();
    const diff = page.locator('.notice-diff table.diff');
    await poll(() => diff.locator('td.delete').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await diff.locator('td.insert').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('アフターサービス')]),
    );
    const pdf = await page.request.get(`${mamori.baseUrl}/api/notices/2/pdf?lang=ja`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // The preview is the notice rendered from the current register.
    await expect
      .poll(async () => (await page.locator('iframe.preview').getAttribute('srcdoc')) ?? '', {
        timeout: 20_000,
      })
      .toContain('アフターサービス');
  }, 90_000);

  it('verifies the audit chain from the UI and filters events', async () => {
    await open('audit');
    await page.getByRole('button', { name: 'ハッシュチェーンを検証' }).last().click();
    await poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(
      /改ざんは見つかりませんでした/,
    );
    await page.getByLabel('操作', { exact: true }).fill('notice.published');
    await page.getByRole('button', { name: '検索' }).click();
    await poll(() => page.locator('main tbody tr').count()).toBe(2);
    expect(await page.locator('a[href="/api/audit/export"]').count()).toBe(1);
  }, 60_000);

  it('creates an auditor and an API token shown once; the auditor gets read-only pages', async () => {
    await open('accounts');
    const form = page.locator('form[aria-label="ユーザーを追加"]');
    await form.getByLabel('ログイン名').fill('kansa');
    await form.getByLabel('表示名').fill('監査 花子');
    await form.getByLabel('パスワード').fill('auditor password 12');
    await form.getByLabel('監査担当').check();
    await form.getByRole('button', { name: 'ユーザーを追加' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe('ユーザー kansa を追加しました。');

    const tokenForm = page.locator('form[aria-label="トークンを発行"]');
    await tokenForm.getByLabel('トークン名').fill('ci');
    await tokenForm.getByLabel('システム管理者').check();
    await tokenForm.getByRole('button', { name: 'トークンを発行' }).click();
    await poll(() => page.getByLabel('発行したトークン').inputValue()).toMatch(/^mmr_/);
    await page.reload();
    await poll(() => page.locator('main h2').first().textContent()).toBe('ユーザー');
    expect(await page.getByLabel('発行したトークン').count()).toBe(0);

    await page.getByRole('button', { name: 'サインアウト' }).click();
    await signIn('kansa', 'auditor password 12');
    await poll(() => heading().textContent()).toBe('ダッシュボード');
    const menu = await page.locator('#main-nav a').allTextContents();
    expect(menu).toEqual([
      'ダッシュボード',
      '個人情報管理台帳',
      '公表文',
      '開示等の請求',
      '同意',
      '保存期間・廃棄',
      '匿名加工',
      '個人データの検出',
      '監査ログ',
      'アカウント',
    ]);
    expect(await page.getByText('閲覧のみ').count()).toBe(1);
    await open('register/purposes/a-service');
    await poll(() => page.locator('.entity-detail .meta').count()).toBe(1);
    expect(await page.getByRole('button', { name: '利用目的を編集' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '台帳を置き換える' }).count()).toBe(0);
    await open('notices');
    await poll(() => page.locator('main table').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '公表する' }).count()).toBe(0);
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await signIn('admin', ADMIN_PASSWORD);
    await poll(() => heading().textContent()).toBe('ダッシュボード');
  }, 90_000);

  it('switches language and passes axe on every main page in Japanese and English (screenshots saved)', async () => {
    const failures: string[] = [];
    for (const lang of ['ja', 'en'] as const) {
      await open('');
      await poll(() => heading().count()).toBe(1);
      await page
        .getByLabel(lang === 'ja' ? /表示言語|Language/ : /表示言語|Language/)
        .first()
        .selectOption(lang);
      await poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      for (const p of MAIN_PAGES) {
        await open(p === 'register' ? 'register/purposes/a-service' : p);
        await poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
        await poll(() => heading().count()).toBe(1);
        for (const v of await seriousViolations(page)) {
          failures.push(
            `${lang} /${p}: ${v.id} (${v.impact}) ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3))}`,
          );
        }
        await screenshot(page, `${p || 'dashboard'}-${lang}`);
      }
    }
    expect(failures).toEqual([]);
    await open('notices');
    await poll(() => heading().textContent()).toBe('Notices');
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(1);
  }, 120_000);

  it('is usable on a narrow screen with the keyboard', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await open('');
    await poll(() => page.locator('#main-nav').isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: 'Menu' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#main-nav').isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#main-nav a', { hasText: 'Audit log' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => heading().textContent()).toBe('Audit log');
    await screenshot(page, 'audit-en-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);
});
