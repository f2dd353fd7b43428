import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEnvironment, cliEnvironment, runMamori } from '../cli.js';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
}, 60_000);
afterAll(() => cli.cleanup());

describe('mamori CLI', () => {
  it('migrates, creates accounts and tokens, and verifies the audit chain', async () => {
    expect((await runMamori(['migrate'], cli.env)).stdout).toMatch(/up to date[\s\S]*Setup token/);

    const noSuchAdmin = await runMamori(
      ['user', 'create', '--login', 'sato', '--roles', 'handler', '--as', 'ghost'],
      cli.env,
      'a long password 123',
    );
    expect(noSuchAdmin.code).toBe(1);
    expect(noSuchAdmin.stderr).toContain('There is no account "ghost"');

    // The first start (serve or migrate) creates the administrator, here with a password from the environment.
    const env = { ...cli.env, MAMORI_ADMIN_PASSWORD: 'administrator password 1' };
    expect((await runMamori(['migrate'], env)).code).toBe(0);
    const created = await runMamori(
      ['user', 'create', '--login', 'sato', '--roles', 'handler,engineer'],
      cli.env,
      'a long password 123',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Created account sato (handler, engineer)');
    const badRole = await runMamori(['user', 'create', '--login', 'kato', '--roles', 'nobody'], cli.env, 'x');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/Unknown role "nobody"/);
    const token = await runMamori(
      ['token', 'create', '--login', 'sato', '--name', 'ci', '--roles', 'engineer'],
      cli.env,
    );
    expect(token.stdout.trim()).toMatch(/^mmr_[A-Za-z0-9_-]{43}$/);
    const tooMuch = await runMamori(
      ['token', 'create', '--login', 'sato', '--name', 'x', '--roles', 'admin'],
      cli.env,
    );
    expect(tooMuch.code).toBe(1);

    const verify = await runMamori(['audit', 'verify', '--json'], cli.env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, firstProblem: null });
  }, 120_000);

  it('says one sentence and exits non-zero on bad input', async () => {
    const badPort = await runMamori(['migrate'], { ...cli.env, PORT: 'eighty' });
    expect(badPort.code).toBe(1);
    expect(badPort.stderr.trim()).toMatch(/^mamori: Configuration error: PORT .+\.$/);

    const unknown = await runMamori(['frobnicate'], cli.env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");

    if (!cli.env.DATABASE_URL) {
      const worker = await runMamori(['worker'], cli.env);
      expect(worker.code).toBe(1);
      expect(worker.stderr).toContain('set DATABASE_URL to run separate workers');
    }
  }, 120_000);
});
