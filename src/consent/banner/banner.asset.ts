import { readFile } from 'node:fs/promises';
import { type StaticAsset, staticAsset } from '../../platform/http/static-asset.js';
import { fromRoot } from '../../platform/paths.js';

let cached: Promise<string> | undefined;
let compressed: Promise<StaticAsset> | undefined;

/**
 * The banner is a hand-written ES2017 file read from the source tree (like the SQL migrations), so what
 * is served is exactly what is reviewed: no bundler in the path, nothing to rebuild.
 */
export function bannerScript(): Promise<string> {
  cached ??= readFile(fromRoot('src', 'consent', 'banner', 'banner.js'), 'utf8');
  return cached;
}

/** The banner compressed once (brotli and gzip) for /consent/banner.js. */
export function bannerAsset(): Promise<StaticAsset> {
  compressed ??= bannerScript().then(staticAsset);
  return compressed;
}
