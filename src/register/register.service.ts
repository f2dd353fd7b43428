import canonicalize from 'canonicalize';
import type { z } from 'zod';
import type { Actor, AuditEventInput, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError, conflict, notFound } from '../platform/errors.js';
import {
  COLLECTION_SCHEMAS,
  type Collection,
  docsToRegister,
  duplicateKeyIssues,
  keyOf,
  registerToDocs,
  SINGLETON_SCHEMAS,
  type Singleton,
} from './register.collections.js';
import type { EntityRow, HistoryEntry, RegisterRepository } from './register.repository.js';
import { type Finding, lintRegister } from './register.rules.js';
import { Register } from './register.schema.js';

export interface EntityView {
  list: string;
  key: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  doc: unknown;
}

export interface HistoryView {
  version: number;
  change: 'created' | 'updated' | 'deleted';
  via: 'api' | 'import';
  changedAt: string;
  changedBy: string;
  doc: unknown;
}

export interface ImportSummary {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

// Through JSON first: a stored document has no `undefined` members, a freshly parsed one may.
const canonical = (v: unknown) => (v === undefined ? undefined : canonicalize(JSON.parse(JSON.stringify(v))));
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Who a change is attributed to in the history table: a login or token name, never a subject's name. */
const byOf = (actor: Actor) => actor.label ?? actor.id ?? actor.type;

/** Top-level fields whose values differ: what the audit log says changed, without the values themselves. */
function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !same(a[k], b[k])).sort();
}

function validate(schema: z.ZodType, doc: unknown): unknown {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new AppError('validation_failed', 400, { detail });
}

/**
 * The register in Mamori's database: one row per entity with every earlier version kept, each change written
 * in one transaction with its audit event. Imports replace the whole register atomically.
 */
