import { createHmac, hkdfSync, randomInt, randomUUID } from 'node:crypto';
import { actorOf, type Principal } from '../accounts/accounts.service.js';
import type { OrgLawSettingsInput, RightAspect } from '../laws/index.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { KeyRing } from '../platform/crypto/keys.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { safeEqual } from '../platform/crypto/tokens.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { RegisterService } from '../register/register.service.js';
import type { RightsProcedure } from '../register/rights.schema.js';

type RightsSettings = RightsProcedure | undefined;

import { type Action, isTerminal, transition, type Who } from './lifecycle.rules.js';
import {
  extensionProblem,
  feeFor,
  isOverdue,
  lawKindsFor,
  requestDeadlines,
  requiredDocuments,
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
import { CODE_TTL_MS, checkCode, mayIssueCode } from './verification.rules.js';

/** Who is acting, for the lifecycle table (`who`) and for the audit log (`actor`). */
export interface Acting {
  who: Who;
  actor: Actor;
  origin?: Origin | undefined;
}

export const staffActing = (p: Principal, origin: Origin = {}): Acting => ({
  who: { type: 'staff', roles: p.roles },
  actor: actorOf(p),
  origin,
});
export const SYSTEM: Acting = { who: { type: 'system' }, actor: { type: 'system', label: 'rights' } };
export const subjectActing = (origin: Origin = {}): Acting => ({
  who: { type: 'subject' },
  actor: { type: 'public' },
  origin,
});

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
  private readonly codeKey: Buffer;
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
    // Codes are kept as an HMAC, not a plain hash: 10^6 codes are enumerable, a keyed MAC is not.
    this.codeKey = Buffer.from(
      hkdfSync('sha256', keys.derive('pseudonyms'), Buffer.alloc(0), 'mamori-rights-codes', 32),
    );
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
  async submitPublic(input: PublicRequestBody, origin: Origin): Promise<{ reference: string }> {
    const body = publicRequestBody.parse(input);
    const id = await this.create(body, 'web-form', this.clock(), [], subjectActing(origin));
    await this.sendCode(id, SYSTEM);
    return { reference: (await this.row(id)).reference };
  }

  private async create(
    body: ReturnType<typeof publicRequestBody.parse>,
    channel: string,
    receivedAt: Date,
    documents: string[],
    acting: Acting,
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
  async sendCode(id: string, acting: Acting): Promise<void> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lockRow(trx, id);
      if (row.status === 'received') await this.move(trx, row, 'start_verification', acting, 'e-mail code');
      if (row.status !== 'verifying')
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'send_code' });
      if (!mayIssueCode(await this.repo.codesSince(trx, id, new Date(now.getTime() - 3_600_000))))
        throw new AppError('rate_limited', 429, { after: '1 h' });
      const code = String(randomInt(1_000_000)).padStart(6, '0');
      await this.repo.retireCodes(trx, id, now);
      await this.repo.insertCode(trx, {
        id: randomUUID(),
        request_id: id,
        code_hash: this.codeHash(id, code),
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
        created_at: now,
      });
      const subject = this.subjectOf(row);
      const en = row.language === 'en';
      await this.outbox(trx, {
        to: subject.email,
        subject: en
          ? `Your confirmation code (${row.reference})`
          : `確認コードのお知らせ（${row.reference}）`,
        body: en
          ? `Your confirmation code is ${code}. It is valid for 10 minutes and can be used once.`
          : `確認コードは ${code} です。有効期限は10分間で、1回のみ使用できます。`,
        related: id,
      });
      await this.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.code_sent',
        object: { type: 'rights_request', id },
        details: { channel: 'email' },
      });
    });
  }

  /**
   * Checks a code. Every failure gives the same answer (wrong, expired, used, locked, or no such request),
   * and a wrong try is counted in its own committed transaction before the answer goes out.
   */
  async verifyCode(reference: string, code: string, origin: Origin): Promise<{ status: Status }> {
    const acting = subjectActing(origin);
    // Read before the transaction: on the embedded database a transaction holds the only session.
    const rights = await this.rightsSettings();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const found = await this.repo.byReference(trx, reference);
      if (found?.status !== 'verifying') return { ok: false as const };
      const row = (await this.repo.lock(trx, found.id)) as RequestRow;
      const latest = await this.repo.latestCode(trx, row.id);
      const matches = latest ? safeEqual(latest.code_hash, this.codeHash(row.id, code)) : false;
      const check = checkCode(
        latest && { expiresAt: latest.expires_at, attempts: latest.attempts, usedAt: latest.used_at },
        matches,
        this.clock(),
      );
      if (check !== 'ok') {
        if (latest && check === 'wrong')
          await this.repo.updateCode(trx, latest.id, { attempts: latest.attempts + 1 });
        await this.audit.record(trx, {
          actor: acting.actor,
          action: 'rights.code_failed',
          object: { type: 'rights_request', id: row.id },
          origin,
          details: { result: check },
        });
        return { ok: false as const };
      }
      await this.repo.updateCode(trx, (latest as { id: string }).id, { used_at: this.clock() });
      return { ok: true as const, status: await this.identified(trx, row, acting, 'e-mail code', rights) };
    });
    if (!outcome.ok) throw new AppError('rights_code_rejected', 400);
    return { status: outcome.status };
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

  /** Extension with notice to the person (GDPR Art. 12(3), CCPA §1798.130(a)(2)); refused where the law has none. */
  async extend(id: string, acting: Acting, reason: string): Promise<RequestView> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lockRow(trx, id);
      if (isTerminal(row.status as Status))
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'extend' });
      const problem = extensionProblem(row.law_kinds, row.received_at, now, this.laws);
      if (problem) throw new AppError('rights_extension_unavailable', 409, { detail: problem });
      const deadlines = requestDeadlines(row.law_kinds, row.received_at, this.laws, now);
      await this.repo.update(trx, id, {
        extension_notice_at: now,
        extension_reason: reason,
        due_by: deadlines.dueBy,
        governed_by: deadlines.governedBy,
        updated_at: now,
      });
      const subject = this.subjectOf(row);
      const en = row.language === 'en';
      await this.outbox(trx, {
        to: subject.email,
        subject: en
          ? `Your request ${row.reference}: more time needed`
          : `ご請求（${row.reference}）の回答期限延長のお知らせ`,
        body: en
          ? `We need more time to answer your request. We will answer by ${deadlines.dueBy}. Reason: ${reason}`
          : `ご請求への回答に時間を要するため、回答期限を ${deadlines.dueBy} まで延長いたします。理由: ${reason}`,
        related: id,
      });
      await this.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.extended',
        object: { type: 'rights_request', id },
        details: { from: row.due_by, to: deadlines.dueBy, reason },
      });
    });
    return this.view(await this.row(id));
  }

  /** 002 seed: a fee not paid by its deadline means the request is treated as not made. */
  async closeUnpaid(): Promise<number> {
    let closed = 0;
    for (const id of await this.repo.unpaidPast(this.db, this.clock())) {
      await this.db.transaction().execute(async (trx) => {
        const row = await this.lockRow(trx, id);
        if (row.status !== 'awaiting_fee') return;
        await this.move(trx, row, 'close_unpaid', SYSTEM, 'fee not paid by the deadline');
        closed += 1;
      });
    }
    return closed;
  }

  /** Open requests past or near their deadline (counts only: the job's log holds no personal data). */
  async reminders(): Promise<{ overdue: number; dueWithin3Days: number }> {
    const now = this.clock();
    const soon = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    let overdue = 0;
    let dueWithin3Days = 0;
    for (const row of await this.repo.open(this.db)) {
      if (isOverdue(row.due_by, now, 'Asia/Tokyo', true)) overdue += 1;
      else if (row.due_by <= soon) dueWithin3Days += 1;
    }
    return { overdue, dueWithin3Days };
  }

  async list(filter: {
    status?: Status | undefined;
    overdue?: boolean | undefined;
    limit: number;
  }): Promise<RequestView[]> {
    const rows = await this.repo.list(this.db, filter);
    const views = await Promise.all(rows.map((r) => this.view(r)));
    return filter.overdue === undefined ? views : views.filter((v) => v.overdue === filter.overdue);
  }

  async detail(id: string, acting: Acting) {
    const row = await this.row(id);
    const [timeline, tasks, exemptions] = await Promise.all([
      this.repo.transitions(this.db, id),
      this.repo.tasks(this.db, id),
      this.repo.exemptions(this.db, id),
    ]);
    await this.audit.recordAlone({
      actor: acting.actor,
      action: 'rights.viewed',
      object: { type: 'rights_request', id },
      origin: acting.origin,
    });
    return {
      ...(await this.view(row)),
      timeline: timeline.map((t) => ({
        from: t.from_status,
        to: t.to_status,
        action: t.action,
        actor: t.actor,
        reason: t.reason,
        at: t.at.toISOString(),
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        kind: t.kind,
        systemKey: t.system_key,
        runKind: t.run_kind,
        status: t.status,
        summary: t.summary,
      })),
      exemptions: exemptions.map((e) => ({ item: e.item, groundId: e.ground_id, reason: e.reason })),
    };
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
    };
  }

  private codeHash(id: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${id}:${code}`).digest('hex');
  }
}

export const actorLabel = (a: Actor): string => `${a.type}${a.label ? `:${a.label}` : ''}`;
