import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import { createStores, type Stores } from '../engine/fixtures/stores.js';
import type { AnonymizationRequest } from './anonymization.schema.js';
import { anonymizeTable } from './anonymize.js';
import { ageHierarchy, prefectureHierarchy } from './hierarchy.japan.js';
import { flatHierarchy } from './hierarchy.js';
import { parseTable } from './table.js';

/*
 * Anonymisation of a table of a connected database: the same 60 members in a real PostgreSQL and a real
 * MariaDB table, read through the stored connections by a job; the downloaded result must equal the
 * engine's output on the same rows given as CSV, and the publication text must list the released items.
 */

let t: TestApp;
let stores: Stores;
const ADMIN = { type: 'system', label: 'test' } as const;
const PREFS = ['東京都', '神奈川県', '大阪府', '北海道', '福岡県'];

/** 60 members, seeded: id, name, sex, age, prefecture, usage (NULL for every seventh member). */
function members(): (string | number | null)[][] {
  let seed = 11;
  const next = (m: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  return Array.from({ length: 60 }, (_, i) => [
    1000 + i,
    `会員${i}`,
    next(2) ? '男性' : '女性',
    20 + next(50),
    PREFS[next(PREFS.length)]!,
    i % 7 === 0 ? null : next(30),
  ]);
}
const COLUMNS = ['member_id', 'full_name', 'sex', 'age', 'prefecture', 'usage_count'];

beforeAll(async () => {
  [t, stores] = await Promise.all([testApp(), createStores({ seed: false })]);
  const rows = members();
  await stores.pg.query(
    'CREATE TABLE anonymize_members (member_id integer PRIMARY KEY, full_name text, sex text, age integer, prefecture text, usage_count integer)',
  );
  await stores.pg.query(
    `INSERT INTO anonymize_members SELECT * FROM json_populate_recordset(NULL::anonymize_members, $1)`,
    [JSON.stringify(rows.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]]))))],
  );
  await stores.maria.query(
    'CREATE TABLE anonymize_members (member_id INT PRIMARY KEY, full_name VARCHAR(50), sex VARCHAR(10), age INT, prefecture VARCHAR(10), usage_count INT)',
  );
  await stores.maria.query('INSERT INTO anonymize_members VALUES ?', [rows]);
  const connections = new ConnectionService(
    t.mamori.database.db,
    new ConnectionRepository(),
    t.mamori.audit,
    t.mamori.secrets,
  );
  await connections.save(ADMIN, 'anonymize_pg', { type: 'postgres', url: stores.pgUrl });
  await connections.save(ADMIN, 'anonymize_maria', { type: 'mariadb', url: stores.mariadbUrl });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await stores?.drop();
});

const as = (role: keyof TestApp['cookies']) => ({ cookie: t.cookies[role] });

function request(connection: string, columns = COLUMNS): AnonymizationRequest {
  return {
    dataset: `会員 (${connection})`,
    input: { kind: 'connection', connection, table: 'anonymize_members', columns },
    qi: ['sex', 'age', 'prefecture'],
    hierarchies: { sex: { builtin: 'flat' }, age: { builtin: 'age' }, prefecture: { builtin: 'prefecture' } },
    drop: ['member_id', 'full_name'],
    model: { k: 4, suppression: 0.1 },
    metric: 'discernibility',
    itemLabels: { usage_count: { ja: '利用回数', en: 'number of uses' } },
  };
}

/** The engine on the same rows given as CSV: what the job must produce. */
function expected(): string[][] {
  const csv = [COLUMNS, ...members().map((r) => r.map((v) => (v === null ? '' : String(v))))]
    .map((r) => r.join(','))
    .join('\n');
  const { table } = parseTable(csv, { delimiter: ',' });
  const out = anonymizeTable(table, {
    qi: ['sex', 'age', 'prefecture'],
    hierarchies: new Map([
      ['sex', flatHierarchy()],
      ['age', ageHierarchy()],
      ['prefecture', prefectureHierarchy()],
    ]),
    drop: ['member_id', 'full_name'],
    model: { k: 4, suppression: 0.1 },
    metric: 'discernibility',
  });
  return [out.table.header as string[], ...(out.table.rows as string[][])];
}

