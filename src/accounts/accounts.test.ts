import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, testApp, testMamori } from '../../test/app.js';
import { AppError } from '../platform/errors.js';
import { passwordProblem, removesLastAdmin, tokenRolesAllowed } from './accounts.rules.js';

describe('account rules', () => {
  it('wants long passwords that are not the login', () => {
    expect(passwordProblem('short', 'a')).toBe('too_weak');
    expect(passwordProblem('administrator', 'Administrator')).toBe('too_weak');
    expect(passwordProblem('絶対に推測できない長い合言葉', 'a')).toBeNull();
    expect(passwordProblem('x'.repeat(12), 'a')).toBeNull();
  });

  it('never lets a token carry a role its owner lacks', () => {
    expect(tokenRolesAllowed(['engineer'], ['engineer'])).toBe(true);
    expect(tokenRolesAllowed(['engineer'], ['admin'])).toBe(false);
    expect(tokenRolesAllowed(['engineer'], [])).toBe(false);
  });

  it('keeps one enabled administrator', () => {
    expect(removesLastAdmin(['a'], { id: 'a', roles: ['engineer'], disabled: false })).toBe(true);
    expect(removesLastAdmin(['a'], { id: 'a', roles: ['admin'], disabled: true })).toBe(true);
    expect(removesLastAdmin(['a', 'b'], { id: 'a', roles: ['engineer'], disabled: false })).toBe(false);
    expect(removesLastAdmin(['a'], { id: 'b', roles: ['engineer'], disabled: true })).toBe(false);
  });
});

describe('first start', () => {
  it('creates the administrator with a one-time setup token, usable once', async () => {
    const { mamori, db } = await testMamori();
    try {
      const first = await mamori.accounts.bootstrap('admin', undefined);
      expect(first.created).toBe(true);
      expect(first.setupToken).toMatch(/^mms_/);
      // A restart before setup voids the old token and issues a new one.
      const again = await mamori.accounts.bootstrap('admin', undefined);
      expect(again.created).toBe(false);
      await expect(mamori.accounts.completeSetup(first.setupToken ?? '', TEST_PASSWORD, {})).rejects.toThrow(
        AppError,
      );
      await expect(mamori.accounts.completeSetup(again.setupToken ?? '', 'short', {})).rejects.toMatchObject({
        code: 'password_too_weak',
      });
      await mamori.accounts.completeSetup(again.setupToken ?? '', TEST_PASSWORD, {});
      await expect(
        mamori.accounts.completeSetup(again.setupToken ?? '', TEST_PASSWORD, {}),
      ).rejects.toMatchObject({
        code: 'setup_token_invalid',
      });
      const login = await mamori.accounts.login('ADMIN', TEST_PASSWORD, {});
      expect(login.user.roles).toEqual(['admin']);
      expect((await mamori.accounts.bootstrap('admin', undefined)).setupToken).toBeUndefined();
      const actions = (await mamori.audit.search({ limit: 50 })).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['system.initialised', 'auth.setup_completed', 'auth.login']),
      );
    } finally {
      await mamori.close();
      await db.drop();
    }
  });
});

