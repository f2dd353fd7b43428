/**
 * Identity documents sent with a rights request (APPI Art. 37(2): the business may ask for what identifies
 * the person; 001/002 seeds: a copy of a driving licence, passport, … and for agents the proof of their
 * authority). Pure: what a file is, whether it may be kept, and when it must go.
 */
import type { DocumentKind, DocumentType } from './documents.tables.js';

/** A phone photo or a scanned page fits easily; anything larger is not an ID document. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Files per upload (the person's ID, an agent's ID, the authority, two spare pages). */
export const MAX_DOCUMENTS_PER_UPLOAD = 5;
/**
 * Days the files are kept after the case closes: long enough to answer a complaint about how identity
 * was checked, short enough that copies of passports do not pile up (APPI Art. 22: erase what is no longer
 * needed). The row stays as proof that the file was received and when it was erased.
 */
export const KEEP_DAYS_AFTER_CLOSE = 30;

/** Types are decided by the file's first bytes, never by its name or the browser's declared type. */
const MAGIC: ReadonlyArray<{ type: DocumentType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffType(head: Uint8Array): DocumentType | undefined {
  return MAGIC.find((m) => m.bytes.every((b, i) => head[i] === b))?.type;
}

export type DocumentProblem = 'empty' | 'too_large' | 'type';

export function documentProblem(bytes: Uint8Array): DocumentProblem | undefined {
  if (bytes.length === 0) return 'empty';
  if (bytes.length > MAX_DOCUMENT_BYTES) return 'too_large';
  if (!sniffType(bytes)) return 'type';
  return undefined;
}

export const EXTENSION: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * The name shown to staff: the last path segment, without control or quoting characters, at most 120
 * characters, and with the extension of the real type (a `.html` name on a PNG is shown as `.png`).
 */
export function safeFileName(name: string | undefined, type: DocumentType): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...last]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127 && !'"<>`'.includes(c))
    .join('')
    .trim();
  const stem = clean.replace(/\.[^.]*$/, '').slice(0, 120) || 'document';
  return `${stem}.${EXTENSION[type]}`;
}

/** Whether a document's file must be erased now: its case closed more than KEEP_DAYS_AFTER_CLOSE ago. */
export function purgeDue(closedAt: Date | null, now: Date, keepDays = KEEP_DAYS_AFTER_CLOSE): boolean {
  return closedAt !== null && now.getTime() - closedAt.getTime() >= keepDays * 86_400_000;
}

/** Which kind an uploaded file is, from the form field it came in (unknown fields are `other`). */
export function kindOfField(field: string): DocumentKind {
  if (field === 'agentIdentity') return 'agent_identity';
  if (field === 'agentAuthority') return 'agent_authority';
  if (field === 'identity') return 'identity';
  return 'other';
}
