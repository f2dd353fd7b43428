import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, testApp } from '../../test/app.js';
import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import { createStores, ecommerceDatasetPath, type Stores } from '../engine/fixtures/stores.js';
import { readExampleFiles } from '../register/examples.test-helpers.js';
import type { Register } from '../register/register.schema.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';

/*
 * The whole flow against real PostgreSQL + MariaDB + Redis (the engine's fixtures): a person submits on the
 * public API, reads the code from the outbox, pays the 1,000-yen fee, a handler approves, the engine runs,
 * the officer answers, and the person downloads exactly their rows and a Japanese letter.
 */

let t: TestApp;
let stores: Stores;
let now = new Date('2026-04-01T01:00:00Z');
const admin = () => ({ cookie: t.cookies.admin });
const handler = () => ({ cookie: t.cookies.handler });
const officer = () => ({ cookie: t.cookies.privacy_officer });

/** Moving the clock days ahead ends the sessions too: sign in again. */
async function advance(ms: number) {
  now = new Date(now.getTime() + ms);
  for (const [role, login] of [
    ['admin', 'admin'],
    ['handler', 'only-handler'],
    ['privacy_officer', 'only-privacy_officer'],
  ] as const)
    t.cookies[role] = `mamori_session=${(await t.mamori.accounts.login(login, TEST_PASSWORD, {})).token}`;
}

async function outboxCodeFor(email: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/outbox', headers: admin() });
  expect(res.statusCode).toBe(200);
  const msg = (res.json() as { to: string; body: string }[]).find((m) => m.to === email);
  const code = /\b(\d{6})\b/.exec(msg?.body ?? '')?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

async function submit(email: string, extra: Record<string, unknown> = {}, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    remoteAddress,
    method: 'POST',
    url: '/api/public/requests',
    headers: { 'accept-language': 'ja' },
    payload: { aspects: ['access'], subject: { name: '山田 花子', email }, language: 'ja', ...extra },
  });
}

