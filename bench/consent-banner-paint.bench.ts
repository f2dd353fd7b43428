// What the consent banner costs a page's rendering, in real Chromium (issue 6): first paint, first contentful
// paint, largest contentful paint, DOMContentLoaded and load of a test page without the banner, with banner.js
// (async, as documented) and with banner.js + the TCF/GPP layer (data-tcf, which loads /consent/cmp.js), from a
// real `mamori serve` (embedded database) with three purposes and TCF + GPP on. The page is served by this
// process from another origin (localhost vs 127.0.0.1), as a company's site would be.
// Every sample is a fresh browser context (empty cache, no stored choice: the banner is shown); the variants are
// interleaved in a shuffled order each round; the same rounds are run again with the renderer's CPU throttled 4×
// (CDP Emulation.setCPUThrottlingRate, mobile-like). Ratios are against the page without the banner in the same run.
// Run: node --import tsx bench/consent-banner-paint.bench.ts (BENCH_SAMPLES per variant, default 30;
// BENCH_THROTTLE=1|4|1,4, default 1,4; BENCH_TRACED traced samples per variant for the CPU attribution, default 10).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { consentRegister } from '../src/consent/consent.test-helpers.js';
import { gvlVendor, gvlVendorList } from '../src/consent/tcf.test-helpers.js';
import { fromRoot } from '../src/platform/paths.js';
import { launchChromium } from '../test/browser/console.helpers.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const THROTTLES = (process.env.BENCH_THROTTLE ?? '1,4').split(',').map(Number);
const TRACED = Number(process.env.BENCH_TRACED ?? 10);
const PASSWORD = 'banner paint benchmark password';
const VARIANTS = ['none', 'banner', 'tcf'] as const;
type Variant = (typeof VARIANTS)[number];
const METRICS = ['fp', 'fcp', 'lcp', 'dcl', 'load', 'shown', 'cmpRun'] as const;
type Metric = (typeof METRICS)[number];
/** `cmpRun`: when the cmp.js script element was added; `before`: ms of Mamori's scripts in long frames before FCP. */
type Sample = Record<Metric, number | null> & { lcpElement: string; before: number };

