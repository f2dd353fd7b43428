import { readFile } from 'node:fs/promises';
import { type StaticAsset, staticAsset } from '../../platform/http/static-asset.js';
import { fromRoot } from '../../platform/paths.js';

let cached: Promise<string> | undefined;
let compressed: Promise<StaticAsset> | undefined;

/** The script compressed once (brotli and gzip) for /consent/cmp.js. */
export function cmpAsset(): Promise<StaticAsset> {
  compressed ??= cmpScript()
    .then(staticAsset)
    .catch((error: unknown) => {
      compressed = undefined;
      throw error;
    });
  return compressed;
}

/**
 * The TCF/GPP layer is TypeScript using the IAB libraries, so unlike banner.js it is bundled: from the
 * sources with esbuild where it is installed (development, tests), else the copy `npm run build` wrote.
 */
export function cmpScript(): Promise<string> {
  // A failed build is not cached: the next request tries again (or falls back to the built copy).
  cached ??= build().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function build(): Promise<string> {
  let esbuild: typeof import('esbuild') | undefined;
  try {
    esbuild = await import('esbuild');
  } catch {
    return readFile(fromRoot('dist', 'consent-cmp.js'), 'utf8');
  }
  const result = await esbuild.build({
    entryPoints: [fromRoot('src', 'consent', 'banner', 'cmp.entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]?.text ?? '';
}
