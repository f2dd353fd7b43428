// Embedded start-up time and idle memory of `mamori serve`, against a bare Node HTTP server started the same
// way in the same run (the baseline). Targets (issue 2): healthy ≤ 2 s, idle RSS ≤ 250 MB.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../src/platform/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 20_000);

function rssMb(pid: number): Promise<number> {
  return fs
    .readFile(`/proc/${pid}/status`, 'utf8')
    .then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024);
}

async function healthyAfter(
  child: ChildProcess,
  url: (port: number) => string,
): Promise<{ ms: number; port: number }> {
  const start = performance.now();
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  for (;;) {
    const port = Number(/"port":(\d+)/.exec(out)?.[1] ?? /PORT (\d+)/.exec(out)?.[1] ?? 0);
    if (port) {
      const ok = await fetch(url(port))
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return { ms: performance.now() - start, port };
    }
    if (performance.now() - start > 60_000) throw new Error(`not healthy in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise((resolve) => {
    child.on('close', resolve);
    child.kill('SIGTERM');
  });
}

async function baseline(): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s=require('node:http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log('PORT '+s.address().port))",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const { ms } = await healthyAfter(child, (p) => `http://127.0.0.1:${p}/`);
  await stop(child);
  return ms;
}

async function mamori(dataDir: string): Promise<{ ms: number; rss: number }> {
  const child = spawn(process.execPath, [fromRoot('bin', 'mamori.js'), 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      MAMORI_DATA_DIR: dataDir,
      MAMORI_ADMIN_PASSWORD: 'benchmark password',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { ms } = await healthyAfter(child, (p) => `http://127.0.0.1:${p}/api/health`);
  // Idle means at rest: V8's memory reducer collects about 8–15 s after the start-up burst of allocation, so
  // the reading is taken after 20 s without requests (at 3 s the same process shows ~30 MB more).
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rss = await rssMb(child.pid ?? 0);
  await stop(child);
  return { ms, rss };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const base: number[] = [];
const first: { ms: number; rss: number }[] = [];
const reopen: { ms: number; rss: number }[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-bench-'));
  base.push(await baseline());
  first.push(await mamori(dir));
  reopen.push(await mamori(dir));
  await fs.rm(dir, { recursive: true, force: true });
}
const b = median(base);
const rows = [
  ['bare node http server (baseline)', b, undefined],
  [
    'mamori serve, first start (new data dir)',
    median(first.map((r) => r.ms)),
    median(first.map((r) => r.rss)),
  ],
  [
    'mamori serve, later start (existing data dir)',
    median(reopen.map((r) => r.ms)),
    median(reopen.map((r) => r.rss)),
  ],
] as const;
console.log(
  `startup (median of ${RUNS}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]?.toFixed(2)})`,
);
for (const [name, ms, rss] of rows) {
  console.log(
    `  ${name.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms  ×${(ms / b).toFixed(1).padStart(5)}${rss ? `   idle RSS ${rss.toFixed(0)} MB` : ''}`,
  );
}
