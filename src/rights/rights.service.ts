/**
 * A rights request's life: intake (staff and public), the lifecycle table applied and audited, identity
 * established (a fee first where one is due), staff actions, and the request as the API shows it. Codes
 * (codes.service.ts), deadlines (deadlines.service.ts), the queue (queue.service.ts), tasks
 * (tasks.service.ts) and the answer (answer.service.ts) live beside it.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { OrgLawSettingsInput, RightAspect } from '../laws/index.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { KeyRing } from '../platform/crypto/keys.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { RegisterService } from '../register/register.service.js';
import type { RightsProcedure } from '../register/rights.schema.js';
import { type Acting, SYSTEM, subjectActing } from './acting.js';
import { CodeService } from './codes.service.js';
import { DeadlineService } from './deadlines.service.js';
import { type Action, isTerminal, transition } from './lifecycle.rules.js';
import {
  feeFor,
  isOverdue,
  lawKindsFor,
  requestDeadlines,
  requiredDocuments,
  urgencyOf,
} from './request.rules.js';
import type { RequestRow, RightsRepository } from './rights.repository.js';
import {
  type AgentKind,
  type PublicRequestBody,
  publicRequestBody,
  type RequestView,
  type StaffRequestBody,
  type Status,
  type Subject,
  staffRequestBody,
} from './rights.schema.js';

type RightsSettings = RightsProcedure | undefined;

export { type Acting, SYSTEM, staffActing, subjectActing } from './acting.js';

export interface SealedSubject extends Subject {
  agent?: { kind: AgentKind; name: string; email?: string | undefined } | undefined;
  details?: string | undefined;
  disclosureMethod: 'electronic' | 'paper' | 'other';
}

export interface RightsOptions {
  clock?: () => Date;
  laws?: OrgLawSettingsInput;
}

const sealContext = (id: string) => `rights_request:${id}`;
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class RightsService {
  readonly codes: CodeService;
  readonly deadlines: DeadlineService;
  readonly clock: () => Date;
  readonly laws: OrgLawSettingsInput;

  constructor(
    readonly db: Db,
    readonly repo: RightsRepository,
    readonly audit: AuditService,
    readonly register: RegisterService,
    readonly secrets: SecretBox,
    keys: KeyRing,
    options: RightsOptions = {},
  ) {
    this.codes = new CodeService(this, keys);
    this.deadlines = new DeadlineService(this);
    this.clock = options.clock ?? (() => new Date());
    this.laws = options.laws ?? {};
  }

  /** A staff entry: web, e-mail, postal or phone requests typed in by the privacy office. */
  async submitStaff(input: StaffRequestBody, acting: Acting): Promise<RequestView> {
    const body = staffRequestBody.parse(input);
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : this.clock();
    const id = await this.create(body, body.channel, receivedAt, body.documents, acting);
    return this.view(await this.row(id));
  }

  /**
   * A public request. The answer never depends on whether Mamori holds anything about the person: the
   * request is stored and a code sent to the address given either way; who they are is looked up only
   * after they have proved that address is theirs.
   */
  async submitPublic(
    input: PublicRequestBody,
    origin: Origin,
    within?: Within,
  ): Promise<{ reference: string }> {
    const body = publicRequestBody.parse(input);
    const id = await this.create(body, 'web-form', this.clock(), [], subjectActing(origin), within);
    await this.sendCode(id, SYSTEM);
    return { reference: (await this.row(id)).reference };
  }

  private async create(
    body: ReturnType<typeof publicRequestBody.parse>,
    channel: string,
    receivedAt: Date,
    documents: string[],
    acting: Acting,
    within?: Within,
  ): Promise<string> {
    const { laws, kinds } = lawKindsFor(body.aspects as RightAspect[], body, this.laws);
    if (kinds.length === 0) throw new AppError('rights_no_kind', 400);
    const deadlines = requestDeadlines(kinds, receivedAt, this.laws);
    const id = randomUUID();
    const reference = `R-${Array.from({ length: 10 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`;
    const sealed: SealedSubject = {
      ...body.subject,
      ...(body.agent && { agent: body.agent }),
      ...(body.details && { details: body.details }),
      disclosureMethod: body.disclosureMethod,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertRequest(trx, {
        id,
        reference,
        status: 'received',
        channel,
        language: body.language,
        aspects: JSON.stringify(body.aspects),
        laws: JSON.stringify(laws),
        law_kinds: JSON.stringify(kinds),
        agent_kind: body.agent?.kind ?? null,
        documents: JSON.stringify(documents),
        subject_sealed: this.secrets.seal(JSON.stringify(sealed), sealContext(id)),
        received_at: receivedAt,
        due_by: deadlines.dueBy,
        governed_by: deadlines.governedBy,
        acknowledge_by: deadlines.acknowledgeBy ?? null,
        extension_notice_at: null,
        extension_reason: null,
        verified_at: null,
        verified_by: null,
        fee: null,
        fee_due_at: null,
        fee_paid_at: null,
        decision: null,
        assignee: null,
        closed_at: null,
      });
      await this.repo.insertTransition(trx, {
        request_id: id,
        from_status: null,
        to_status: 'received',
        action: 'receive',
        actor: actorLabel(acting.actor),
        reason: null,
        at: this.clock(),
      });
      await this.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.received',
        object: { type: 'rights_request', id },
        origin: acting.origin,
        details: { channel, kinds, laws, dueBy: deadlines.dueBy, agent: body.agent?.kind ?? null },
      });
      await within?.(trx, id, acting);
    });
    return id;
  }

  /** Moves a request by the lifecycle table, audited with actor and reason in the same transaction. */
  async move(
    trx: Trx,
    row: RequestRow,
    action: Action,
    acting: Acting,
    reason?: string | null,
  ): Promise<Status> {
    const result = transition(row.status as Status, action, acting.who);
    if (!result.ok) {
      throw result.problem === 'not_allowed'
        ? new AppError('rights_role_not_allowed', 403, { action })
        : new AppError('rights_transition_not_allowed', 409, { from: row.status, action });
    }
    const now = this.clock();
    await this.repo.update(trx, row.id, {
      status: result.to,
      updated_at: now,
      ...(isTerminal(result.to) && { closed_at: now }),
    });
    await this.repo.insertTransition(trx, {
      request_id: row.id,
      from_status: row.status,
      to_status: result.to,
      action,
      actor: actorLabel(acting.actor),
      reason: reason ?? null,
      at: now,
    });
    await this.audit.record(trx, {
      actor: acting.actor,
      action: 'rights.transitioned',
      object: { type: 'rights_request', id: row.id },
      origin: acting.origin,
      details: { from: row.status, to: result.to, action, reason: reason ?? null },
    });
    row.status = result.to;
    return result.to;
  }

  /** Starts verification (if not yet) and sends a one-time code to the e-mail the request gave. */
  sendCode(id: string, acting: Acting): Promise<void> {
    return this.codes.send(id, acting);
  }

  /** Checks a code; every failure gives the same answer (codes.service.ts). */
  verifyCode(reference: string, code: string, origin: Origin): Promise<{ status: Status }> {
    return this.codes.verify(reference, code, origin);
  }

  extend(id: string, acting: Acting, reason: string): Promise<RequestView> {
    return this.deadlines.extend(id, acting, reason);
  }

  closeUnpaid(): Promise<number> {
    return this.deadlines.closeUnpaid();
  }

  reminders(): Promise<{ overdue: number; dueWithin3Days: number }> {
    return this.deadlines.reminders();
  }

  /** Identity established (code, knowledge match or documents): a fee first where one is due (Art. 38). */
  async identified(
    trx: Trx,
    row: RequestRow,
    acting: Acting,
    how: string,
    rights: RightsSettings,
  ): Promise<Status> {
    const fee = rights ? feeFor(row.law_kinds, rights) : null;
    const now = this.clock();
    await this.repo.update(trx, row.id, { verified_at: now, verified_by: how });
    if (!fee) return this.move(trx, row, 'verified', acting, how);
    await this.repo.update(trx, row.id, {
      fee: JSON.stringify({ amount: fee.amount, currency: fee.currency, kinds: fee.kinds }),
      fee_due_at: new Date(now.getTime() + fee.paymentDays * 86_400_000),
    });
    return this.move(trx, row, 'require_fee', acting, `${how}; fee ${fee.amount} ${fee.currency}`);
  }

  /** Staff checked the identity documents (or the agent's documents) and accept them. */
  async documentsVerified(id: string, acting: Acting, reason: string | undefined): Promise<RequestView> {
    const rights = await this.rightsSettings();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lockRow(trx, id);
      if (row.status === 'received') await this.move(trx, row, 'start_verification', acting, 'documents');
      await this.identified(trx, row, acting, reason ? `documents: ${reason}` : 'documents', rights);
    });
    return this.view(await this.row(id));
  }

  async act(id: string, action: Action, acting: Acting, reason?: string): Promise<RequestView> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lockRow(trx, id);
      if (
        action === 'record_unpaid' &&
        row.status === 'awaiting_fee' &&
        !(row.fee_due_at && row.fee_due_at <= this.clock())
      )
        throw new AppError('rights_transition_not_allowed', 409, {
          from: 'awaiting_fee (payment not yet due)',
          action,
        });
      if (action === 'fee_paid') await this.repo.update(trx, id, { fee_paid_at: this.clock() });
      await this.move(trx, row, action, acting, reason);
      if (action === 'fee_paid')
        await this.audit.record(trx, {
          actor: acting.actor,
          action: 'rights.fee_paid',
          object: { type: 'rights_request', id },
          details: { fee: row.fee as never },
        });
    });
    return this.view(await this.row(id));
  }

  /** The person withdraws by reference; the answer is the same for unknown references. */
  async withdrawPublic(reference: string, origin: Origin): Promise<void> {
    const row = await this.repo.byReference(this.db, reference);
    if (!row || isTerminal(row.status as Status)) return;
    await this.act(row.id, 'withdraw', subjectActing(origin), 'withdrawn by the person');
  }

  /** The outbox (development: admins read codes here; production: the delivery job sends them). */
  async outboxList(acting: Acting, limit: number) {
    const rows = await this.repo.outbox(this.db, limit);
    await this.audit.recordAlone({
      actor: acting.actor,
      action: 'outbox.viewed',
      origin: acting.origin,
      details: { count: rows.length },
    });
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      to: this.secrets.open(r.to_sealed, `outbox:${r.id}:to`),
      subject: r.subject,
      body: this.secrets.open(r.body_sealed, `outbox:${r.id}:body`),
      related: r.related,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async outbox(trx: Trx, m: { to: string; subject: string; body: string; related: string }): Promise<void> {
    const id = randomUUID();
    await this.repo.insertOutbox(trx, {
      id,
      channel: 'email',
      to_sealed: this.secrets.seal(m.to, `outbox:${id}:to`),
      subject: m.subject,
      body_sealed: this.secrets.seal(m.body, `outbox:${id}:body`),
      related: m.related,
      created_at: this.clock(),
      sent_at: null,
    });
  }

  async rightsSettings(): Promise<RightsSettings> {
    return (await this.register.load())?.rights;
  }

  subjectOf(row: RequestRow): SealedSubject {
    return JSON.parse(this.secrets.open(row.subject_sealed, sealContext(row.id))) as SealedSubject;
  }

  async row(id: string): Promise<RequestRow> {
    const row = await this.repo.get(this.db, id);
    if (!row) throw notFound('request');
    return row;
  }

  async lockRow(trx: Trx, id: string): Promise<RequestRow> {
    const row = await this.repo.lock(trx, id);
    if (!row) throw notFound('request');
    return row;
  }

  async view(row: RequestRow): Promise<RequestView> {
    const register = await this.register.load();
    const fee = row.fee as { amount: number; currency: string } | null;
    const lang = row.language;
    return {
      id: row.id,
      reference: row.reference,
      status: row.status as Status,
      channel: row.channel,
      language: lang,
      aspects: row.aspects,
      laws: row.laws,
      lawKinds: row.law_kinds,
      agentKind: row.agent_kind,
      requiredDocuments: register
        ? requiredDocuments(
            register.rights,
            (row.agent_kind ?? undefined) as AgentKind | undefined,
            row.law_kinds,
            lang,
          )
        : [],
      documents: row.documents,
      receivedAt: row.received_at.toISOString(),
      dueBy: row.due_by,
      governedBy: row.governed_by,
      acknowledgeBy: row.acknowledge_by,
      extended: row.extension_notice_at !== null,
      overdue: isOverdue(row.due_by, this.clock(), 'Asia/Tokyo', !isTerminal(row.status as Status)),
      fee: fee && {
        amount: fee.amount,
        currency: fee.currency,
        dueAt: row.fee_due_at?.toISOString() ?? null,
        paidAt: row.fee_paid_at?.toISOString() ?? null,
      },
      verifiedAt: row.verified_at?.toISOString() ?? null,
      decision: row.decision,
      assignee: row.assignee,
      urgency: urgencyOf(row.status as Status, row.due_by, this.clock()),
    };
  }
}

/** More to store with a new request in its transaction (the privacy centre's uploaded documents). */
export type Within = (trx: Trx, id: string, acting: Acting) => Promise<void>;
export const actorLabel = (a: Actor): string => `${a.type}${a.label ? `:${a.label}` : ''}`;
