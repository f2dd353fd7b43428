import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { readExampleFiles } from '../register/examples.test-helpers.js';
import type { Register } from '../register/register.schema.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';

let t: TestApp;
let register: Register;
beforeAll(async () => {
  t = await testApp();
  register = registerFromYamlFiles(readExampleFiles('tsunagi-technology'));
}, 60_000);
afterAll(() => t.close());

const as = (role: keyof TestApp['cookies']) => ({ cookie: t.cookies[role] });

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-pdf-'));
  try {
    await fs.writeFile(path.join(dir, 'n.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('notices API and /privacy', () => {
  it('serves a clear 404 page at /privacy before anything is published', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/privacy' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="ja">');
    expect(res.body).toContain('まだ公表されていません');
    const en = await t.app.inject({ method: 'GET', url: '/privacy?lang=en' });
    expect(en.body).toContain('No privacy notice has been published yet.');
  });

  it('previews the notice from the register in ja/en and md/html/pdf', async () => {
    await t.mamori.register.import({ type: 'system', label: 'test' }, register);
    const name = register.organisation.name;
    const md = await t.app.inject({
      method: 'GET',
      url: '/api/notices/preview?lang=ja&format=md',
      headers: as('auditor'),
    });
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain(name.ja);
    expect(md.body).toContain('利用目的');
    const html = await t.app.inject({
      method: 'GET',
      url: '/api/notices/preview?lang=en&format=html',
      headers: as('engineer'),
    });
    expect(html.body).toContain('<html lang="en">');
    expect(html.body).toContain(name.en ?? '');
    const pdf = await t.app.inject({
      method: 'GET',
      url: '/api/notices/preview?lang=ja&format=pdf',
      headers: as('engineer'),
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    expect(text).toContain(name.ja.replace(/\s+/g, ''));
    expect(text).toContain('利用目的');
    expect(text).toContain((register.purposes[0]?.description.ja ?? '').replace(/\s+/g, '').slice(0, 12));
  });

  it('publishes versions, lists them, diffs them and serves the one in force at /privacy', async () => {
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { effectiveOn: '2024-04-01' },
      headers: as('engineer'),
    });
    expect(forbidden.statusCode).toBe(403);
    const v1 = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { effectiveOn: '2024-04-01', note: 'first' },
      headers: as('privacy_officer'),
    });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({
      version: 1,
      effectiveOn: '2024-04-01',
      publishedBy: 'only-privacy_officer',
    });

    const purpose = register.purposes[0];
    if (!purpose) throw new Error('example has no purpose');
    const changed = {
      ...purpose,
      description: { ja: '新しいサービスの案内のため', en: 'To tell you about new services' },
    };
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/register/purposes/${purpose.key}`,
      payload: changed,
      headers: as('engineer'),
    });
    expect(put.statusCode).toBe(200);
    const v2 = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { effectiveOn: '2025-01-01' },
      headers: as('admin'),
    });
    expect(v2.json().version).toBe(2);
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { effectiveOn: '2999-01-01' },
      headers: as('admin'),
    });
    expect(future.json().version).toBe(3);

    const list = await t.app.inject({ method: 'GET', url: '/api/notices', headers: as('auditor') });
    expect(list.json().map((n: { version: number }) => n.version)).toEqual([3, 2, 1]);

    const diff = await t.app.inject({
      method: 'GET',
      url: '/api/notices/diff?from=1&to=2&lang=ja',
      headers: as('handler'),
    });
    expect(diff.statusCode).toBe(200);
    expect(diff.json().changed).toBe(true);
    expect(diff.json().text).toContain('+ ');
    expect(diff.json().text).toContain('新しいサービスの案内のため');
    const same = await t.app.inject({
      method: 'GET',
      url: '/api/notices/diff?from=2&to=3',
      headers: as('handler'),
    });
    expect(same.json().changed).toBe(false);

    const one = await t.app.inject({ method: 'GET', url: '/api/notices/1', headers: as('auditor') });
    expect(one.json().ja.markdown).toContain(purpose.description.ja);
    expect(one.json().register).toEqual(register);

    // v3 is not in force yet: the page shows v2.
    const page = await t.app.inject({ method: 'GET', url: '/privacy' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('新しいサービスの案内のため');
    expect(page.body).toContain('施行日: 2025-01-01(第2版)');
    const en = await t.app.inject({ method: 'GET', url: '/privacy?lang=en' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('To tell you about new services');
    const byHeader = await t.app.inject({
      method: 'GET',
      url: '/privacy',
      headers: { 'accept-language': 'en' },
    });
    expect(byHeader.body).toContain('<html lang="en">');

    const pdf = await t.app.inject({
      method: 'GET',
      url: '/api/notices/1/pdf?lang=ja',
      headers: as('auditor'),
    });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfText(pdf.rawPayload)).replace(/\s+/g, '')).toContain(
      purpose.description.ja.replace(/\s+/g, '').slice(0, 10),
    );

    const events = await t.mamori.audit.search({ action: 'notice.published', limit: 10 });
    expect(events.map((e) => e.details.version)).toEqual([3, 2, 1]);
  });

  it('refuses to publish while the register has lint errors', async () => {
    const purpose = register.purposes[0];
    if (!purpose) throw new Error('example has no purpose');
    await t.app.inject({
      method: 'PUT',
      url: `/api/register/purposes/${purpose.key}`,
      payload: { ...purpose, items: ['no-such-item'] },
      headers: as('engineer'),
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { effectiveOn: '2026-01-01' },
      headers: as('admin'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('register_has_errors');
  });

  it('moves the static privacy-centre placeholder below /privacy/assets/', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/privacy/assets/index.html' });
    expect(res.statusCode).toBe(200);
  });
});
