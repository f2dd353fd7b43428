import { randomUUID } from 'node:crypto';
import type { ConnectionService } from '../connectors/connection.service.js';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import type { Connector } from '../connectors/connector.js';
import type { FidesDataset } from '../datasets/dataset.schema.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { RegisterService } from '../register/register.service.js';
import { DEFAULT_SAMPLE } from './db-scan.js';
import type { ScanReport, TableResult } from './db-scan.schema.js';
import type { DiscoveryRepository, ScanRow } from './discovery.repository.js';
import type { Finding } from './finding.schema.js';

export interface ScanView {
  id: string;
  status: ScanRow['status'];
  connections: string[];
  sample: number;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Tables sampled so far out of those planned; null before the worker has planned the scan. */
  progress: { done: number; total: number } | null;
  report: ScanReport | null;
}

export interface AcceptInput {
  dataset: string;
  collection?: string | undefined;
  field?: string | undefined;
}

export interface DiscoveryDeps {
  db: Db;
  repo: DiscoveryRepository;
  audit: AuditService;
  register: Pick<RegisterService, 'load' | 'create' | 'update'>;
  connections: Pick<ConnectionService, 'specs' | 'list'>;
  clock?: (() => Date) | undefined;
  /** Opens a store; the connector factory unless a test passes its own. */
  open?: ((key: string, spec: ConnectionSpec) => Promise<Connector>) | undefined;
}

const byOf = (actor: Actor) => actor.label ?? actor.id ?? actor.type;

/**
 * `scan db` as a job (issue 8). Stored connections are opened inside the worker; samples stay in its memory
 * and the stored report carries categories and counts only. Requests, results, views and accepted
 * suggestions are audited.
 */
export class DiscoveryService {
  private enqueue: ((id: string) => Promise<void>) | undefined;
  private readonly clock: () => Date;

