import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RowUpdate, sameValue, uniformFields } from './connector.js';

describe('uniformFields', () => {
  it('keeps the fields every update sets alike, and only those', () => {
    const updates: RowUpdate[] = [
      { key: { id: 1 }, set: { name: 'h1', address: null, tags: { a: 1 }, n: Number.NaN, at: new Date(5) } },
      { key: { id: 2 }, set: { name: 'h2', address: undefined, tags: { a: 1 }, n: null, at: new Date(5) } },
    ];
    expect([...uniformFields(updates)]).toEqual([
      ['address', null],
      ['tags', { a: 1 }],
      ['at', new Date(5)],
    ]);
    expect(uniformFields([]).size).toBe(0);
  });

  it('never takes values of different kinds for the same', () => {
    expect(sameValue(new Date(0), new Date(0).toISOString())).toBe(false);
    expect(sameValue(Buffer.from('a'), { type: 'Buffer', data: [97] })).toBe(false);
    expect(sameValue(Number.NaN, null)).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(-0, 0)).toBe(true);
    expect(sameValue([1, { a: null }], [1, { a: null }])).toBe(true);
  });

  it('property: a field is uniform exactly when every update has the same value as the first', () => {
    const value = fc.oneof(
      fc.constantFrom(null, undefined, 0, -0, 1, Number.NaN, '', '1', 'a', true),
      fc.constantFrom(0, 1).map((t) => new Date(t)),
      fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom(1, '1', null), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ x: value, y: value }), { minLength: 1, maxLength: 5 }), (sets) => {
        const uniform = uniformFields(sets.map((set, i) => ({ key: { id: i }, set })));
        for (const field of ['x', 'y'] as const) {
          const first = sets[0]?.[field];
          const alike = sets.every((s) => sameValue(s[field], first));
          expect(uniform.has(field)).toBe(alike);
          if (alike) expect(uniform.get(field)).toBe(first);
        }
      }),
    );
  });

  it('property: the same value means the same text in a statement', () => {
    const value = fc.oneof(
      fc.constantFrom(null, undefined, 0, -0, 1, '', '1', 'a', true),
      fc.constantFrom(0, 1).map((t) => new Date(t)),
      fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom(1, '1', null), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (sameValue(a, b)) expect(JSON.stringify(a ?? null)).toBe(JSON.stringify(b ?? null));
      }),
    );
  });
});
