import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_UPLOAD } from '../documents.rules.js';
import type { IncomingFile } from '../documents.service.js';
import type { FormValues } from './request.form.js';

/** Limits of the multipart reader: a request is a handful of short fields and at most five scans. */
export const MULTIPART_LIMITS = {
  fileSize: MAX_DOCUMENT_BYTES,
  files: MAX_DOCUMENTS_PER_UPLOAD,
  fields: 60,
  fieldSize: 64 * 1024,
  parts: 70,
  headerPairs: 100,
} as const;

export interface FormBody {
  values: FormValues;
  files: IncomingFile[];
  /** What went wrong while reading (the form answers with a message, not a crash). */
  problems: Record<string, 'too_large' | 'too_many' | 'details'>;
}

const push = (values: FormValues, key: string, value: string) => {
  const list = values[key] ?? [];
  list.push(value);
  values[key] = list;
};

/**
 * Reads a posted form: urlencoded (already parsed into repeated values) or multipart, with files buffered
 * up to their limit. An oversized file or one too many stops the reading and is reported on its field.
 */
export async function readFormBody(request: FastifyRequest): Promise<FormBody> {
  const out: FormBody = { values: {}, files: [], problems: {} };
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    for (const [k, v] of Object.entries(body))
      for (const item of Array.isArray(v) ? v : [v]) push(out.values, k, String(item));
    return out;
  }
  let current = 'identity';
  try {
    for await (const part of request.parts({
      limits: MULTIPART_LIMITS,
    }) as AsyncIterableIterator<Multipart>) {
      if (part.type === 'file') {
        current = part.fieldname;
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part with no name and no bytes.
        if (part.filename === '' && bytes.length === 0) continue;
        out.files.push({ field: part.fieldname, filename: part.filename, bytes });
      } else {
        if (part.valueTruncated) out.problems[part.fieldname] = 'details';
        push(out.values, part.fieldname, String(part.value));
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') out.problems[current] = 'too_large';
    else if (code === 'FST_FILES_LIMIT') out.problems[current] = 'too_many';
    else throw error;
  }
  return out;
}
