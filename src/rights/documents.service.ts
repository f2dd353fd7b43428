import { randomUUID } from 'node:crypto';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { ByteBox } from '../platform/crypto/byte-box.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { DocumentsRepository } from './documents.repository.js';
import {
  documentProblem,
  KEEP_DAYS_AFTER_CLOSE,
  kindOfField,
  MAX_DOCUMENTS_PER_UPLOAD,
  safeFileName,
  sniffType,
} from './documents.rules.js';
import type { DocumentKind, DocumentType } from './documents.tables.js';
import { isTerminal } from './lifecycle.rules.js';
import type { RightsRepository } from './rights.repository.js';
import type { Status } from './rights.schema.js';
import { type Acting, actorLabel } from './rights.service.js';

/** A file as it came in a multipart form: the field it was sent in, the name the sender gave it, the bytes. */
export interface IncomingFile {
  field: string;
  filename: string | undefined;
  bytes: Buffer;
}

export interface CheckedFile {
  kind: DocumentKind;
  type: DocumentType;
  name: string;
  bytes: Buffer;
}

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  contentType: DocumentType;
  sizeBytes: number;
  name: string;
  uploadedBy: string;
  uploadedAt: string;
  deletedAt: string | null;
}

const fileContext = (id: string) => `rights_document:${id}`;
const nameContext = (id: string) => `rights_document:${id}:name`;

/** Identity documents: checked before anything is stored, encrypted at rest, every view audited, erased after the case. */
export class DocumentsService {
  constructor(
    private readonly db: Db,
    private readonly repo: DocumentsRepository,
    private readonly requests: RightsRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly files: ByteBox,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Pure checks of a whole upload; throws (400/413) on the first bad file so nothing is stored. */
  check(incoming: readonly IncomingFile[]): CheckedFile[] {
    if (incoming.length > MAX_DOCUMENTS_PER_UPLOAD)
      throw new AppError('rights_document_rejected', 400, {
        index: MAX_DOCUMENTS_PER_UPLOAD + 1,
        detail: `at most ${MAX_DOCUMENTS_PER_UPLOAD} files`,
      });
    return incoming.map((f, i) => {
      const problem = documentProblem(f.bytes);
      if (problem)
        throw new AppError('rights_document_rejected', problem === 'too_large' ? 413 : 400, {
          index: i + 1,
          detail: problem,
        });
      const type = sniffType(f.bytes) as DocumentType;
      return { kind: kindOfField(f.field), type, name: safeFileName(f.filename, type), bytes: f.bytes };
    });
  }

  /** Stores checked files inside the caller's transaction (the request and its files commit together). */
  async attach(trx: Trx, requestId: string, files: readonly CheckedFile[], acting: Acting): Promise<void> {
    for (const f of files) {
      const id = randomUUID();
      await this.repo.insert(trx, {
        id,
        request_id: requestId,
        kind: f.kind,
        content_type: f.type,
        size_bytes: f.bytes.length,
        name_sealed: this.secrets.seal(f.name, nameContext(id)),
        content_sealed: this.files.seal(f.bytes, fileContext(id)),
        uploaded_by: actorLabel(acting.actor),
        uploaded_at: this.clock(),
        deleted_at: null,
      });
      await this.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.document_uploaded',
        object: { type: 'rights_request', id: requestId },
        origin: acting.origin,
        // Kind, type and size only: the file name may carry the person's name.
        details: { document: id, kind: f.kind, contentType: f.type, sizeBytes: f.bytes.length },
      });
    }
  }

  /** Staff add scans of a postal request's documents; refused once the case is closed. */
  async upload(
    requestId: string,
    incoming: readonly IncomingFile[],
    acting: Acting,
  ): Promise<DocumentView[]> {
    const files = this.check(incoming);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.requests.lock(trx, requestId);
      if (!row) throw notFound('request');
      if (isTerminal(row.status as Status))
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'upload' });
      await this.attach(trx, requestId, files, acting);
    });
    return this.list(requestId);
  }

  /** The list for a staff member: the names are personal data, so looking is audited. */
  async listFor(requestId: string, acting: Acting): Promise<DocumentView[]> {
    const list = await this.list(requestId);
    await this.audit.recordAlone({
      actor: acting.actor,
      action: 'rights.viewed',
      object: { type: 'rights_request', id: requestId },
      origin: acting.origin,
      details: { what: 'documents', count: list.length },
    });
    return list;
  }

  /** The documents of a request without their content (names are opened for staff). */
  async list(requestId: string): Promise<DocumentView[]> {
    const rows = await this.repo.list(this.db, requestId);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      contentType: r.content_type,
      sizeBytes: r.size_bytes,
      name: this.secrets.open(r.name_sealed, nameContext(r.id)),
      uploadedBy: r.uploaded_by,
      uploadedAt: new Date(r.uploaded_at).toISOString(),
      deletedAt: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
    }));
  }

  /** One file for a staff member; the view is audited (who, which document) before the bytes leave. */
  async view(
    requestId: string,
    id: string,
    acting: Acting,
  ): Promise<{ contentType: DocumentType; filename: string; body: Buffer }> {
    const row = await this.repo.content(this.db, requestId, id);
    if (!row) throw notFound('document');
    if (!row.content_sealed) throw new AppError('rights_document_deleted', 410);
    const body = this.files.open(row.content_sealed, fileContext(id));
    await this.audit.recordAlone({
      actor: acting.actor,
      action: 'rights.document_viewed',
      object: { type: 'rights_request', id: requestId },
      origin: acting.origin,
      details: { document: id, kind: row.kind },
    });
    return {
      contentType: row.content_type,
      filename: this.secrets.open(row.name_sealed, nameContext(id)),
      body,
    };
  }

  /** Erases the files of cases closed more than KEEP_DAYS_AFTER_CLOSE days ago; each erasure audited. */
  async purge(keepDays = KEEP_DAYS_AFTER_CLOSE): Promise<number> {
    const now = this.clock();
    const due = await this.repo.purgeable(this.db, new Date(now.getTime() - keepDays * 86_400_000));
    let erased = 0;
    for (const d of due) {
      await this.db.transaction().execute(async (trx) => {
        if (!(await this.repo.erase(trx, d.id, now))) return;
        erased += 1;
        await this.audit.record(trx, {
          actor: { type: 'system', label: 'rights' },
          action: 'rights.document_deleted',
          object: { type: 'rights_request', id: d.request_id },
          details: { document: d.id, reason: `case closed over ${keepDays} days ago` },
        });
      });
    }
    return erased;
  }
}
