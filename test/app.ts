import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Principal } from '../src/accounts/accounts.service.js';
import { type Role, roles } from '../src/accounts/roles.js';
import { loadConfig } from '../src/config.js';
import { createMamori, createServer, type Mamori } from '../src/main.js';
import type { RouteEntry } from '../src/platform/http/server.js';
import type { App } from '../src/platform/http/types.js';
import { type TestDatabase, testDatabase } from './db.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  mamori: Mamori;
  app: App;
  routes: RouteEntry[];
  db: TestDatabase;
  dataDir: string;
  /** One signed-in session cookie per role, for a user holding only that role. */
  cookies: Record<Role, string>;
  principals: Record<Role, Principal>;
  close(): Promise<void>;
}

export async function testMamori(
  options: { clock?: () => Date; env?: Record<string, string> } = {},
): Promise<{ mamori: Mamori; db: TestDatabase; dataDir: string }> {
  const db = await testDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-app-'));
  const config = loadConfig({
    MAMORI_DATA_DIR: dataDir,
    MAMORI_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const mamori = await createMamori(config, {
    database: db.handle,
    skipMigrations: true,
    logger: pino({ level: 'silent' }),
    ...(options.clock && { clock: options.clock }),
  });
  return { mamori, db, dataDir };
}

/** A whole Mamori with its HTTP server (not listening; requests go through inject) and one user per role. */
export async function testApp(options: { clock?: () => Date } = {}): Promise<TestApp> {
  const { mamori, db, dataDir } = await testMamori(options);
  await mamori.accounts.bootstrap('admin', TEST_PASSWORD);
  const { app, routes } = await createServer(mamori);
  await app.ready();
  const cookies = {} as Record<Role, string>;
  const principals = {} as Record<Role, Principal>;
  const adminSession = await mamori.accounts.login('admin', TEST_PASSWORD, {});
  const admin = await mamori.accounts.authenticateSession(adminSession.token);
  if (!admin) throw new Error('admin session failed');
  for (const role of roles) {
    const login = `only-${role}`;
    if (role !== 'admin') {
      await mamori.accounts.createUser(
        admin,
        { login, displayName: login, roles: [role], language: 'en', password: TEST_PASSWORD },
        {},
      );
    }
    const session = await mamori.accounts.login(role === 'admin' ? 'admin' : login, TEST_PASSWORD, {});
    cookies[role] = `mamori_session=${session.token}`;
    const principal = await mamori.accounts.authenticateSession(session.token);
    if (!principal) throw new Error('session failed');
    principals[role] = principal;
  }
  return {
    mamori,
    app,
    routes,
    db,
    dataDir,
    cookies,
    principals,
    async close() {
      await app.close();
      await mamori.jobs.stop();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
