import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldInfo } from './graph.js';
import { kindOfType, maskTyped } from './masking.js';
import { canonical, mapAt, pruneTo, targetedParts, valuesAt } from './nested.rules.js';

const ctx = { salt: 's', hmacKey: Buffer.alloc(32, 1), aesKey: Buffer.alloc(32, 2), random: () => 'rnd' };
const field = (name: string, categories: string[], children?: FieldInfo[]): FieldInfo => ({
  name,
  categories,
  primaryKey: false,
  readOnly: false,
  ...(children && { children }),
});

// prefs: { contact: { phone, note }, theme, tags: [ { label, owner } ] }
const prefs = field(
  'prefs',
  [],
  [
    field('contact', [], [field('phone', ['user.contact.phone_number']), field('note', ['system'])]),
    field('theme', ['system']),
    field('tags', [], [field('label', ['system']), field('owner', ['user.name'])]),
  ],
);

const text = fc.string({ minLength: 1, maxLength: 8 }).map((s) => `v:${s}`);
const document = fc.record({
  contact: fc.record({ phone: text, note: text }),
  theme: text,
  tags: fc.array(fc.record({ label: text, owner: text }), { maxLength: 4 }),
});

describe('nested field rules', () => {
  it('finds the targeted parts by category, inheriting nothing from untargeted parents', () => {
    expect(targetedParts(prefs, ['user']).map((p) => p.path)).toEqual([
      ['contact', 'phone'],
      ['tags', 'owner'],
    ]);
    expect(targetedParts(prefs, ['user.contact']).map((p) => p.path)).toEqual([['contact', 'phone']]);
    expect(targetedParts(prefs, ['system.operations'])).toEqual([]);
  });

  it('property: a pruned document holds only values found at targeted paths', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const paths = targetedParts(prefs, ['user']).map((p) => p.path);
        const pruned = pruneTo(doc, paths);
        const allowed = new Set(paths.flatMap((p) => valuesAt(doc, p)).map(canonical));
        const leaves: unknown[] = [];
        const walk = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') Object.values(v).forEach(walk);
          else if (v !== undefined) leaves.push(v);
        };
        walk(pruned);
        expect(leaves.every((l) => allowed.has(canonical(l)))).toBe(true);
      }),
    );
  });

  it('property: masking the targeted parts leaves no original value there and everything else as it was', () => {
    fc.assert(
      fc.property(document, fc.constantFrom('hash', 'string_rewrite', 'null_rewrite'), (doc, strategy) => {
        const parts = targetedParts(prefs, ['user']);
        const masked = parts.reduce<unknown>(
          (v, p) => mapAt(v, p.path, (leaf) => maskTyped(leaf, { strategy }, undefined, ctx)),
          doc,
        );
        for (const p of parts) {
          const before = new Set(valuesAt(doc, p.path).map(canonical));
          expect(valuesAt(masked, p.path).some((v) => before.has(canonical(v)))).toBe(false);
        }
        expect(valuesAt(masked, ['theme'])).toEqual([doc.theme]);
        expect(valuesAt(masked, ['tags', 'label'])).toEqual(doc.tags.map((t) => t.label));
        expect(valuesAt(masked, ['contact', 'note'])).toEqual([doc.contact.note]);
      }),
    );
  });

  it('canonical text ignores key order and JSON text versus parsed form', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonical('{"a":[{"c":3,"d":2}],"b":1}'));
    expect(canonical(5)).toBe('5');
  });
});

describe('type-aware masking', () => {
  it('property: the masked value is valid for the column kind, whatever the strategy', () => {
    const strategies = ['string_rewrite', 'random_string_rewrite', 'hash', 'hmac', 'aes_encrypt'];
    fc.assert(
      fc.property(
        fc.constantFrom(...strategies),
        fc.constantFrom('integer', 'float', 'boolean', 'date', 'timestamp with time zone', 'jsonb', 'uuid'),
        fc.oneof(fc.integer(), fc.constant('2020-01-01'), fc.boolean()),
        (strategy, type, value) => {
          const kind = kindOfType(type);
          const out = maskTyped(value, { strategy }, kind, ctx);
          if (out === null) return;
          if (kind === 'integer') expect(Number.isSafeInteger(out)).toBe(true);
          else if (kind === 'float') expect(typeof out).toBe('number');
          else if (kind === 'boolean') expect(typeof out).toBe('boolean');
          else if (kind === 'temporal') expect(String(out)).toMatch(/^\d{4}-\d{2}-\d{2}/);
          else throw new Error(`${type} must become null, got ${String(out)}`);
        },
      ),
    );
  });

  it('keeps a rewrite value that is valid for the kind, and text masking for text', () => {
    const rewrite = (v: string) => ({ strategy: 'string_rewrite', configuration: { rewrite_value: v } });
    expect(maskTyped(42, rewrite('0'), 'integer', ctx)).toBe(0);
    expect(maskTyped(42, rewrite('1.5'), 'integer', ctx)).toBeNull();
    expect(maskTyped(1.5, rewrite('0.0'), 'float', ctx)).toBe(0);
    expect(maskTyped(true, rewrite('false'), 'boolean', ctx)).toBe(false);
    expect(maskTyped('1990-01-01', rewrite('1900-01-01'), 'temporal', ctx)).toBe('1900-01-01');
    expect(maskTyped('1990-01-01', rewrite('MASKED'), 'temporal', ctx)).toBeNull();
    expect(maskTyped('a@b.jp', rewrite('MASKED'), 'text', ctx)).toBe('MASKED');
    // No declared or column type: the value read decides (numbers stay numbers or become null).
    expect(maskTyped(7, { strategy: 'hash' }, undefined, ctx)).toBeNull();
    expect(kindOfType('character varying(100)')).toBe('text');
    expect(kindOfType('int(11)')).toBe('integer');
    expect(kindOfType('string[]')).toBe('object');
  });
});