export class RegisterService {
  constructor(
    private readonly db: Db,
    private readonly repo: RegisterRepository,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The whole register, or undefined while it has no organisation or rights procedure yet. */
  async load(): Promise<Register | undefined> {
    const rows = await this.repo.all(this.db);
    return docsToRegister(rows.map((r) => ({ ...r, list: r.list as Collection })));
  }

  async require(): Promise<Register> {
    const register = await this.load();
    if (!register) throw new AppError('register_empty', 404);
    return register;
  }

  async findings(): Promise<Finding[]> {
    return lintRegister(await this.require());
  }

  async list(collection: Collection): Promise<EntityView[]> {
    return (await this.repo.list(this.db, collection)).map((r) => this.view(r));
  }

  async get(list: Collection | Singleton, key: string): Promise<EntityView> {
    const row = await this.repo.get(this.db, list, key);
    if (!row) throw notFound(`${list}/${key}`);
    return this.view(row);
  }

  async history(list: Collection | Singleton, key: string): Promise<HistoryView[]> {
    const entries = await this.repo.history(this.db, list, key);
    if (entries.length === 0) throw notFound(`${list}/${key}`);
    return entries.map((e) => ({
      version: e.version,
      change: e.change,
      via: e.via,
      changedAt: e.changedAt.toISOString(),
      changedBy: e.changedBy,
      doc: e.doc,
    }));
  }

  create(actor: Actor, collection: Collection, input: unknown, origin: Origin = {}): Promise<EntityView> {
    const doc = validate(COLLECTION_SCHEMAS[collection], input);
    const key = keyOf(collection, doc);
    return this.write(async (trx, now) => {
      if (await this.repo.get(trx, collection, key)) throw conflict(`${collection}/${key}`);
      const version = (await this.repo.lastVersion(trx, collection, key)) + 1;
      const position = await this.repo.nextPosition(trx, collection);
      const row: EntityRow = {
        list: collection,
        key,
        position,
        doc,
        version,
        createdAt: now,
        updatedAt: now,
        updatedBy: byOf(actor),
      };
      await this.repo.insert(trx, row);
      await this.repo.appendHistory(trx, [this.entry(row, 'created', 'api', doc)]);
      await this.audit.record(trx, this.event(actor, origin, 'register.entity_created', row, []));
      return row;
    });
  }

  update(
    actor: Actor,
    collection: Collection,
    key: string,
    input: unknown,
    origin: Origin = {},
  ): Promise<EntityView> {
    const doc = validate(COLLECTION_SCHEMAS[collection], input);
    if (keyOf(collection, doc) !== key) {
      throw new AppError('register_key_mismatch', 400, { key: keyOf(collection, doc) });
    }
    return this.write(async (trx, now) => {
      const before = await this.repo.get(trx, collection, key);
      if (!before) throw notFound(`${collection}/${key}`);
      return this.replace(trx, actor, origin, before, doc, now);
    });
  }

  /** Sets organisation, rights or annexes (creating the row the first time). */
  putSingleton(actor: Actor, singleton: Singleton, input: unknown, origin: Origin = {}): Promise<EntityView> {
    const doc = validate(SINGLETON_SCHEMAS[singleton], input);
    return this.write(async (trx, now) => {
      const before = await this.repo.get(trx, singleton, singleton);
      if (before) return this.replace(trx, actor, origin, before, doc, now);
      const row: EntityRow = {
        list: singleton,
        key: singleton,
        position: 0,
        doc,
        version: (await this.repo.lastVersion(trx, singleton, singleton)) + 1,
        createdAt: now,
        updatedAt: now,
        updatedBy: byOf(actor),
      };
      await this.repo.insert(trx, row);
      await this.repo.appendHistory(trx, [this.entry(row, 'created', 'api', doc)]);
      await this.audit.record(trx, this.event(actor, origin, 'register.entity_created', row, []));
      return row;
    });
  }

  async delete(actor: Actor, collection: Collection, key: string, origin: Origin = {}): Promise<void> {
    await this.write(async (trx, now) => {
      const before = await this.repo.get(trx, collection, key);
      if (!before) throw notFound(`${collection}/${key}`);
      await this.repo.delete(trx, collection, key);
      const gone = { ...before, version: before.version + 1, updatedAt: now, updatedBy: byOf(actor) };
      await this.repo.appendHistory(trx, [this.entry(gone, 'deleted', 'api', undefined)]);
      await this.audit.record(trx, this.event(actor, origin, 'register.entity_deleted', gone, []));
      return gone;
    });
  }

  /**
   * Replaces the whole register in one transaction: entities that differ get a new version, missing ones are
   * deleted, unchanged ones keep their version. Everything is validated before anything is written.
   */
  async import(
    actor: Actor,
    input: unknown,
    origin: Origin = {},
    source: { format: string; name?: string } = { format: 'json' },
  ): Promise<ImportSummary> {
    const register = validate(Register, input) as Register;
    const duplicates = duplicateKeyIssues(register);
    if (duplicates.length > 0) {
      const detail = duplicates
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ');
      throw new AppError('register_invalid', 400, { detail });
    }
    const docs = registerToDocs(register);
    const summary: ImportSummary = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
    const by = byOf(actor);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.lock(trx);
      const now = this.clock();
      const existing = new Map((await this.repo.all(trx)).map((r) => [`${r.list}\u0000${r.key}`, r]));
      const lastVersions = await this.repo.lastVersions(trx);
      const history: HistoryEntry[] = [];
      for (const d of docs) {
        const id = `${d.list}\u0000${d.key}`;
        const before = existing.get(id);
        existing.delete(id);
        if (before && same(before.doc, d.doc)) {
          summary.unchanged++;
          if (before.position !== d.position) {
            await this.repo.update(trx, { ...before, position: d.position });
          }
          continue;
        }
        const version = (before?.version ?? lastVersions.get(id) ?? 0) + 1;
        const row: EntityRow = {
          list: d.list,
          key: d.key,
          position: d.position,
          doc: d.doc,
          version,
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          updatedBy: by,
        };
        if (before) {
          await this.repo.update(trx, row);
          summary.updated++;
        } else {
          await this.repo.insert(trx, row);
          summary.created++;
        }
        history.push(this.entry(row, before ? 'updated' : 'created', 'import', d.doc));
      }
      for (const gone of existing.values()) {
        await this.repo.delete(trx, gone.list, gone.key);
        history.push(
          this.entry(
            { ...gone, version: gone.version + 1, updatedAt: now, updatedBy: by },
            'deleted',
            'import',
            undefined,
          ),
        );
        summary.deleted++;
      }
      await this.repo.appendHistory(trx, history);
      await this.audit.record(trx, {
        actor,
        action: 'register.imported',
        object: { type: 'register', id: register.organisation.key },
        origin,
        details: { ...summary, format: source.format, source: source.name },
      });
    });
    return summary;
  }

  /** Exports carry the whole register out of Mamori, so they are audited like views of personal data. */
  async recordExport(actor: Actor, format: string, origin: Origin = {}): Promise<void> {
    await this.audit.recordAlone({
      actor,
      action: 'register.exported',
      object: { type: 'register', id: 'register' },
      origin,
      details: { format },
    });
  }

  private async write(fn: (trx: Trx, now: Date) => Promise<EntityRow>): Promise<EntityView> {
    const row = await this.db.transaction().execute(async (trx) => {
      await this.repo.lock(trx);
      return fn(trx, this.clock());
    });
    return this.view(row);
  }

  private async replace(
    trx: Trx,
    actor: Actor,
    origin: Origin,
    before: EntityRow,
    doc: unknown,
    now: Date,
  ): Promise<EntityRow> {
    const fields = changedFields(before.doc, doc);
    if (fields.length === 0) return before;
    const row: EntityRow = {
      ...before,
      doc,
      version: before.version + 1,
      updatedAt: now,
      updatedBy: byOf(actor),
    };
    await this.repo.update(trx, row);
    await this.repo.appendHistory(trx, [this.entry(row, 'updated', 'api', doc)]);
    await this.audit.record(trx, this.event(actor, origin, 'register.entity_updated', row, fields));
    return row;
  }

  private entry(
    row: EntityRow,
    change: HistoryEntry['change'],
    via: HistoryEntry['via'],
    doc: unknown,
  ): HistoryEntry {
    return {
      list: row.list,
      key: row.key,
      version: row.version,
      change,
      via,
      doc,
      changedAt: row.updatedAt,
      changedBy: row.updatedBy,
    };
  }

  private event(
    actor: Actor,
    origin: Origin,
    action: AuditEventInput['action'],
    row: EntityRow,
    fields: string[],
  ): AuditEventInput {
    return {
      actor,
      action,
      object: { type: 'register_entity', id: `${row.list}/${row.key}` },
      origin,
      details: { list: row.list, key: row.key, version: row.version, ...(fields.length > 0 && { fields }) },
    };
  }

  private view(row: EntityRow): EntityView {
    const schema =
      row.list in SINGLETON_SCHEMAS
        ? SINGLETON_SCHEMAS[row.list as Singleton]
        : COLLECTION_SCHEMAS[row.list as Collection];
    return {
      list: row.list,
      key: row.key,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: row.updatedBy,
      doc: schema.parse(row.doc),
    };
  }
}
