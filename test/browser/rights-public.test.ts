import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMamori } from '../cli.js';
import {
  launchChromium,
  type RunningMamori,
  screenshot,
  seriousViolations,
  serveMamori,
} from './console.helpers.js';

/*
 * The privacy centre's request form in real Chromium against a real `mamori serve` that delivers its
 * outbox to a local SMTP server: with JavaScript off (Japanese) and on (English), axe-core on every page,
 * screenshots in test-artifacts/console/<db>/rights-public-*.png.
 */

const EXAMPLE = fileURLToPath(new URL('../../examples/hitomiru-hr-cloud/register.yaml', import.meta.url));
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('browser test image'),
]);

let mamori: RunningMamori;
let browser: Browser;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];

async function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port));
  });
}

/** Waits for the mail with a code to reach the SMTP server (the worker delivers it; no fixed sleep). */
async function codeFor(email: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const mail of mails.filter((m) => m.to.includes(email))) {
      // The Japanese body travels base64- or quoted-printable-encoded.
      const code = /(?:code is|コードは)\s*(\d{6})/.exec(decode(mail.raw))?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail with a code for ${email}`);
}

function decode(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

/**
 * axe-core runs as a script in the page: the page's CSP allows only its own script, so the check runs on a
 * copy of the page's DOM in a context that bypasses CSP (and has script on even when the test has it off).
 */
async function noSeriousViolations(page: Page, what: string) {
  const checkerContext = await browser.newContext({ bypassCSP: true });
  const checker = await checkerContext.newPage();
  await checker.setContent(await page.content());
  const violations = await seriousViolations(checker);
  await checkerContext.close();
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

beforeAll(async () => {
  const port = await startSmtp();
  [mamori, browser] = await Promise.all([
    serveMamori(async (cli) => {
      cli.env.MAMORI_SMTP_URL = `smtp://127.0.0.1:${port}`;
      cli.env.MAMORI_MAIL_FROM = 'Privacy Office <privacy@mamori.test>';
      const imported = await runMamori(['register', 'import', EXAMPLE], cli.env);
      if (imported.code !== 0) throw new Error(`register import failed: ${imported.stderr}`);
    }),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await mamori?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe('privacy centre request form in Chromium', () => {
  let context: BrowserContext;

  it('works with JavaScript disabled (Japanese): errors, upload, code from the mail, confirmation', async () => {
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${mamori.baseUrl}/privacy/request?lang=ja`);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await noSeriousViolations(page, 'form ja');
    await screenshot(page, 'rights-public-form-ja-nojs');
    // Without script every agent's documents are listed.
    expect(await page.locator('[data-agent-docs]:visible').count()).toBeGreaterThan(3);

    await page.getByRole('button', { name: '請求を送信する' }).click();
    await page.waitForSelector('#errors');
    const links = await page.locator('#errors a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('#f-name');
    expect(links).toContain('#f-email');
    for (const href of links) expect(await page.locator(href as string).count(), href as string).toBe(1);
    expect(await page.getAttribute('#f-name', 'aria-invalid')).toBe('true');
    await noSeriousViolations(page, 'errors ja');
    await screenshot(page, 'rights-public-errors-ja-nojs');

    await page.fill('#f-name', '山田 花子 <script>alert(1)</script>');
    await page.fill('#f-email', 'browser-ja@example.com');
    await page.fill('#f-birthDate', '1990-04-01');
    await page.check('#f-aspects-access');
    await page.selectOption('#f-residence', 'JP');
    await page.check('#f-agentKind-parent');
    await page.fill('#f-agentName', '山田 太郎');
    await page.setInputFiles('#f-identity', { name: '保険証.png', mimeType: 'image/png', buffer: PNG });
    await page.check('#f-documentsConsent');
    await page.getByRole('button', { name: '請求を送信する' }).click();
    await page.waitForURL(/\/privacy\/request\/R-[A-Z0-9]{10}\/verify/);
    const reference = /(R-[A-Z0-9]{10})/.exec(page.url())?.[1] as string;
    await noSeriousViolations(page, 'code ja');
    await screenshot(page, 'rights-public-code-ja-nojs');

    await page.fill('#f-code', '000000');
    await page.getByRole('button', { name: '確認する', exact: true }).click();
    await page.waitForSelector('#errors');
    await page.fill('#f-code', await codeFor('browser-ja@example.com'));
    await page.getByRole('button', { name: '確認する', exact: true }).click();
    await page.waitForSelector('#reference');
    expect(await page.textContent('#reference')).toBe(reference);
    expect(await page.textContent('#due')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(await page.textContent('main')).toContain('1,000円');
    await noSeriousViolations(page, 'done ja');
    await screenshot(page, 'rights-public-done-ja-nojs');
    await context.close();
  }, 120_000);

  it('works with JavaScript enabled (English): agent fields follow the choice, errors get focus, keyboard only', async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${mamori.baseUrl}/privacy/request?lang=ja`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.isVisible('#f-agentName')).toBe(false);
    expect(await page.locator('[data-agent-docs]:visible').count()).toBe(1);
    await page.check('#f-agentKind-authorized_agent');
    expect(await page.isVisible('#f-agentName')).toBe(true);
    expect(await page.getAttribute('[data-agent-docs]:visible', 'data-agent-docs')).toBe('authorized_agent');
    await page.check('#f-agentKind-none');
    await noSeriousViolations(page, 'form en');
    await screenshot(page, 'rights-public-form-en-js');

    await page.fill('#f-email', 'browser-en@example.com');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForSelector('#errors');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('errors');
    expect(await page.inputValue('#f-email')).toBe('browser-en@example.com');
    await noSeriousViolations(page, 'errors en');
    await screenshot(page, 'rights-public-errors-en-js');

    // Keyboard only: type the name, tick a kind with the space bar, submit with Enter.
    await page.focus('#f-name');
    await page.keyboard.type('Jane Doe');
    await page.focus('#f-aspects-erasure');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#f-aspects-erasure')).toBe(true);
    await page.selectOption('#f-residence', 'DE');
    await page.focus('button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/verify\?lang=en/);
    await page.focus('#f-code');
    await page.keyboard.type(await codeFor('browser-en@example.com'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#reference');
    // GDPR Art. 12(3): one month from receipt.
    expect(await page.textContent('#due')).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await noSeriousViolations(page, 'done en');
    await screenshot(page, 'rights-public-done-en-js');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
