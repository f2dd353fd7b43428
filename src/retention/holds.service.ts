import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import { statuteByKey } from './retention.laws.js';
import type { HoldRow, RetentionRepository } from './retention.repository.js';
import { type Hold, HoldInput, HoldScope } from './retention.schema.js';

/*
 * Legal holds (issue 9): litigation holds keep what they cover until released; statutory holds (tax,
 * labour law) keep it at least their period. A person hold's identity value is personal data: sealed.
 */

const holdContext = (id: string) => `retention_hold:${id}`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const actorLabel = (a: Actor) => a.label ?? a.id ?? a.type;

export class HoldsService {
  constructor(
    private readonly deps: {
      db: Db;
      repo: RetentionRepository;
      audit: AuditService;
      secrets: SecretBox;
      now(): Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now();
  }

  private toHold(row: HoldRow): Hold {
    const scope = HoldScope.parse(
      row.value_sealed
        ? { ...row.scope, value: this.deps.secrets.open(row.value_sealed, holdContext(row.id)) }
        : row.scope,
    );
    return {
      id: row.id,
      scope,
      reason: row.reason as Hold['reason'],
      statute: row.statute,
      period: row.period,
      citation: row.citation,
      note: row.note,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      releasedAt: iso(row.released_at),
    };
  }

  async holds(includeReleased = false): Promise<Hold[]> {
    return (await this.deps.repo.holds(this.deps.db, includeReleased)).map((r) => this.toHold(r));
  }

  /** Holds as listed to staff: a person hold shows its identity type, never the value. */
  async holdsRedacted(includeReleased = false): Promise<Hold[]> {
    return (await this.holds(includeReleased)).map((h) =>
      h.scope.kind === 'person' ? { ...h, scope: { ...h.scope, value: '***' } } : h,
    );
  }

  async placeHold(actor: Actor, input: HoldInput): Promise<Hold> {
    const parsed = HoldInput.parse(input);
    const statute = parsed.statute ? statuteByKey(parsed.statute) : undefined;
    if (parsed.statute && !statute)
      throw new AppError('not_found', 404, { what: `statute ${parsed.statute}` });
    const id = randomUUID();
    const { scope } = parsed;
    const personValue = scope.kind === 'person' ? scope.value : null;
    const stored = scope.kind === 'person' ? { kind: scope.kind, identity: scope.identity } : scope;
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insertHold(trx, {
        id,
        scope: stored,
        value_sealed: personValue ? this.deps.secrets.seal(personValue, holdContext(id)) : null,
        reason: statute?.reason ?? parsed.reason,
        statute: statute?.key ?? null,
        period: (parsed.period ?? statute?.period ?? null) as Record<string, number> | null,
        citation: parsed.citation ?? statute?.citation ?? null,
        note: parsed.note ?? null,
        created_by: actorLabel(actor),
      });
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.hold_placed',
        object: { type: 'retention_hold', id },
        details: { scope: scope.kind, reason: parsed.reason, statute: statute?.key ?? null },
      });
    });
    const hold = (await this.holds(true)).find((h) => h.id === id);
    if (!hold) throw notFound('hold');
    return hold;
  }

  /** The reason goes into the audit event: why a litigation or statutory hold no longer applies. */
  async releaseHold(actor: Actor, id: string, reason?: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.deps.repo.releaseHold(trx, id, actorLabel(actor), this.now()))) throw notFound('hold');
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.hold_released',
        object: { type: 'retention_hold', id },
        ...(reason && { details: { reason } }),
      });
    });
  }
}
