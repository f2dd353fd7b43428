import type { Actor } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import type { ConnectionRepository } from './connection.repository.js';
import { ConnectionSpec } from './connections.schema.js';

/** The AAD binds a sealed URL to its row: a ciphertext copied to another connection does not open. */
const context = (key: string) => `connection:${key}`;

/**
 * A URL for display and audit: the password never leaves the service, nor do query parameter values
 * (`?password=…`, `?token=…`, `?sslkey=…` carry secrets as often as the user-info part does).
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const name of [...new Set(u.searchParams.keys())]) u.searchParams.set(name, '***');
    return u.toString().replaceAll('=%2A%2A%2A', '=***');
  } catch {
    return '(unparseable URL)';
  }
}

export class ConnectionService {
  constructor(
    private readonly db: Db,
    private readonly repo: ConnectionRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
  ) {}

  async save(actor: Actor, key: string, input: ConnectionSpec): Promise<void> {
    const spec = ConnectionSpec.parse(input);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.upsert(trx, {
        key,
        type: spec.type,
        url_sealed: this.secrets.seal(spec.url, context(key)),
        read_only: spec.read_only ?? false,
        key_prefix: spec.key_prefix ?? null,
      });
      await this.audit.record(trx, {
        actor,
        action: 'connection.saved',
        object: { type: 'connection', id: key },
        details: { type: spec.type, readOnly: spec.read_only ?? false },
      });
    });
  }

  async remove(actor: Actor, key: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await this.repo.remove(trx, key);
      if (removed)
        await this.audit.record(trx, {
          actor,
          action: 'connection.deleted',
          object: { type: 'connection', id: key },
        });
      return removed;
    });
  }

  /** One stored connection, opened (for `connections test`); undefined when there is none. */
  async spec(key: string): Promise<ConnectionSpec | undefined> {
    return (await this.specs())[key];
  }

  /** Listing without secrets. */
  async list(): Promise<{ key: string; type: string; readOnly: boolean; url: string }[]> {
    return (await this.repo.list(this.db)).map((r) => ({
      key: r.key,
      type: r.type,
      readOnly: r.read_only,
      url: redactUrl(this.secrets.open(r.url_sealed, context(r.key))),
    }));
  }

  /** Opened connection specs, for the engine (same shape as a connections file). */
  async specs(): Promise<Record<string, ConnectionSpec>> {
    const rows = await this.repo.list(this.db);
    return Object.fromEntries(
      rows.map((r) => [
        r.key,
        ConnectionSpec.parse({
          type: r.type,
          url: this.secrets.open(r.url_sealed, context(r.key)),
          read_only: r.read_only,
          ...(r.key_prefix !== null && { key_prefix: r.key_prefix }),
        }),
      ]),
    );
  }
}
