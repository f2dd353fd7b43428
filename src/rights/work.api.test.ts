import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { readExampleFiles } from '../register/examples.test-helpers.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';
import { NOT_YET_RECORDED } from './provision-records.js';

/*
 * The staff routes the console drives: queue filters and colours, assignment, manual tasks, CCPA notices to
 * every processor and recipient on deletion, the provision-records seam, the timeline from the audit log,
 * the package preview, closing an unpaid request by hand. The register has no connections here, so every
 * system becomes a manual task (the engine's part is covered by rights.e2e.test.ts).
 */

let t: TestApp;
let now = new Date('2026-04-01T01:00:00Z');
const as = (role: 'handler' | 'privacy_officer' | 'auditor' | 'admin') => ({ cookie: t.cookies[role] });
const register = registerFromYamlFiles(readExampleFiles('hitomiru-hr-cloud'));

async function enter(payload: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/requests',
    headers: as('handler'),
    payload: { subject: { name: 'Jane Roe', email: 'jane@example.com' }, channel: 'post', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string; status: string; urgency: string };
}

const post = (url: string, payload: unknown = {}, role: 'handler' | 'privacy_officer' = 'handler') =>
  t.app.inject({ method: 'POST', url, headers: as(role), payload: payload as Record<string, unknown> });
const get = (url: string, role: 'handler' | 'privacy_officer' | 'auditor' = 'handler') =>
  t.app.inject({ method: 'GET', url, headers: as(role) });

type Detail = {
  status: string;
  assignee: string | null;
  actions: string[];
  extendable: boolean;
  grounds: { id: string; text: { ja: string; en: string } }[];
  tasks: {
    id: string;
    kind: string;
    systemKey: string;
    status: string;
    assignee: string | null;
    note: string | null;
    summary: Record<string, unknown>;
  }[];
  events: { action: string; actor: string; details: Record<string, unknown> }[];
};

beforeAll(async () => {
  t = await testApp({ clock: () => now });
  await t.mamori.register.import({ type: 'system', label: 'test' }, register);
});

afterAll(async () => {
  await t?.close();
});

