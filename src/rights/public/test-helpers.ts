import { randomUUID } from 'node:crypto';

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body as a browser sends it (repeated fields allowed). */
export function multipart(fields: [string, string][], files: FilePart[] = []) {
  const boundary = `----mamori${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of fields)
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const urlencoded = (fields: [string, string][]) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a small test image body'),
]);
export const PDF = Buffer.from('%PDF-1.4\n% a test document\n%%EOF\n');

/** Every field the form has, filled in. */
export function validFields(email: string, extra: [string, string][] = []): [string, string][] {
  const replaced = new Set(extra.map(([k]) => k));
  const base: [string, string][] = [
    ['lang', 'ja'],
    ['name', '山田 花子'],
    ['email', email],
    ['aspects', 'access'],
    ['residence', 'JP'],
    ['agentKind', ''],
    ['disclosureMethod', 'electronic'],
  ];
  return [...base.filter(([k]) => !replaced.has(k)), ...extra];
}

/** The page with request-specific values (reference numbers) blanked, to compare two answers. */
export const normalise = (html: string) => html.replace(/R-[A-Z0-9]{10}/g, 'R-XXXXXXXXXX');
