import { randomUUID } from 'node:crypto';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import { hashToken, newToken } from '../platform/crypto/tokens.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { AccountsRepository, TokenRow, UserRow } from './accounts.repository.js';
import {
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  removesLastAdmin,
  sessionNeedsTouch,
  tokenRolesAllowed,
} from './accounts.rules.js';
import type { ApiToken, User } from './accounts.schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';

export interface Principal {
  userId: string;
  login: string;
  displayName: string;
  roles: Role[];
  language: 'ja' | 'en';
  via: 'session' | 'token';
  tokenId?: string | undefined;
  tokenName?: string | undefined;
  sessionHash?: string | undefined;
}

export const actorOf = (p: Principal): Actor =>
  p.via === 'token'
    ? { type: 'token', id: p.userId, label: `${p.login}/${p.tokenName ?? p.tokenId}` }
    : { type: 'user', id: p.userId, label: p.login };

const SETUP_TOKEN_HOURS = 24;

export interface BootstrapResult {
  created: boolean;
  /** Printed once on the console; only its hash is stored. */
  setupToken?: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  email: r.email,
  roles: r.roles as Role[],
  language: r.language,
  disabled: r.disabled_at !== null,
  hasPassword: r.password_hash !== null,
  createdAt: r.created_at.toISOString(),
});

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.token_prefix,
  roles: r.roles as Role[],
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revoked: r.revoked_at !== null,
});

const weak = () => new AppError('password_too_weak', 400, { min: MIN_PASSWORD_LENGTH });

