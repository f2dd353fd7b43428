import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder, whether running from src/ (tests, tsx) or from dist/ (npm start): files that
 * are not TypeScript (SQL migrations, static front ends) are read from their place in the source tree.
 */
export const packageRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Mamori package root not found');
    dir = parent;
  }
  return dir;
})();

export const fromRoot = (...segments: string[]): string => path.join(packageRoot, ...segments);
