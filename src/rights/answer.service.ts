import { randomBytes, randomUUID } from 'node:crypto';
import type { ConnectionService } from '../connectors/connection.service.js';
import type { AccessPackage } from '../engine/access.rules.js';
import { RunSpec } from '../engine/engine.schema.js';
import type { RunService } from '../engine/run.service.js';
import { localDateOf } from '../laws/index.js';
import { hashToken, newToken } from '../platform/crypto/tokens.js';
import { AppError } from '../platform/errors.js';
import { identityTypes, planExecution } from './execution.rules.js';
import { letterToPdf } from './letter.pdf.js';
import { type Action, isTerminal } from './lifecycle.rules.js';
import { type AnswerPackage, applyExemptions, itemCounts, packageCsv, packageJson } from './package.js';
import { groundsFor, groundText, runKindsFor } from './request.rules.js';
import type { RequestRow } from './rights.repository.js';
import type { RequestView, Status } from './rights.schema.js';
import type { Acting, RightsService } from './rights.service.js';
import { knowledgeMatch } from './verification.rules.js';

/** How long a download link lives: long enough to fetch, short enough that a forwarded mail goes stale. */
export const DOWNLOAD_TTL_MS = 7 * 86_400_000;

/**
 * Execution and the answer: runs the engine on the systems the register lists, records manual and
 * controller tasks, builds the package and letter, and hands them out by expiring, audited link.
 */
export class AnswerService {
  constructor(
    private readonly rights: RightsService,
    private readonly runs: RunService,
    private readonly connections: ConnectionService,
    private readonly options: { knowledgeItemsRequired: number } = { knowledgeItemsRequired: 2 },
  ) {}

  private get db() {
    return this.rights.db;
  }
  private get repo() {
    return this.rights.repo;
  }

  /** The engine's spec for this request: only the verified e-mail is an identity (an unverified phone could be someone else's). */
  private async spec(row: RequestRow, kind: RunSpec['kind'], corrections: RunSpec['rectify'] = []) {
    const register = await this.rights.register.require();
    const specs = await this.connections.specs();
    const plan = planExecution(register, new Set(Object.keys(specs)));
    const subject = this.rights.subjectOf(row);
    const usable = identityTypes(plan.engine.datasets).has('email') && plan.engine.datasets.length > 0;
    const spec = usable
      ? RunSpec.parse({
          kind,
          datasets: plan.engine.datasets,
          connections: Object.fromEntries(plan.engine.datasets.map((d) => [d.fides_key, specs[d.fides_key]])),
          identities: { email: [subject.email] },
          targets: ['user'],
          strategy: { strategy: 'null_rewrite' },
          skipShared: true,
          skipUnreachable: true,
          rectify: corrections,
          salt: randomBytes(16).toString('hex'),
        })
      : undefined;
    return { plan, spec };
  }

