import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassCounter } from './count.js';
import type { EncodedColumn, ItemSet } from './encode.js';
import { Renumberer } from './grouping.js';

/** A column whose level-l code is floor(code / branch^l), the last level being the single `*`. */
function column(d0: number, height: number, branch: number): EncodedColumn {
  const gen: Int32Array[] = [];
  const domain: number[] = [];
  for (let l = 0; l < height; l++) {
    const top = l === height - 1 && height > 1;
    const div = branch ** l;
    gen.push(Int32Array.from({ length: d0 }, (_, c) => (top ? 0 : Math.floor(c / div))));
    domain.push(top ? 1 : Math.ceil(d0 / div));
  }
  return {
    name: `c${d0}`,
    index: 0,
    hierarchy: 'test',
    height,
    gen,
    domain,
    labels: [],
    rowsWith: [],
    entropyLoss: [],
    levelLabels: undefined,
  };
}

interface Case {
  cols: { d0: number; height: number; branch: number }[];
  items: { codes: number[]; count: number }[];
  levels: number[];
  limit: number;
}

const caseArb = (maxDomain: number): fc.Arbitrary<Case> =>
  fc
    .array(
      fc.record({
        d0: fc.integer({ min: 1, max: maxDomain }),
        height: fc.integer({ min: 1, max: 4 }),
        branch: fc.integer({ min: 2, max: 5 }),
      }),
      { minLength: 1, maxLength: 7 },
    )
    .chain((cols) =>
      fc.record({
        cols: fc.constant(cols),
        items: fc.array(
          fc.record({
            codes: fc.tuple(...cols.map((c) => fc.integer({ min: 0, max: c.d0 - 1 }))),
            count: fc.integer({ min: 1, max: 5 }),
          }),
          { minLength: 1, maxLength: 300 },
        ),
        levels: fc.tuple(...cols.map((c) => fc.integer({ min: 0, max: c.height - 1 }))),
        limit: fc.integer({ min: 1, max: 400 }),
      }),
    );

function run(c: Case, withClassOf: boolean) {
  const qi = c.cols.map((x) => column(x.d0, x.height, x.branch));
  const n = c.items.length;
  const src: ItemSet = {
    n,
    codes: c.cols.map((_, j) => Int32Array.from(c.items, (it) => it.codes[j]!)),
    sens: null,
    count: Int32Array.from(c.items, (it) => it.count),
  };
  const counter = new ClassCounter(
    qi,
    new Int32Array(n),
    new Float64Array(n),
    new Int32Array(n),
    new Renumberer(),
    new Float64Array(n),
    n,
  );
  const classes = counter.count(src, c.levels, c.limit, withClassOf);
  // The reference: string keys of the generalised codes, classes in first-seen order.
  const key = (i: number): string => qi.map((col, j) => col.gen[c.levels[j]!]![src.codes[j]![i]!]).join('|');
  const ref = new Map<string, { first: number; size: number }>();
  for (let i = 0; i < n; i++) {
    const k = key(i);
    const e = ref.get(k) ?? { first: i, size: 0 };
    e.size += src.count[i]!;
    ref.set(k, e);
  }
  return { counter, classes, ref: [...ref.values()], key };
}

function check(c: Case, withClassOf: boolean): void {
  const { counter, classes, ref, key } = run(c, withClassOf);
  if (ref.length > c.limit) {
    expect(classes).toBe(-1);
    return;
  }
  expect(classes).toBe(ref.length);
  ref.forEach((r, id) => {
    expect(counter.rep[id]).toBe(r.first);
    expect(counter.size[id]).toBe(r.size);
  });
  if (withClassOf) {
    for (let i = 0; i < c.items.length; i++) {
      expect(key(counter.rep[counter.classOf[i]!]!)).toBe(key(i));
    }
  }
}

describe('class counter = string-key grouping', () => {
  it('small domains (direct table, packed columns)', () => {
    fc.assert(
      fc.property(caseArb(12), fc.boolean(), (c, withClassOf) => check(c, withClassOf)),
      { numRuns: 300 },
    );
  });

  it('large domains (hash table)', () => {
    fc.assert(
      fc.property(caseArb(5000), fc.boolean(), (c, withClassOf) => check(c, withClassOf)),
      { numRuns: 200 },
    );
  });

  it('key ranges beyond 2^52 (partial keys renumbered)', () => {
    const wide: Case = {
      cols: Array.from({ length: 6 }, () => ({ d0: 100_000, height: 2, branch: 2 })),
      items: Array.from({ length: 50 }, (_, i) => ({
        codes: Array.from({ length: 6 }, (_, j) => (i * 7919 * (j + 1)) % 100_000),
        count: 1 + (i % 3),
      })),
      levels: [0, 0, 0, 0, 0, 0],
      limit: 1000,
    };
    check(wide, true);
    check({ ...wide, items: [...wide.items, ...wide.items] }, false);
    check({ ...wide, limit: 10 }, true);
  });

  it('stops at the limit and is reusable afterwards', () => {
    const c: Case = {
      cols: [{ d0: 10, height: 2, branch: 2 }],
      items: Array.from({ length: 10 }, (_, i) => ({ codes: [i], count: 1 })),
      levels: [0],
      limit: 4,
    };
    check(c, false);
    check(c, true);
    check({ ...c, limit: 10 }, false);
    check({ ...c, levels: [1] }, true);
  });
});
