import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentProblem, MAX_DOCUMENT_BYTES, purgeDue, safeFileName, sniffType } from './documents.rules.js';
import { toRequestBody } from './public/request.form.js';
import { formPage } from './public/request.pages.js';
import { publicRequestBody } from './rights.schema.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('document rules', () => {
  it('tells the type by the first bytes only', () => {
    expect(sniffType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from(PNG))).toBe('image/png');
    expect(sniffType(Buffer.from('<svg onload=alert(1)>'))).toBeUndefined();
    expect(sniffType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffType(Buffer.from([0x89, 0x50]))).toBeUndefined();
  });

  it('accepts exactly the files with a known head within the size limit (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(undefined, 'pdf', 'png'),
        (tail, head) => {
          const prefix =
            head === 'pdf' ? Buffer.from('%PDF-') : head === 'png' ? Buffer.from(PNG) : Buffer.alloc(0);
          const bytes = Buffer.concat([prefix, Buffer.from(tail)]);
          const problem = documentProblem(bytes);
          if (bytes.length === 0) expect(problem).toBe('empty');
          else expect(problem === undefined).toBe(sniffType(bytes) !== undefined);
        },
      ),
    );
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1);
    Buffer.from(PNG).copy(big);
    expect(documentProblem(big)).toBe('too_large');
    expect(documentProblem(big.subarray(0, MAX_DOCUMENT_BYTES))).toBeUndefined();
  });

  it('names files safely: last path segment, no quotes or markup, the real type’s extension (property)', () => {
    expect(safeFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(safeFileName('C:\\scans\\免許証.JPG', 'image/jpeg')).toBe('免許証.jpg');
    expect(safeFileName('<img onerror=x>.html', 'application/pdf')).toBe('img onerror=x.pdf');
    expect(safeFileName('', 'application/pdf')).toBe('document.pdf');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const safe = safeFileName(name, 'image/png');
        expect(safe).toMatch(/\.png$/);
        expect(safe).not.toMatch(/[\\/"<>`]/);
        expect([...safe].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)).toBe(true);
        expect([...safe].length).toBeLessThanOrEqual(124);
      }),
    );
  });

  it('erases files 30 days after the case closed, never while it is open', () => {
    const closed = new Date('2026-01-01T00:00:00Z');
    expect(purgeDue(null, new Date('2030-01-01'))).toBe(false);
    expect(purgeDue(closed, new Date('2026-01-30T23:59:59Z'))).toBe(false);
    expect(purgeDue(closed, new Date('2026-01-31T00:00:00Z'))).toBe(true);
  });
});

describe('the request form as data', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constantFrom('<script>alert(1)</script>', '"><b>', 'access', 'JP', 'parent', 'a@b.jp'),
    fc.nat().map((n) => `"'><i data-m="${n}">x`),
  );
  const names = [
    'name',
    'email',
    'phone',
    'birthDate',
    'aspects',
    'residence',
    'declared',
    'agentKind',
    'agentName',
    'agentEmail',
    'details',
    'disclosureMethod',
    'lang',
    'documentsConsent',
  ];

  it('any posted values give either a body the public API accepts or messages, and the page escapes them (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), fc.array(field, { maxLength: 3 })),
        fc.constantFrom('ja' as const, 'en' as const),
        (values, lang) => {
          const { body, errors } = toRequestBody(values, lang);
          if (body) expect(publicRequestBody.safeParse(body).success).toBe(true);
          else expect(Object.keys(errors).length).toBeGreaterThan(0);
          const page = formPage({
            lang,
            values,
            errors,
            docs: { self: [], agents: { parent: [], guardian: [], proxy: [], authorized_agent: [] } },
          });
          // Markup typed into any field comes back as text, never as an element or an attribute break-out.
          expect(page).not.toContain('<i data-m');
          expect(page).not.toContain('<script>alert');
        },
      ),
      { numRuns: 200 },
    );
  });
});