  /** 001 seed: phone and birth date must match what is held for the verified e-mail (read without writing). */
  async knowledgeCheck(
    id: string,
    supplied: { phone?: string | undefined; birthDate?: string | undefined },
    acting: Acting,
  ): Promise<{ ok: boolean; status: Status }> {
    const row = await this.rights.row(id);
    if (row.status !== 'verifying' && row.status !== 'received')
      throw new AppError('rights_transition_not_allowed', 409, {
        from: row.status,
        action: 'knowledge_check',
      });
    const { spec } = await this.spec(row, 'access');
    const values: unknown[] = [];
    if (spec) {
      const out = await this.runs.execute({ spec, dryRun: true, actor: acting.actor });
      for (const rows of Object.values(out.access ?? {}))
        for (const r of rows) values.push(...Object.values(r));
    }
    const result = knowledgeMatch(supplied, values, this.options.knowledgeItemsRequired);
    const rights = await this.rights.rightsSettings();
    const status = await this.db.transaction().execute(async (trx) => {
      const locked = await this.rights.lockRow(trx, id);
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.knowledge_checked',
        object: { type: 'rights_request', id },
        details: { ok: result.ok, matched: result.matched, missing: result.missing },
      });
      if (!result.ok) return locked.status as Status;
      if (locked.status === 'received')
        await this.rights.move(trx, locked, 'start_verification', acting, 'knowledge match');
      return this.rights.identified(
        trx,
        locked,
        acting,
        `knowledge match: ${result.matched.join('+')}`,
        rights,
      );
    });
    return { ok: result.ok, status };
  }

  /**
   * Approval runs the work: the engine on every system with datasets and connections, a manual task for
   * the others, a controller task for entrusted data; the access rows become the package. Engine run ids
   * are derived from the request, so approving twice replays the journal rather than acting twice.
   */
  async approve(
    id: string,
    acting: Acting,
    input: { reason?: string | undefined; corrections: RunSpec['rectify'] },
  ): Promise<RequestView> {
    const row = await this.rights.row(id);
    if (row.status !== 'in_progress')
      throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'approve' });
    const aspects = row.aspects as Parameters<typeof runKindsFor>[0];
    const runKinds = runKindsFor(aspects).filter(
      (k) => k !== 'rectification' || input.corrections.length > 0,
    );
    const { plan, spec: accessSpec } = await this.spec(row, 'access');
    const tasks: {
      kind: 'engine' | 'manual' | 'route_to_controller';
      system: string;
      runKind: string;
      status: 'open' | 'done' | 'failed';
      runId: string | null;
      summary: Record<string, unknown>;
    }[] = [];
    let access: AccessPackage = {};
    for (const kind of runKinds) {
      if (!accessSpec || plan.engine.systems.length === 0) break;
      const spec = { ...accessSpec, kind, rectify: kind === 'rectification' ? input.corrections : [] };
      const runId = `rights:${id}:${kind}`;
      try {
        const out = await this.runs.execute({ spec, runId, actor: acting.actor });
        if (out.access) access = { ...access, ...out.access };
        const collections = Object.fromEntries(Object.entries(out.collections).map(([k, v]) => [k, v.rows]));
        for (const system of plan.engine.systems)
          tasks.push({
            kind: 'engine',
            system,
            runKind: kind,
            status: 'done',
            runId,
            summary: { collections, verified: out.verification?.ok ?? null },
          });
      } catch (error) {
        for (const system of plan.engine.systems)
          tasks.push({
            kind: 'engine',
            system,
            runKind: kind,
            status: 'failed',
            runId,
            summary: { error: error instanceof Error ? error.name : 'Error' },
          });
      }
    }
    const workKinds = runKinds.length > 0 ? runKinds : ['review'];
    for (const system of plan.manual)
      for (const k of workKinds)
        tasks.push({ kind: 'manual', system, runKind: k, status: 'open', runId: null, summary: {} });
    for (const system of plan.controller)
      tasks.push({
        kind: 'route_to_controller',
        system,
        runKind: workKinds.join('+'),
        status: 'open',
        runId: null,
        summary: {},
      });

    const now = this.rights.clock();
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.rights.lockRow(trx, id);
      for (const t of tasks)
        await this.repo.insertTask(trx, {
          id: randomUUID(),
          request_id: id,
          kind: t.kind,
          system_key: t.system,
          run_kind: t.runKind,
          status: t.status,
          assignee: null,
          run_id: t.runId,
          summary: JSON.stringify(t.summary),
          created_at: now,
          done_at: t.status === 'open' ? null : now,
        });
      const pkg: AnswerPackage = {
        reference: locked.reference,
        generatedAt: now.toISOString(),
        collections: access,
        withheld: [],
        manualSystems: plan.manual,
        controllerSystems: plan.controller,
      };
      await this.repo.savePackage(
        trx,
        id,
        this.rights.secrets.seal(JSON.stringify(pkg), `rights_package:${id}`),
        now,
      );
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.package_built',
        object: { type: 'rights_request', id },
        details: {
          collections: itemCounts(pkg).map((i) => `${i.collection}=${i.rows}`),
          manual: plan.manual,
          controller: plan.controller,
        },
      });
      await this.rights.move(trx, locked, 'approve', acting, input.reason ?? null);
    });
    return this.rights.view(await this.rights.row(id));
  }

  /** An item withheld from the answer with its legal ground (APPI Art. 33(2); Art. 36 reasons). */
  async addExemption(
    id: string,
    acting: Acting,
    input: { item: string; groundId: string; reason: string },
  ): Promise<void> {
    const row = await this.rights.row(id);
    const register = await this.rights.register.require();
    if (!groundsFor(row.law_kinds, register.rights).has(input.groundId))
      throw new AppError('rights_ground_unknown', 400, { ground: input.groundId });
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.rights.lockRow(trx, id);
      if (isTerminal(locked.status as Status))
        throw new AppError('rights_transition_not_allowed', 409, { from: locked.status, action: 'exempt' });
      await this.repo.insertExemption(trx, {
        request_id: id,
        item: input.item,
        ground_id: input.groundId,
        reason: input.reason,
        created_at: this.rights.clock(),
      });
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.exemption_recorded',
        object: { type: 'rights_request', id },
        details: { item: input.item, ground: input.groundId },
      });
    });
  }

  /** The officer's decision: complete, partially refuse or refuse, each refusal with grounds (Art. 36). */
  async decide(
    id: string,
    acting: Acting,
    input: { outcome: 'completed' | 'partially_refused' | 'refused'; reason: string; grounds: string[] },
  ): Promise<RequestView> {
    const row = await this.rights.row(id);
    const register = await this.rights.register.require();
    const known = groundsFor(row.law_kinds, register.rights);
    for (const g of input.grounds)
      if (!known.has(g)) throw new AppError('rights_ground_unknown', 400, { ground: g });
    const exemptions = await this.repo.exemptions(this.db, id);
    if (input.outcome !== 'completed' && input.grounds.length === 0 && exemptions.length === 0)
      throw new AppError('validation_failed', 400, {
        field: 'grounds',
        detail: 'a refusal needs at least one ground',
      });
    const action: Action =
      input.outcome === 'completed'
        ? 'complete'
        : input.outcome === 'refused'
          ? 'refuse'
          : 'partially_refuse';
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.rights.lockRow(trx, id);
      await this.repo.update(trx, id, {
        decision: JSON.stringify({
          outcome: input.outcome,
          reason: input.reason,
          grounds: input.grounds,
          decidedAt: this.rights.clock().toISOString(),
        }),
      });
      await this.rights.move(trx, locked, action, acting, input.reason);
    });
    return this.rights.view(await this.rights.row(id));
  }

  /** The package as the person receives it: exemptions applied at the time of the answer. */
  async package(id: string): Promise<AnswerPackage> {
    const sealed = await this.repo.packageOf(this.db, id);
    const row = await this.rights.row(id);
    const base: AnswerPackage = sealed
      ? (JSON.parse(this.rights.secrets.open(sealed, `rights_package:${id}`)) as AnswerPackage)
      : {
          reference: row.reference,
          generatedAt: this.rights.clock().toISOString(),
          collections: {},
          withheld: [],
          manualSystems: [],
          controllerSystems: [],
        };
    const exemptions = await this.repo.exemptions(this.db, id);
    return {
      ...base,
      collections: applyExemptions(
        base.collections,
        exemptions.map((e) => e.item),
      ),
      withheld: exemptions.map((e) => ({ item: e.item, groundId: e.ground_id })),
    };
  }

  async letter(id: string, lang?: 'ja' | 'en'): Promise<Buffer> {
    const row = await this.rights.row(id);
    const register = await this.rights.register.require();
    const language = lang ?? row.language;
    const decision = row.decision as {
      outcome: 'completed' | 'partially_refused' | 'refused';
      reason: string;
      grounds: string[];
      decidedAt: string;
    } | null;
    const pkg = await this.package(id);
    const exemptions = await this.repo.exemptions(this.db, id);
    const text = (g: string) => groundText(g, row.law_kinds, register.rights, language) ?? g;
    const org = register.organisation as { name?: { ja: string; en?: string } };
    return letterToPdf({
      lang: language,
      organisation: (language === 'en' ? org.name?.en : undefined) ?? org.name?.ja ?? '',
      reference: row.reference,
      recipient: this.rights.subjectOf(row).name,
      kinds: row.law_kinds,
      outcome: decision?.outcome ?? 'completed',
      receivedOn: localDateOf(row.received_at),
      dueBy: row.due_by,
      answeredOn: localDateOf(decision ? new Date(decision.decidedAt) : this.rights.clock()),
      items: itemCounts(pkg),
      withheld: exemptions.map((e) => ({ item: e.item, ground: text(e.ground_id), reason: e.reason })),
      refusal:
        decision && decision.outcome !== 'completed' && decision.grounds.length > 0
          ? { grounds: decision.grounds.map(text), reason: decision.reason }
          : undefined,
      manualSystems: pkg.manualSystems,
      controllerSystems: pkg.controllerSystems,
    });
  }

  /** An expiring link for the person; only the token's hash is stored. */
  async createDownload(id: string, acting: Acting): Promise<{ token: string; expiresAt: string }> {
    const token = newToken('mmd');
    const now = this.rights.clock();
    const expiresAt = new Date(now.getTime() + DOWNLOAD_TTL_MS);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.rights.lockRow(trx, id);
      if (!['completed', 'partially_refused', 'refused'].includes(row.status))
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'download' });
      await this.repo.insertDownload(trx, {
        token_hash: hashToken(token),
        request_id: id,
        expires_at: expiresAt,
        created_at: now,
      });
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.download_created',
        object: { type: 'rights_request', id },
        details: { expiresAt: expiresAt.toISOString() },
      });
    });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  async download(
    token: string,
    file: 'json' | 'csv' | 'letter',
    acting: Acting,
  ): Promise<{ contentType: string; body: Buffer | string; filename: string }> {
    const id = await this.db.transaction().execute(async (trx) => {
      const found = await this.repo.download(trx, hashToken(token));
      if (!found || found.expires_at.getTime() <= this.rights.clock().getTime()) return undefined;
      await this.repo.countDownload(trx, found.token_hash);
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.downloaded',
        object: { type: 'rights_request', id: found.request_id },
        origin: acting.origin,
        details: { file },
      });
      return found.request_id;
    });
    if (!id) throw new AppError('rights_download_expired', 404);
    const row = await this.rights.row(id);
    if (file === 'letter')
      return {
        contentType: 'application/pdf',
        body: await this.letter(id),
        filename: `${row.reference}.pdf`,
      };
    const pkg = await this.package(id);
    return file === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', body: packageCsv(pkg), filename: `${row.reference}.csv` }
      : {
          contentType: 'application/json; charset=utf-8',
          body: packageJson(pkg),
          filename: `${row.reference}.json`,
        };
  }
}