describe('console work on a request', () => {
  it('colours the queue by deadline and filters by state, law, kind, assignee and reference', async () => {
    const old = await enter({ aspects: ['access'], receivedAt: '2026-03-01T10:00:00+09:00' });
    const fresh = await enter({
      aspects: ['erasure'],
      residence: { country: 'US', region: 'CA' },
      language: 'en',
    });
    expect(old.urgency).toBe('overdue');
    expect(fresh.urgency).toBe('ok');
    const ids = async (query: string) =>
      ((await get(`/api/requests?limit=200&${query}`)).json() as { id: string }[]).map((r) => r.id);
    expect(await ids('law=ccpa')).toEqual([fresh.id]);
    expect(await ids('aspect=access')).toContain(old.id);
    expect(await ids('aspect=access')).not.toContain(fresh.id);
    expect(await ids(`q=${old.reference.slice(2, 8).toLowerCase()}`)).toEqual([old.id]);
    expect(await ids('overdue=true')).toEqual([old.id]);
    // The earliest deadline first: the overdue one heads the queue.
    expect((await ids(''))[0]).toBe(old.id);

    expect((await post(`/api/requests/${old.id}/assign`, { assignee: 'only-handler' })).statusCode).toBe(200);
    expect(await ids('assignee=only-handler')).toEqual([old.id]);
    expect(await ids('assignee=none')).toEqual([fresh.id]);
    // Only active handlers and officers can be given work; auditors cannot assign.
    expect((await post(`/api/requests/${old.id}/assign`, { assignee: 'only-auditor' })).statusCode).toBe(400);
    const byAuditor = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${old.id}/assign`,
      headers: as('auditor'),
      payload: { assignee: null },
    });
    expect(byAuditor.statusCode).toBe(403);
    expect(
      ((await get('/api/requests/assignees')).json() as { login: string }[]).map((u) => u.login).sort(),
    ).toEqual(['only-handler', 'only-privacy_officer']);
    expect((await get('/api/requests?law=NOT-A-LAW')).statusCode).toBe(400);
  });

  it('a CCPA deletion opens one notice per service provider and third party, with the statutory text', async () => {
    const r = await enter({
      aspects: ['erasure'],
      residence: { country: 'US', region: 'CA' },
      language: 'en',
    });
    let detail = (await get(`/api/requests/${r.id}`)).json() as Detail;
    expect(detail.actions).toEqual(expect.arrayContaining(['start_verification', 'withdraw']));
    expect(detail.actions).not.toContain('refuse');
    expect(
      (await post(`/api/requests/${r.id}/verify-documents`, { reason: 'driving licence' })).statusCode,
    ).toBe(200);
    expect((await post(`/api/requests/${r.id}/approve`, {})).statusCode).toBe(200);
    detail = (await get(`/api/requests/${r.id}`)).json() as Detail;
    expect(detail.status).toBe('review');
    const notices = detail.tasks.filter((x) => x.kind === 'recipient_notice');
    expect(notices.map((n) => n.systemKey).sort()).toEqual(
      [...register.processors.map((p) => p.key), ...register.recipients.map((x) => x.key)].sort(),
    );
    const sp = notices.find((n) => n.systemKey === register.processors[0]?.key);
    expect(sp?.summary.role).toBe('service_provider');
    const text = (sp?.summary.text as { en: string } | undefined)?.en;
    expect(text).toContain('§1798.105(c)(1)');
    expect(text).toContain(r.reference);
    expect(JSON.stringify(notices)).not.toContain('jane@example.com');
    expect(
      detail.tasks
        .filter((x) => x.kind === 'manual')
        .map((x) => x.systemKey)
        .sort(),
    ).toEqual(register.systems.map((s) => s.key).sort());

    // A manual task: given to a handler, listed as theirs, closed with a note; then it is no longer open.
    const task = detail.tasks.find((x) => x.kind === 'manual');
    if (!task) throw new Error('no manual task');
    const url = `/api/requests/${r.id}/tasks/${task.id}`;
    expect((await post(`${url}/complete`, { note: '' })).statusCode).toBe(400);
    expect((await post(`${url}/assign`, { assignee: 'only-handler' })).json()).toMatchObject({
      assignee: 'only-handler',
    });
    const mine = (await get('/api/tasks/mine')).json() as { id: string; reference: string }[];
    expect(mine.map((m) => m.id)).toContain(task.id);
    expect(mine.find((m) => m.id === task.id)?.reference).toBe(r.reference);
    const done = await post(`${url}/complete`, { note: 'Deleted the paper file and the spreadsheet row' });
    expect(done.json()).toMatchObject({
      status: 'done',
      note: 'Deleted the paper file and the spreadsheet row',
    });
    expect((await post(`${url}/complete`, { note: 'again' })).statusCode).toBe(409);
    expect(((await get('/api/tasks/mine')).json() as { id: string }[]).map((m) => m.id)).not.toContain(
      task.id,
    );
    // An unknown task of this request: not found, nothing changed.
    const unknown = await post(`/api/requests/${r.id}/tasks/${randomUUID()}/complete`, { note: 'x' });
    expect(unknown.statusCode).toBe(404);

    // The timeline comes from the audit log: received, verified by documents, package built, task work.
    const events = ((await get(`/api/requests/${r.id}/timeline`, 'auditor')).json() as Detail['events']).map(
      (e) => e.action,
    );
    expect(events[0]).toBe('rights.received');
    expect(events).toEqual(
      expect.arrayContaining(['rights.transitioned', 'rights.package_built', 'rights.task_updated']),
    );
    expect(events).not.toContain('rights.viewed');
  });

  it('APPI provision records: the package and the letter say honestly that none are recorded yet', async () => {
    const r = await enter({ aspects: ['provision_records'] });
    expect((await post(`/api/requests/${r.id}/verify-documents`)).statusCode).toBe(200);
    const d = (await get(`/api/requests/${r.id}`)).json() as Detail;
    if (d.status === 'awaiting_fee')
      expect((await post(`/api/requests/${r.id}/fee-paid`)).statusCode).toBe(200);
    expect((await post(`/api/requests/${r.id}/approve`)).statusCode).toBe(200);
    const preview = (await get(`/api/requests/${r.id}/package`)).json() as {
      json: { provisionRecords?: unknown };
      csv: string;
    };
    expect(preview.json.provisionRecords).toEqual(NOT_YET_RECORDED);
    const letter = await get(`/api/requests/${r.id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('application/pdf');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-work-'));
    try {
      await fs.writeFile(path.join(dir, 'l.pdf'), letter.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'l.pdf'), '-'], {
        encoding: 'utf8',
      });
      // pdftotext may break the long sentence across lines.
      expect(text.replace(/\s+/g, '')).toContain(
        NOT_YET_RECORDED.status === 'not_yet_recorded' ? NOT_YET_RECORDED.note.ja.slice(0, 30) : '',
      );
      expect(text).toContain('第三者提供記録');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const views = await t.mamori.audit.search({ objectId: r.id, action: 'rights.viewed', limit: 50 });
    expect(views.some((v) => v.details.what === 'package')).toBe(true);
  });

  it('an exemption can be taken back before the decision; the withdrawal is audited without the reason', async () => {
    const r = await enter({ aspects: ['access'] });
    const other = await enter({ aspects: ['access'] });
    const ground = ((await get(`/api/requests/${r.id}`)).json() as Detail).grounds[0]?.id;
    expect(ground).toBeDefined();
    const add = (item: string) =>
      post(`/api/requests/${r.id}/exemptions`, { item, groundId: ground, reason: 'third party interests' });
    expect((await add('evaluation_notes')).statusCode).toBe(204);
    expect((await add('salary')).statusCode).toBe(204);
    type Exempt = { exemptions: { id: string; item: string }[] };
    const listed = ((await get(`/api/requests/${r.id}`)).json() as Exempt).exemptions;
    expect(listed.map((e) => e.item)).toEqual(['evaluation_notes', 'salary']);
    const first = listed[0]?.id as string;
    const del = (requestId: string, id: string, role: 'handler' | 'auditor' = 'handler') =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/requests/${requestId}/exemptions/${id}`,
        headers: as(role),
      });

    expect((await del(other.id, first)).statusCode).toBe(404); // another request's exemption
    expect((await del(r.id, first, 'auditor')).statusCode).toBe(403);
    expect((await del(r.id, 'not-a-number')).statusCode).toBe(400);
    expect((await del(r.id, first)).statusCode).toBe(204);
    expect((await del(r.id, first)).statusCode).toBe(404);
    const left = ((await get(`/api/requests/${r.id}`)).json() as Exempt).exemptions;
    expect(left.map((e) => e.item)).toEqual(['salary']);

    const withdrawn = await t.mamori.audit.search({
      objectId: r.id,
      action: 'rights.exemption_withdrawn',
      limit: 50,
    });
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]?.details).toEqual({ item: 'evaluation_notes', ground });
    const events = ((await get(`/api/requests/${r.id}`)).json() as Detail).events.map((e) => e.action);
    expect(events).toEqual(
      expect.arrayContaining(['rights.exemption_recorded', 'rights.exemption_withdrawn']),
    );
  });

  it('a fee not paid: closed by hand only once its deadline has passed', async () => {
    const r = await enter({ aspects: ['access'] });
    const verified = (await post(`/api/requests/${r.id}/verify-documents`)).json() as { status: string };
    expect(verified.status).toBe('awaiting_fee');
    const early = await post(`/api/requests/${r.id}/fee-unpaid`);
    expect(early.statusCode).toBe(409);
    const d = (await get(`/api/requests/${r.id}`)).json() as Detail;
    expect(d.actions).toEqual(expect.arrayContaining(['fee_paid', 'record_unpaid']));
    now = new Date(now.getTime() + 60 * 86_400_000);
    for (const role of ['handler', 'privacy_officer', 'auditor'] as const)
      t.cookies[role] =
        `mamori_session=${(await t.mamori.accounts.login(`only-${role}`, 'correct horse battery staple', {})).token}`;
    const closed = await post(`/api/requests/${r.id}/fee-unpaid`, { reason: 'no money order arrived' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed_unpaid', urgency: 'closed' });
    expect(((await get(`/api/requests/${r.id}`)).json() as Detail).actions).toEqual([]);
    const late = await t.app.inject({
      method: 'DELETE',
      url: `/api/requests/${r.id}/exemptions/1`,
      headers: as('handler'),
    });
    expect(late.statusCode).toBe(409);
  });
});
