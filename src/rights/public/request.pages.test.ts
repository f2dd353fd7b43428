import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { readExampleFiles } from '../../register/examples.test-helpers.js';
import { registerFromYamlFiles } from '../../register/register.yaml.js';
import { MAX_ATTEMPTS } from '../verification.rules.js';
import { multipart, normalise, PDF, PNG, urlencoded, validFields } from './test-helpers.js';

/*
 * The privacy centre's request form through HTTP (no browser): validation re-rendering the form, the code
 * page, the confirmation; uploads; and the abuse cases — code brute force, enumeration, oversized and
 * wrong files, script in every field, nothing stored half-way.
 */

let t: TestApp;
let now = new Date('2026-04-01T01:00:00Z');
let ip = 0;
/** Public routes are rate-limited per address: each test speaks from its own. */
const nextIp = () => `10.5.0.${++ip}`;

const post = (
  url: string,
  body: { payload: string | Buffer; headers: Record<string, string> },
  remoteAddress: string,
) => t.app.inject({ method: 'POST', url, remoteAddress, payload: body.payload, headers: body.headers });

async function count(table: 'rights_requests' | 'rights_documents' | 'audit_events' | 'outbox_messages') {
  const r = await t.mamori.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function latestCode(email: string): Promise<string> {
  const list = await t.mamori.rights.outboxList(
    { who: { type: 'system' }, actor: { type: 'system', label: 'test' } },
    200,
  );
  const msg = list.find((m) => m.to === email && /\b\d{6}\b/.test(m.body));
  const code = /\b(\d{6})\b/.exec(msg?.body ?? '')?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

async function submit(email: string, remoteAddress: string, extra: [string, string][] = []) {
  const res = await post('/privacy/request', multipart(validFields(email, extra)), remoteAddress);
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const reference = /\/privacy\/request\/(R-[A-Z0-9]{10})\/verify/.exec(String(res.headers.location))?.[1];
  if (!reference) throw new Error('no reference');
  return { res, reference };
}

beforeAll(async () => {
  t = await testApp({ clock: () => now });
  await t.mamori.register.import(
    { type: 'system', label: 'test' },
    registerFromYamlFiles(readExampleFiles('hitomiru-hr-cloud')),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('the form page', () => {
  it('is served in Japanese and English, every control labelled, with a language switch', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/privacy/request?lang=${lang}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      const html = res.body;
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(lang === 'ja' ? '開示等のご請求' : 'Make a privacy request');
      expect(html).toContain('href="/privacy/request?lang=en"');
      expect(html).toContain('enctype="multipart/form-data"');
      // Every input, select and textarea with an id has a <label for> or sits inside a <label>.
      const ids = [...html.matchAll(/<(?:input|select|textarea) [^>]*id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(20);
      for (const id of ids)
        expect(
          html.includes(`for="${id}"`) ||
            new RegExp(`<label class="choice"><input [^>]*id="${id}"`).test(html),
          id,
        ).toBe(true);
      // The documents the register asks of a parent (002 seed) are listed for that kind of agent.
      expect(html).toContain('data-agent-docs="parent"');
    }
  });

  it('re-renders with messages linked to the fields when the input is wrong, keeping what was typed', async () => {
    const res = await post(
      '/privacy/request',
      urlencoded([
        ['lang', 'en'],
        ['name', ''],
        ['email', 'not-an-address'],
        ['birthDate', '1990-13-45'],
        ['agentKind', 'parent'],
        ['agentName', ''],
        ['details', 'keep this'],
      ]),
      nextIp(),
    );
    expect(res.statusCode).toBe(400);
    const html = res.body;
    expect(html).toContain('id="errors" role="alert"');
    for (const f of ['name', 'email', 'birthDate', 'agentName']) {
      expect(html).toContain(`href="#f-${f}"`);
      expect(html).toMatch(
        new RegExp(`id="f-${f}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*e-${f}`),
      );
    }
    expect(html).toContain('href="#f-aspects-purpose_notice"');
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('keep this</textarea>');
    expect(html).toMatch(/id="f-agentKind-parent"[^>]* checked/);
  });

  it('says when the chosen kinds do not exist under the law of the residence', async () => {
    // Opt-out of sale is a CCPA right; a resident of Japan under APPI alone cannot ask for it.
    const res = await post(
      '/privacy/request',
      multipart(
        validFields('optout@example.com').map(
          ([k, v]) => [k, k === 'aspects' ? 'opt_out_sale_share' : v] as [string, string],
        ),
      ),
      nextIp(),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('お住まいの地域に適用される法令では請求できません');
  });
});

describe('submit, code, confirmation', () => {
  it('works end to end without script: form → code page → confirmation with reference, deadline and fee', async () => {
    const from = nextIp();
    const { reference } = await submit('hanako@example.com', from);
    const page = await t.app.inject({ method: 'GET', url: `/privacy/request/${reference}/verify?lang=ja` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(reference);
    expect(page.body).toContain('autocomplete="one-time-code"');
    const code = await latestCode('hanako@example.com');
    const done = await post(
      `/privacy/request/${reference}/verify`,
      urlencoded([
        ['lang', 'ja'],
        ['code', code],
      ]),
      from,
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(`<dd id="reference">${reference}</dd>`);
    // Received 2026-04-01 (Tokyo), the 14-day internal target of APPI → 2026-04-15.
    expect(done.body).toContain('<dd id="due">2026年4月15日</dd>');
    expect(done.body).toContain('1,000円');
    // An acknowledgement with the reference and the date waits in the outbox.
    const list = await t.mamori.rights.outboxList(
      { who: { type: 'system' }, actor: { type: 'system', label: 't' } },
      200,
    );
    const ack = list.find((m) => m.to === 'hanako@example.com' && m.subject.includes('受付'));
    expect(ack?.body).toContain(reference);
    expect(ack?.body).toContain('2026年4月15日');
    // Entering the same code again is refused.
    const again = await post(
      `/privacy/request/${reference}/verify`,
      urlencoded([
        ['lang', 'ja'],
        ['code', code],
      ]),
      from,
    );
    expect(again.statusCode).toBe(400);
  });

  it('shows the English pages and the documents an agent must bring', async () => {
    const from = nextIp();
    const { reference } = await submit('child@example.com', from, [
      ['lang', 'en'],
      ['agentKind', 'parent'],
      ['agentName', 'Taro Yamada'],
    ]);
    const code = await latestCode('child@example.com');
    const done = await post(
      `/privacy/request/${reference}/verify`,
      urlencoded([
        ['lang', 'en'],
        ['code', code],
      ]),
      from,
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('<html lang="en">');
    expect(done.body).toContain('15 April 2026');
    expect(done.body).toContain('Please send these documents');
  });
});

describe('abuse', () => {
  it('brute-forcing a code: five wrong tries lock it, the right code then fails too, every answer alike', async () => {
    const from = nextIp();
    const { reference } = await submit('brute@example.com', from);
    const code = await latestCode('brute@example.com');
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const res = await post(
        `/privacy/request/${reference}/verify`,
        urlencoded([
          ['lang', 'ja'],
          ['code', wrong],
        ]),
        from,
      );
      expect(res.statusCode).toBe(400);
      answers.push(res.body);
    }
    const right = await post(
      `/privacy/request/${reference}/verify`,
      urlencoded([
        ['lang', 'ja'],
        ['code', code],
      ]),
      nextIp(),
    );
    expect(right.statusCode).toBe(400);
    const ghost = await post(
      '/privacy/request/R-ABCDEFGHJK/verify',
      urlencoded([
        ['lang', 'ja'],
        ['code', code],
      ]),
      nextIp(),
    );
    expect(normalise(ghost.body)).toBe(normalise(right.body));
    expect(new Set(answers.map(normalise)).size).toBe(1);
    const row = await t.mamori.rights.repo.byReference(t.mamori.database.db, reference);
    expect(row?.status).toBe('verifying');
  });

  it('enumeration: a known person, an unknown one, and an unknown reference get identical pages', async () => {
    const a = await submit('hanako@example.com', nextIp());
    const b = await submit('nobody-at-all@example.com', nextIp());
    expect(normalise(String(a.res.headers.location))).toBe(normalise(String(b.res.headers.location)));
    expect(normalise(a.res.body)).toBe(normalise(b.res.body));
    const pa = await t.app.inject({ method: 'GET', url: `/privacy/request/${a.reference}/verify?lang=ja` });
    const pg = await t.app.inject({ method: 'GET', url: '/privacy/request/R-ZZZZZZZZZZ/verify?lang=ja' });
    expect(normalise(pa.body)).toBe(normalise(pg.body));
    const ra = await post(`/privacy/request/${a.reference}/resend`, urlencoded([['lang', 'ja']]), nextIp());
    const rg = await post('/privacy/request/R-ZZZZZZZZZZ/resend', urlencoded([['lang', 'ja']]), nextIp());
    expect(ra.statusCode).toBe(rg.statusCode);
    expect(normalise(ra.body)).toBe(normalise(rg.body));
  });

  it('a flood from one address is cut off with a page in the person’s language, not the API’s JSON', async () => {
    const from = nextIp();
    const before = await count('rights_requests');
    const statuses: number[] = [];
    let last = { body: '', headers: {} as Record<string, unknown> };
    for (let i = 0; i < 12; i++) {
      const res = await post('/privacy/request?lang=en', urlencoded([['lang', 'en']]), from);
      statuses.push(res.statusCode);
      last = { body: res.body, headers: res.headers };
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true); // the form again, with its messages
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(String(last.headers['content-type'])).toContain('text/html');
    expect(last.headers['retry-after']).toBeDefined();
    expect(last.body).toContain('<html lang="en"');
    expect(last.body).toContain('What you typed is not lost');
    expect(await count('rights_requests')).toBe(before);
    // Another address is not affected.
    expect((await post('/privacy/request?lang=en', urlencoded([['lang', 'en']]), nextIp())).statusCode).toBe(
      400,
    );
  });

  it('script injection in every field is escaped on the form, the code page and the confirmation', async () => {
    const evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';
    const fields: [string, string][] = [
      ['lang', 'ja'],
      ['name', evil],
      ['email', `${evil}@example.com`],
      ['phone', evil],
      ['birthDate', evil],
      ['aspects', evil],
      ['residence', evil],
      ['declared', evil],
      ['agentKind', evil],
      ['agentName', evil],
      ['agentEmail', evil],
      ['disclosureMethod', evil],
      ['details', evil],
    ];
    const res = await post('/privacy/request', urlencoded(fields), nextIp());
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&#60;script&#62;');
    // A valid request whose free text holds markup: stored and shown as text.
    const from = nextIp();
    const { reference } = await submit('markup@example.com', from, [
      ['details', evil],
      ['agentKind', 'proxy'],
      ['agentName', evil],
    ]);
    const code = await latestCode('markup@example.com');
    const done = await post(
      `/privacy/request/${reference}/verify`,
      urlencoded([
        ['lang', 'ja'],
        ['code', code],
      ]),
      from,
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).not.toContain('<script>alert');
    // A malformed reference in the path never reaches a page unescaped.
    const bad = await t.app.inject({
      method: 'GET',
      url: `/privacy/request/${encodeURIComponent(evil)}/verify`,
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.body).not.toContain('<script>alert');
  });

  it('markup typed as a name is printed as plain text in the letter and the mails', async () => {
    const from = nextIp();
    const name = '<b onclick=x>山田</b> & "花子"';
    const { reference } = await submit('letter@example.com', from, [['name', name]]);
    const row = await t.mamori.rights.repo.byReference(t.mamori.database.db, reference);
    if (!row) throw new Error('not stored');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/requests/${row.id}/letter`,
      headers: { cookie: t.cookies.privacy_officer },
    });
    expect(res.statusCode).toBe(200);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-letter-'));
    try {
      await fs.writeFile(path.join(dir, 'l.pdf'), res.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'l.pdf'), '-'], {
        encoding: 'utf8',
      });
      expect(text.replace(/\s+/g, ' ')).toContain(name);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const mails = await t.mamori.rights.outboxList(
      { who: { type: 'system' }, actor: { type: 'system', label: 't' } },
      200,
    );
    for (const m of mails) expect(m.body).not.toMatch(/<[a-z]/i);
  });

  it('wrong file types, empty and oversized files are refused and nothing is stored', async () => {
    const before = await Promise.all([
      count('rights_requests'),
      count('rights_documents'),
      count('audit_events'),
    ]);
    const consent: [string, string] = ['documentsConsent', 'yes'];
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const wrongType = await post(
      '/privacy/request',
      multipart(validFields('files@example.com', [consent]), [
        { field: 'identity', filename: 'id.png', type: 'image/png', bytes: html },
      ]),
      nextIp(),
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toContain('PDF・JPEG・PNG のファイルのみ');
    expect(wrongType.body).toMatch(/id="f-identity"[^>]*aria-invalid="true"/);
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    PNG.copy(huge);
    const oversized = await post(
      '/privacy/request',
      multipart(validFields('files@example.com', [consent]), [
        { field: 'identity', filename: 'big.png', type: 'image/png', bytes: huge },
      ]),
      nextIp(),
    );
    expect(oversized.statusCode).toBe(413);
    expect(oversized.body).toContain('ファイルが大きすぎます');
    const empty = await post(
      '/privacy/request',
      multipart(validFields('files@example.com', [consent]), [
        { field: 'identity', filename: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF') },
      ]),
      nextIp(),
    );
    expect(empty.statusCode).toBe(400);
    const noConsent = await post(
      '/privacy/request',
      multipart(validFields('files@example.com'), [
        { field: 'identity', filename: 'id.png', type: 'image/png', bytes: PNG },
      ]),
      nextIp(),
    );
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('href="#f-documentsConsent"');
    const tooMany = await post(
      '/privacy/request',
      multipart(
        validFields('files@example.com', [consent]),
        Array.from({ length: 6 }, (_, i) => ({
          field: 'identity',
          filename: `p${i}.png`,
          type: 'image/png',
          bytes: PNG,
        })),
      ),
      nextIp(),
    );
    expect(tooMany.statusCode).toBe(400);
    const after = await Promise.all([
      count('rights_requests'),
      count('rights_documents'),
      count('audit_events'),
    ]);
    expect(after).toEqual(before);
  });

  it('a failure while storing documents leaves neither the request, its documents nor its audit rows', async () => {
    const before = await Promise.all([
      count('rights_requests'),
      count('rights_documents'),
      count('audit_events'),
    ]);
    const docs = t.mamori.rightsPublic.documents;
    const files = docs.check([{ field: 'identity', filename: 'id.png', bytes: PNG }]);
    await expect(
      t.mamori.rights.submitPublic(
        { aspects: ['access'], subject: { name: '途中 失敗', email: 'halfway@example.com' } },
        {},
        async (trx, id, acting) => {
          await docs.attach(trx, id, files, acting);
          throw new Error('disk full');
        },
      ),
    ).rejects.toThrow('disk full');
    const after = await Promise.all([
      count('rights_requests'),
      count('rights_documents'),
      count('audit_events'),
    ]);
    expect(after).toEqual(before);
  });
});

describe('identity documents', () => {
  it('are stored encrypted, listed and viewed by staff with an audit row naming who viewed which', async () => {
    const from = nextIp();
    const { reference } = await submit('docs@example.com', from, [
      ['documentsConsent', 'yes'],
      ['agentKind', 'proxy'],
      ['agentName', '代理 太郎'],
    ]);
    // The form above had no files; this one has three (multipart, as a browser sends it).
    const res = await post(
      '/privacy/request',
      multipart(
        validFields('docs2@example.com', [
          ['documentsConsent', 'yes'],
          ['agentKind', 'proxy'],
          ['agentName', '代理 太郎'],
        ]),
        [
          { field: 'identity', filename: '../../免許証.png', type: 'image/png', bytes: PNG },
          { field: 'agentAuthority', filename: 'inin.pdf', type: 'application/pdf', bytes: PDF },
          { field: 'agentIdentity', filename: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) },
        ],
      ),
      from,
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(reference).toMatch(/^R-/);
    const ref2 = /(R-[A-Z0-9]{10})/.exec(String(res.headers.location))?.[1] as string;
    const row = await t.mamori.rights.repo.byReference(t.mamori.database.db, ref2);
    if (!row) throw new Error('request not stored');
    const stored = await t.mamori.database.db
      .selectFrom('rights_documents')
      .selectAll()
      .where('request_id', '=', row.id)
      .execute();
    expect(stored.map((d) => d.kind).sort()).toEqual(['agent_authority', 'identity']);
    for (const d of stored) {
      const raw = Buffer.from(d.content_sealed as Uint8Array);
      expect(raw.includes(Buffer.from('a small test image body'))).toBe(false);
      expect(raw.includes(Buffer.from('a test document'))).toBe(false);
      expect(d.name_sealed).not.toContain('inin');
    }
    const handler = { cookie: t.cookies.handler };
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/requests/${row.id}/documents`,
      headers: handler,
    });
    expect(list.statusCode).toBe(200);
    const docs = list.json() as { id: string; name: string; kind: string; contentType: string }[];
    expect(docs.find((d) => d.kind === 'identity')?.name).toBe('免許証.png');
    const auditor = await t.app.inject({
      method: 'GET',
      url: `/api/requests/${row.id}/documents`,
      headers: { cookie: t.cookies.auditor },
    });
    expect(auditor.statusCode).toBe(403);
    const png = docs.find((d) => d.contentType === 'image/png') as { id: string };
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/requests/${row.id}/documents/${png.id}`,
      headers: handler,
    });
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/png');
    expect(view.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('免許証.png')}`,
    );
    expect(Buffer.from(view.rawPayload).equals(PNG)).toBe(true);
    const events = await t.mamori.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'rights.document_viewed')
      .execute();
    const event = events.find((e) => JSON.stringify(e).includes(png.id));
    expect(JSON.stringify(event)).toContain('only-handler');
    const looked = await t.mamori.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'rights.viewed')
      .execute();
    expect(
      looked.some((e) => JSON.stringify(e).includes(row.id) && JSON.stringify(e).includes('documents')),
    ).toBe(true);
  });

  it('staff upload scans of a postal request; bad files are refused with a 4xx', async () => {
    const handler = { cookie: t.cookies.handler };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: handler,
      payload: {
        aspects: ['access'],
        subject: { name: '郵送 次郎', email: 'post@example.com' },
        channel: 'post',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const body = multipart(
      [],
      [{ field: 'identity', filename: 'scan.pdf', type: 'application/pdf', bytes: PDF }],
    );
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/documents`,
      payload: body.payload,
      headers: { ...handler, ...body.headers },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect((up.json() as unknown[]).length).toBe(1);
    const bad = multipart(
      [],
      [{ field: 'identity', filename: 'x.exe', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00') }],
    );
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/documents`,
      payload: bad.payload,
      headers: { ...handler, ...bad.headers },
    });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { error: { message: string } }).error.message).toContain('type');
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/documents`,
      payload: {},
      headers: handler,
    });
    expect(json.statusCode).toBe(415);
  });

  it('are erased after the case has been closed for 30 days, the erasure audited; viewing then says so', async () => {
    const handler = { cookie: t.cookies.handler };
    const body = multipart([], [{ field: 'identity', filename: 'scan.png', type: 'image/png', bytes: PNG }]);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: handler,
      payload: {
        aspects: ['access'],
        subject: { name: '削除 三郎', email: 'purge@example.com' },
        channel: 'post',
      },
    });
    const id = (created.json() as { id: string }).id;
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/documents`,
      payload: body.payload,
      headers: { ...handler, ...body.headers },
    });
    const docId = (up.json() as { id: string }[])[0]?.id as string;
    const withdraw = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/withdraw`,
      headers: handler,
      payload: { reason: 'by phone' },
    });
    expect(withdraw.statusCode).toBe(200);
    const docs = t.mamori.rightsPublic.documents;
    now = new Date(now.getTime() + 29 * 86_400_000);
    expect(await docs.purge()).toBe(0);
    now = new Date(now.getTime() + 2 * 86_400_000);
    // Sessions expire with the clock; the purge is a job and needs none.
    const erased = await docs.purge();
    expect(erased).toBeGreaterThanOrEqual(1);
    expect(await docs.purge()).toBe(0);
    const row = await t.mamori.database.db
      .selectFrom('rights_documents')
      .selectAll()
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    expect(row.content_sealed).toBeNull();
    expect(row.deleted_at).not.toBeNull();
    const events = await t.mamori.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'rights.document_deleted')
      .execute();
    expect(events.some((e) => JSON.stringify(e).includes(docId))).toBe(true);
    const acting = {
      who: { type: 'staff' as const, roles: ['handler' as const] },
      actor: { type: 'system' as const, label: 't' },
    };
    await expect(docs.view(id, docId, acting)).rejects.toMatchObject({
      code: 'rights_document_deleted',
      status: 410,
    });
  });
});
