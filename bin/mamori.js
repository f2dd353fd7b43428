#!/usr/bin/env node
// Runs the compiled CLI (npm ci builds it). From a source checkout without a build, say how to get one.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'mamori: not built yet; run `npm ci` (or `npm run build`) in the Mamori folder first.\n',
  );
  process.exit(1);
}
await import(entry.href);
