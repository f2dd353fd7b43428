import { randomUUID } from 'node:crypto';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { ImportRow } from './consent.import.js';
import { notifyChanged } from './consent.notify.js';
import { type Choice, ledgerRecords, type WriteMeta } from './consent.records.js';
import type { ConsentRepository } from './consent.repository.js';
import { deriveState } from './consent.rules.js';
import type { RecordBody, SubjectKind, SubjectRef } from './consent.schema.js';
import type { ConfigSnapshot, ConfigSnapshots } from './consent.snapshot.js';
import type { VisitorStates } from './consent.visitor-state.js';

/**
 * Decisions recorded by staff and other systems, one transaction each with its audit row and a change
 * notification for the other processes; this process's cached visitor states are evicted after the commit.
 * Each write answers with the subject key whose state the caller shows.
 */
export class StaffWrites {
  constructor(
    private readonly db: Db,
    private readonly repo: ConsentRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly snapshots: ConfigSnapshots,
    private readonly visitors: VisitorStates,
    private readonly keyOf: (kind: SubjectKind, value: string) => string,
    /** This process in change notifications. */
    private readonly instance: string,
    private readonly clock: () => Date,
  ) {}

  /** A decision recorded by staff or another system through the API. */
  async record(actor: Actor, input: RecordBody, origin: Origin): Promise<string> {
    const snap = await this.snapshots.get();
    for (const c of input.choices)
      if (!snap.revs.has(c.purpose))
        throw new AppError('consent_purpose_unknown', 400, { purpose: c.purpose });
    const recordedAt = input.recordedAt ? new Date(input.recordedAt) : this.clock();
    const key = this.keyOf(input.subject.kind, input.subject.value);
    const canonical = await this.db.transaction().execute(async (trx) => {
      const { canonical, inserted } = await this.write(
        trx,
        { key, ...input.subject },
        input.choices.map((c) => ({ ...c, gpc: false })),
        snap,
        {
          channel: input.channel,
          recordedAt,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          noticeVersion: input.noticeVersion ?? snap.config.noticeVersion,
          language: input.language ?? null,
          shown: input.shown ?? null,
          jurisdiction: input.jurisdiction ?? null,
          origin,
          actor: actor.label ?? actor.id ?? actor.type,
          reportId: input.eventId ?? randomUUID(),
        },
      );
      await this.audit.record(trx, {
        actor,
        action: 'consent.recorded',
        object: { type: 'consent_subject', id: key },
        origin,
        details: { purposes: input.choices.map((c) => `${c.purpose}:${c.decision}`), recorded: inserted },
      });
      await notifyChanged(trx, this.instance, [key, canonical]);
      return canonical;
    });
    this.visitors.invalidate([key, canonical]);
    return key;
  }

  /** Withdraws the given purposes, or every purpose currently granted (APPI Art. 35 / GDPR Art. 7(3)). */
  async withdraw(
    actor: Actor,
    key: string,
    input: { purposes?: string[] | undefined; eventId?: string | undefined },
    origin: Origin,
  ): Promise<string> {
    const subject = await this.repo.subject(this.db, key);
    if (!subject) throw notFound('consent subject');
    const snap = await this.snapshots.get();
    const canonical = subject.linked_to ?? key;
    const granted = (await this.repo.state(this.db, canonical)).filter((e) => e.decision === 'granted');
    const purposes = input.purposes ?? granted.map((e) => e.purpose);
    await this.db.transaction().execute(async (trx) => {
      const { inserted } = await this.write(
        trx,
        { key, kind: subject.kind, value: null },
        purposes.map((purpose) => ({ purpose, decision: 'withdrawn' as const, gpc: false })),
        snap,
        {
          channel: 'staff',
          recordedAt: this.clock(),
          expiresAt: null,
          noticeVersion: snap.config.noticeVersion,
          language: null,
          shown: null,
          jurisdiction: null,
          origin,
          actor: actor.label ?? actor.id ?? actor.type,
          reportId: input.eventId ?? randomUUID(),
        },
      );
      await this.audit.record(trx, {
        actor,
        action: 'consent.withdrawn',
        object: { type: 'consent_subject', id: key },
        origin,
        details: { purposes, recorded: inserted },
      });
      await notifyChanged(trx, this.instance, [key, canonical]);
    });
    this.visitors.invalidate([key, canonical]);
    return key;
  }

