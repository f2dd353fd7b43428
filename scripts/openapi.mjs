// Part of `npm run build`: writes the OpenAPI document of the compiled server (dist/) to a file, so that the
// console's API types are generated from the routes themselves (openapi-typescript), never written by hand.
// The app is built on a throw-away in-memory embedded database; nothing listens and nothing is kept.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../dist/config.js';
import { createMamori, createServer } from '../dist/main.js';
import { openDatabase } from '../dist/platform/db/connect.js';

const target = process.argv[2] ?? new URL('../dist/openapi.json', import.meta.url).pathname;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-openapi-'));
let template;
try {
  template = new Blob([await fs.readFile(new URL('../dist/pglite-template.tar.gz', import.meta.url))]);
} catch {
  template = undefined;
}
const config = loadConfig({
  MAMORI_DATA_DIR: dataDir,
  MAMORI_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
  LOG_LEVEL: 'silent',
});
const database = await openDatabase({ dataDir: 'memory://', template });
const mamori = await createMamori(config, { database });
try {
  const { app } = await createServer(mamori);
  await app.ready();
  const document = app.swagger();
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document: ${Object.keys(document.paths ?? {}).length} paths → ${target}\n`);
} finally {
  await mamori.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
