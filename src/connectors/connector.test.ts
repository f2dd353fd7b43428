import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RowUpdate, uniformFields } from './connector.js';

const json = (v: unknown) => JSON.stringify(v ?? null);

describe('uniformFields', () => {
  it('keeps the fields every update sets alike, as JSON writes them', () => {
    const updates: RowUpdate[] = [
      { key: { id: 1 }, set: { name: 'h1', address: null, tags: { a: 1 }, n: Number.NaN } },
      { key: { id: 2 }, set: { name: 'h2', address: undefined, tags: { a: 1 }, n: null } },
    ];
    expect([...uniformFields(updates)]).toEqual([
      ['address', null],
      ['tags', { a: 1 }],
      ['n', Number.NaN],
    ]);
    expect(uniformFields([]).size).toBe(0);
  });

  it('property: a field is uniform exactly when its JSON is the same in every update', () => {
    const value = fc.oneof(
      fc.constantFrom(null, undefined, 0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, '', '1', 'a', true),
      fc.date({ min: new Date(0), max: new Date(1), noInvalidDate: true }),
      fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom(1, '1', null), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ x: value, y: value }), { minLength: 1, maxLength: 5 }), (sets) => {
        const updates = sets.map((set, i) => ({ key: { id: i }, set }));
        const uniform = uniformFields(updates);
        for (const field of ['x', 'y']) {
          const alike = sets.every((s) => json(s[field as 'x']) === json(sets[0]?.[field as 'x']));
          expect(uniform.has(field)).toBe(alike);
          if (alike) expect(json(uniform.get(field))).toBe(json(sets[0]?.[field as 'x']));
        }
      }),
    );
  });
});
