import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const EXAMPLES_DIR = path.resolve(import.meta.dirname, '../../examples');

export const EXAMPLES = readdirSync(EXAMPLES_DIR)
  .filter((name) => statSync(path.join(EXAMPLES_DIR, name)).isDirectory())
  .sort();

/** The YAML files of one example, keyed by path relative to its folder. */
export function readExampleFiles(example: string): Map<string, string> {
  const root = path.join(EXAMPLES_DIR, example);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name))
        files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}
