import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { AnonymizationRepository } from './anonymization.repository.js';
import type { AnonymizationRequest } from './anonymization.schema.js';
import { AnonymizationService } from './anonymization.service.js';
import { anonymizeTable } from './anonymize.js';
import { ageHierarchy, prefectureHierarchy } from './hierarchy.japan.js';
import { flatHierarchy } from './hierarchy.js';
import { parseTable } from './table.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 60_000);
afterAll(() => t?.close());

const as = (role: keyof TestApp['cookies']) => ({ cookie: t.cookies[role] });

const PREFS = ['東京都', '神奈川県', '大阪府', '北海道'];
/** 48 members: a seeded mix of sexes, ages and prefectures, with a name and a usage count. */
function membersCsv(): string {
  const lines = ['member;name;sex;age;prefecture;usage'];
  let seed = 7;
  const next = (m: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  for (let i = 0; i < 48; i++) {
    lines.push(
      [`M${1000 + i}`, `会員${i}`, next(2) ? '男性' : '女性', 20 + next(50), PREFS[next(4)]!, next(30)].join(
        ';',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function request(csv = membersCsv()): AnonymizationRequest {
  return {
    dataset: '会員利用履歴 2026-10',
    input: { kind: 'csv', text: csv, delimiter: ';' },
    qi: ['sex', 'age', 'prefecture'],
    hierarchies: { sex: { builtin: 'flat' }, age: { builtin: 'age' }, prefecture: { builtin: 'prefecture' } },
    drop: ['member', 'name'],
    model: { k: 4, suppression: 0.1 },
    metric: 'discernibility',
    itemLabels: { usage: { ja: '利用回数', en: 'number of uses' } },
  };
}

async function waitFor(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/anonymizations/${id}`,
      headers: as('engineer'),
    });
    const body = res.json() as Record<string, unknown>;
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the anonymisation job did not finish');
}

async function auditActions(id: string): Promise<string[]> {
  const events = await t.mamori.audit.search({ objectType: 'anonymization', objectId: id, limit: 100 });
  return events.map((e) => e.action).reverse();
}

describe('anonymisation API', () => {
  it('runs as a job, matches the engine, and keeps the records of APPI Art. 43', async () => {
    await t.mamori.jobs.start();
    try {
      const post = await t.app.inject({
        method: 'POST',
        url: '/api/anonymizations',
        headers: as('privacy_officer'),
        payload: request(),
      });
      expect(post.statusCode).toBe(202);
      const { id, status } = post.json() as { id: string; status: string };
      expect(status).toBe('queued');
      const run = (await waitFor(id)) as {
        status: string;
        report: { levels: number[]; discernibility: number; classes: number; suppressed: number };
        items: { ja: string; en: string }[];
      };
      expect(run.status).toBe('completed');

      // The same table through the engine directly: the job must give the same report.
      const { table } = parseTable(membersCsv(), { delimiter: ';' });
      const direct = anonymizeTable(table, {
        qi: ['sex', 'age', 'prefecture'],
        hierarchies: new Map([
          ['sex', flatHierarchy()],
          ['age', ageHierarchy()],
          ['prefecture', prefectureHierarchy()],
        ]),
        drop: ['member', 'name'],
        model: { k: 4, suppression: 0.1 },
        metric: 'discernibility',
      });
      expect(run.report.levels).toEqual(direct.report.levels);
      expect(run.report.discernibility).toBe(direct.report.discernibility);
      expect(run.report.suppressed).toBe(direct.report.suppressed);

      // The input is deleted once processed; the result is stored sealed.
      const row = await t.mamori.database.db
        .selectFrom('anonymizations')
        .select(['input_sealed', 'result_sealed'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.input_sealed).toBeNull();
      expect(row.result_sealed).not.toContain('会員');

      const result = await t.app.inject({
        method: 'GET',
        url: `/api/anonymizations/${id}/result`,
        headers: as('engineer'),
      });
      expect(result.statusCode).toBe(200);
      expect(result.headers['content-type']).toContain('text/csv');
      const out = parseTable(result.body, { delimiter: ';' }).table;
      expect(out.header).toEqual(['sex', 'age', 'prefecture', 'usage']);
      expect(out.rows.length).toBe(48);
      expect(result.body).not.toContain('会員');
      // k-anonymity of the released records, checked on the downloaded file itself.
      const classes = new Map<string, number>();
      for (const r of out.rows) {
        if (r[0] === '*' && r[1] === '*' && r[2] === '*') continue;
        classes.set(r.slice(0, 3).join('|'), (classes.get(r.slice(0, 3).join('|')) ?? 0) + 1);
      }
      for (const size of classes.values()) expect(size).toBeGreaterThanOrEqual(4);

      const ja = await t.app.inject({
        method: 'GET',
        url: `/api/anonymizations/${id}/publication?lang=ja`,
        headers: as('privacy_officer'),
      });
      const pubJa = ja.json() as { items: string[]; creation: string; provision: string | null };
      expect(pubJa.items).toEqual(run.items.map((i) => i.ja));
      expect(pubJa.items).toContain('利用回数');
      expect(pubJa.creation).toContain('[項目]');
      expect(pubJa.provision).toBeNull();

      const provided = await t.app.inject({
        method: 'POST',
        url: `/api/anonymizations/${id}/provisions`,
        headers: as('privacy_officer'),
        payload: { recipient: '株式会社サンプル分析', methods: ['server-upload'], date: '2026-11-30' },
      });
      expect(provided.statusCode).toBe(201);
      const provision = provided.json() as {
        notice: { ja: string; en: string };
        publication: { ja: string };
      };
      expect(provision.notice.ja).toContain('株式会社サンプル分析');
      expect(provision.notice.ja).toContain('匿名加工情報');
      expect(provision.notice.en).toContain('anonymised information');
      expect(provision.publication.ja).toContain('サーバへのアップロードによる提供');

      const en = await t.app.inject({
        method: 'GET',
        url: `/api/anonymizations/${id}/publication?lang=en`,
        headers: as('admin'),
      });
      const pubEn = en.json() as { provision: string };
      expect(pubEn.provision).toContain('Method of provision:');
      expect(pubEn.provision).toContain('by upload to a server');

      const list = await t.app.inject({
        method: 'GET',
        url: `/api/anonymizations/${id}/provisions`,
        headers: as('engineer'),
      });
      expect((list.json() as unknown[]).length).toBe(1);

      // A job that runs again (after a crash, a retry) leaves a finished run alone.
      expect(await t.mamori.anonymizations.process(id)).toBe('completed');
      expect(await auditActions(id)).toEqual([
        'anonymization.requested',
        'anonymization.created',
        'anonymization.exported',
        'anonymization.provided',
      ]);
    } finally {
      await t.mamori.jobs.stop();
    }
  }, 60_000);

  it('lets only the roles that make anonymised information in', async () => {
    for (const role of ['handler', 'auditor'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/anonymizations',
        headers: as(role),
        payload: request(),
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('answers a wrong configuration at once, naming the problem', async () => {
    const wrong = { ...request(), qi: ['sex', 'age', 'city'] };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/anonymizations',
      headers: { ...as('engineer'), 'accept-language': 'en' },
      payload: { ...wrong, hierarchies: { ...wrong.hierarchies, city: { builtin: 'address' } } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('anonymization_invalid');
    expect(body.error.message).toContain('"city"');

    const builtin = await t.app.inject({
      method: 'POST',
      url: '/api/anonymizations',
      headers: as('engineer'),
      payload: { ...request(), hierarchies: { ...request().hierarchies, age: { builtin: 'shoe-size' } } },
    });
    expect(builtin.statusCode).toBe(400);
  });

  it('marks a run failed when a value is missing from its hierarchy, deletes the input, and refuses its result', async () => {
    const csv = membersCsv().replace('東京都', 'アトランティス');
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/anonymizations',
      headers: as('engineer'),
      payload: request(csv),
    });
    expect(post.statusCode).toBe(202);
    const { id } = post.json() as { id: string };
    const early = await t.app.inject({
      method: 'GET',
      url: `/api/anonymizations/${id}/result`,
      headers: as('engineer'),
    });
    expect(early.statusCode).toBe(409);
    // The job handler, run here directly (the queue is not started in this test).
    expect(await t.mamori.anonymizations.process(id)).toBe('failed');
    expect(await t.mamori.anonymizations.process(id)).toBe('failed');
    const run = (await waitFor(id)) as { status: string; error: string };
    expect(run.error).toContain('column "prefecture"');
    expect(run.error).not.toContain('アトランティス');
    const row = await t.mamori.database.db
      .selectFrom('anonymizations')
      .select('input_sealed')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.input_sealed).toBeNull();
    const provision = await t.app.inject({
      method: 'POST',
      url: `/api/anonymizations/${id}/provisions`,
      headers: as('privacy_officer'),
      payload: { recipient: 'X', methods: ['email'], date: '2026-11-30' },
    });
    expect(provision.statusCode).toBe(409);
    expect(await auditActions(id)).toEqual(['anonymization.requested', 'anonymization.failed']);
  });

  it('retries a crashed run, and marks it failed after the last attempt', async () => {
    let calls = 0;
    const crashing = new AnonymizationService(
      t.mamori.database.db,
      new AnonymizationRepository(),
      t.mamori.audit,
      t.mamori.secrets,
      undefined,
      async () => {
        calls++;
        throw new Error('worker out of memory');
      },
    );
    const queued: string[] = [];
    crashing.attachQueue({
      enqueue: async (_job, payload) => {
        queued.push((payload as { id: string }).id);
      },
      start: async () => {},
      stop: async () => {},
    });
    const { id } = await crashing.request({ type: 'user', label: 'test' }, request());
    expect(queued).toEqual([id]);
    const context = (attempt: number) => ({ logger: pino({ level: 'silent' }), attempt });
    await expect(crashing.runJob.handler({ id }, context(1))).rejects.toThrow('worker out of memory');
    expect((await crashing.get(id)).status).toBe('running');
    await expect(crashing.runJob.handler({ id }, context(3))).rejects.toThrow('worker out of memory');
    expect(calls).toBe(2);
    const run = await crashing.get(id);
    expect(run.status).toBe('failed');
    expect(run.error).not.toContain('memory');
    expect(await auditActions(id)).toEqual(['anonymization.requested', 'anonymization.failed']);
  });

  it('answers 404 for an unknown run', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/anonymizations/00000000-0000-4000-8000-000000000000',
      headers: as('engineer'),
    });
    expect(res.statusCode).toBe(404);
  });
});
