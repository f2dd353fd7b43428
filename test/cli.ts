import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../src/platform/paths.js';
import { pgliteTemplatePath, type TestDatabase, testDatabase } from './db.js';

export interface CliEnvironment {
  env: Record<string, string>;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * An environment for running the real `mamori` process: its own database (a PostgreSQL database cloned from
 * the template, or an embedded data directory unpacked from the template tarball) and its own data dir.
 */
export async function cliEnvironment(): Promise<CliEnvironment> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-cli-'));
  let tdb: TestDatabase | undefined;
  const env: Record<string, string> = {
    MAMORI_DATA_DIR: dataDir,
    MAMORI_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
    LOG_LEVEL: 'info',
  };
  if (process.env.DATABASE_URL) {
    tdb = await testDatabase();
    await tdb.handle.close();
    env.DATABASE_URL = tdb.url ?? '';
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const blob = new Blob([await fs.readFile(pgliteTemplatePath())]);
    const db = await PGlite.create({ dataDir, loadDataDir: blob });
    await db.close();
  }
  return {
    env,
    dataDir,
    async cleanup() {
      await tdb?.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `mamori <args>` from the sources (through tsx), as CI and engineers would run it. */
export function startMamori(args: string[], env: Record<string, string>): ChildProcess {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'run.ts'), ...args], {
    cwd: fromRoot(),
    env: { ...base, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function runMamori(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const child = startMamori(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdin?.end(stdin ?? '');
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