/** `mamori serve` from the sources on a free port, with its own embedded database. */
async function serve(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'run.ts'), 'serve'], {
    cwd: fromRoot(),
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: '',
      MAMORI_DATA_DIR: dataDir,
      MAMORI_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const started = Date.now();
  for (;;) {
    const port = /"port":(\d+).*"Mamori is listening"/.exec(out)?.[1];
    if (port) return { child, base: `http://127.0.0.1:${port}` };
    if (child.exitCode !== null || Date.now() - started > 120_000)
      throw new Error(`mamori serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const vendor = gvlVendor;

/** The register's three consent purposes (ads flagged for GPC, with TCF purposes), TCF + GPP on. */
async function seed(base: string): Promise<void> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: PASSWORD }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0] as string;
  const call = async (method: string, url: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  };
  await call('POST', '/api/register/import', consentRegister());
  await call('PUT', '/api/consent/purposes/ads', { inBanner: true, gpcOptOut: true, tcfPurposes: [1, 3, 4] });
  await call('PUT', '/api/consent/purposes/analytics', {
    inBanner: true,
    gpcOptOut: false,
    tcfPurposes: [1, 9],
  });
  await call('PUT', '/api/consent/tcf', {
    cmpId: 300,
    cmpVersion: 2,
    publisherCountryCode: 'JP',
    gpp: true,
    vendorList: gvlVendorList(
      Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [String(i + 1), vendor(i + 1, i % 3 ? [1, 3, 4] : [1, 9])]),
      ),
    ),
  });
}

/** A picture-like PNG: gradients with some noise (so it is not a few bytes of deflate). */
function png(width: number, height: number, seed: number): Buffer {
  let s = seed;
  const noise = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return (s >> 16) & 3;
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3;
      const n = x % 8 === 0 ? noise() : 0;
      raw[o] = ((x * 200) / width + n) & 255;
      raw[o + 1] = ((y * 180) / height + 40 + n) & 255;
      raw[o + 2] = (((x + y) * 120) / (width + height) + 90 + n) & 255;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CSS = `body{margin:0;font:17px/1.6 system-ui,sans-serif;color:#222}header{background:#0b3d91;color:#fff;padding:1em 2em}
nav a{color:#fff;margin-right:1.5em}main{max-width:52em;margin:0 auto;padding:1em 2em}img{max-width:100%;height:auto;display:block}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12em,1fr));gap:1em}footer{padding:2em;background:#eee}`;

const PARAGRAPH =
  'Our shop sells hand-made tableware from small workshops across Japan. Every piece is fired in a wood kiln, ' +
  'so no two are alike: the glaze, the colour and the small marks of the flame differ from one cup to the next. ' +
  'Orders placed before noon leave the same day; returns are free within thirty days of delivery.';

/** The test page: a stylesheet, a heading, text, two images, three tags held back until consent. */
function page(variant: Variant, mamori: string): string {
  const banner =
    variant === 'none'
      ? ''
      : `<script async src="${mamori}/consent/banner.js"${variant === 'tcf' ? ' data-tcf' : ''}></script>`;
  const held = ['analytics', 'ads', 'newsletter']
    .map(
      (p) =>
        `<script type="text/plain" data-mamori-purpose="${p}">window.ran = (window.ran || 0) + 1;</script>`,
    )
    .join('\n');
  const cards = Array.from(
    { length: 6 },
    (_, i) =>
      `<div><img src="/thumb.png?${i}" width="240" height="160" alt="Cup ${i + 1}"><p>Cup ${i + 1}, ¥${3200 + i * 400}</p></div>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tsunagi tableware</title>
<link rel="stylesheet" href="/site.css">
${banner}
${held}
</head><body>
<header><nav><a href="/">Home</a><a href="/shop">Shop</a><a href="/about">About</a><a href="/privacy">Privacy</a></nav></header>
<main><h1>Hand-made tableware from Japanese workshops</h1>
<p>${PARAGRAPH}</p>
<img src="/hero.png" width="960" height="400" alt="A row of glazed cups">
${Array.from({ length: 5 }, () => `<p>${PARAGRAPH}</p>`).join('\n')}
<div class="cards">${cards}</div>
</main><footer><p>© Tsunagi Technology</p></footer></body></html>`;
}

/** Records, in the page, when the banner's dialog enters the DOM and the largest contentful paint. */
const PROBE = `(() => {
  const m = (window.__bench = { shown: null, cmpRun: null, lcp: null, lcpElement: '', scripts: [] });
  // Long animation frames name the scripts that ran in them, with their start and duration.
  new PerformanceObserver((list) => {
    for (const f of list.getEntries())
      for (const s of f.scripts) m.scripts.push({ url: s.sourceURL, start: s.startTime, ms: s.duration });
  }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      m.lcp = e.startTime;
      const el = e.element;
      m.lcpElement = el ? (el.closest('[role=dialog]') ? 'banner' : el.tagName.toLowerCase()) : '';
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new MutationObserver((records) => {
    for (const r of records)
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (m.shown === null && n.getAttribute('role') === 'dialog') m.shown = performance.now();
        if (n.tagName === 'SCRIPT' && n.src.endsWith('/consent/cmp.js')) m.cmpRun = performance.now();
      }
  }).observe(document, { childList: true, subtree: true });
})();`;

async function sample(browser: Browser, url: string, variant: Variant, throttle: number): Promise<Sample> {
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    await context.addInitScript(PROBE);
    const p = await context.newPage();
    if (throttle !== 1) {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await p.goto(`${url}?v=${variant}`, { waitUntil: 'load', timeout: 60_000 });
    if (variant !== 'none')
      await p.waitForFunction('window.__bench.shown !== null', null, { timeout: 60_000 });
    // Two frames after the last change, so the paint that follows it is recorded.
    await p.evaluate(
      'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))',
    );
    return await p.evaluate<Sample>(`(() => {
      const paint = (name) => performance.getEntriesByType('paint').find((e) => e.name === name)?.startTime ?? null;
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = paint('first-contentful-paint');
      const mamori = window.__bench.scripts.filter((s) => s.url.includes('/consent/'));
      return { fp: paint('first-paint'), fcp, lcp: window.__bench.lcp,
        dcl: nav.domContentLoadedEventStart, load: nav.loadEventStart, shown: window.__bench.shown,
        cmpRun: window.__bench.cmpRun,
        before: mamori.filter((s) => fcp !== null && s.start < fcp).reduce((sum, s) => sum + s.ms, 0),
        lcpElement: window.__bench.lcpElement };
    })()`);
  } finally {
    await context.close();
  }
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string; navigationId?: string } };
}

/**
 * Where the renderer's main thread spent its CPU before the first contentful paint, from a Chromium trace: thread
 * time (`tdur`, not wall time, so the shared machine's load does not count) of every task between navigation start
 * and FCP, and of the banner's scripts in them (run and callbacks of /consent/*.js), before FCP and in all.
 */
async function traced(browser: Browser, url: string, variant: Variant, throttle: number) {
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    await context.addInitScript(PROBE);
    const p = await context.newPage();
    if (throttle !== 1) {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await browser.startTracing(p, {
      categories: ['devtools.timeline', 'loading', 'toplevel', 'blink.user_timing'],
    });
    await p.goto(`${url}?v=${variant}`, { waitUntil: 'load', timeout: 60_000 });
    if (variant !== 'none')
      await p.waitForFunction('window.__bench.shown !== null', null, { timeout: 60_000 });
    await p.evaluate('new Promise((r) => setTimeout(r, 300))');
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const events = trace.traceEvents;
    const fcp = events.find((e) => e.name === 'firstContentfulPaint');
    if (!fcp) return null;
    const main = events.filter((e) => e.pid === fcp.pid && e.tid === fcp.tid);
    // The page's own navigation (the locator frames have theirs, on the same thread).
    const nav = main.find(
      (e) => e.name === 'navigationStart' && e.args?.data?.navigationId === fcp.args?.data?.navigationId,
    );
    if (!nav) return null;
    const taskMs = main
      .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= nav.ts)
      .filter((e) => e.ts + (e.dur ?? 0) <= fcp.ts)
      .reduce((sum, e) => sum + (e.tdur ?? 0), 0);
    let end = 0;
    let before = 0;
    let all = 0;
    for (const e of main.filter((x) => x.ph === 'X' && x.ts >= nav.ts).sort((a, b) => a.ts - b.ts)) {
      if (!['EvaluateScript', 'FunctionCall', 'v8.compile'].includes(e.name)) continue;
      if (!e.args?.data?.url?.includes('/consent/') || e.ts < end) continue;
      end = e.ts + (e.dur ?? 0);
      all += e.tdur ?? 0;
      if (end <= fcp.ts) before += e.tdur ?? 0;
    }
    return { fcp: (fcp.ts - nav.ts) / 1000, taskMs: taskMs / 1000, before: before / 1000, all: all / 1000 };
  } finally {
    await context.close();
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return (sorted[lo] as number) + ((sorted[Math.ceil(i)] as number) - (sorted[lo] as number)) * (i - lo);
};
const ms = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(0));

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-paint-'));
  const { child, base } = await serve(dataDir);
  const site = http.createServer();
  let browser: Browser | undefined;
  try {
    await seed(base);
    const hero = png(960, 400, 7);
    const thumb = png(240, 160, 11);
    site.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/site.css') res.writeHead(200, { 'content-type': 'text/css' }).end(CSS);
      else if (url.pathname === '/hero.png') res.writeHead(200, { 'content-type': 'image/png' }).end(hero);
      else if (url.pathname === '/thumb.png') res.writeHead(200, { 'content-type': 'image/png' }).end(thumb);
      else
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(page((url.searchParams.get('v') ?? 'none') as Variant, base));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const url = `http://localhost:${(site.address() as AddressInfo).port}/`;

    const bytes = async (u: string) => {
      const body = Buffer.from(await (await fetch(u)).arrayBuffer());
      return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    };
    const banner = await bytes(`${base}/consent/banner.js`);
    const cmp = await bytes(`${base}/consent/cmp.js`);
    const html = Buffer.byteLength(page('banner', base));
    console.log(
      `scripts: banner.js ${banner.raw} B raw / ${banner.gzip} B gzip -9; cmp.js ${cmp.raw} B raw / ${cmp.gzip} B gzip -9`,
    );
    console.log(
      `page: HTML ${html} B, CSS ${CSS.length} B, hero.png ${hero.length} B, 6 × thumb.png ${thumb.length} B`,
    );
    console.log(
      `nproc ${os.cpus().length}, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );

    browser = await launchChromium();
    // One page of each variant first: the server's first bundling of cmp.js and Chromium's start-up are not samples.
    for (const v of VARIANTS) await sample(browser, url, v, 1);

    for (const throttle of THROTTLES) {
      const results = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
      for (let i = 0; i < SAMPLES; i++)
        for (const v of shuffle(VARIANTS)) results.get(v)?.push(await sample(browser, url, v, throttle));
      const none = results.get('none') ?? [];
      console.log(
        `\nCPU ×${throttle}, ${SAMPLES} samples per variant, load ${os.loadavg()[0]?.toFixed(1)} — median / p90 ms from navigation start`,
      );
      console.log(
        '| variant | FP | FCP | LCP | DOMContentLoaded | load | banner in DOM | cmp.js script added | FCP ratio (median) | FCP Δ median of pairs | load ratio | LCP is the banner | banner/CMP script ran before FCP (samples; median ms in long frames) |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
      for (const v of VARIANTS) {
        const rows = results.get(v) ?? [];
        const of = (m: Metric) => rows.map((r) => r[m]).filter((x): x is number => x !== null);
        const cell = (m: Metric) => `${ms(quantile(of(m), 0.5))} / ${ms(quantile(of(m), 0.9))}`;
        const ratio = (m: Metric) =>
          (
            quantile(of(m), 0.5) /
            quantile(
              none.map((r) => r[m] ?? Number.NaN),
              0.5,
            )
          ).toFixed(2);
        // Round i of one variant against round i of the page without the banner: pairs taken close in time.
        const pairs = rows.map((r, i) => (r.fcp ?? Number.NaN) - (none[i]?.fcp ?? Number.NaN));
        const lcpBanner = rows.filter((r) => r.lcpElement === 'banner').length;
        const early = rows.filter((r) => r.before > 0);
        const cmpEarly = rows.filter((r) => r.cmpRun !== null && r.fcp !== null && r.cmpRun < r.fcp).length;
        const beforeCell =
          v === 'none'
            ? '—'
            : `${early.length}/${rows.length}; ${ms(
                quantile(
                  early.map((r) => r.before),
                  0.5,
                ),
              )} ms${v === 'tcf' ? `; cmp.js added before FCP in ${cmpEarly}/${rows.length}` : ''}`;
        console.log(
          `| ${v} | ${cell('fp')} | ${cell('fcp')} | ${cell('lcp')} | ${cell('dcl')} | ${cell('load')} | ${v === 'none' ? '—' : cell('shown')} | ${v === 'tcf' ? cell('cmpRun') : '—'} | ${ratio('fcp')} | ${v === 'none' ? '—' : ms(quantile(pairs, 0.5))} | ${ratio('load')} | ${lcpBanner}/${rows.length} | ${beforeCell} |`,
        );
      }
    }

    // Attribution: where the main thread's CPU went before FCP (traced apart: tracing costs time of its own).
    for (const throttle of THROTTLES) {
      const results = new Map<Variant, NonNullable<Awaited<ReturnType<typeof traced>>>[]>(
        VARIANTS.map((v) => [v, []]),
      );
      for (let i = 0; i < TRACED; i++)
        for (const v of shuffle(VARIANTS)) {
          const r = await traced(browser, url, v, throttle);
          if (r) results.get(v)?.push(r);
        }
      console.log(
        `\nCPU ×${throttle}, traced, ${TRACED} per variant — renderer main-thread CPU (thread time), median / p90 ms`,
      );
      console.log(
        '| variant | FCP (traced) | main-thread CPU, navigation → FCP | of which banner/CMP scripts | banner/CMP scripts, whole sample |',
      );
      console.log('|---|---|---|---|---|');
      for (const v of VARIANTS) {
        const rows = results.get(v) ?? [];
        const cell = (xs: number[]) => `${quantile(xs, 0.5).toFixed(1)} / ${quantile(xs, 0.9).toFixed(1)}`;
        console.log(
          `| ${v} (${rows.length}) | ${cell(rows.map((r) => r.fcp))} | ${cell(rows.map((r) => r.taskMs))} | ${cell(rows.map((r) => r.before))} | ${cell(rows.map((r) => r.all))} |`,
        );
      }
    }
  } finally {
    await browser?.close();
    await new Promise((resolve) => site.close(resolve));
    await new Promise((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