export class AccountsService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountsRepository,
    private readonly audit: AuditService,
    private readonly settings: { sessionHours: number },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * First start: create the administrator. With a password from the environment it is ready at once;
   * otherwise a one-time setup token (valid 24 h) is returned for the operator to set the password with.
   * A restart before setup issues a fresh token and voids the old one.
   */
  async bootstrap(login: string, password: string | undefined): Promise<BootstrapResult> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repo.findByLogin(trx, login);
      if (existing?.password_hash) return { created: false };
      if (!existing && (await this.repo.countUsers(trx)) > 0) return { created: false };
      if (password && passwordProblem(password, login)) throw weak();
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        await this.repo.insertUser(trx, {
          id,
          login,
          displayName: login,
          email: null,
          passwordHash: password ? await hashPassword(password) : null,
          roles: ['admin'],
          language: 'ja',
        });
        await this.audit.record(trx, {
          actor: { type: 'system' },
          action: 'system.initialised',
          object: { type: 'user', id },
          details: { passwordFromEnvironment: Boolean(password) },
        });
      } else if (password) {
        await this.repo.updateUser(trx, id, {
          password_hash: await hashPassword(password),
          password_changed_at: now,
        });
      }
      if (password) return { created: !existing };
      await this.repo.invalidateSetupTokens(trx, id, now);
      const setupToken = newToken('mms');
      await this.repo.insertSetupToken(
        trx,
        hashToken(setupToken),
        id,
        new Date(now.getTime() + SETUP_TOKEN_HOURS * 3600_000),
      );
      return { created: !existing, setupToken };
    });
  }

  async completeSetup(token: string, password: string, origin: Origin): Promise<void> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const userId = await this.repo.consumeSetupToken(trx, hashToken(token), now);
      if (!userId) throw new AppError('setup_token_invalid', 400);
      const user = await this.repo.lockById(trx, userId);
      if (!user) throw new AppError('setup_token_invalid', 400);
      if (passwordProblem(password, user.login)) throw weak();
      await this.repo.updateUser(trx, userId, {
        password_hash: await hashPassword(password),
        password_changed_at: now,
      });
      await this.audit.record(trx, {
        actor: { type: 'user', id: userId, label: user.login },
        action: 'auth.setup_completed',
        object: { type: 'user', id: userId },
        origin,
      });
    });
  }

  /** Returns the session token for the cookie. Failures say the same thing whatever went wrong. */
  async login(login: string, password: string, origin: Origin): Promise<{ token: string; user: User }> {
    const user = await this.repo.findByLogin(this.db, login);
    const ok = await verifyPassword(user?.password_hash, password);
    if (!user || !ok || user.disabled_at) {
      // The typed login goes into the log only when it names a real account: a password typed into the
      // login field by mistake must not be kept.
      await this.audit.recordAlone({
        actor: user ? { type: 'user', id: user.id, label: user.login } : { type: 'public' },
        action: 'auth.login_failed',
        ...(user && { object: { type: 'user', id: user.id } }),
        origin,
        details: { reason: !user ? 'unknown_login' : !ok ? 'wrong_password' : 'disabled' },
      });
      throw new AppError('login_failed', 401);
    }
    const now = this.clock();
    const token = newToken('mss');
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertSession(trx, {
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(now.getTime() + this.settings.sessionHours * 3600_000),
        ip: origin.ip ?? null,
        userAgent: origin.userAgent?.slice(0, 300) ?? null,
      });
      await this.audit.record(trx, {
        actor: { type: 'user', id: user.id, label: user.login },
        action: 'auth.login',
        object: { type: 'user', id: user.id },
        origin,
      });
    });
    return { token, user: toUser(user) };
  }

  async logout(principal: Principal, origin: Origin): Promise<void> {
    const sessionHash = principal.sessionHash;
    if (!sessionHash) return;
    await this.db.transaction().execute(async (trx) => {
      await this.repo.deleteSession(trx, sessionHash);
      await this.audit.record(trx, { actor: actorOf(principal), action: 'auth.logout', origin });
    });
  }

  async authenticateSession(token: string): Promise<Principal | undefined> {
    const now = this.clock();
    const tokenHash = hashToken(token);
    const row = await this.repo.findSession(this.db, tokenHash, now);
    if (!row || row.disabled_at) return undefined;
    if (sessionNeedsTouch(row.last_seen_at, now)) {
      const expiresAt = new Date(now.getTime() + this.settings.sessionHours * 3600_000);
      await this.repo.touchSession(this.db, tokenHash, now, expiresAt);
    }
    return {
      userId: row.user_id,
      login: row.login,
      displayName: row.display_name,
      roles: row.roles as Role[],
      language: row.language,
      via: 'session',
      sessionHash: tokenHash,
    };
  }

  async authenticateToken(token: string): Promise<Principal | undefined> {
    const now = this.clock();
    const row = await this.repo.findToken(this.db, hashToken(token), now);
    if (!row || row.disabled_at) return undefined;
    if (!row.last_used_at || sessionNeedsTouch(row.last_used_at, now)) {
      await this.repo.touchToken(this.db, row.token_id, now);
    }
    // The token's roles, narrowed to what its owner still holds today.
    const ownerRoles = row.roles as Role[];
    return {
      userId: row.user_id,
      login: row.login,
      displayName: row.display_name,
      roles: (row.token_roles as Role[]).filter((r) => ownerRoles.includes(r)),
      language: row.language,
      via: 'token',
      tokenId: row.token_id,
      tokenName: row.token_name,
    };
  }

  async listUsers(): Promise<User[]> {
    return (await this.repo.list(this.db)).map(toUser);
  }

  async getUser(id: string): Promise<User> {
    const row = await this.repo.findById(this.db, id);
    if (!row) throw notFound('user');
    return toUser(row);
  }

  /** Staff names and e-mail addresses are personal data too: looking at them is recorded. */
  async viewUsers(by: Principal, origin: Origin, id?: string): Promise<User[]> {
    const users = id ? [await this.getUser(id)] : await this.listUsers();
    await this.audit.recordAlone({
      actor: actorOf(by),
      action: 'user.viewed',
      ...(id && { object: { type: 'user', id } }),
      origin,
      details: { count: users.length },
    });
    return users;
  }

  async createUser(
    by: Principal,
    input: {
      login: string;
      displayName: string;
      email?: string | undefined;
      roles: Role[];
      language: 'ja' | 'en';
      password: string;
    },
    origin: Origin,
  ): Promise<User> {
    if (passwordProblem(input.password, input.login)) throw weak();
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction().execute(async (trx) => {
      if (await this.repo.findByLogin(trx, input.login))
        throw new AppError('conflict', 409, { what: 'login' });
      await this.repo.insertUser(trx, {
        id,
        login: input.login,
        displayName: input.displayName,
        email: input.email ?? null,
        passwordHash,
        roles: [...new Set(input.roles)],
        language: input.language,
      });
      await this.audit.record(trx, {
        actor: actorOf(by),
        action: 'user.created',
        object: { type: 'user', id },
        origin,
        details: { roles: [...new Set(input.roles)] },
      });
    });
    return this.getUser(id);
  }

  async updateUser(
    by: Principal,
    id: string,
    changes: {
      displayName?: string | undefined;
      email?: string | null | undefined;
      roles?: Role[] | undefined;
      language?: 'ja' | 'en' | undefined;
      disabled?: boolean | undefined;
    },
    origin: Origin,
  ): Promise<User> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const admins = await this.repo.enabledAdminIds(trx);
      const current = await this.repo.lockById(trx, id);
      if (!current) throw notFound('user');
      const roles = changes.roles ? [...new Set(changes.roles)] : (current.roles as Role[]);
      const disabled = changes.disabled ?? current.disabled_at !== null;
      if (removesLastAdmin(admins, { id, roles, disabled })) throw new AppError('last_admin', 409);
      await this.repo.updateUser(trx, id, {
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.email !== undefined && { email: changes.email }),
        ...(changes.roles && { roles }),
        ...(changes.language && { language: changes.language }),
        ...(changes.disabled !== undefined && { disabled_at: changes.disabled ? now : null }),
      });
      // A disabled account loses its sessions at once rather than at their expiry.
      if (changes.disabled) await this.repo.deleteSessionsOf(trx, id);
      const action =
        changes.disabled === true && current.disabled_at === null
          ? 'user.disabled'
          : changes.disabled === false && current.disabled_at !== null
            ? 'user.enabled'
            : 'user.updated';
      await this.audit.record(trx, {
        actor: actorOf(by),
        action,
        object: { type: 'user', id },
        origin,
        details: {
          fields: Object.keys(changes),
          ...(changes.roles && { rolesBefore: current.roles, rolesAfter: roles }),
        },
      });
    });
    return this.getUser(id);
  }

  async changePassword(
    by: Principal,
    currentPassword: string,
    newPassword: string,
    origin: Origin,
  ): Promise<void> {
    const user = await this.repo.findById(this.db, by.userId);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError('login_failed', 401);
    }
    if (passwordProblem(newPassword, user.login)) throw weak();
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.updateUser(trx, user.id, {
        password_hash: passwordHash,
        password_changed_at: this.clock(),
      });
      // Other sessions end: a password change is often a reaction to a suspected compromise.
      await this.repo.deleteSessionsOf(trx, user.id);
      await this.audit.record(trx, {
        actor: actorOf(by),
        action: 'auth.password_changed',
        object: { type: 'user', id: user.id },
        origin,
      });
    });
  }

  async createToken(
    by: Principal,
    input: { name: string; roles: Role[]; expiresInDays?: number | undefined },
    origin: Origin,
  ): Promise<{ token: string; info: ApiToken }> {
    const owner = await this.repo.findById(this.db, by.userId);
    if (!owner || !tokenRolesAllowed(owner.roles as Role[], input.roles))
      throw new AppError('forbidden', 403);
    const id = randomUUID();
    const token = newToken('mmr');
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertToken(trx, {
        id,
        userId: by.userId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        roles: [...new Set(input.roles)],
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      });
      await this.audit.record(trx, {
        actor: actorOf(by),
        action: 'token.created',
        object: { type: 'api_token', id },
        origin,
        details: { name: input.name, roles: [...new Set(input.roles)] },
      });
    });
    const row = await this.repo.findTokenById(this.db, id);
    if (!row) throw notFound('token');
    return { token, info: toToken(row) };
  }

  async listTokens(by: Principal, all: boolean): Promise<ApiToken[]> {
    const canSeeAll = all && by.roles.includes('admin');
    return (await this.repo.listTokens(this.db, canSeeAll ? undefined : by.userId)).map(toToken);
  }

  async revokeToken(by: Principal, id: string, origin: Origin): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.findTokenById(trx, id);
      if (!row || (row.user_id !== by.userId && !by.roles.includes('admin'))) throw notFound('token');
      await this.repo.revokeToken(trx, id, this.clock());
      await this.audit.record(trx, {
        actor: actorOf(by),
        action: 'token.revoked',
        object: { type: 'api_token', id },
        origin,
      });
    });
  }

  async listSessions(by: Principal, all: boolean) {
    const canSeeAll = all && by.roles.includes('admin');
    const rows = await this.repo.listSessions(this.db, canSeeAll ? undefined : by.userId, this.clock());
    return rows.map((r) => ({
      id: r.token_hash.slice(0, 16),
      userId: r.user_id,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      userAgent: r.user_agent,
      current: r.token_hash === by.sessionHash,
    }));
  }

  async revokeSession(by: Principal, id: string, origin: Origin): Promise<void> {
    const matches = /^[0-9a-f]{16}$/.test(id) ? await this.repo.findSessionsByPrefix(this.db, id) : [];
    const target = matches.length === 1 ? matches[0] : undefined;
    if (!target || (target.user_id !== by.userId && !by.roles.includes('admin'))) throw notFound('session');
    await this.db.transaction().execute(async (trx) => {
      await this.repo.deleteSession(trx, target.token_hash);
      await this.audit.record(trx, {
        actor: actorOf(by),
        action: 'session.revoked',
        object: { type: 'user', id: target.user_id },
        origin,
      });
    });
  }

  purgeExpiredSessions(): Promise<number> {
    return this.repo.deleteExpiredSessions(this.db, this.clock());
  }
}
