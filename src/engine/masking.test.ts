import { createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planErasure, verifyErasure } from './erasure.rules.js';
import { buildGraph, traverse } from './graph.js';
import { checkStrategy, type MaskingContext, MaskingError, maskValue, randomText } from './masking.js';

const ctx: MaskingContext = {
  salt: 'pepper',
  hmacKey: Buffer.alloc(32, 3),
  aesKey: Buffer.alloc(32, 4),
  random: (n) => randomText(n, randomBytes),
};

describe('masking strategies (Fides names)', () => {
  it('null_rewrite, string_rewrite, random_string_rewrite', () => {
    expect(maskValue('a@b.jp', { strategy: 'null_rewrite' }, ctx)).toBeNull();
    expect(
      maskValue('a@b.jp', { strategy: 'string_rewrite', configuration: { rewrite_value: 'x' } }, ctx),
    ).toBe('x');
    expect(maskValue('a@b.jp', { strategy: 'string_rewrite' }, ctx)).toBe('MASKED');
    expect(maskValue('a', { strategy: 'random_string_rewrite', configuration: { length: 12 } }, ctx)).toMatch(
      /^[A-Za-z0-9]{12}$/,
    );
    expect(maskValue(null, { strategy: 'string_rewrite' }, ctx)).toBeNull();
  });

  it('hash and hmac use the per-request salt; SHA-512 on request', () => {
    expect(maskValue('a@b.jp', { strategy: 'hash' }, ctx)).toBe(
      createHash('sha256').update('a@b.jppepper').digest('hex'),
    );
    expect(
      maskValue('a@b.jp', { strategy: 'hash', configuration: { algorithm: 'SHA-512' } }, ctx),
    ).toHaveLength(128);
    expect(maskValue('a@b.jp', { strategy: 'hmac' }, ctx)).toBe(
      createHmac('sha256', ctx.hmacKey).update('a@b.jppepper').digest('hex'),
    );
    expect(maskValue('a@b.jp', { strategy: 'hash' }, { ...ctx, salt: 'other' })).not.toBe(
      maskValue('a@b.jp', { strategy: 'hash' }, ctx),
    );
  });

  it('aes_encrypt is deterministic and decrypts with the key', () => {
    const sealed = maskValue('山田 太郎', { strategy: 'aes_encrypt' }, ctx) as string;
    expect(maskValue('山田 太郎', { strategy: 'aes_encrypt' }, ctx)).toBe(sealed);
    const raw = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', ctx.aesKey, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(raw.length - 16));
    expect(Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8')).toBe(
      '山田 太郎',
    );
  });

  it('unknown strategies and algorithms are refused by name', () => {
    expect(() => checkStrategy({ strategy: 'shred' })).toThrow(MaskingError);
    expect(() => checkStrategy({ strategy: 'hash', configuration: { algorithm: 'MD5' } })).toThrow(
      /SHA-256 or SHA-512/,
    );
  });
});

describe('erasure plan and verification (pure)', () => {
  const datasets = [
    {
      fides_key: 'db',
      collections: [
        {
          name: 'person',
          fields: [
            { name: 'id', data_categories: ['user.unique_id'], fides_meta: { primary_key: true } },
            { name: 'email', data_categories: ['user.contact.email'], fides_meta: { identity: 'email' } },
            { name: 'name', data_categories: ['user.name'] },
            { name: 'note', data_categories: ['user.contact'], fides_meta: { read_only: true } },
            {
              name: 'ccn',
              data_categories: ['user.financial'],
              fides_meta: { masking_strategy_override: { strategy: 'hash' } },
            },
          ],
        },
      ],
    },
  ];
  const graph = buildGraph(datasets);
  const traversal = traverse(graph, ['email']);
  const keys = new Map([['db:person', ['id']]]);
  const strategy = fc.constantFrom(
    'null_rewrite',
    'string_rewrite',
    'random_string_rewrite',
    'hash',
    'hmac',
    'aes_encrypt',
  );
  const target = fc.constantFrom('user', 'user.contact', 'user.name', 'user.financial');

  it('property: after applying the plan, verification finds nothing targeted', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.integer({ min: 1, max: 50 }),
            email: fc.emailAddress(),
            name: fc.string({ minLength: 1 }),
            note: fc.string(),
            ccn: fc.string({ minLength: 1 }),
          }),
          { selector: (r) => r.id, maxLength: 8 },
        ),
        strategy,
        fc.array(target, { minLength: 1, maxLength: 2 }),
        (rows, s, targets) => {
          const found = new Map([['db:person', rows]]);
          const actions = planErasure(
            graph,
            traversal,
            found,
            { targets, strategy: { strategy: s }, keys },
            ctx,
          );
          // Apply the plan to an in-memory copy, as a store would.
          const after = rows.map((r) => {
            const u =
              actions[0]?.kind === 'mask' ? actions[0].updates.find((x) => x.key.id === r.id) : undefined;
            return { ...r, ...(u?.set ?? {}) };
          });
          const result = verifyErasure(actions, found, new Map([['db:person', after]]));
          expect(result.ok).toBe(true);
          for (const a of actions) {
            if (a.kind !== 'mask') continue;
            expect(a.fields).not.toContain('id');
            expect(a.fields).not.toContain('note');
          }
        },
      ),
    );
  });

  it('verification reports a value that survived', () => {
    const rows = [{ id: 1, email: 'a@b.jp', name: 'n', note: '', ccn: '4111' }];
    const found = new Map([['db:person', rows]]);
    const actions = planErasure(
      graph,
      traversal,
      found,
      { targets: ['user.contact'], strategy: { strategy: 'null_rewrite' }, keys },
      ctx,
    );
    expect(verifyErasure(actions, found, found)).toEqual({
      ok: false,
      rowsChecked: 1,
      remaining: [{ collection: 'db:person', field: 'email', count: 1 }],
    });
  });
});
