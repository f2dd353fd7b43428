import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';
import type { Role } from './roles.js';

export interface UserRow {
  id: string;
  login: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  roles: string[];
  language: 'ja' | 'en';
  disabled_at: Date | null;
  created_at: Date;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  token_prefix: string;
  roles: string[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const userColumns = [
  'id',
  'login',
  'display_name',
  'email',
  'password_hash',
  'roles',
  'language',
  'disabled_at',
  'created_at',
] as const;

const tokenColumns = [
  'id',
  'user_id',
  'name',
  'token_prefix',
  'roles',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;

export class AccountsRepository {
  countUsers(db: Db | Trx): Promise<number> {
    return db
      .selectFrom('users')
      .select(sql<number>`count(*)::int8`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n);
  }

  findByLogin(db: Db | Trx, login: string): Promise<UserRow | undefined> {
    return db
      .selectFrom('users')
      .select(userColumns)
      .where(sql<string>`lower(login)`, '=', login.trim().toLowerCase())
      .executeTakeFirst();
  }

  findById(db: Db | Trx, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  }

  /** Locks the row so that concurrent role changes cannot both remove the last admin. */
  lockById(trx: Trx, id: string): Promise<UserRow | undefined> {
    return trx.selectFrom('users').select(userColumns).where('id', '=', id).forUpdate().executeTakeFirst();
  }

  list(db: Db): Promise<UserRow[]> {
    return db.selectFrom('users').select(userColumns).orderBy('login').execute();
  }

  /** Enabled admins, locked, for the last-admin rule. */
  enabledAdminIds(trx: Trx): Promise<string[]> {
    return trx
      .selectFrom('users')
      .select('id')
      .where(sql<boolean>`'admin' = ANY(roles)`)
      .where('disabled_at', 'is', null)
      .forUpdate()
      .execute()
      .then((rows) => rows.map((r) => r.id));
  }

  insertUser(
    trx: Trx,
    u: {
      id: string;
      login: string;
      displayName: string;
      email: string | null;
      passwordHash: string | null;
      roles: Role[];
      language: 'ja' | 'en';
    },
  ): Promise<unknown> {
    return trx
      .insertInto('users')
      .values({
        id: u.id,
        login: u.login,
        display_name: u.displayName,
        email: u.email,
        password_hash: u.passwordHash,
        roles: u.roles,
        language: u.language,
        password_changed_at: u.passwordHash ? new Date() : null,
      })
      .execute();
  }

  updateUser(
    trx: Trx,
    id: string,
    changes: Partial<{
      display_name: string;
      email: string | null;
      roles: Role[];
      language: 'ja' | 'en';
      disabled_at: Date | null;
      password_hash: string;
      password_changed_at: Date;
    }>,
  ): Promise<unknown> {
    return trx
      .updateTable('users')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  insertSession(
    trx: Trx,
    s: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
  ): Promise<unknown> {
    return trx
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        expires_at: s.expiresAt,
        ip: s.ip,
        user_agent: s.userAgent,
      })
      .execute();
  }

  findSession(db: Db, tokenHash: string, now: Date) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.token_hash',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.id as user_id',
        'users.login',
        'users.display_name',
        'users.roles',
        'users.language',
        'users.disabled_at',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  }

  touchSession(db: Db, tokenHash: string, now: Date, expiresAt: Date): Promise<unknown> {
    return db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  deleteSession(trx: Trx, tokenHash: string): Promise<unknown> {
    return trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  deleteSessionsOf(trx: Trx, userId: string): Promise<unknown> {
    return trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  listSessions(db: Db, userId: string | undefined, now: Date) {
    let q = db
      .selectFrom('sessions')
      .select(['token_hash', 'user_id', 'created_at', 'expires_at', 'last_seen_at', 'user_agent'])
      .where('expires_at', '>', now);
    if (userId) q = q.where('user_id', '=', userId);
    return q.orderBy('last_seen_at', 'desc').limit(500).execute();
  }

  findSessionsByPrefix(db: Db, prefix: string) {
    return db
      .selectFrom('sessions')
      .select(['token_hash', 'user_id'])
      .where('token_hash', 'like', `${prefix}%`)
      .limit(2)
      .execute();
  }

  deleteExpiredSessions(db: Db, now: Date): Promise<number> {
    return db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst()
      .then((r) => Number(r.numDeletedRows));
  }

  insertToken(
    trx: Trx,
    t: {
      id: string;
      userId: string;
      name: string;
      tokenHash: string;
      prefix: string;
      roles: Role[];
      expiresAt: Date | null;
    },
  ): Promise<unknown> {
    return trx
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        token_prefix: t.prefix,
        roles: t.roles,
        expires_at: t.expiresAt,
      })
      .execute();
  }

  findToken(db: Db, tokenHash: string, now: Date) {
    return db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.name as token_name',
        'api_tokens.roles as token_roles',
        'api_tokens.last_used_at',
        'users.id as user_id',
        'users.login',
        'users.display_name',
        'users.roles',
        'users.language',
        'users.disabled_at',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
      .executeTakeFirst();
  }

  touchToken(db: Db, id: string, now: Date): Promise<unknown> {
    return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  listTokens(db: Db, userId: string | undefined): Promise<TokenRow[]> {
    let q = db.selectFrom('api_tokens').select(tokenColumns);
    if (userId) q = q.where('user_id', '=', userId);
    return q.orderBy('created_at', 'desc').execute();
  }

  findTokenById(db: Db | Trx, id: string): Promise<TokenRow | undefined> {
    return db.selectFrom('api_tokens').select(tokenColumns).where('id', '=', id).executeTakeFirst();
  }

  revokeToken(trx: Trx, id: string, now: Date): Promise<unknown> {
    return trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  insertSetupToken(trx: Trx, tokenHash: string, userId: string, expiresAt: Date): Promise<unknown> {
    return trx
      .insertInto('setup_tokens')
      .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
      .execute();
  }

  /** Marks a valid setup token used and returns its user, or nothing: single use even under races. */
  consumeSetupToken(trx: Trx, tokenHash: string, now: Date): Promise<string | undefined> {
    return trx
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst()
      .then((r) => r?.user_id);
  }

  invalidateSetupTokens(trx: Trx, userId: string, now: Date): Promise<unknown> {
    return trx
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }
}
