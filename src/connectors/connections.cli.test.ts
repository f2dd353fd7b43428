import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEnvironment, cliEnvironment, runMamori } from '../../test/cli.js';
import { createStores, ecommerceDatasetPath, type Stores } from '../engine/fixtures/stores.js';
import { redactUrl } from './connection.service.js';
import { connectionInputProblem } from './connections.cli.js';

/*
 * `mamori connections …` and `mamori dsr …` without --connections, as real processes against the real
 * PostgreSQL, MariaDB and Redis of the e-commerce fixture.
 */

let env: CliEnvironment;
let stores: Stores;
const mamori = (...args: string[]) => runMamori(args, env.env);
const stdin = (input: string, ...args: string[]) => runMamori(args, env.env, input);

beforeAll(async () => {
  env = await cliEnvironment();
  env.env.LOG_LEVEL = 'error';
  stores = await createStores();
}, 120_000);
afterAll(async () => {
  await stores?.drop();
  await env?.cleanup();
});

describe('mamori connections', () => {
  it('adds, lists without secrets, tests, refuses bad input, and feeds dsr access', async () => {
    const pgWithPassword = stores.pgUrl.replace('postgres@', 'postgres:hunter2@');
    const added = await mamori('connections', 'add', 'shop', '--type', 'postgres', '--url', pgWithPassword);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain('hunter2');
    // The URL can come on standard input instead of the command line.
    const crm = await stdin(
      `${stores.mariadbUrl}\n`,
      'connections',
      'add',
      'crm',
      '--type',
      'mariadb',
      '--url',
      '-',
    );
    expect(crm.code).toBe(0);
    const cache = await mamori(
      'connections',
      'add',
      'cache',
      '--type',
      'redis',
      '--url',
      `${stores.connections.cache?.url}?password=topsecret`,
      '--key-prefix',
      stores.redisPrefix,
      '--read-only',
    );
    expect(cache.code).toBe(0);

    const list = await mamori('connections', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(/hunter2|topsecret/);
    const listed = JSON.parse(list.stdout) as { key: string; type: string; readOnly: boolean; url: string }[];
    expect(listed.map((c) => [c.key, c.type, c.readOnly])).toEqual([
      ['cache', 'redis', true],
      ['crm', 'mariadb', false],
      ['shop', 'postgres', false],
    ]);
    expect(listed.find((c) => c.key === 'shop')?.url).toContain('postgres:***@');
    expect(listed.find((c) => c.key === 'cache')?.url).toContain('password=***');

    // The password is wrong-but-ignored by trust auth: the stored, sealed URL opens and answers.
    const ok = await mamori('connections', 'test', 'crm');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ key: 'crm', type: 'mariadb', ok: true });

    const duplicate = await mamori(
      'connections',
      'add',
      'crm',
      '--type',
      'mariadb',
      '--url',
      stores.mariadbUrl,
    );
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/already stored; pass --replace/);
    const badType = await mamori('connections', 'add', 'x', '--type', 'oracle', '--url', 'oracle://h/db');
    expect(badType.code).not.toBe(0);
    expect(badType.stderr).toMatch(/not one of postgres, mysql, mariadb, redis, http\.\n$/);
    const badUrl = await mamori('connections', 'add', 'x', '--type', 'postgres', '--url', 'mysql://h/db');
    expect(badUrl.code).not.toBe(0);
    expect(badUrl.stderr).toMatch(/needs a URL starting with postgres:\/\//);

    // dsr access without --connections reads from the stored connections.
    const out = path.join(env.dataDir, 'package.json');
    const access = await mamori(
      'dsr',
      'access',
      '--dataset',
      ecommerceDatasetPath(),
      '--identity',
      'email=customer-2@example.com',
      '--out',
      out,
    );
    expect(access.stderr).toBe('');
    expect(access.code).toBe(0);
    const pkg = JSON.parse(await fs.readFile(out, 'utf8')) as Record<string, Record<string, unknown>[]>;
    expect(pkg['shop:customer']?.[0]).toMatchObject({ email: 'customer-2@example.com' });
    expect(Object.keys(pkg).some((k) => k.startsWith('crm:'))).toBe(true);
    expect(Object.keys(pkg).some((k) => k.startsWith('cache:'))).toBe(true);

    // The stored redis connection is read-only: erasure through it is refused with a sentence.
    const erase = await mamori(
      'dsr',
      'erase',
      '--dataset',
      ecommerceDatasetPath(),
      '--identity',
      'email=customer-2@example.com',
      '--target',
      'user.contact',
    );
    expect(erase.code).not.toBe(0);
    expect(erase.stderr).toMatch(/connection "cache": .*read-only/);

    expect((await mamori('connections', 'remove', 'cache')).code).toBe(0);
    const gone = await mamori('connections', 'remove', 'cache');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toBe('mamori: There is no stored connection "cache".\n');
  }, 240_000);

  it('names an unreachable stored connection, and an unknown one', async () => {
    const add = await mamori(
      'connections',
      'add',
      'down',
      '--type',
      'mariadb',
      '--url',
      'mysql://root:pw@127.0.0.1:1/none',
    );
    expect(add.code).toBe(0);
    const down = await mamori('connections', 'test', 'down');
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/^mamori: Connection "down" cannot be reached: .+\.\n$/);
    expect(down.stderr).not.toContain(':pw@');
    const unknown = await mamori('connections', 'test', 'nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toBe('mamori: There is no stored connection "nope".\n');
  }, 120_000);
});

describe('connection input and display rules', () => {
  it('redacted URLs never contain the password or a query value', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{4,12}$/);
    fc.assert(
      fc.property(word, word, word, (user, password, token) => {
        const shown = redactUrl(`postgres://${user}:${password}@db.example:5432/app?sslpassword=${token}`);
        expect(shown).toContain(user);
        expect(shown).not.toContain(`:${password}@`);
        expect(shown).not.toContain(`=${token}`);
      }),
    );
  });

  it('accepts a URL only with its type’s scheme', () => {
    expect(connectionInputProblem('shop', 'postgres', 'postgresql://h/db')).toBeUndefined();
    expect(connectionInputProblem('crm', 'mariadb', 'mariadb://h/db')).toBeUndefined();
    expect(connectionInputProblem('crm', 'mysql', 'mariadb://h/db')).toMatch(/mysql:\/\//);
    expect(connectionInputProblem('a b', 'redis', 'redis://h')).toMatch(/letters, digits/);
    expect(connectionInputProblem('svc', 'http', 'not a url')).toMatch(/cannot be parsed/);
  });
});
