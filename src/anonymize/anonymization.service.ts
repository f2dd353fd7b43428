import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import type { Actor } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound, UserError } from '../platform/errors.js';
import { defineJob, type JobDefinition, type JobQueue } from '../platform/jobs/job.js';
import type { EngineOutput, RunConfig } from './anonymization.engine.js';
import { buildHierarchies, inputHeader } from './anonymization.input.js';
import type { AnonymizationRepository, ProvisionRow, RunRow } from './anonymization.repository.js';
import {
  type Anonymization,
  AnonymizationRequest,
  AnonymizationStatus,
  InputSource,
  type Provision,
  ProvisionInput,
  type Publication,
  type Source,
} from './anonymization.schema.js';
import { runEngineInThread } from './anonymization.thread.js';
import { AnonymizeReport } from './anonymize.schema.js';
import type { Bilingual } from './appi.rules.js';
import { PROVISION_METHODS, type ProvisionMethod, renderPublication } from './publication.js';

/** The stored connections (ConnectionService), opened only to read a source table. */
export interface ConnectionLookup {
  specs(): Promise<Record<string, ConnectionSpec>>;
}

const RunPayload = z.object({ id: z.string().min(1) });
const inputContext = (id: string): string => `anonymization_input:${id}`;
const resultContext = (id: string): string => `anonymization_result:${id}`;
const actorLabel = (a: Actor): string => a.label ?? a.id ?? a.type;
const WORKER: Actor = { type: 'system', label: 'worker' };
const MAX_ATTEMPTS = 3;

/** The stored configuration: the request without its input (the processing method, kept secret). */
const StoredConfig = AnonymizationRequest.omit({ input: true, dataset: true });

/**
 * Anonymisation runs and the records APPI Art. 43 asks for. A request stores the input sealed and queues
 * a job; the job runs the (pure) engine, stores the sealed result with its report and items, deletes the
 * input, and records the creation (Art. 43(3): the items are published without delay — the publication
 * text is generated from the stored items). Provisions are recorded with the publication of items and
 * method (Art. 43(4)) and the statement to the recipient that the data is anonymised information.
 */
export class AnonymizationService {
  private queue: JobQueue | undefined;
  private connections: ConnectionLookup | undefined;
  readonly runJob: JobDefinition<typeof RunPayload>;

  constructor(
    private readonly db: Db,
    private readonly repo: AnonymizationRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly clock: () => Date = () => new Date(),
    /** Where the engine runs: a worker thread, so that a large table never blocks the event loop. */
    private readonly engine: (
      input: InputSource,
      config: RunConfig,
      connection?: ConnectionSpec,
    ) => Promise<EngineOutput> = runEngineInThread,
  ) {
    this.runJob = defineJob({
      id: 'anonymize.run',
      version: 1,
      payload: RunPayload,
      // A run that fails on its data is marked failed, not retried; retries are for crashes and outages.
      maxAttempts: MAX_ATTEMPTS,
      handler: async ({ id }, { logger, attempt }) => {
        try {
          const status = await this.process(id);
          logger.info({ anonymization: id, status }, 'anonymisation run finished');
        } catch (error) {
          // The last attempt: the run must not stay "running" for ever with its input kept.
          if (attempt >= MAX_ATTEMPTS) await this.giveUp(id);
          throw error;
        }
      },
    });
  }

  get jobDefinitions(): readonly JobDefinition[] {
    return [this.runJob];
  }

  /** Where tables of connected databases are read from (the stored connections). */
  attachConnections(connections: ConnectionLookup): void {
    this.connections = connections;
  }

  private async connectionSpec(key: string): Promise<ConnectionSpec> {
    const spec = this.connections ? (await this.connections.specs())[key] : undefined;
    if (spec === undefined) throw new UserError(`There is no connection "${key}".`);
    return spec;
  }

  /** The queue runs are sent to (created after the job definitions, hence not in the constructor). */
  attachQueue(queue: JobQueue): void {
    this.queue = queue;
  }

