import { randomBytes, randomUUID } from 'node:crypto';
import type { ConnectionService } from '../connectors/connection.service.js';
import type { AccessPackage } from '../engine/access.rules.js';
import { RunSpec } from '../engine/engine.schema.js';
import type { RunService } from '../engine/run.service.js';
import { AppError, notFound } from '../platform/errors.js';
import { DeliveryService } from './delivery.service.js';
import { identityTypes, planExecution } from './execution.rules.js';
import { type Action, isTerminal } from './lifecycle.rules.js';
import { type AnswerPackage, itemCounts } from './package.js';
import { noProvisionRecords, type ProvisionRecordSource } from './provision-records.js';
import { recipientNotices } from './recipients.rules.js';
import { groundsFor, runKindsFor } from './request.rules.js';
import type { RequestRow } from './rights.repository.js';
import type { RequestView, Status } from './rights.schema.js';
import type { Acting, RightsService } from './rights.service.js';
import { knowledgeMatch } from './verification.rules.js';

/**
 * Execution and the answer: checks knowledge, runs the engine on the systems the register lists, records
 * manual, controller and recipient-notice tasks, builds the package, takes exemptions and the decision.
 * The package, letter and download link are handed out by delivery.service.ts.
 */
export class AnswerService {
  /** APPI Art. 33(5) records; the provision-records feature plugs its source in here. */
  provisionRecords: ProvisionRecordSource = noProvisionRecords;
  readonly delivery: DeliveryService;

  constructor(
    private readonly rights: RightsService,
    private readonly runs: RunService,
    private readonly connections: ConnectionService,
    private readonly options: { knowledgeItemsRequired: number } = { knowledgeItemsRequired: 2 },
  ) {
    this.delivery = new DeliveryService(rights);
  }

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
      kind: 'engine' | 'manual' | 'route_to_controller' | 'recipient_notice';
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
    // CCPA §1798.105(c)(1): one notice per service provider, contractor and third party, sent by a handler.
    for (const n of recipientNotices(await this.rights.register.require(), row.laws, runKinds, row.reference))
      tasks.push({
        kind: 'recipient_notice',
        system: n.key,
        runKind: 'erasure',
        status: 'open',
        runId: null,
        summary: { role: n.role, name: n.name, citation: n.citation, text: n.text },
      });
    const provisionRecords = (row.aspects as string[]).includes('provision_records')
      ? await this.provisionRecords.recordsFor({ email: this.rights.subjectOf(row).email })
      : undefined;

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
        ...(provisionRecords && { provisionRecords }),
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
      // Issue 9: an erasure leaves a deletion certificate, hash-linked into the audit log in this transaction.
      const { certifyErasure } = await import('../retention/certificates.service.js');
      await certifyErasure(trx, this.rights.audit, {
        requestId: id,
        reference: locked.reference,
        runId: `rights:${id}:erasure`,
        systems: plan.engine.systems,
        approver: acting.actor,
        at: now,
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

  /**
   * An exemption taken back before the decision (recorded by mistake, or the ground no longer holds): the item is
   * answered again. The withdrawal is audited; the exemption's own audit entry stays.
   */
  async removeExemption(id: string, acting: Acting, exemptionId: string): Promise<void> {
    await this.rights.row(id);
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.rights.lockRow(trx, id);
      if (isTerminal(locked.status as Status))
        throw new AppError('rights_transition_not_allowed', 409, { from: locked.status, action: 'unexempt' });
      const removed = await this.repo.deleteExemption(trx, id, exemptionId);
      if (!removed) throw notFound(`exemption ${exemptionId}`);
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.exemption_withdrawn',
        object: { type: 'rights_request', id },
        details: { item: removed.item, ground: removed.ground_id },
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

  /** The package, letter and download link (delivery.service.ts). */
  package(id: string): Promise<AnswerPackage> {
    return this.delivery.package(id);
  }

  letter(id: string, lang?: 'ja' | 'en'): Promise<Buffer> {
    return this.delivery.letter(id, lang);
  }

  createDownload(id: string, acting: Acting): Promise<{ token: string; expiresAt: string }> {
    return this.delivery.createDownload(id, acting);
  }

  download(token: string, file: 'json' | 'csv' | 'letter', acting: Acting) {
    return this.delivery.download(token, file, acting);
  }
}
