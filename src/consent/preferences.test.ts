import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { seedConsent } from './consent.test-helpers.js';
import { checkCode, MAX_ATTEMPTS, normaliseEmail } from './preferences.rules.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedConsent(t);
}, 60_000);
afterAll(() => t.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const post = (url: string, fields: Record<string, string>, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, ...(cookie && { cookie }) },
    payload: new URLSearchParams(fields).toString(),
  });

/** The newest message queued for the address, opened as the mail sender would. */
async function lastMail(to: string): Promise<{ subject: string; body: string }> {
  const rows = await t.db.handle.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('related', 'like', 'consent-pref:%')
    .orderBy('created_at', 'desc')
    .execute();
  for (const r of rows)
    if (t.mamori.secrets.open(r.to_sealed, `outbox:${r.id}:to`) === to)
      return { subject: r.subject, body: t.mamori.secrets.open(r.body_sealed, `outbox:${r.id}:body`) };
  throw new Error('no message');
}

const codeOf = (body: string) => /(\d{6})/.exec(body)?.[1] as string;
const linkOf = (body: string) => /verify\?t=([A-Za-z0-9_-]+)/.exec(body)?.[1] as string;
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0] as string;

async function ask(email: string, lang = 'en') {
  const res = await post('/privacy/preferences/email', { email, lang });
  expect(res.statusCode, res.body).toBe(303);
  const id = /id=([0-9a-f]{24})/.exec(String(res.headers.location))?.[1] as string;
  return { id, mail: await lastMail(email.trim().toLowerCase()) };
}

describe('/privacy/preferences for a person identified by e-mail', () => {
  it('code by the outbox, then the person changes consents: in the ledger with channel form', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/privacy/preferences?lang=ja' });
    expect(start.body).toContain('name="email"');
    expect(start.body).not.toContain('<script');

    const { id, mail } = await ask(' Hanako@Example.jp ', 'ja');
    expect(mail.subject).toBe('同意設定の確認コード');
    const codePage = await t.app.inject({ method: 'GET', url: `/privacy/preferences/code?id=${id}&lang=ja` });
    expect(codePage.body).toContain('確認コード(6桁)');

    const ok = await post('/privacy/preferences/code', { id, code: codeOf(mail.body), lang: 'ja' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/privacy/preferences/me?lang=ja');
    const cookie = cookieOf(ok);
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/i);

    const me = await t.app.inject({
      method: 'GET',
      url: '/privacy/preferences/me?lang=ja',
      headers: { cookie },
    });
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('hanako@example.jp');
    expect(me.body).toMatch(/name="p:newsletter" value="denied" checked/);

    const saved = await post(
      '/privacy/preferences/me',
      { lang: 'ja', 'p:newsletter': 'granted', 'p:analytics': 'denied', 'p:ads': 'denied' },
      cookie,
    );
    expect(saved.headers.location).toBe('/privacy/preferences/me?lang=ja&saved=1');
    const after = await t.app.inject({
      method: 'GET',
      url: saved.headers.location as string,
      headers: { cookie },
    });
    expect(after.body).toContain('role="status"');
    expect(after.body).toMatch(/name="p:newsletter" value="granted" checked/);

    const key = t.mamori.consent.keyOf('email', 'hanako@example.jp');
    const history = await t.mamori.consent.history(null, key);
    expect(history.map((h) => [h.purpose, h.decision, h.channel, h.language])).toEqual(
      expect.arrayContaining([
        ['newsletter', 'granted', 'form', 'ja'],
        ['analytics', 'denied', 'form', 'ja'],
        ['ads', 'denied', 'form', 'ja'],
      ]),
    );
    expect(history).toHaveLength(3);

    // The code was single use: the same digits again are refused.
    const again = await post('/privacy/preferences/code', { id, code: codeOf(mail.body), lang: 'en' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('has been used already');

    // Finishing ends the session: the cookie no longer opens the page.
    await post('/privacy/preferences/signout', { lang: 'ja' }, cookie);
    const gone = await t.app.inject({ method: 'GET', url: '/privacy/preferences/me', headers: { cookie } });
    expect(gone.statusCode).toBe(303);
  });

  it('the link works once, behind a button (a mail scanner fetching it uses nothing up)', async () => {
    const { mail } = await ask('link@example.com');
    const token = linkOf(mail.body);
    const page = await t.app.inject({ method: 'GET', url: `/privacy/preferences/verify?t=${token}&lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const first = await post('/privacy/preferences/verify', { t: token, lang: 'en' });
    expect(first.statusCode).toBe(303);
    const second = await post('/privacy/preferences/verify', { t: token, lang: 'en' });
    expect(second.statusCode).toBe(400);
    const forged = await post('/privacy/preferences/verify', { t: 'x'.repeat(43), lang: 'en' });
    expect(forged.statusCode).toBe(400);
  });

  it('locks after five wrong codes, even for the right one; a new code retires the old', async () => {
    const { id, mail } = await ask('guess@example.com');
    const right = codeOf(mail.body);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const res = await post('/privacy/preferences/code', { id, code: wrong, lang: 'en' });
      expect(res.body).toContain('The code is not right.');
    }
    const locked = await post('/privacy/preferences/code', { id, code: right, lang: 'en' });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain('Too many tries');

    const second = await ask('guess@example.com');
    const old = await post('/privacy/preferences/code', { id, code: right, lang: 'en' });
    expect(old.statusCode).toBe(400);
    const fresh = await post('/privacy/preferences/code', {
      id: second.id,
      code: codeOf(second.mail.body),
      lang: 'en',
    });
    expect(fresh.statusCode).toBe(303);
  });

  it('at most three codes an hour per address; bad addresses are refused without a message queued', async () => {
    const before = await t.db.handle.db.selectFrom('outbox_messages').select('id').execute();
    const bad = await post('/privacy/preferences/email', { email: 'not-an-address', lang: 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('does not look right');
    expect(await t.db.handle.db.selectFrom('outbox_messages').select('id').execute()).toHaveLength(
      before.length,
    );

    for (let i = 0; i < 3; i++) await ask('flood@example.com');
    const fourth = await post('/privacy/preferences/email', { email: 'flood@example.com', lang: 'ja' });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.body).toContain('1時間後');
  });

  it('a code expires after 15 minutes (rule)', () => {
    const issued = new Date('2026-11-23T00:00:00Z');
    const state = { expiresAt: new Date(issued.getTime() + 15 * 60_000), attempts: 0, usedAt: null };
    expect(checkCode(state, true, new Date(issued.getTime() + 14 * 60_000))).toBe('ok');
    expect(checkCode(state, true, new Date(issued.getTime() + 15 * 60_000))).toBe('expired');
    expect(checkCode({ ...state, usedAt: issued }, true, issued)).toBe('used');
    expect(checkCode({ ...state, attempts: MAX_ATTEMPTS }, true, issued)).toBe('locked');
    expect(checkCode(undefined, true, issued)).toBe('wrong');
    expect(normaliseEmail(' A@B.JP ')).toBe('a@b.jp');
    expect(normaliseEmail('a b@c.jp')).toBeUndefined();
  });
});