  /**
   * Checks what can be checked cheaply (hierarchies, columns named in the header) so that a mistake is
   * answered at once, stores the input sealed and queues the run.
   */
  async request(actor: Actor, body: AnonymizationRequest): Promise<Anonymization> {
    const parsed = AnonymizationRequest.parse(body);
    const { input: _input, dataset: _dataset, ...config } = parsed;
    try {
      const hierarchies = buildHierarchies(config.hierarchies);
      const header = inputHeader(parsed.input);
      const named = [...config.qi, ...config.drop, ...(config.sensitive ? [config.sensitive] : [])];
      for (const column of named) {
        if (!header.includes(column)) throw new UserError(`The table has no column "${column}".`);
      }
      for (const q of config.qi) {
        if (!hierarchies.has(q)) throw new UserError(`The quasi-identifier "${q}" has no hierarchy.`);
      }
      if (parsed.input.kind === 'connection') {
        const { probeConnectionTable } = await import('./anonymization.source.js');
        await probeConnectionTable(await this.connectionSpec(parsed.input.connection), parsed.input);
      }
    } catch (error) {
      if (error instanceof UserError) {
        throw new AppError('anonymization_invalid', 400, { detail: error.message });
      }
      throw error;
    }
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertRun(trx, {
        id,
        dataset: parsed.dataset,
        config: config as unknown as Record<string, unknown>,
        input_kind: parsed.input.kind,
        input_sealed: this.secrets.seal(JSON.stringify(parsed.input), inputContext(id)),
        created_by: actorLabel(actor),
      });
      await this.audit.record(trx, {
        actor,
        action: 'anonymization.requested',
        object: { type: 'anonymization', id },
        details: {
          dataset: parsed.dataset,
          input: parsed.input.kind,
          ...(parsed.input.kind === 'connection'
            ? {
                connection: parsed.input.connection,
                table: parsed.input.table,
                columns: parsed.input.columns,
              }
            : {}),
        },
      });
    });
    if (!this.queue) throw new Error('The anonymisation service has no job queue.');
    await this.queue.enqueue(this.runJob, { id });
    return this.get(id);
  }

  /**
   * The job: runs the engine on a claimed run. Idempotent — a finished run is left alone, a run cut off by
   * a crash is done again from its sealed input (which is only deleted together with the result's write).
   */
  async process(id: string): Promise<AnonymizationStatus> {
    const claimed = await this.db.transaction().execute((trx) => this.repo.claim(trx, id, this.clock()));
    if (!claimed) return (await this.repo.run(this.db, id))?.status === 'completed' ? 'completed' : 'failed';
    const row = await this.repo.run(this.db, id);
    if (!row) return 'failed';
    const config = StoredConfig.parse(row.config);
    const input = InputSource.parse(JSON.parse(this.secrets.open(claimed.input_sealed, inputContext(id))));
    let output: EngineOutput;
    try {
      const connection =
        input.kind === 'connection' ? await this.connectionSpec(input.connection) : undefined;
      output = await this.engine(input, config, connection);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Engine messages name rows and columns, never cell values, so they may be stored and shown.
      await this.db.transaction().execute(async (trx) => {
        await this.repo.fail(trx, id, error.message, this.clock());
        await this.audit.record(trx, {
          actor: WORKER,
          action: 'anonymization.failed',
          object: { type: 'anonymization', id },
          details: { dataset: row.dataset },
        });
      });
      return 'failed';
    }
    const { report, items, csv } = output;
    await this.db.transaction().execute(async (trx) => {
      await this.repo.complete(
        trx,
        id,
        {
          result_sealed: this.secrets.seal(csv, resultContext(id)),
          report: report as unknown as Record<string, unknown>,
          items,
        },
        this.clock(),
      );
      // The creation record (Art. 43(3)); the levels are part of the processing method and stay out of it.
      await this.audit.record(trx, {
        actor: WORKER,
        action: 'anonymization.created',
        object: { type: 'anonymization', id },
        details: {
          dataset: row.dataset,
          rows: report.rows,
          classes: report.classes,
          suppressed: report.suppressed,
          items: items.map((i) => i.ja),
        },
      });
    });
    return 'completed';
  }

  /** Marks a run failed after its last attempt crashed (the job log has the cause), deleting its input. */
  async giveUp(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.run(trx, id);
      if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
      await this.repo.fail(trx, id, 'The run failed repeatedly; see the job log.', this.clock());
      await this.audit.record(trx, {
        actor: WORKER,
        action: 'anonymization.failed',
        object: { type: 'anonymization', id },
        details: { dataset: row.dataset, crashed: true },
      });
    });
  }

  async list(limit = 200): Promise<Anonymization[]> {
    return (await this.repo.list(this.db, limit)).map(toAnonymization);
  }

  /**
   * The SQL connections a run can read from, with their tables and columns (names and types only, never
   * values), for the console's form. A store that cannot be reached is listed with its error.
   */
  async sources(): Promise<Source[]> {
    const specs = this.connections ? await this.connections.specs() : {};
    const { openConnector } = await import('../connectors/factory.js');
    const out: Source[] = [];
    for (const [key, spec] of Object.entries(specs)) {
      if (spec.type !== 'postgres' && spec.type !== 'mysql' && spec.type !== 'mariadb') continue;
      const connector = await openConnector(key, spec);
      try {
        const tables = await connector.describe();
        out.push({
          connection: key,
          type: spec.type,
          tables: tables.map((t) => ({
            name: t.name,
            ...(t.schema !== undefined ? { schema: t.schema } : {}),
            columns: t.fields.map((f) => ({ name: f.name, dataType: f.dataType })),
          })),
          error: null,
        });
      } catch (error) {
        out.push({
          connection: key,
          type: spec.type,
          tables: [],
          error: error instanceof Error ? error.message : String(error),
        });
      } finally {
        await connector.close();
      }
    }
    return out;
  }

  async get(id: string): Promise<Anonymization> {
    const row = await this.repo.run(this.db, id);
    if (!row) throw notFound('anonymization');
    return toAnonymization(row);
  }

  /** The anonymised table as CSV (the input's delimiter and line ends); downloading it is an export. */
  async result(actor: Actor, id: string): Promise<{ dataset: string; csv: string }> {
    const run = await this.get(id);
    if (run.status !== 'completed') {
      throw new AppError('anonymization_not_completed', 409, { status: run.status });
    }
    const sealed = await this.repo.resultSealed(this.db, id);
    if (sealed === null) throw notFound('anonymization result');
    const csv = this.secrets.open(sealed, resultContext(id));
    await this.audit.recordAlone({
      actor,
      action: 'anonymization.exported',
      object: { type: 'anonymization', id },
      details: { dataset: run.dataset, rows: run.report?.rows ?? null },
    });
    return { dataset: run.dataset, csv };
  }

  async publication(id: string, lang: 'ja' | 'en'): Promise<Publication> {
    const run = await this.completed(id);
    const items = run.items ?? [];
    const provisions = await this.repo.provisions(this.db, id);
    const methods = [...new Set(provisions.flatMap((p) => p.methods as ProvisionMethod[]))];
    return {
      lang,
      items: items.map((i) => i[lang]),
      creation: renderPublication({ items }, lang),
      provision: methods.length === 0 ? null : renderPublication({ items, methods }, lang),
    };
  }

  /** Records a provision to a third party with the texts Art. 43(4) requires (published, told). */
  async provide(actor: Actor, id: string, body: ProvisionInput): Promise<Provision> {
    const input = ProvisionInput.parse(body);
    const run = await this.completed(id);
    const items = run.items ?? [];
    const publication: Bilingual = {
      ja: renderPublication({ items, methods: input.methods }, 'ja'),
      en: renderPublication({ items, methods: input.methods }, 'en'),
    };
    const notice = recipientNotice(run.dataset, items, input);
    const provisionId = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertProvision(trx, {
        id: provisionId,
        anonymization_id: id,
        recipient: input.recipient,
        methods: input.methods,
        provided_on: input.date,
        publication,
        notice,
        created_by: actorLabel(actor),
      });
      await this.audit.record(trx, {
        actor,
        action: 'anonymization.provided',
        object: { type: 'anonymization', id },
        details: { provision: provisionId, methods: input.methods, date: input.date },
      });
    });
    const stored = (await this.repo.provisions(this.db, id)).find((p) => p.id === provisionId);
    if (!stored) throw notFound('provision');
    return toProvision(stored);
  }

  async provisions(id: string): Promise<Provision[]> {
    await this.get(id);
    return (await this.repo.provisions(this.db, id)).map(toProvision);
  }

  private async completed(id: string): Promise<Anonymization> {
    const run = await this.get(id);
    if (run.status !== 'completed') {
      throw new AppError('anonymization_not_completed', 409, { status: run.status });
    }
    return run;
  }
}

