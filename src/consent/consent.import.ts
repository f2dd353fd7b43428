import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { AppError } from '../platform/errors.js';
import { eventIdFor } from './consent.rules.js';
import { Decision, SubjectKind } from './consent.schema.js';

export interface ImportRow {
  subject: { kind: SubjectKind; value: string };
  purpose: string;
  decision: Decision;
  recordedAt: Date;
  noticeVersion: number | null;
  jurisdiction: string | null;
  expiresAt: Date | null;
  eventId: string;
}

export const IMPORT_COLUMNS = [
  'subject_kind',
  'subject',
  'purpose',
  'decision',
  'recorded_at',
  'notice_version',
  'jurisdiction',
  'expires_at',
  'event_id',
] as const;

const bad = (line: number, detail: string) => new AppError('consent_import_invalid', 400, { line, detail });

function date(text: string | undefined, line: number, column: string): Date | null {
  if (!text) return null;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw bad(line, `${column} is not a date`);
  return d;
}

/**
 * A CSV with a header row naming at least subject_kind, subject, purpose, decision and recorded_at (another
 * CMP's export mapped to these names). Rows without an event_id get one from their content, so importing
 * the same file twice records nothing the second time. Messages name the line, never the subject.
 */
export function parseConsentCsv(text: string): ImportRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw bad(1, (error as Error).message.slice(0, 120));
  }
  return records.map((r, i) => {
    const line = i + 2;
    const kind = SubjectKind.safeParse(r.subject_kind);
    if (!kind.success) throw bad(line, 'subject_kind must be visitor, email or customer');
    if (!r.subject) throw bad(line, 'subject is empty');
    if (!r.purpose || !/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(r.purpose))
      throw bad(line, 'purpose is not a key');
    const decision = Decision.safeParse(r.decision);
    if (!decision.success) throw bad(line, 'decision must be granted, denied or withdrawn');
    const recordedAt = date(r.recorded_at, line, 'recorded_at');
    if (!recordedAt) throw bad(line, 'recorded_at is required');
    const version = r.notice_version ? Number(r.notice_version) : null;
    if (version !== null && !(Number.isInteger(version) && version > 0))
      throw bad(line, 'notice_version must be a positive integer');
    const eventId =
      r.event_id && /^[0-9a-f-]{36}$/i.test(r.event_id)
        ? r.event_id.toLowerCase()
        : eventIdFor(
            `import:${createHash('sha256')
              .update(JSON.stringify([kind.data, r.subject, r.purpose, r.decision, recordedAt.toISOString()]))
              .digest('hex')}`,
            r.purpose,
          );
    return {
      subject: { kind: kind.data, value: r.subject },
      purpose: r.purpose,
      decision: decision.data,
      recordedAt,
      noticeVersion: version,
      jurisdiction: r.jurisdiction || null,
      expiresAt: date(r.expires_at, line, 'expires_at'),
      eventId,
    };
  });
}
