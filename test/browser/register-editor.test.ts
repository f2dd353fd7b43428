import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/hibiki-cloud-comms/', import.meta.url));

let mamori: RunningMamori;
let browser: Browser;
let page: Page;
let example: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  example = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-editor-')), 'register.yaml');
  await fs.writeFile(
    example,
    (await fs.readFile(path.join(EXAMPLE_DIR, 'register.yaml'), 'utf8')) +
      (await fs.readFile(path.join(EXAMPLE_DIR, 'datasets', 'customer_db.yaml'), 'utf8')),
  );
  [mamori, browser] = await Promise.all([serveMamori(), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  if (example) await fs.rm(path.dirname(example), { recursive: true, force: true });
});

const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...options });
const open = (to: string) => page.goto(`${mamori.baseUrl}/console/${to}`);
const heading = () => page.locator('main h1');
const detail = () => page.locator('.entity-detail');

async function violations(where: string) {
  const failures: string[] = [];
  await collectViolations(page, where, failures);
  expect(failures).toEqual([]);
}

describe('the register editor in Chromium', () => {
  it('signs in and imports the example register', async () => {
    await open('');
    await signInConsole(page, { login: 'admin', password: ADMIN_PASSWORD });
    await poll(() => heading().textContent()).toBe('ダッシュボード');
    await open('register');
    await page.getByLabel('インポートするファイル(YAML または Excel)').setInputFiles(example);
    await page.getByRole('button', { name: '台帳を置き換える' }).click();
    await poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toMatch(
      /インポートしました/,
    );
  }, 90_000);

  it('edits a processor through the form drawn from the API schema, with the API’s messages on the fields', async () => {
    await open('register/processors/delivery');
    await poll(() => detail().locator('h2').textContent()).toMatch(/delivery/);
    await page.getByRole('button', { name: '編集', exact: true }).click();
    const form = page.locator('form.entity-form');
    await poll(() => form.count()).toBe(1);
    expect(await form.getByLabel('キー', { exact: true }).getAttribute('readonly')).not.toBeNull();

    // An empty Japanese name is refused by the API; the message lands on that field.
    const name = form.getByRole('group', { name: /^名称/ });
    await name.getByLabel('日本語').fill('');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await poll(() => form.locator('.field-error').count()).toBeGreaterThan(0);
    expect(await name.getByLabel('日本語').getAttribute('aria-invalid')).toBe('true');

    await name.getByLabel('日本語').fill('配送事業者(国内)');
    await form.getByLabel('見直し周期（月）').fill('6');
    await form.getByRole('button', { name: '選定を追加' }).click();
    await form
      .getByRole('group', { name: /^選定/ })
      .getByRole('group', { name: /^基準/ })
      .getByLabel('日本語')
      .fill('プライバシーマーク取得');
    await form.getByLabel('確認日').fill('2026-06-01');
    // Fixed values read as words, not as the register's keys.
    const subEntrustment = form.getByLabel('再委託', { exact: true });
    expect(await subEntrustment.locator('option:checked').textContent()).toBe('事前の承諾がある場合に限り可');
    await subEntrustment.selectOption({ label: '同等の義務を課す場合に可' });
    await form.getByRole('checkbox', { name: /\sa-service$/ }).check();
    await violations('processor form');
    await screenshot(page, 'register-editor-form-ja');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await poll(() => form.count()).toBe(0);
    await poll(() => detail().locator('dl.doc').textContent()).toContain('配送事業者(国内)');

    const res = await page.request.get(`${mamori.baseUrl}/api/register/processors/delivery`);
    const saved = (await res.json()) as { version: number; doc: Record<string, unknown> };
    expect(saved.version).toBe(2);
    expect(saved.doc).toMatchObject({
      reviewCycleMonths: 6,
      selectionCheck: { criteria: { ja: 'プライバシーマーク取得' }, checkedOn: '2026-06-01' },
      purposes: ['a-service'],
      items: ['name', 'address', 'phone'],
      contract: { safetyMeasures: true, confidentiality: true, subEntrustment: 'allowed-with-equal-terms' },
    });

    // The detail view speaks the 台帳's words too: field labels, and fixed values in words.
    await open('register/purposes/a-service');
    await poll(() => detail().locator('dl.doc').textContent()).toContain('保有区分');
    expect(await detail().locator('dl.doc').textContent()).toContain('自社保有');
  }, 90_000);

  it('adds a data item with the taxonomy picker, ticks it in the matrix, and deletes it again', async () => {
    await open('register/dataItems');
    await page.getByRole('link', { name: '新規追加' }).click();
    const form = page.locator('form.entity-form');
    await poll(() => form.count()).toBe(1);
    await form.getByLabel('キー', { exact: true }).fill('loyalty-mail');
    await form.getByRole('group', { name: /^名称/ }).getByLabel('日本語').fill('会員向けメールアドレス');
    await form.getByLabel(/カテゴリを検索/).fill('メール');
    await poll(() => form.locator('.taxonomy-hits li').count()).toBeGreaterThan(0);
    await form
      .locator('.taxonomy-hits li', { has: page.locator('code', { hasText: /^user\.contact\.email$/ }) })
      .getByRole('radio')
      .check();
    await poll(() => form.locator('.chips code').allTextContents()).toEqual(['user.contact.email']);
    // Sensitive categories carry their APPI class in the hits.
    await form.getByLabel(/カテゴリを検索/).fill('health');
    await poll(() => form.locator('.taxonomy-hits .badge.appi-sensitive').count()).toBeGreaterThan(0);
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await poll(() => page.url()).toMatch(/register\/dataItems\/loyalty-mail$/);
    await poll(() => detail().locator('dl.doc').textContent()).toContain('user.contact.email');

    await open('register/matrix');
    await poll(() => page.locator('table.matrix-table').count()).toBe(1);
    const cell = page.getByRole('checkbox', {
      name: 'a-service で 会員向けメールアドレス を利用',
      exact: true,
    });
    expect(await cell.isChecked()).toBe(false);
    await cell.check();
    await poll(async () => {
      const r = await page.request.get(`${mamori.baseUrl}/api/register/purposes/a-service`);
      return ((await r.json()) as { doc: { items: string[] } }).doc.items;
    }).toContain('loyalty-mail');
    await poll(() => cell.isDisabled()).toBe(false);
    await violations('matrix');
    await screenshot(page, 'register-matrix-ja');
    await cell.uncheck();
    await poll(async () => {
      const r = await page.request.get(`${mamori.baseUrl}/api/register/purposes/a-service`);
      return ((await r.json()) as { doc: { items: string[] } }).doc.items;
    }).not.toContain('loyalty-mail');

    await open('register/dataItems/loyalty-mail');
    await page.getByRole('button', { name: '削除' }).click();
    await poll(() => page.url()).toMatch(/register\/dataItems$/);
    expect((await page.request.get(`${mamori.baseUrl}/api/register/data-items/loyalty-mail`)).status()).toBe(
      404,
    );
  }, 120_000);

  it('draws the dataset reference graph from the identities outward', async () => {
    await open('register/datasets/customer_db');
    const graph = page.getByTestId('dataset-graph');
    await poll(() => graph.locator('g.node').count()).toBeGreaterThan(1);
    expect(await graph.locator('g.node.focus').count()).toBeGreaterThan(0);
    expect(await graph.locator('text.identity').count()).toBeGreaterThan(0);
    await violations('dataset graph');
    await screenshot(page, 'register-dataset-graph-ja');
  }, 60_000);

  it('shows processors due for review and the consent chart on the dashboard, in English too', async () => {
    await open('');
    await poll(() => page.getByTestId('dash.processorsDue').textContent()).toMatch(/^\d+$/);
    // delivery was checked on 2026-06-01 with a 6-month cycle (due 2026-12-01); ad-delivery was never checked.
    const due = Number(await page.getByTestId('dash.processorsDue').textContent());
    expect(due).toBeGreaterThanOrEqual(1);
    await poll(() => page.locator('#consent-chart-title').count()).toBe(1);
    await page
      .getByLabel(/表示言語/)
      .first()
      .selectOption('en');
    await poll(() => heading().textContent()).toBe('Dashboard');
    expect(await page.getByText('Processors due for review (incl. within 30 days)').count()).toBe(1);
    await open('register/matrix');
    await poll(() => page.locator('#matrix-title').textContent()).toBe(
      'Purposes × data items (by subject type)',
    );
    await screenshot(page, 'register-matrix-en');
    await page.getByLabel('Language').first().selectOption('ja');
  }, 60_000);
});
