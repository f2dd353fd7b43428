// `npm run bench`: every bench/*.bench.ts in turn, each in its own process (a benchmark's memory and JIT state
// must not colour the next one). BENCH_ONLY=name runs the ones whose file name contains it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fromRoot } from '../src/platform/paths.js';

const only = process.env.BENCH_ONLY;
const files = fs
  .readdirSync(fromRoot('bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('bench', file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
