import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { EXAMPLES, readExampleFiles } from './examples.test-helpers.js';
import { registerToYamlDocument } from './register.io.js';
import type { Register } from './register.schema.js';
import { registerFromYamlFiles } from './register.yaml.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 60_000);
afterAll(() => t.close());

const load = (example: string): Register => registerFromYamlFiles(readExampleFiles(example));
const as = (role: keyof TestApp['cookies']) => ({ cookie: t.cookies[role] });

async function importYaml(text: string, role: keyof TestApp['cookies'] = 'privacy_officer') {
  return t.app.inject({
    method: 'POST',
    url: '/api/register/import',
    payload: text,
    headers: { ...as(role), 'content-type': 'application/yaml' },
  });
}

async function currentRegister(): Promise<Register> {
  const res = await t.app.inject({ method: 'GET', url: '/api/register', headers: as('auditor') });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function auditActions(): Promise<string[]> {
  return (await t.mamori.audit.search({ limit: 500 })).map((e) => e.action);
}

describe('register API', () => {
  it('answers 404 register_empty before anything is set', async () => {
    for (const url of ['/api/register', '/api/register/findings', '/api/register/export?format=yaml']) {
      const res = await t.app.inject({ method: 'GET', url, headers: as('engineer') });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('register_empty');
    }
  });

  it('loads each example through YAML import, serves it back unchanged and finds no errors', async () => {
    for (const example of EXAMPLES) {
      const register = load(example);
      const res = await importYaml(registerToYamlDocument(register));
      expect(res.statusCode, example).toBe(200);
      expect(await currentRegister()).toEqual(register);
      const findings = await t.app.inject({
        method: 'GET',
        url: '/api/register/findings',
        headers: as('handler'),
      });
      expect(findings.json().filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    }
    expect(await auditActions()).toContain('register.imported');
  });

  it('re-importing the same register changes nothing and keeps versions', async () => {
    const register = load('tsunagi-technology');
    await importYaml(registerToYamlDocument(register));
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/register/purposes',
      headers: as('auditor'),
    });
    const res = await importYaml(registerToYamlDocument(register));
    expect(res.json()).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/register/purposes',
      headers: as('auditor'),
    });
    expect(after.json()).toEqual(before.json());
  });

  it('exports YAML and JSON that read back to the same register', async () => {
    const register = await currentRegister();
    const yaml = await t.app.inject({
      method: 'GET',
      url: '/api/register/export?format=yaml',
      headers: as('auditor'),
    });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-type']).toContain('yaml');
    expect(registerFromYamlFiles(new Map([['register.yaml', yaml.body]]))).toEqual(register);
    expect(await auditActions()).toContain('register.exported');
  });

  it('creates, reads, updates and deletes an entity with its history and audit events', async () => {
    const body = { key: 'visitors', name: { ja: '来訪者', en: 'Visitors' } };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/register/subject-types',
      payload: body,
      headers: as('engineer'),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      key: 'visitors',
      version: 1,
      doc: body,
      updatedBy: 'only-engineer',
    });

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/register/subject-types',
      payload: body,
      headers: as('engineer'),
    });
    expect(dup.statusCode).toBe(409);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/register/subject-types',
      headers: as('handler'),
    });
    expect(list.json().at(-1).key).toBe('visitors');

    const changed = { ...body, description: { ja: '受付で記帳した方' } };
    const updated = await t.app.inject({
      method: 'PUT',
      url: '/api/register/subject-types/visitors',
      payload: changed,
      headers: as('privacy_officer'),
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2, doc: changed });

    const mismatch = await t.app.inject({
      method: 'PUT',
      url: '/api/register/subject-types/visitors',
      payload: { ...changed, key: 'other' },
      headers: as('privacy_officer'),
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('register_key_mismatch');

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/api/register/subject-types/visitors',
      headers: as('admin'),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: '/api/register/subject-types/visitors',
      headers: as('admin'),
    });
    expect(gone.statusCode).toBe(404);

    const history = await t.app.inject({
      method: 'GET',
      url: '/api/register/subject-types/visitors/history',
      headers: as('auditor'),
    });
    expect(
      history
        .json()
        .map((h: { version: number; change: string; changedBy: string }) => [
          h.version,
          h.change,
          h.changedBy,
        ]),
    ).toEqual([
      [3, 'deleted', 'admin'],
      [2, 'updated', 'only-privacy_officer'],
      [1, 'created', 'only-engineer'],
    ]);
    expect(history.json()[1].doc).toEqual(changed);

    const events = await t.mamori.audit.search({ objectId: 'subjectTypes/visitors', limit: 10 });
    expect(events.map((e) => e.action).reverse()).toEqual([
      'register.entity_created',
      'register.entity_updated',
      'register.entity_deleted',
    ]);
    expect(events.find((e) => e.action === 'register.entity_updated')?.details).toMatchObject({
      fields: ['description'],
    });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/register/subject-types',
      payload: body,
      headers: as('engineer'),
    });
    expect(again.json().version).toBe(4);
  });

  it('names the field in validation errors', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/register/purposes',
      payload: {
        key: 'Bad Key',
        description: { en: 'no Japanese' },
        subjectTypes: [],
        items: [],
        holding: 'held',
        bases: { appi: 'nope' },
      },
      headers: { ...as('engineer'), 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.key', 'body.description.ja', 'body.bases.appi']));
    expect(res.json().error.message).toContain('body.key');
  });

  it('sets singletons and keeps their history', async () => {
    const register = await currentRegister();
    const annexes = { ...register.annexes, pipl: undefined };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/register/annexes',
      payload: annexes,
      headers: as('engineer'),
    });
    expect(res.statusCode).toBe(200);
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/register/annexes/history',
      headers: as('auditor'),
    });
    expect(history.json()[0].change).toBe('updated');
  });

  it('lets readers read and refuses writes to auditors and handlers', async () => {
    for (const role of ['auditor', 'handler'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/register/statements',
        payload: { key: 'x', title: { ja: 'x' }, body: { ja: 'x' } },
        headers: as(role),
      });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('imports all or nothing: a bad file or duplicate keys change nothing', async () => {
    const before = await currentRegister();
    const eventsBefore = (await auditActions()).length;
    const other = load('hibiki-cloud-comms');
    const broken = registerToYamlDocument(other).replace(/holding: held/, 'holding: maybe');
    const bad = await importYaml(broken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('register_invalid');
    expect(bad.json().error.issues[0].path).toMatch(/^register\.yaml:\d+:\d+ purposes\[\d+\]\.holding$/);

    const twice = { ...other, subjectTypes: [...other.subjectTypes, other.subjectTypes[0]] };
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/register/import',
      payload: twice,
      headers: as('engineer'),
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('subjectTypes');

    const garbage = await importYaml('organisation: [unclosed');
    expect(garbage.statusCode).toBe(400);

    expect(await currentRegister()).toEqual(before);
    expect((await auditActions()).length).toBe(eventsBefore);
  });
});
