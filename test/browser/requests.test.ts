import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConnectionRepository } from '../../src/connectors/connection.repository.js';
import { ConnectionService } from '../../src/connectors/connection.service.js';
import type { ConnectionSpec } from '../../src/connectors/connections.schema.js';
import { localDateOf } from '../../src/laws/zone.js';
import { createMamori } from '../../src/main.js';
import { createLogger } from '../../src/platform/logger.js';
import {
  createRetentionStore,
  insertAccounts,
  type RetentionStore,
} from '../../src/retention/retention.e2e-fixtures.js';
import { dataset, testRegister } from '../../src/retention/retention.fixtures.js';
import type { Acting } from '../../src/rights/rights.service.js';
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
 * The request queue and detail page in real Chromium against a real `mamori serve` whose register points
 * at a real PostgreSQL table of customers: a handler sees the overdue request highlighted, opens it,
 * accepts the identity documents, approves (the engine runs on the table), closes the manual tasks; the
 * privacy officer completes it and sees the timeline, the package and the letter. ja and en, axe-core.
 */

const KEY = 'reqshop';
const HANDLER = { login: 'tanto', password: 'request handler password 1' };
const OFFICER = { login: 'sekinin', password: 'request officer password 1' };
const SETUP: Acting = {
  who: { type: 'staff', roles: ['handler'] },
  actor: { type: 'system', label: 'test-setup' },
};

let store: RetentionStore;
let mamori: RunningMamori;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const refs = { overdue: '', soon: '', fresh: '' };

async function prepare(env: Record<string, string>): Promise<void> {
  const m = await createMamori(loadConfig(env), { logger: createLogger('warn', process.stderr) });
  try {
    await m.register.import(SETUP.actor, testRegister([dataset(KEY)]));
    const connections = new ConnectionService(m.database.db, new ConnectionRepository(), m.audit, m.secrets);
    await connections.save(SETUP.actor, KEY, { type: 'postgres', url: store.url } as ConnectionSpec);
    await m.accounts.bootstrap('admin', ADMIN_PASSWORD);
    const admin = (await m.accounts.listUsers()).find((u) => u.login === 'admin');
    if (!admin) throw new Error('no admin account');
    const by = {
      userId: admin.id,
      login: 'admin',
      displayName: 'admin',
      roles: admin.roles,
      language: 'ja' as const,
      via: 'session' as const,
    };
    for (const [who, roles, name] of [
      [HANDLER, ['handler'], '対応 太郎'],
      [OFFICER, ['privacy_officer'], '責任 花子'],
    ] as const)
      await m.accounts.createUser(
        by,
        { login: who.login, displayName: name, roles: [...roles], language: 'ja', password: who.password },
        { userAgent: 'test-setup' },
      );
    // A postal request received 40 days ago (APPI target 14 days: overdue) and one received today.
    const old = await m.rights.submitStaff(
      {
        aspects: ['access'],
        subject: { name: '氏名1', email: 'user1@example.jp' },
        channel: 'post',
        receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        documents: ['運転免許証の写し'],
      },
      SETUP,
    );
    const fresh = await m.rights.submitStaff(
      { aspects: ['erasure'], subject: { name: '氏名2', email: 'user2@example.jp' }, channel: 'email' },
      SETUP,
    );
    // Received 13 days ago: due within the next three days.
    const soon = await m.rights.submitStaff(
      {
        aspects: ['access'],
        subject: { name: '氏名3', email: 'user3@example.jp' },
        channel: 'phone',
        receivedAt: new Date(Date.now() - 13 * 86_400_000).toISOString(),
      },
      SETUP,
    );
    refs.soon = soon.reference;
    refs.overdue = old.reference;
    refs.fresh = fresh.reference;
  } finally {
    await m.close();
  }
}

