import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { addDays, type CalendarDate } from '../laws/date.js';
import { createMamori } from '../main.js';
import { createLogger } from '../platform/logger.js';
import { dataset, PG_SQL, testRegister } from './retention.fixtures.js';

/*
 * End-to-end fixtures (browser test, crash test, bench): a real PostgreSQL database of the shape in
 * retention.fixtures.ts with many accounts on both sides of "now", and a Mamori database prepared with the
 * register and the connection before `mamori serve` or `mamori retention run` opens it.
 */

export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const SETUP_ACTOR = { type: 'system', label: 'test-setup' } as const;

export interface RetentionStore {
  name: string;
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A uniquely named PostgreSQL database with the fixture tables (accounts, enquiries, members), empty. */
export async function createRetentionStore(): Promise<RetentionStore> {
  const name = `mamori_ret_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/postgres$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // DROP DATABASE … WITH (FORCE) ends sessions a closing pool still holds: not an error of the test.
  pool.on('error', () => {});
  await pool.query(PG_SQL);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface AccountMix {
  /** Contract ended more than 5 years before `today` (Tokyo): due now. */
  due: number;
  /** Due within 30 days. */
  in30: number;
  /** Due between 30 and 90 days from now. */
  in90: number;
  /** Not due within 90 days. */
  later: number;
}

/**
 * Accounts under the "five-years" rule as of `today`, numbered from 1 in the order of the mix; each account
 * has one enquiry (erased with it by the engine). Inserted set-based (generate_series): millions take
 * seconds. Contract ends are 12:00 Tokyo time, away from any day boundary.
 */
export async function insertAccounts(pool: pg.Pool, today: CalendarDate, mix: AccountMix): Promise<number> {
  const fiveYearsAgo = `${Number(today.slice(0, 4)) - 5}${today.slice(4).replace('-02-29', '-02-28')}`;
  const groups: [number, CalendarDate, number][] = [
    [mix.due, addDays(fiveYearsAgo, -400), 395], // spread over 395 days, all before the cut-off
    [mix.in30, addDays(fiveYearsAgo, 5), 20],
    [mix.in90, addDays(fiveYearsAgo, 40), 45],
    [mix.later, addDays(fiveYearsAgo, 200), 300],
  ];
  let first = 1;
  for (const [count, start, spread] of groups) {
    if (count === 0) continue;
    await pool.query(
      `INSERT INTO accounts (id, email, full_name, phone, contract_ended_at, last_contact_at)
       SELECT g, 'user' || g || '@example.jp', '氏名' || g, '090-' || lpad(g::text, 8, '0'),
              ($2::date + ((g - $1) % $4) * interval '1 day' + interval '3 hours') AT TIME ZONE 'UTC', NULL
         FROM generate_series($1::int, $1::int + $3::int - 1) AS g`,
      [first, start, count, spread],
    );
    first += count;
  }
  await pool.query(
    "INSERT INTO enquiries (id, account_id, body) SELECT id, id, 'enquiry ' || id FROM accounts",
  );
  await pool.query('ANALYZE accounts; ANALYZE enquiries');
  return first - 1;
}

/** Expected due count for a mix (what the store's COUNT must say). */
export const dueOf = (mix: AccountMix) => ({
  now: mix.due,
  in30: mix.due + mix.in30,
  in90: mix.due + mix.in30 + mix.in90,
});

/**
 * Prepares the Mamori database of a CLI environment (test/cli.ts) before a process opens it: the register
 * with the retention rules and a dataset `key` on `url`, its connection, settings, and optionally accounts.
 */
export async function prepareMamori(
  env: Record<string, string>,
  options: {
    key: string;
    url: string;
    settings?: { approvalThreshold: number; autoRunSmall: boolean; batchSize: number };
    accounts?: { admin: string; officer: { login: string; password: string } };
  },
): Promise<void> {
  const mamori = await createMamori(loadConfig(env), { logger: createLogger('warn', process.stderr) });
  try {
    await mamori.register.import(SETUP_ACTOR, testRegister([dataset(options.key)]));
    const connections = new ConnectionService(
      mamori.database.db,
      new ConnectionRepository(),
      mamori.audit,
      mamori.secrets,
    );
    await connections.save(SETUP_ACTOR, options.key, {
      type: 'postgres',
      url: options.url,
    } as ConnectionSpec);
    if (options.settings) await mamori.retention.saveSettings(SETUP_ACTOR, options.settings);
    if (options.accounts) {
      await mamori.accounts.bootstrap('admin', options.accounts.admin);
      const admin = (await mamori.accounts.listUsers()).find((u) => u.login === 'admin');
      if (!admin) throw new Error('no admin account');
      await mamori.accounts.createUser(
        {
          userId: admin.id,
          login: admin.login,
          displayName: admin.login,
          roles: admin.roles,
          language: 'ja',
          via: 'session',
        },
        {
          login: options.accounts.officer.login,
          displayName: '個人情報保護責任者',
          roles: ['privacy_officer'],
          language: 'ja',
          password: options.accounts.officer.password,
        },
        { userAgent: 'test-setup' },
      );
    }
  } finally {
    await mamori.close();
  }
}
