import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { AccountsRepository } from './accounts/accounts.repository.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AnonymizationRepository } from './anonymize/anonymization.repository.js';
import { anonymizationRoutes } from './anonymize/anonymization.routes.js';
import { AnonymizationService } from './anonymize/anonymization.service.js';
import type { Config } from './config.js';
import { ConnectionRepository } from './connectors/connection.repository.js';
import { ConnectionService } from './connectors/connection.service.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { consentRoutes } from './consent/consent.routes.js';
import { ConsentService } from './consent/consent.service.js';
import { type ConsentExtras, createConsentExtras } from './consent/consent.wiring.js';
import { createDiscovery, type DiscoveryService, discoveryRoutes } from './discovery/discovery.wiring.js';
import { RunRepository } from './engine/run.repository.js';
import { RunService } from './engine/run.service.js';
import { NoticeRepository } from './notices/notice.repository.js';
import { noticeRoutes } from './notices/notice.routes.js';
import { NoticeService } from './notices/notice.service.js';
import { AuditRepository } from './platform/audit/audit.repository.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { AuditService } from './platform/audit/audit.service.js';
import { type KeyRing, loadKeyRing } from './platform/crypto/keys.js';
import { SecretBox } from './platform/crypto/secret-box.js';
import { type DatabaseHandle, openDatabase } from './platform/db/connect.js';
import { migrate } from './platform/db/migrate.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { buildServer, type RouteEntry } from './platform/http/server.js';
import type { App } from './platform/http/types.js';
import { EmbeddedQueue } from './platform/jobs/embedded-queue.js';
import { GraphileQueue } from './platform/jobs/graphile-queue.js';
import type { JobDefinition, JobQueue } from './platform/jobs/job.js';
import { systemJobs } from './platform/jobs/system.jobs.js';
import { createLogger } from './platform/logger.js';
import { fromRoot } from './platform/paths.js';
import { registerEditorRoutes } from './register/register.editor.routes.js';
import { RegisterRepository } from './register/register.repository.js';
import { registerRoutes } from './register/register.routes.js';
import { RegisterService } from './register/register.service.js';
import { retentionJobs } from './retention/retention.jobs.js';
import { retentionRoutes } from './retention/retention.routes.js';
import type { RetentionService } from './retention/retention.service.js';
import { createRetention } from './retention/retention.wiring.js';
import { AnswerService } from './rights/answer.service.js';
import { createRightsPublic, type RightsPublic } from './rights/public/public.wiring.js';
import { rightsJobs } from './rights/rights.jobs.js';
import { RightsRepository } from './rights/rights.repository.js';
import { rightsRoutes } from './rights/rights.routes.js';
import { RightsService } from './rights/rights.service.js';

export const version: string = (
  JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }
).version;

/** Everything Mamori is made of, built once; the server, the worker and the CLI all start from here. */
export interface Mamori {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  keys: KeyRing;
  secrets: SecretBox;
  audit: AuditService;
  accounts: AccountsService;
  register: RegisterService;
  notices: NoticeService;
  retention: RetentionService;
  discovery: DiscoveryService;
  consent: ConsentService;
  consentExtras: ConsentExtras;
  rights: RightsService;
  answers: AnswerService;
  rightsPublic: RightsPublic;
  anonymizations: AnonymizationService;
  jobs: JobQueue;
  jobDefinitions: readonly JobDefinition[];
  close(): Promise<void>;
}

export interface CreateOptions {
  logger?: Logger;
  /** An open database to use instead of opening one from the configuration (tests). */
  database?: DatabaseHandle;
  /** Skip migrations (they ran already, e.g. from a test template). */
  skipMigrations?: boolean;
  clock?: () => Date;
}