beforeAll(async () => {
  ensureConsoleBuilt();
  store = await createRetentionStore();
  await insertAccounts(store.pool, localDateOf(new Date(), 'Asia/Tokyo'), {
    due: 0,
    in30: 0,
    in90: 0,
    later: 3,
  });
  [mamori, browser] = await Promise.all([serveMamori((cli) => prepare(cli.env)), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
const open = (path: string) => page.goto(`${mamori.baseUrl}/console/${path}`);
const row = (reference: string) => page.locator(`tr[data-reference="${reference}"]`);
const status = () => page.getByTestId('status');

const signIn = (who: { login: string; password: string }) => signInConsole(page, who);

const axe = (label: string, failures: string[]) => collectViolations(page, label, failures);

describe('rights requests in the console (Chromium)', () => {
  const failures: string[] = [];

  it('a handler sees the overdue request highlighted, verifies, approves and runs it, and closes the manual tasks', async () => {
    await open('requests');
    await signIn(HANDLER);
    await poll(() => heading().textContent()).toBe('開示等の請求');
    await poll(() => row(refs.overdue).count()).toBe(1);
    expect(await row(refs.overdue).getAttribute('class')).toContain('urgency-overdue');
    expect(await row(refs.overdue).textContent()).toContain('期限超過');
    expect(await row(refs.soon).getAttribute('class')).toContain('urgency-soon');
    expect(await row(refs.soon).textContent()).toContain('3日以内');
    expect(await row(refs.fresh).getAttribute('class')).toContain('urgency-ok');
    // Earliest deadline first: the overdue request heads the queue.
    expect(await page.locator('tbody tr').first().getAttribute('data-reference')).toBe(refs.overdue);
    // Filters: by reference and by kind.
    await page.getByLabel('受付番号で検索').fill(refs.fresh.slice(0, 6));
    await poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('受付番号で検索').fill('');
    await page.getByLabel('請求の内容').selectOption('erasure');
    await poll(() => page.locator('tbody tr').first().getAttribute('data-reference')).toBe(refs.fresh);
    await page.getByLabel('請求の内容').selectOption('');
    await poll(() => page.locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'requests-queue-ja');
    await axe('ja queue', failures);

    await row(refs.overdue).getByRole('link').click();
    await poll(() => heading().textContent()).toContain(refs.overdue);
    await poll(() => status().textContent()).toBe('受付');
    await axe('ja detail (received)', failures);
    await page.getByLabel('理由・メモ').fill('運転免許証の写しを確認');
    await page.getByRole('button', { name: '本人確認書類を確認済みにする' }).click();
    await poll(() => status().textContent()).toBe('対応中');
    expect(await page.getByTestId('verified').textContent()).not.toBe('未確認');
    await page.getByRole('button', { name: '自分が担当する' }).click();
    await poll(() => page.getByRole('button', { name: '担当を外す' }).count()).toBe(1);

    await page.getByRole('button', { name: '承認して実行' }).click();
    await poll(() => status().textContent(), { timeout: 60_000 }).toBe('確認待ち');
    // The engine ran on the system with a connection; the others became manual tasks for a handler.
    await poll(() => page.locator('tr[data-task-kind="engine"]').count()).toBeGreaterThan(0);
    expect(await page.locator('tr[data-task-kind="engine"]').first().textContent()).toContain('完了');
    const manual = page.locator('tr[data-task-kind="manual"]');
    const manualCount = await manual.count();
    for (let i = 0; i < manualCount; i++) {
      const task = manual.filter({ hasText: '未完了' }).first();
      await task.getByRole('textbox').fill('紙の記録を確認し、該当なし');
      await task.getByRole('button', { name: '完了にする' }).click();
      await poll(() => manual.filter({ hasText: '未完了' }).count()).toBe(manualCount - i - 1);
    }
    // A handler may not decide the answer: no decision form for them.
    expect(await page.getByRole('button', { name: '回答を決定' }).count()).toBe(0);
    await screenshot(page, 'requests-detail-review-ja');
  }, 180_000);

  it('the officer completes it and sees the timeline, the package and the letter', async () => {
    await page.getByRole('button', { name: /^(サインアウト|Sign out)$/ }).click();
    await open('requests');
    await signIn(OFFICER);
    await poll(() => row(refs.overdue).count()).toBe(1);
    await row(refs.overdue).getByRole('link').click();
    await poll(() => status().textContent()).toBe('確認待ち');
    // Withhold the phone number with a ground from the law tables.
    await page.getByLabel('項目(例: shop:customer.phone)').fill(`${KEY}:accounts.phone`);
    await page.locator('section[aria-labelledby="req-exemptions"] select').selectOption({ index: 1 });
    await page.getByLabel('不開示とする理由').fill('第三者の権利利益を害するおそれ');
    await page.getByRole('button', { name: '項目を不開示にする' }).click();
    await poll(() => page.locator('section[aria-labelledby="req-exemptions"] tbody tr').count()).toBe(1);
    // One added by mistake is taken back before the decision.
    await page.getByLabel('項目(例: shop:customer.phone)').fill(`${KEY}:accounts.email`);
    await page.locator('section[aria-labelledby="req-exemptions"] select').selectOption({ index: 1 });
    await page.getByLabel('不開示とする理由').fill('誤って登録');
    await page.getByRole('button', { name: '項目を不開示にする' }).click();
    await poll(() => page.locator('section[aria-labelledby="req-exemptions"] tbody tr').count()).toBe(2);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `${KEY}:accounts.email の不開示を取り消す` }).click();
    await poll(() => page.locator('section[aria-labelledby="req-exemptions"] tbody tr').count()).toBe(1);
    expect(await page.locator('section[aria-labelledby="req-exemptions"] tbody').textContent()).toContain(
      `${KEY}:accounts.phone`,
    );
    await page.getByLabel('請求に応じる(完了)').check();
    await page.getByLabel('理由・メモ').fill('保有個人データを開示');
    await page.getByRole('button', { name: '回答を決定' }).click();
    await poll(() => status().textContent()).toBe('完了');

    const timeline = page.locator('ol.timeline');
    for (const action of [
      'rights.received',
      'rights.transitioned',
      'rights.package_built',
      'rights.task_updated',
      'rights.exemption_withdrawn',
    ])
      expect(await timeline.locator(`li[data-action="${action}"]`).count()).toBeGreaterThan(0);
    expect(await timeline.textContent()).toContain('対応中 → 確認待ち');

    await page.getByRole('button', { name: 'データを表示' }).click();
    await poll(() => page.locator('pre.package').count()).toBe(2);
    const json = await page.locator('pre.package').first().textContent();
    expect(json).toContain('user1@example.jp'); // the e-mail's exemption was taken back
    expect(json).not.toContain('user2@example.jp');
    expect(json).not.toContain('"phone":');
    expect(json).toContain(`${KEY}:accounts.phone`);
    await axe('ja detail (completed)', failures);
    await screenshot(page, 'requests-detail-completed-ja');

    await page.getByRole('button', { name: '回答書を表示' }).click();
    const src = await page.locator('iframe.letter').getAttribute('src');
    const pdf = await page.request.get(`${mamori.baseUrl}${src}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('works in English too, and axe-core finds no serious or critical violation', async () => {
    await page
      .getByLabel(/表示言語|Language/)
      .first()
      .selectOption('en');
    await poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await poll(() => status().textContent()).toBe('Completed');
    expect(await page.locator('ol.timeline').textContent()).toContain('In progress → In review');
    await axe('en detail', failures);
    await screenshot(page, 'requests-detail-en');
    await open('requests');
    await poll(() => heading().textContent()).toBe('Rights requests');
    await poll(() => row(refs.fresh).count()).toBe(1);
    expect(await row(refs.overdue).textContent()).toContain('Closed');
    await axe('en queue', failures);
    await screenshot(page, 'requests-queue-en');
    expect(failures).toEqual([]);
  }, 120_000);
});