// Public routes are rate-limited per address: tests that go on after the brute-force test use another one.
const verify = (reference: string, code: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({
    remoteAddress,
    method: 'POST',
    url: `/api/public/requests/${reference}/verify`,
    payload: { code },
  });

async function requestByReference(reference: string) {
  const list = (
    await t.app.inject({ method: 'GET', url: '/api/requests?limit=200', headers: officer() })
  ).json() as {
    id: string;
    reference: string;
    status: string;
  }[];
  const found = list.find((r) => r.reference === reference);
  if (!found) throw new Error('request not listed');
  return found;
}

beforeAll(async () => {
  t = await testApp({ clock: () => now });
  stores = await createStores();
  const base = registerFromYamlFiles(readExampleFiles('hitomiru-hr-cloud'));
  const datasets = parseDatasetYaml(await fs.readFile(ecommerceDatasetPath(), 'utf8'), 'ecommerce.yml');
  const held = base.purposes.find((p) => p.holding === 'held');
  if (!held) throw new Error('example has no held purpose');
  const register: Register = {
    ...base,
    datasets,
    purposes: [
      ...base.purposes,
      {
        key: 'client-payroll',
        description: { ja: '顧客企業から受託した給与計算' },
        subjectTypes: held.subjectTypes,
        items: ['client-payroll-data'],
        holding: 'entrusted',
        bases: { appi: 'entrusted' },
      },
    ],
    systems: [
      {
        key: 'shop',
        name: { ja: '通販システム' },
        owner: { ja: '営業部' },
        hosting: [{ country: 'JP' }],
        datasets: ['shop', 'crm', 'cache'],
        items: held.items,
      },
      {
        key: 'paper-files',
        name: { ja: '紙の申込書' },
        owner: { ja: '総務部' },
        hosting: [{ country: 'JP' }],
        datasets: [],
        items: held.items,
      },
      {
        key: 'payroll',
        name: { ja: '受託給与計算' },
        owner: { ja: '受託部' },
        hosting: [{ country: 'JP' }],
        datasets: [],
        items: ['client-payroll-data'],
      },
    ],
  };
  await t.mamori.register.import({ type: 'system', label: 'test' }, register);
  const connections = new ConnectionService(
    t.mamori.database.db,
    new ConnectionRepository(),
    t.mamori.audit,
    t.mamori.secrets,
  );
  for (const [key, spec] of Object.entries(stores.connections))
    await connections.save({ type: 'system', label: 'test' }, key, spec);
});

afterAll(async () => {
  await stores?.drop();
  await t?.close();
});

describe('a public disclosure request end to end', () => {
  let reference = '';
  let id = '';

  it('the public answer is the same for a known and an unknown person', async () => {
    const known = await submit('customer-2@example.com');
    const unknown = await submit('nobody-here@example.com');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    const a = known.json() as { reference: string; message: string };
    const b = unknown.json() as { reference: string; message: string };
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a.message).toBe(b.message);
    expect(a.reference).not.toBe(b.reference);
    reference = a.reference;
    id = (await requestByReference(reference)).id;
  });

  it('a wrong code is rejected with the same answer as an unknown reference; five wrong tries lock the code', async () => {
    const code = await outboxCodeFor('customer-2@example.com');
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const first = await verify(reference, wrong);
    const ghost = await verify('R-ABCDEFGHJK', code);
    expect(first.statusCode).toBe(400);
    expect(ghost.statusCode).toBe(400);
    expect(first.json()).toEqual(ghost.json());
    for (let i = 0; i < 4; i++) expect((await verify(reference, wrong)).statusCode).toBe(400);
    // The right code no longer works once the attempts are used up.
    expect((await verify(reference, code)).statusCode).toBe(400);
    expect((await requestByReference(reference)).status).toBe('verifying');
  });

  it('a fresh code works once; reusing it fails; identity proven → fee due (APPI Art. 38, 1,000 yen)', async () => {
    // A minute later: the outbox lists the newest message first by time.
    now = new Date(now.getTime() + 60_000);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/requests/${id}/send-code`, headers: handler() }))
        .statusCode,
    ).toBe(204);
    const code = await outboxCodeFor('customer-2@example.com');
    expect((await verify(reference, code)).statusCode).toBe(204);
    expect((await verify(reference, code)).statusCode).toBe(400);
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: officer() })
    ).json() as {
      status: string;
      fee: { amount: number; currency: string; dueAt: string } | null;
      lawKinds: string[];
      dueBy: string;
    };
    expect(detail.status).toBe('awaiting_fee');
    expect(detail.fee).toMatchObject({ amount: 1000, currency: 'JPY' });
    expect(detail.lawKinds).toEqual(['appi.disclosure']);
    // Received 2026-04-01 (Tokyo): 14-day internal target → 2026-04-15 (a Wednesday).
    expect(detail.dueBy).toBe('2026-04-15');
    // The API channel acknowledges receipt too, once, with the reference and the date the answer is due.
    const mails = (
      (await t.app.inject({ method: 'GET', url: '/api/outbox', headers: admin() })).json() as {
        to: string;
        subject: string;
        body: string;
      }[]
    ).filter(
      (m) => m.to === 'customer-2@example.com' && m.subject === `ご請求受付のお知らせ（${reference}）`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body).toContain('2026年4月15日');
  });

  it('APPI has no extension: asking for one is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/extend`,
      headers: handler(),
      payload: { reason: '調査に時間を要するため' },
    });
    expect(res.statusCode).toBe(409);
  });

  it('fee paid → a handler approves → the engine runs; systems without a connector and entrusted data become tasks', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/requests/${id}/approve`,
          headers: handler(),
          payload: {},
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/requests/${id}/fee-paid`,
          headers: handler(),
          payload: { reason: '定額小為替受領' },
        })
      ).json(),
    ).toMatchObject({ status: 'in_progress' });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/approve`,
      headers: handler(),
      payload: { reason: '本人確認済み' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'review' });
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: officer() })
    ).json() as {
      tasks: { kind: string; systemKey: string; status: string }[];
      timeline: { to: string; actor: string; reason: string | null }[];
    };
    expect(detail.tasks.map((x) => `${x.kind}:${x.systemKey}:${x.status}`).sort()).toEqual([
      'engine:shop:done',
      'manual:paper-files:open',
      'route_to_controller:payroll:open',
    ]);
    expect(detail.timeline.map((x) => x.to)).toEqual([
      'received',
      'verifying',
      'awaiting_fee',
      'in_progress',
      'review',
    ]);
    expect(detail.timeline.at(-1)).toMatchObject({ actor: 'user:only-handler', reason: '本人確認済み' });
  });

  it('only the privacy officer answers; the download holds exactly the person’s rows', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/requests/${id}/decide`,
          headers: handler(),
          payload: { outcome: 'completed', reason: '開示' },
        })
      ).statusCode,
    ).toBe(403);
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/decide`,
      headers: officer(),
      payload: { outcome: 'completed', reason: '全部開示' },
    });
    expect(done.json()).toMatchObject({ status: 'completed' });
    const link = (
      await t.app.inject({ method: 'POST', url: `/api/requests/${id}/download`, headers: handler() })
    ).json() as { token: string };
    const json = await t.app.inject({ method: 'GET', url: `/api/public/downloads/${link.token}?file=json` });
    expect(json.statusCode).toBe(200);
    const pkg = json.json() as {
      collections: Record<string, Record<string, unknown>[]>;
      manualSystems: string[];
      controllerSystems: string[];
    };
    expect(pkg.collections['shop:customer']).toEqual([
      { id: 2, email: 'customer-2@example.com', name: '山田 花子' },
    ]);
    expect(pkg.collections['crm:loyalty']?.map((r) => r.phone)).toEqual(['080-2222-3333']);
    expect(pkg.collections['shop:payment_card']?.map((r) => r.name)).toEqual(['Hanako Amex']);
    const text = JSON.stringify(pkg.collections);
    for (const other of ['customer-1@example.com', '山田 太郎', 'Jane', 'Taro Visa', '090-1234-5678'])
      expect(text).not.toContain(other);
    expect(pkg.manualSystems).toEqual(['paper-files']);
    expect(pkg.controllerSystems).toEqual(['payroll']);
    const csv = await t.app.inject({ method: 'GET', url: `/api/public/downloads/${link.token}?file=csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('shop:customer,1,email,customer-2@example.com');

    const pdf = await t.app.inject({ method: 'GET', url: `/api/public/downloads/${link.token}?file=letter` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-letter-'));
    try {
      await fs.writeFile(path.join(dir, 'l.pdf'), pdf.rawPayload);
      const letter = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'l.pdf'), '-'], {
        encoding: 'utf8',
      });
      for (const expected of [
        '開示等の請求に対する回答書',
        '保有個人データの開示',
        '2026-04-01',
        '2026-04-15',
        'shop:customer',
        '山田 花子 様',
        '請求に応じました',
      ])
        expect(letter).toContain(expected);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('the link expires, downloads are audited, and the audit log holds no personal data', async () => {
    const link = (
      await t.app.inject({ method: 'POST', url: `/api/requests/${id}/download`, headers: handler() })
    ).json() as { token: string };
    await advance(8 * 86_400_000);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/downloads/${link.token}` })).statusCode,
    ).toBe(404);
    const events = await t.mamori.audit.search({ objectId: id, limit: 200 });
    expect(events.filter((e) => e.action === 'rights.downloaded')).toHaveLength(3);
    expect(events.filter((e) => e.action === 'rights.transitioned').length).toBe(5);
    expect(JSON.stringify(events)).not.toContain('customer-2@example.com');
    expect(JSON.stringify(events)).not.toContain('山田');
    expect(await t.mamori.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('codes expire; fees not paid close the request', () => {
  it('a code older than ten minutes is refused', async () => {
    const res = await submit('late-reader@example.com', {}, '198.51.100.8');
    const { reference } = res.json() as { reference: string };
    const code = await outboxCodeFor('late-reader@example.com');
    await advance(11 * 60_000);
    expect((await verify(reference, code, '198.51.100.8')).statusCode).toBe(400);
  });

  it('unpaid past the payment deadline → closed_unpaid by the job', async () => {
    const res = await submit('unpaid@example.com', {}, '198.51.100.7');
    const { reference } = res.json() as { reference: string };
    expect(
      (await verify(reference, await outboxCodeFor('unpaid@example.com'), '198.51.100.7')).statusCode,
    ).toBe(204);
    expect((await requestByReference(reference)).status).toBe('awaiting_fee');
    expect(await t.mamori.rights.closeUnpaid()).toBe(0);
    await advance(15 * 86_400_000);
    expect(await t.mamori.rights.closeUnpaid()).toBe(1);
    expect((await requestByReference(reference)).status).toBe('closed_unpaid');
  });

  it('the outbox is for admins only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/outbox', headers: officer() })).statusCode).toBe(
      403,
    );
  });
});

describe('staff intake, agents, knowledge match, refusal letter', () => {
  it('a postal request by a parent lists the register’s documents; correction carries no fee', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: handler(),
      payload: {
        channel: 'post',
        receivedAt: '2026-05-01T03:00:00+09:00',
        aspects: ['rectification'],
        subject: { name: '山田 花子', email: 'customer-2@example.com' },
        agent: { kind: 'parent', name: '山田 一郎' },
        documents: ['戸籍謄本'],
      },
    });
    expect(res.statusCode).toBe(201);
    const view = res.json() as {
      id: string;
      requiredDocuments: string[];
      lawKinds: string[];
      status: string;
    };
    expect(view.lawKinds).toEqual(['appi.correction']);
    expect(view.requiredDocuments.some((d) => d.includes('戸籍謄本'))).toBe(true);
    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${view.id}/verify-documents`,
      headers: handler(),
      payload: { reason: '書類確認' },
    });
    expect(verified.json()).toMatchObject({ status: 'in_progress', fee: null });
  });

  it('knowledge match against the rows the engine finds; a wrong phone fails', async () => {
    const mk = async () =>
      (
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/requests',
            headers: handler(),
            payload: {
              channel: 'phone',
              aspects: ['erasure'],
              subject: { name: '山田 花子', email: 'customer-2@example.com' },
            },
          })
        ).json() as { id: string }
      ).id;
    const a = await mk();
    // The service asks for two items by default; the fixtures hold a phone but no birth date, so one item fails.
    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${a}/knowledge`,
      headers: handler(),
      payload: { phone: '08022223333' },
    });
    expect(weak.json()).toEqual({ ok: false, status: 'received' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${a}/knowledge`,
      headers: handler(),
      payload: { phone: '09012345678', birthDate: '1990-01-01' },
    });
    expect(wrong.json()).toMatchObject({ ok: false });
  });

  it('a refusal needs a ground from the law tables and the letter states it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: handler(),
      payload: {
        aspects: ['access'],
        subject: { name: '山田 花子', email: 'customer-2@example.com' },
        language: 'ja',
      },
    });
    const { id } = res.json() as { id: string };
    await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verify-documents`,
      headers: handler(),
      payload: {},
    });
    const noGround = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/decide`,
      headers: officer(),
      payload: { outcome: 'refused', reason: '理由' },
    });
    expect(noGround.statusCode).toBe(400);
    const badGround = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/decide`,
      headers: officer(),
      payload: { outcome: 'refused', reason: '理由', grounds: ['gdpr.access.nope'] },
    });
    expect(badGround.statusCode).toBe(400);
    const ground = 'register.harm';
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/decide`,
      headers: officer(),
      payload: { outcome: 'refused', reason: '第三者の権利利益を害するおそれがあるため', grounds: [ground] },
    });
    expect(refused.json()).toMatchObject({ status: 'refused' });
    const pdf = await t.app.inject({ method: 'GET', url: `/api/requests/${id}/letter`, headers: officer() });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-letter-'));
    try {
      await fs.writeFile(path.join(dir, 'r.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], {
        encoding: 'utf8',
      });
      for (const s of [
        '不開示等決定通知書',
        '請求に応じられません',
        '第三者の権利利益を害するおそれがあるため',
        '生命、身体、財産',
      ])
        expect(text.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