/**
 * The statement to the recipient (APPI Art. 43(4); PPC Rules Art. 37): that the data provided is
 * anonymised information, with its items and how it is provided. Re-identification and obtaining the
 * deleted information are forbidden to the recipient too (Art. 45), which the text reminds of.
 */
export function recipientNotice(dataset: string, items: readonly Bilingual[], p: ProvisionInput): Bilingual {
  const methodsJa = p.methods.map((m) => PROVISION_METHODS[m].ja).join('、');
  const methodsEn = p.methods.map((m) => PROVISION_METHODS[m].en).join(', ');
  return {
    ja: [
      `${p.recipient} 御中`,
      `${p.date}に提供する「${dataset}」は、個人情報の保護に関する法律第43条第1項に基づき作成した匿名加工情報です。`,
      `[項目] ${items.map((i) => i.ja).join('、')}`,
      `[提供方法] ${methodsJa}`,
      '受領者は、本人を識別するために他の情報と照合すること、及び加工の方法等に関する情報を取得することが禁止されています（同法第45条）。',
    ].join('\n'),
    en: [
      `To ${p.recipient}`,
      `"${dataset}", provided on ${p.date}, is anonymised information created under Article 43(1) of the Act on the Protection of Personal Information.`,
      `Items: ${items.map((i) => i.en).join(', ')}`,
      `Method of provision: ${methodsEn}`,
      'The recipient must not collate it with other information to identify the persons concerned, nor obtain information on how it was processed (Article 45).',
    ].join('\n'),
  };
}

function toAnonymization(row: RunRow): Anonymization {
  const config = StoredConfig.parse(row.config);
  return {
    id: row.id,
    dataset: row.dataset,
    status: AnonymizationStatus.parse(row.status),
    qi: config.qi,
    model: config.model,
    metric: config.metric,
    report: row.report === null ? null : AnonymizeReport.parse(row.report),
    items: row.items,
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

function toProvision(row: ProvisionRow): Provision {
  return {
    id: row.id,
    anonymizationId: row.anonymization_id,
    recipient: row.recipient,
    methods: row.methods as ProvisionMethod[],
    date: row.provided_on,
    publication: row.publication,
    notice: row.notice,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