  constructor(private readonly deps: DiscoveryDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** main.ts hands the queue over once it exists (the queue is built from the job definitions). */
  attachQueue(enqueue: (id: string) => Promise<void>): void {
    this.enqueue = enqueue;
  }

  async request(
    actor: Actor,
    input: { connections: string[]; sample?: number | undefined },
    origin: Origin = {},
  ): Promise<ScanView> {
    const specs = await this.deps.connections.specs();
    const keys = [...new Set(input.connections)];
    const unknown = keys.filter((k) => !specs[k]);
    if (unknown.length > 0)
      throw new AppError('validation_failed', 400, { detail: `connections: unknown ${unknown.join(', ')}` });
    const http = keys.filter((k) => specs[k]?.type === 'http');
    if (http.length > 0)
      throw new AppError('validation_failed', 400, {
        detail: `connections: ${http.join(', ')} cannot be sampled`,
      });
    const id = randomUUID();
    const sample = input.sample ?? DEFAULT_SAMPLE;
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insert(trx, { id, connections: keys, sample, requested_by: byOf(actor) });
      await this.deps.audit.record(trx, {
        actor,
        action: 'discovery.scan_requested',
        object: { type: 'discovery_scan', id },
        origin,
        details: { connections: keys, sample },
      });
    });
    await this.enqueue?.(id);
    return this.view((await this.deps.repo.get(this.deps.db, id)) as ScanRow);
  }

  /** The job's work; idempotent (a scan already taken or finished is left alone). */
  async run(id: string): Promise<void> {
    const claimed = await this.deps.db
      .transaction()
      .execute((trx) => this.deps.repo.claim(trx, id, this.clock()));
    if (!claimed) return;
    const row = (await this.deps.repo.get(this.deps.db, id)) as ScanRow;
    const system = { type: 'system', label: 'discovery' } as const;
    try {
      const report = await this.scan(row);
      await this.deps.db.transaction().execute(async (trx) => {
        await this.deps.repo.finish(trx, id, { status: 'completed', report }, this.clock());
        await this.deps.audit.record(trx, {
          actor: system,
          action: 'discovery.scan_completed',
          object: { type: 'discovery_scan', id },
          details: {
            tables: report.tables.length,
            personalColumns: report.tables.reduce(
              (n, t) => n + t.columns.filter((c) => c.personal).length,
              0,
            ),
            drift: report.drift.length,
          },
        });
      });
    } catch (error) {
      // Connector errors name objects, never values (driverMessage); anything else is cut to one line.
      const message =
        (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
      await this.deps.db.transaction().execute(async (trx) => {
        await this.deps.repo.finish(trx, id, { status: 'failed', error: message }, this.clock());
        await this.deps.audit.record(trx, {
          actor: system,
          action: 'discovery.scan_failed',
          object: { type: 'discovery_scan', id },
        });
      });
    }
  }

  private async scan(row: ScanRow): Promise<ScanReport> {
    const all = await this.deps.connections.specs();
    const connections = Object.fromEntries(row.connections.flatMap((k) => (all[k] ? [[k, all[k]]] : [])));
    const register = await this.deps.register.load();
    const datasets = (register?.datasets ?? []).filter((d) => d.fides_key in connections);
    // Connections the register has no dataset for are scanned by their live schema alone.
    const [{ scanDatabases }, { detectDrift, driftContext }, { scanText, scanTextRegex }, { loadTokenizer }] =
      await Promise.all([
        import('./db-scan.js'),
        import('./drift.rules.js'),
        import('./scan.js'),
        import('./names/tokenizer.js'),
      ]);
    const open = this.deps.open ?? (await import('../connectors/factory.js')).openConnector;
    const tokenizer = await loadTokenizer();
    const tables: TableResult[] = [];
    const withDataset = new Set(datasets.map((d) => d.fides_key));
    // Progress is written in order, one update at a time, and never fails the scan (it is a courtesy to readers).
    let written: Promise<void> = Promise.resolve();
    let offset = 0;
    const onTable = (p: { index: number; total: number }, before: number, after: number) => {
      const done = before + p.index;
      const total = before + p.total + after;
      written = written
        .then(() => this.deps.repo.progress(this.deps.db, row.id, done, total))
        .catch(() => undefined);
    };
    const common = {
      open,
      scan: (t: string) => scanText(t, tokenizer),
      fastScan: (t: string) => scanTextRegex(t),
      sample: row.sample,
    };
    const rest = Object.fromEntries(Object.entries(connections).filter(([k]) => !withDataset.has(k)));
    const restCount = Object.keys(rest).length;
    if (datasets.length > 0)
      tables.push(
        ...(
          await scanDatabases({
            ...common,
            datasets,
            connections,
            onTable: (p) => onTable(p, 0, restCount),
          })
        ).tables,
      );
    offset = tables.length;
    if (restCount > 0)
      tables.push(
        ...(
          await scanDatabases({
            ...common,
            datasets: [],
            connections: rest,
            onTable: (p) => onTable(p, offset, 0),
          })
        ).tables,
      );
    onTable({ index: tables.length - offset, total: tables.length - offset }, offset, 0);
    await written;
    return { sample: row.sample, tables, drift: detectDrift(tables, driftContext(register)) };
  }

  /** A scan with its findings per system, table and column (no sampled value); the view is audited. */
  async get(actor: Actor, id: string, origin: Origin = {}): Promise<ScanView> {
    const row = await this.deps.repo.get(this.deps.db, id);
    if (!row) throw notFound('discovery scan');
    await this.deps.audit.recordAlone({
      actor,
      action: 'discovery.scan_viewed',
      object: { type: 'discovery_scan', id },
      origin,
    });
    return this.view(row);
  }

  /** Stored connections a scan can sample (keys and store types; no address, no secret). */
  async sources(): Promise<{ key: string; type: string }[]> {
    return (await this.deps.connections.list())
      .filter((c) => c.type !== 'http')
      .map((c) => ({ key: c.key, type: c.type }));
  }

  /**
   * Scans a pasted text (the console's text box): findings and a redacted preview go back to the caller only.
   * The text is never stored; the audit log records who scanned how much and what types were found, not the text.
   */
  async scanPasted(
    actor: Actor,
    input: { text: string; redact?: 'mask' | 'tag' | undefined; minScore?: number | undefined },
    origin: Origin = {},
  ): Promise<{ findings: Finding[]; redacted: string }> {
    const [{ scanText }, { loadTokenizer }, { redactText }] = await Promise.all([
      import('./scan.js'),
      import('./names/tokenizer.js'),
      import('./redact.js'),
    ]);
    const findings = scanText(input.text, await loadTokenizer(), {
      ...(input.minScore === undefined ? {} : { minScore: input.minScore }),
    });
    const types: Record<string, number> = {};
    for (const f of findings) types[f.type] = (types[f.type] ?? 0) + 1;
    await this.deps.audit.recordAlone({
      actor,
      action: 'discovery.text_scanned',
      origin,
      details: { characters: input.text.length, findings: types },
    });
    return { findings, redacted: redactText(input.text, findings, { mode: input.redact ?? 'mask' }) };
  }

  async list(): Promise<ScanView[]> {
    return (await this.deps.repo.list(this.deps.db, 100)).map((r) => this.view(r));
  }

  /**
   * Writes the scan's proposals for one dataset (optionally one collection or column) into the register's
   * dataset: only columns with personal data found and no declared category; declared categories stay.
   * The register records the change in its history and audit log; this records which scan it came from.
   */
  async accept(actor: Actor, id: string, input: AcceptInput, origin: Origin = {}): Promise<FidesDataset> {
    const row = await this.deps.repo.get(this.deps.db, id);
    if (!row) throw notFound('discovery scan');
    if (row.status !== 'completed' || !row.report)
      throw new AppError('validation_failed', 400, { detail: 'the scan has not completed' });
    const tables = row.report.tables
      .filter((t) => t.dataset === input.dataset)
      .filter((t) => input.collection === undefined || t.collection === input.collection)
      .map((t) => ({
        ...t,
        columns: t.columns.filter((c) => input.field === undefined || c.field === input.field),
      }));
    const chosen = tables.flatMap((t) =>
      t.columns.filter((c) => c.personal && c.declared.length === 0).map((c) => `${t.collection}.${c.field}`),
    );
    if (chosen.length === 0)
      throw new AppError('validation_failed', 400, { detail: 'the scan proposes nothing to accept there' });
    const { suggestDatasets } = await import('./suggest.rules.js');
    const register = await this.deps.register.load();
    const current = register?.datasets.find((d) => d.fides_key === input.dataset);
    const [suggested] = suggestDatasets(current ? [current] : [], tables, new Map());
    if (!suggested) throw new AppError('validation_failed', 400, { detail: 'nothing to accept' });
    if (current) await this.deps.register.update(actor, 'datasets', input.dataset, suggested, origin);
    else await this.deps.register.create(actor, 'datasets', suggested, origin);
    await this.deps.audit.recordAlone({
      actor,
      action: 'discovery.suggestion_accepted',
      object: { type: 'discovery_scan', id },
      origin,
      details: { dataset: input.dataset, fields: chosen },
    });
    return suggested;
  }

  private view(r: ScanRow): ScanView {
    return {
      id: r.id,
      status: r.status,
      connections: r.connections,
      sample: r.sample,
      requestedBy: r.requested_by,
      createdAt: r.created_at.toISOString(),
      startedAt: r.started_at?.toISOString() ?? null,
      finishedAt: r.finished_at?.toISOString() ?? null,
      error: r.error,
      progress: r.tables_total === null ? null : { done: r.tables_done ?? 0, total: r.tables_total },
      report: r.report,
    };
  }
}
