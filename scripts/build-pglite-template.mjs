// Part of `npm run build`: an initialised, migrated embedded database as a tarball, so that the first
// `npm start` copies it instead of running PostgreSQL's initdb (seconds) on the user's machine.
import fs from 'node:fs/promises';
import { openDatabase } from '../dist/platform/db/connect.js';
import { migrate } from '../dist/platform/db/migrate.js';

const target = new URL('../dist/pglite-template.tar.gz', import.meta.url);
const handle = await openDatabase({ dataDir: 'memory://' });
await migrate(handle);
const dump = await handle.dumpDataDir();
await fs.writeFile(target, Buffer.from(await dump.arrayBuffer()));
await handle.close();
process.stdout.write(`embedded database template: ${(dump.size / 1e6).toFixed(1)} MB\n`);