async function waitFor(id: string): Promise<{ status: string; error: string | null }> {
  for (let i = 0; i < 300; i++) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/anonymizations/${id}`,
      headers: as('auditor'),
    });
    const body = res.json() as { status: string; error: string | null };
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the anonymisation job did not finish');
}

describe('anonymisation of a connected table', () => {
  it('lists the SQL connections with their tables and columns, without values', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/anonymizations/sources',
      headers: as('engineer'),
    });
    expect(res.statusCode).toBe(200);
    const sources = res.json() as {
      connection: string;
      tables: { name: string; columns: { name: string }[] }[];
    }[];
    for (const key of ['anonymize_pg', 'anonymize_maria']) {
      const table = sources
        .find((s) => s.connection === key)
        ?.tables.find((x) => x.name === 'anonymize_members');
      expect(table?.columns.map((c) => c.name)).toEqual(COLUMNS);
    }
    expect(res.body).not.toContain('会員');
    expect(res.body).not.toContain('postgres://');
  });

  it.each(['anonymize_pg', 'anonymize_maria'])(
    'reads %s through a job and releases what the engine releases on the same rows',
    async (connection) => {
      await t.mamori.jobs.start();
      try {
        const post = await t.app.inject({
          method: 'POST',
          url: '/api/anonymizations',
          headers: as('engineer'),
          payload: request(connection),
        });
        expect(post.statusCode).toBe(202);
        const { id } = post.json() as { id: string };
        const run = await waitFor(id);
        expect(run).toMatchObject({ status: 'completed', error: null });

        // Auditors see the run but do not download the released table.
        const denied = await t.app.inject({
          method: 'GET',
          url: `/api/anonymizations/${id}/result`,
          headers: as('auditor'),
        });
        expect(denied.statusCode).toBe(403);
        const result = await t.app.inject({
          method: 'GET',
          url: `/api/anonymizations/${id}/result`,
          headers: as('privacy_officer'),
        });
        expect(result.statusCode).toBe(200);
        const out = parseTable(result.body, { delimiter: ',' }).table;
        expect([out.header, ...out.rows]).toEqual(expected());
        expect(result.body).not.toContain('会員');

        const publication = await t.app.inject({
          method: 'GET',
          url: `/api/anonymizations/${id}/publication?lang=ja`,
          headers: as('auditor'),
        });
        expect(publication.statusCode).toBe(200);
        expect((publication.json() as { items: string[] }).items).toContain('利用回数');

        const events = await t.mamori.audit.search({ objectType: 'anonymization', objectId: id, limit: 20 });
        const actions = events.map((e) => e.action);
        expect(actions).toEqual(
          expect.arrayContaining([
            'anonymization.requested',
            'anonymization.created',
            'anonymization.exported',
          ]),
        );
        const requested = events.find((e) => e.action === 'anonymization.requested');
        expect(requested?.details).toMatchObject({
          input: 'connection',
          connection,
          table: 'anonymize_members',
        });

        const list = await t.app.inject({
          method: 'GET',
          url: '/api/anonymizations',
          headers: as('auditor'),
        });
        expect((list.json() as { id: string }[]).map((r) => r.id)).toContain(id);
      } finally {
        await t.mamori.jobs.stop();
      }
    },
    60_000,
  );

  it('answers 400 at once for an unknown connection, table or column, naming it', async () => {
    const cases: [AnonymizationRequest, RegExp][] = [
      [request('anonymize_nowhere'), /no connection \\"anonymize_nowhere/],
      [request('anonymize_pg', [...COLUMNS.slice(0, 5), 'no_such_column']), /no_such_column/],
      [request('anonymize_maria', [...COLUMNS.slice(0, 5), 'no_such_column']), /no_such_column/],
      [
        {
          ...request('anonymize_pg'),
          input: { kind: 'connection', connection: 'anonymize_pg', table: 'no_such_table', columns: COLUMNS },
        },
        /no_such_table/,
      ],
    ];
    for (const [payload, message] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/anonymizations',
        headers: as('engineer'),
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(message);
    }
  });
});
