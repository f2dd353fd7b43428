import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { fromRoot } from '../../src/platform/paths.js';
import { type CliEnvironment, cliEnvironment, startMamori } from '../cli.js';

export const ADMIN_PASSWORD = 'console test password 1';
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * `npm run build` builds the console; when its sources changed since (or it was never built), it is built
 * here (a second or two), so the test never runs an old console.
 */
export function ensureConsoleBuilt(): void {
  const index = fromRoot('web', 'console', 'dist', 'index.html');
  const sources = Math.max(
    newestSource(fromRoot('web', 'console', 'src')),
    statSync(fromRoot('web', 'console', 'index.html')).mtimeMs,
    statSync(fromRoot('web', 'console', 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const result = spawnSync(
    process.execPath,
    [
      fromRoot('node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      fromRoot('web', 'console', 'vite.config.ts'),
    ],
    { cwd: fromRoot(), encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`console build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningMamori {
  baseUrl: string;
  cli: CliEnvironment;
  stop(): Promise<void>;
}

/** A real `mamori serve` on a free port with its own database and data dir (PGlite, or PostgreSQL with DATABASE_URL). */
export async function serveMamori(prepare?: (cli: CliEnvironment) => Promise<void>): Promise<RunningMamori> {
  const cli = await cliEnvironment();
  await prepare?.(cli);
  const child: ChildProcess = startMamori(['serve'], {
    ...cli.env,
    PORT: '0',
    MAMORI_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(check);
      reject(new Error(`mamori serve did not start in time:\n${out}`));
    }, 60_000);
    const check = setInterval(() => {
      const match = /"port":(\d+).*"Mamori is listening"/.exec(out);
      if (match) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }, 50);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    cli,
    async stop() {
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.on('close', resolve);
          child.kill('SIGTERM');
        });
      }
      await cli.cleanup();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the page; returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
       .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = fromRoot('test-artifacts', 'console', process.env.DATABASE_URL ? 'postgres' : 'pglite');
  await fs.mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Fills the console's sign-in form, which any console address shows while signed out. */
export async function signInConsole(page: Page, who: { login: string; password: string }): Promise<void> {
  await expect
    .poll(() => page.locator('main h1').textContent(), { timeout: 20_000 })
    .toMatch(/コンソールにサインイン|Sign in to the console/);
  await page.getByLabel(/ログイン名|Login name/).fill(who.login);
  await page.getByLabel(/^(パスワード|Password)$/).fill(who.password);
  await page.getByRole('button', { name: /^(サインイン|Sign in)$/ }).click();
}

/** Waits until the page has loaded its data, then adds axe-core's serious and critical findings to `failures`. */
export async function collectViolations(page: Page, label: string, failures: string[]): Promise<void> {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
  for (const v of await seriousViolations(page))
    failures.push(`${label}: ${v.id} (${v.impact}) ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3))}`);
}
