// The console's first load: the JavaScript a browser fetches to show the sign-in page and then the dashboard,
// gzipped (level 9, what a server or CDN typically serves). Budget from issue 10: 300 kB.
// Run after `npm run build` (or `npm run build:console`): node --import tsx bench/console-size.bench.ts
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fromRoot } from '../src/platform/paths.js';

const BUDGET = 300 * 1024;
const dist = fromRoot('web', 'console', 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = [...html.matchAll(/<script[^>]+src="\/console\/([^"]+)"/g)].map((m) => m[1] as string);
const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="\/console\/([^"]+)"/g)].map(
  (m) => m[1] as string,
);

function sizes(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(path.join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Static imports of a chunk (Vite writes them as `from"./x.js"` / `import"./x.js"`), followed transitively. */
function closure(files: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

/** A lazily loaded page chunk, by the name Vite gives it (`Dashboard-<hash>.js`). */
function chunkFiles(prefix: string): string[] {
  return readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'))
    .map((f) => `assets/${f}`);
}

const signIn = closure([...entry, ...preloads]);
const dashboard = closure([...signIn, ...chunkFiles('Dashboard')]);
const withChart = closure([...dashboard, ...chunkFiles('RequestsChart')]);

const total = (files: string[]) =>
  files.map(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
for (const [name, files] of [
  ['sign-in page', signIn],
  ['dashboard (no chart)', dashboard],
  ['dashboard with the requests chart', withChart],
] as const) {
  const t = total(files);
  process.stdout.write(
    `${name.padEnd(36)} ${(t.raw / 1024).toFixed(1).padStart(7)} kB raw ${(t.gzip / 1024).toFixed(1).padStart(7)} kB gzip  ${(t.gzip / BUDGET).toFixed(2)} of budget  (${files.length} files)\n`,
  );
}