describe('accounts over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  }, 60_000);
  afterAll(() => t.close());

  const login = (l: string, password: string, ip = '203.0.113.9') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: l, password },
      remoteAddress: ip,
    });

  it('signs in with a cookie that is HttpOnly and SameSite=Strict, and signs out', async () => {
    const res = await login('only-handler', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'mamori_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const header = { cookie: `mamori_session=${cookie?.value}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: header });
    expect(me.json()).toMatchObject({ login: 'only-handler', roles: ['handler'], via: 'session' });
    expect(JSON.stringify(res.json())).not.toContain('argon2');
    expect(JSON.stringify(res.json())).not.toContain(TEST_PASSWORD);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: header });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: header })).statusCode).toBe(
      401,
    );
  });

  it('answers a wrong password and an unknown login alike, and records both without the typed secret', async () => {
    const wrong = await login('only-handler', 'not the password at all', '203.0.113.10');
    const unknown = await login('nobody-here', 'not the password at all', '203.0.113.10');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const failures = await t.mamori.audit.search({ action: 'auth.login_failed', limit: 10 });
    expect(failures.map((f) => f.details.reason)).toEqual(
      expect.arrayContaining(['wrong_password', 'unknown_login']),
    );
    expect(JSON.stringify(failures)).not.toContain('not the password at all');
    expect(JSON.stringify(failures)).not.toContain('nobody-here');
  });

  it('rate-limits login attempts per address and login', async () => {
    const answers = [];
    for (let i = 0; i < 12; i += 1)
      answers.push(await login('only-engineer', 'wrong password guess', '198.51.100.7'));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // The limit's headers come with the refusal only.
    expect(answers[0]?.headers['x-ratelimit-remaining']).toBeUndefined();
    expect(answers.at(-1)?.headers['retry-after']).toBeDefined();
    expect(answers.at(-1)?.headers['x-ratelimit-limit']).toBeDefined();
    // Another address is not punished for it.
    expect((await login('only-engineer', TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });

  it('lets an admin manage accounts, never removing the last admin, and disabling ends sessions', async () => {
    const admin = { cookie: t.cookies.admin };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { login: 'tanaka', displayName: '田中 花子', roles: ['handler'], password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { login: 'TANAKA', displayName: 'x', roles: ['handler'], password: TEST_PASSWORD },
    });
    expect(dup.statusCode).toBe(409);

    const session = (await login('tanaka', TEST_PASSWORD, '203.0.113.50')).cookies[0]?.value;
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(disable.json()).toMatchObject({ disabled: true });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `mamori_session=${session}` },
    });
    expect(me.statusCode).toBe(401);
    expect((await login('tanaka', TEST_PASSWORD, '203.0.113.51')).statusCode).toBe(401);

    const adminId = t.principals.admin.userId;
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      headers: admin,
      payload: { roles: ['auditor'] },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_admin');
    await t.app.inject({ method: 'GET', url: `/api/users/${id}`, headers: admin });
    const events = await t.mamori.audit.search({ objectId: id, limit: 10 });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.created', 'user.disabled', 'user.viewed']),
    );
  });

  it('issues API tokens shown once, narrowed to the owner, revocable', async () => {
    const engineer = { cookie: t.cookies.engineer };
    const tooMuch = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: engineer,
      payload: { name: 'ci', roles: ['admin'] },
    });
    expect(tooMuch.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: engineer,
      payload: { name: 'ci', roles: ['engineer'], expiresInDays: 30 },
    });
    expect(res.statusCode).toBe(201);
    const { token, info } = res.json() as { token: string; info: { id: string } };
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).json()).toMatchObject({
      via: 'token',
      roles: ['engineer'],
    });
    const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: engineer });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    await t.app.inject({ method: 'DELETE', url: `/api/tokens/${info.id}`, headers: engineer });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(401);
  });

  it('refuses a cross-site origin on a cookie-authenticated change', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: t.cookies.engineer, origin: 'https://evil.example', host: 'localhost' },
      payload: { name: 'x', roles: ['engineer'] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('lists and ends sessions', async () => {
    const auditor = { cookie: t.cookies.auditor };
    const list = await t.app.inject({ method: 'GET', url: '/api/sessions', headers: auditor });
    const sessions = list.json() as { id: string; current: boolean }[];
    expect(sessions.some((s) => s.current)).toBe(true);
    const current = sessions.find((s) => s.current);
    const end = await t.app.inject({
      method: 'DELETE',
      url: `/api/sessions/${current?.id}`,
      headers: auditor,
    });
    expect(end.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/sessions', headers: auditor })).statusCode).toBe(
      401,
    );
  });
});
