// Bundles the banner's TCF/GPP layer (src/consent/banner/cmp.entry.ts) to dist/consent-cmp.js, which the
// server serves at /consent/cmp.js where esbuild is not installed (production). Same options as cmp.asset.ts.
import { mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: ['src/consent/banner/cmp.entry.ts'],
  outfile: 'dist/consent-cmp.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2019',
  minify: true,
  legalComments: 'none',
});
console.log('consent CMP → dist/consent-cmp.js');
