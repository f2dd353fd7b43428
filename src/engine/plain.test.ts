import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plain } from './plain.js';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

/** Values drivers return in rows, and the awkward ones JSON changes or drops. */
const cell = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, false),
  fc.date({ noInvalidDate: false }),
  fc.uint8Array({ maxLength: 4 }).map((a) => Buffer.from(a)),
  fc.jsonValue(),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.constant(new String('boxed')),
);
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'toJSON', '0', '10', 'a'));
const row = fc.oneof(
  fc.dictionary(key, cell, { maxKeys: 6 }),
  fc.dictionary(key, cell, { maxKeys: 4 }).map((d) => Object.assign(Object.create(null), d)),
);

describe('plain: the JSON round trip, without the text for flat rows', () => {
  it('property: equals JSON.parse(JSON.stringify(rows)), key order and negative zero included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 5, arbitrary: row }, { weight: 1, arbitrary: cell }), { maxLength: 8 }),
        (rows) => {
          const expected = roundTrip(rows);
          const actual = plain(rows);
          expect(actual).toStrictEqual(expected);
          expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
          actual.forEach((r: unknown, i: number) => {
            if (r && typeof r === 'object') expect(Object.keys(r)).toEqual(Object.keys(expected[i]));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a "__proto__" column as an own property and honours toJSON and getters', () => {
    const rows = [
      JSON.parse('{"__proto__": 1, "a": 2}'),
      { toJSON: () => ({ shown: true }) },
      {
        get lazy() {
          return 'read';
        },
      },
      new Date(Number.NaN),
    ];
    expect(plain(rows)).toStrictEqual(roundTrip(rows));
    expect(Object.hasOwn(plain(rows)[0], '__proto__')).toBe(true);
  });

  it('throws where JSON throws', () => {
    expect(() => plain([{ n: 1n }])).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { cyclic };
    expect(() => plain([cyclic])).toThrow(TypeError);
  });

  it('is the round trip itself for anything that is not an array', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(plain(v)).toStrictEqual(roundTrip(v));
      }),
    );
    const d = new Date(0);
    expect(plain({ at: d })).toStrictEqual({ at: d.toISOString() });
  });
});