  /** Ties a browser's visitor id to an identified subject; both histories are kept and merged into one state. */
  async link(actor: Actor, visitorId: string, target: SubjectRef, origin: Origin): Promise<string> {
    const visitorKey = this.keyOf('visitor', visitorId);
    const targetKey = this.keyOf(target.kind, target.value);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.ensureSubject(trx, { key: visitorKey, kind: 'visitor', identitySealed: null });
      await this.repo.ensureSubject(trx, {
        key: targetKey,
        kind: target.kind,
        identitySealed: this.secrets.seal(target.value, `consent-subject:${targetKey}`),
      });
      const visitor = await this.repo.lockSubject(trx, visitorKey);
      const into = await this.repo.lockSubject(trx, targetKey);
      if (visitor?.linked_to === targetKey) return;
      if (visitor?.linked_to || into?.linked_to) throw new AppError('consent_link_conflict', 409);
      await this.repo.link(trx, visitorKey, targetKey);
      const group = await this.repo.group(trx, targetKey);
      const derived = deriveState(await this.repo.history(trx, group, Number.MAX_SAFE_INTEGER));
      await this.repo.replaceState(trx, targetKey, group, [...derived.values()]);
      await this.repo.insertOutbox(trx, [
        {
          id: randomUUID(),
          kind: 'consent.linked',
          payload: { from: visitorKey, to: targetKey },
          createdAt: this.clock(),
        },
      ]);
      await this.audit.record(trx, {
        actor,
        action: 'consent.linked',
        object: { type: 'consent_subject', id: targetKey },
        origin,
        details: { from: visitorKey },
      });
      await notifyChanged(trx, this.instance, [visitorKey, targetKey]);
    });
    this.visitors.invalidate([visitorKey, targetKey]);
    return targetKey;
  }

  /** Bulk import (another CMP's export, a paper-form campaign): all rows in one transaction, or none. */
  async importRows(
    actor: Actor,
    rows: ReadonlyArray<ImportRow>,
    origin: Origin,
  ): Promise<{ rows: number; recorded: number; duplicates: number }> {
    const snap = await this.snapshots.get();
    let recorded = 0;
    const touched: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const key = this.keyOf(row.subject.kind, row.subject.value);
        const { canonical, inserted } = await this.write(
          trx,
          { key, ...row.subject },
          [{ purpose: row.purpose, decision: row.decision, gpc: false }],
          { ...snap, revs: new Map() },
          {
            channel: 'import',
            recordedAt: row.recordedAt,
            expiresAt: row.expiresAt,
            noticeVersion: row.noticeVersion,
            language: null,
            shown: null,
            jurisdiction: row.jurisdiction,
            origin: {},
            actor: actor.label ?? actor.id ?? actor.type,
            reportId: row.eventId,
          },
        );
        recorded += inserted;
        touched.push(key, canonical);
      }
      await this.audit.record(trx, {
        actor,
        action: 'consent.imported',
        origin,
        details: { rows: rows.length, recorded },
      });
      await notifyChanged(trx, this.instance, touched);
    });
    this.visitors.invalidate(touched);
    return { rows: rows.length, recorded, duplicates: rows.length - recorded };
  }

  /** Appends the decisions, updates the materialised state of the canonical subject, queues the events. */
  private async write(
    trx: Trx,
    subject: { key: string; kind: SubjectKind; value: string | null },
    choices: ReadonlyArray<Choice>,
    snap: Pick<ConfigSnapshot, 'revs'>,
    meta: WriteMeta,
  ): Promise<{ canonical: string; inserted: number }> {
    const canonical = await this.repo.ensureSubject(trx, {
      key: subject.key,
      kind: subject.kind,
      // Anonymous ids are not kept: the keyed hash is all the ledger needs to find them again.
      identitySealed:
        subject.kind !== 'visitor' && subject.value !== null
          ? this.secrets.seal(subject.value, `consent-subject:${subject.key}`)
          : null,
    });
    const inserted = await this.repo.insertRecords(trx, ledgerRecords(subject.key, choices, snap, meta));
    await this.repo.applyToState(trx, canonical, [...deriveState(inserted).values()]);
    await this.repo.insertOutbox(
      trx,
      inserted.map((r) => ({
        id: r.eventId,
        kind: 'consent.changed',
        payload: {
          subjectKey: canonical,
          purpose: r.purpose,
          decision: r.decision,
          recordedAt: r.recordedAt.toISOString(),
          noticeVersion: r.noticeVersion,
          gpc: r.gpc,
        },
        createdAt: meta.recordedAt,
      })),
    );
    return { canonical, inserted: inserted.length };
  }
}
