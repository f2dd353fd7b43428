import { Redis } from 'ioredis';
import {
  type CollectionDescription,
  type CollectionLocation,
  type Connector,
  ConnectorError,
  driverMessage,
  type FindQuery,
  type Row,
  type RowUpdate,
  type SampleQuery,
  type SampleResult,
} from './connector.js';

/** Parsed patterns: a dataset's few patterns are read for every request. */
const parsed = new Map<string, readonly string[]>();

/**
 * Redis: a collection is a key pattern such as `session:{email}` whose placeholders are fields of the
 * collection (identities or referenced fields); each key holds a hash whose hash fields are the other
 * fields. The placeholders are the collection's primary key: a record is addressed by its key.
 */
export function patternFields(pattern: string): string[] {
  let fields = parsed.get(pattern);
  if (!fields) {
    fields = [...pattern.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string);
    if (parsed.size < 1000) parsed.set(pattern, fields);
  }
  return [...fields];
}

export function keyFor(prefix: string, pattern: string, values: Row): string {
  return prefix + pattern.replace(/\{([^{}]+)\}/g, (_, f: string) => String(values[f]));
}

function product(lists: readonly (readonly unknown[])[]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((combo) => list.map((v) => [...combo, v])),
    [[]],
  );
}

export interface RedisOptions {
  key: string;
  url: string;
  readOnly?: boolean;
  /** Prepended to every key pattern (tenants, tests). */
  keyPrefix?: string;
}

export class RedisConnector implements Connector {
  readonly type = 'redis' as const;
  readonly key: string;
  readonly readOnly: boolean;
  private readonly client: Redis;
  private readonly prefix: string;