export async function createMamori(config: Config, options: CreateOptions = {}): Promise<Mamori> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      template: await loadTemplate(config),
    }));
  try {
    if (!options.skipMigrations) {
      const result = await migrate(database);
      if (result.applied.length > 0) logger.info({ applied: result.applied }, 'database migrated');
    }
    const keys = await loadKeyRing(config.secretKey, config.dataDir);
    const headKey = keys.derive('audit-head');
    const auditRepository = new AuditRepository(headKey);
    await auditRepository.ensureHead(database.db);
    const audit = new AuditService(database.db, auditRepository, headKey, options.clock);
    const accounts = new AccountsService(
      database.db,
      new AccountsRepository(),
      audit,
      { sessionHours: config.sessionHours },
      options.clock,
    );
    const register = new RegisterService(database.db, new RegisterRepository(), audit, options.clock);
    const notices = new NoticeService(database.db, new NoticeRepository(), register, audit, options.clock);
    const secrets = new SecretBox(keys);
    const consent = new ConsentService(
      database.db,
      new ConsentRepository(),
      register,
      notices,
      audit,
      secrets,
      keys.derive('pseudonyms'),
      options.clock,
    );
    if (database.pgPool) consent.listenForChanges(database.pgPool);
    const consentExtras = createConsentExtras({
      db: database.db,
      consent,
      audit,
      secrets,
      keys,
      publicUrl: config.publicUrl,
      clock: options.clock,
    });
    const rights = new RightsService(database.db, new RightsRepository(), audit, register, secrets, keys, {
      ...(options.clock && { clock: options.clock }),
    });
    const answers = new AnswerService(
      rights,
      new RunService(database.db, new RunRepository(), audit, secrets, keys),
      new ConnectionService(database.db, new ConnectionRepository(), audit, secrets),
    );
    const rightsPublic = createRightsPublic({
      db: database.db,
      audit,
      secrets,
      keys,
      rights,
      config,
      clock: options.clock,
    });
    const retention = createRetention({ db: database.db, audit, register, keys, clock: options.clock });
    const anonymizations = new AnonymizationService(
      database.db,
      new AnonymizationRepository(),
      audit,
      secrets,
      options.clock,
    );
    const discovery = createDiscovery({ db: database.db, audit, register, secrets, clock: options.clock });
    const jobDefinitions = [
      ...systemJobs({ accounts, audit }),
      ...rightsJobs(rights),
      ...rightsPublic.jobs,
      ...consentExtras.jobs,
      ...retentionJobs(retention),
      ...anonymizations.jobDefinitions,
      ...discovery.jobs,
    ];
    const onFailure = async (job: JobDefinition, attempts: number) => {
      await audit.recordAlone({
        actor: { type: 'system', label: 'worker' },
        action: 'job.failed',
        object: { type: 'job', id: job.id },
        details: { attempts },
      });
    };
    const jobs: JobQueue = database.pgPool
      ? new GraphileQueue(database.pgPool, jobDefinitions, logger, onFailure)
      : new EmbeddedQueue(database.db, jobDefinitions, logger, onFailure);
    anonymizations.attachQueue(jobs);
    anonymizations.attachConnections(
      new ConnectionService(database.db, new ConnectionRepository(), audit, secrets),
    );
    discovery.attachQueue(jobs);
    retention.attachQueue(jobs);
    return {
      config,
      logger,
      database,
      keys,
      secrets,
      audit,
      accounts,
      register,
      notices,
      retention,
      discovery: discovery.service,
      consent,
      consentExtras,
      rights,
      answers,
      rightsPublic,
      anonymizations,
      jobs,
      jobDefinitions,
      async close() {
        await jobs.stop();
        await consent.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/**
 * A prebuilt, initialised embedded data directory made by `npm run build`: copying it is much faster than
 * PostgreSQL's initdb on first start. Without it PGlite runs initdb itself.
 */
async function loadTemplate(config: Config): Promise<Blob | undefined> {
  if (config.databaseUrl) return undefined;
  const { readFile } = await import('node:fs/promises');
  try {
    return new Blob([await readFile(fromRoot('dist', 'pglite-template.tar.gz'))]);
  } catch {
    return undefined;
  }
}

export async function createServer(
  mamori: Mamori,
  extra: { isShuttingDown?: () => boolean } = {},
): Promise<{ app: App; routes: RouteEntry[] }> {
  const { config } = mamori;
  return buildServer({
    logger: mamori.logger,
    accounts: mamori.accounts,
    defaultLanguage: config.defaultLanguage,
    trustProxy: config.trustProxy,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    version,
    ...(extra.isShuttingDown && { isShuttingDown: extra.isShuttingDown }),
    routes: async (app) => {
      await healthRoutes(app, async () => {
        await mamori.database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      });
      await accountsRoutes(app, mamori.accounts, config.publicUrl?.startsWith('https:') ?? false);
      await auditRoutes(app, mamori.audit);
      await registerRoutes(app, mamori.register);
      await registerEditorRoutes(app, mamori.register);
      await noticeRoutes(app, mamori.notices);
      await retentionRoutes(app, mamori.retention);
      await discoveryRoutes(app, mamori.discovery);
      await consentRoutes(app, mamori.consent);
      await mamori.consentExtras.routes(app);
      await rightsRoutes(app, mamori.rights, mamori.answers, mamori.accounts);
      await mamori.rightsPublic.routes(app, mamori.jobs);
      await anonymizationRoutes(app, mamori.anonymizations);
    },
  });
}