  constructor(options: RedisOptions) {
    this.key = options.key;
    this.readOnly = options.readOnly ?? false;
    this.prefix = options.keyPrefix ?? '';
    this.client = new Redis(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
      retryStrategy: () => null,
    });
    this.client.on('error', () => {});
  }

  private pattern(location: CollectionLocation): string {
    if (!location.keyPattern) {
      throw new ConnectorError(this.key, `collection ${location.name} needs mamori_meta.redis_key_pattern`);
    }
    return location.keyPattern;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      if (this.client.status === 'wait') await this.client.connect();
      return await fn();
    } catch (error) {
      throw error instanceof ConnectorError ? error : new ConnectorError(this.key, driverMessage(error));
    }
  }

  async test(): Promise<void> {
    await this.call(() => this.client.ping());
  }

  /** Samples keys and groups them by shape (numbers, UUIDs and e-mail addresses become placeholders). */
  async describe(): Promise<CollectionDescription[]> {
    const groups = new Map<string, Set<string>>();
    await this.call(async () => {
      let cursor = '0';
      let seen = 0;
      do {
        const [next, keys] = await this.client.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          if (seen++ >= 5000) break;
          const shape = key
            .slice(this.prefix.length)
            .split(':')
            .map((part, i) =>
              i > 0 && /^(\d+|[0-9a-f-]{36}|[^@\s]+@[^@\s]+)$/i.test(part) ? `{id${i}}` : part,
            )
            .join(':');
          if (!groups.has(shape)) groups.set(shape, new Set());
          if ((await this.client.type(key)) === 'hash') {
            for (const field of await this.client.hkeys(key)) groups.get(shape)?.add(field);
          }
        }
      } while (cursor !== '0' && seen < 5000);
    });
    return [...groups].map(([shape, fields]) => ({
      name: shape.split(':')[0] || shape,
      keyPattern: shape,
      fields: [
        ...patternFields(shape).map((f) => ({
          name: f,
          dataType: 'string',
          primaryKey: true,
          nullable: false,
          references: [],
        })),
        ...[...fields].map((f) => ({
          name: f,
          dataType: 'string',
          primaryKey: false,
          nullable: true,
          references: [],
        })),
      ],
    }));
  }

  async primaryKey(location: CollectionLocation): Promise<string[]> {
    return patternFields(this.pattern(location));
  }

  explainFind(query: FindQuery): string {
    return `HGETALL ${this.prefix}${this.pattern(query.location)}`;
  }

  /** Every combination of the placeholder values is one key: one command for one key, one pipeline for several. */
  async find(query: FindQuery): Promise<Row[]> {
    const pattern = this.pattern(query.location);
    const placeholders = patternFields(pattern);
    const lists = placeholders.map((f) => [...new Set((query.where[f] ?? []).map(String))]);
    if (lists.some((l) => l.length === 0)) return [];
    const combos = product(lists).map((combo) =>
      Object.fromEntries(placeholders.map((f, i) => [f, combo[i]])),
    );
    return this.call(async () => {
      const keys = combos.map((combo) => keyFor(this.prefix, pattern, combo));
      // One key (a person's usual case) is one command; a pipeline only pays for itself with several.
      const results: [Error | null, unknown][] =
        keys.length === 1
          ? [[null, await this.client.hgetall(keys[0] as string)]]
          : ((await keys.reduce((p, k) => p.hgetall(k), this.client.pipeline()).exec()) ?? []);
      const rows: Row[] = [];
      results.forEach(([error, hash], i) => {
        if (error) throw error;
        const h = hash as Record<string, string>;
        if (Object.keys(h).length === 0) return;
        const row: Row = { ...combos[i] };
        for (const f of query.fields) if (!(f in row)) row[f] = h[f] ?? null;
        rows.push(row);
      });
      return rows;
    });
  }

  explainUpdate(
    location: CollectionLocation,
    _keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): string {
    const fields = Object.keys(updates[0]?.set ?? {});
    return `MULTI; HSET ${this.prefix}${this.pattern(location)} ${fields.join(' ')} … (one per key); EXEC`;
  }

  /** One MULTI/EXEC transaction for the whole collection: all keys change or none. Null removes the field. */
  async update(
    location: CollectionLocation,
    _keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    this.refuseReadOnly();
    const pattern = this.pattern(location);
    return this.call(async () => {
      const multi = this.client.multi();
      for (const u of updates) {
        const key = keyFor(this.prefix, pattern, u.key);
        const set = Object.entries(u.set).filter(([, v]) => v !== null && v !== undefined);
        const removed = Object.entries(u.set)
          .filter(([, v]) => v === null || v === undefined)
          .map(([f]) => f);
        if (set.length > 0) multi.hset(key, Object.fromEntries(set.map(([f, v]) => [f, String(v)])));
        if (removed.length > 0) multi.hdel(key, ...removed);
      }
      const results = (await multi.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
      return updates.length;
    });
  }

  async delete(
    location: CollectionLocation,
    _keyFields: readonly string[],
    keys: readonly Row[],
  ): Promise<number> {
    if (keys.length === 0) return 0;
    this.refuseReadOnly();
    const pattern = this.pattern(location);
    return this.call(() => this.client.del(...keys.map((k) => keyFor(this.prefix, pattern, k))));
  }

  private refuseReadOnly(): void {
    if (this.readOnly)
      throw new ConnectorError(this.key, 'the connection is read-only and cannot be used for erasure');
  }

  async checkWritable(): Promise<void> {
    this.refuseReadOnly();
    const role = await this.call(() => this.client.role());
    if (role[0] === 'slave' || role[0] === 'replica') {
      throw new ConnectorError(this.key, 'the server is a read-only replica');
    }
  }

  /**
   * Discovery sample (issue 8): SCAN with MATCH over the key pattern (placeholders become `*`) until `limit`
   * keys are found or a bounded number of SCAN calls ran, then one pipeline of HMGET. SCAN walks the hash
   * table in bucket order, which is unrelated to insertion order. Placeholder values are read back from the
   * key itself: a key such as `session:{email}` holds personal data too.
   */
  async sample(query: SampleQuery): Promise<SampleResult> {
    const limit = Math.max(1, Math.floor(query.limit));
    const pattern = this.pattern(query.location);
    const placeholders = patternFields(pattern);
    const glob = (t: string) => t.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
    const parts = pattern.split(/\{[^{}]+\}/);
    const match = glob(this.prefix) + parts.map(glob).join('*');
    const parse = new RegExp(
      `^${[this.prefix + (parts[0] ?? ''), ...parts.slice(1)].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.*?)')}$`,
    );
    const hashFields = query.fields.filter((f) => !placeholders.includes(f));
    return this.call(async () => {
      const keys = new Set<string>();
      let cursor = '0';
      let calls = 0;
      do {
        const [next, found] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', Math.max(100, limit));
        cursor = next;
        for (const k of found) if (keys.size < limit) keys.add(k);
      } while (cursor !== '0' && keys.size < limit && ++calls < 1000);
      const list = [...keys];
      const pipeline = this.client.pipeline();
      for (const k of list) pipeline.hmget(k, ...(hashFields.length > 0 ? hashFields : ['__mamori_none']));
      const results = list.length > 0 ? ((await pipeline.exec()) ?? []) : [];
      const rows = list.map((k, i) => {
        const row: Record<string, string | null> = {};
        const m = parse.exec(k);
        placeholders.forEach((f, j) => {
          row[f] = m?.[j + 1] ?? null;
        });
        const [error, values] = results[i] ?? [null, []];
        hashFields.forEach((f, j) => {
          row[f] = error ? null : (((values as (string | null)[])[j] ?? null) as string | null);
        });
        return Object.fromEntries(query.fields.map((f) => [f, row[f] ?? null]));
      });
      return { rows, method: 'scan' };
    });
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
