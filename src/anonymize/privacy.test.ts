import { describe, expect, it } from 'vitest';
import { anonymizeTable } from './anonymize.js';
import { hierarchyFromRows } from './hierarchy.js';
import { parseTable } from './table.js';

// Four zip codes in two areas; within each area one zip has only flu.
const { table } = parseTable(
  [
    'zip;disease',
    '101;flu',
    '101;flu',
    '102;cold',
    '102;flu',
    '201;flu',
    '201;flu',
    '202;cold',
    '202;cough',
  ].join('\n'),
);
const zip = hierarchyFromRows(
  [
    ['101', '10*', '*'],
    ['102', '10*', '*'],
    ['201', '20*', '*'],
    ['202', '20*', '*'],
  ],
  'zip',
);
const hierarchies = new Map([['zip', zip]]);

describe('l-diversity', () => {
  it('k=2 alone keeps the zip codes', () => {
    const { report } = anonymizeTable(table, {
      qi: ['zip'],
      hierarchies,
      model: { k: 2, suppression: 0 },
      metric: 'discernibility',
    });
    expect(report.levels).toEqual([0]);
  });

  it('distinct 2-diversity generalises to the area', () => {
    const { report, table: out } = anonymizeTable(table, {
      qi: ['zip'],
      sensitive: 'disease',
      hierarchies,
      model: { k: 2, lDiversity: { variant: 'distinct', l: 2 }, suppression: 0 },
      metric: 'discernibility',
    });
    expect(report.levels).toEqual([1]);
    expect(out.rows.map((r) => r[0])).toEqual(['10*', '10*', '10*', '10*', '20*', '20*', '20*', '20*']);
    expect(out.rows.map((r) => r[1])).toEqual(table.rows.map((r) => r[1]));
  });

  it('distinct 2-diversity with suppression removes the flu-only classes instead', () => {
    const { report, table: out } = anonymizeTable(table, {
      qi: ['zip'],
      sensitive: 'disease',
      hierarchies,
      model: { k: 2, lDiversity: { variant: 'distinct', l: 2 }, suppression: 0.5 },
      metric: 'aecs',
    });
    expect(report.levels).toEqual([0]);
    expect(report.suppressed).toBe(4);
    // AECS counts the suppressed records as one all-* class: 8 / 3 beats 8 / 2 at level 1.
    expect(report.aecs).toBeCloseTo(8 / 3, 12);
    // ARX discernibility: released classes cost size², each suppressed record costs |dataset|.
    expect(report.discernibility).toBe(2 * 2 + 2 * 2 + 4 * 8);
    expect(out.rows.map((r) => r[0])).toEqual(['*', '*', '102', '102', '*', '*', '202', '202']);
  });

  it('entropy 2-diversity needs balanced classes: the 10* area (3 flu, 1 cold) fails, only * passes', () => {
    const { report } = anonymizeTable(table, {
      qi: ['zip'],
      sensitive: 'disease',
      hierarchies,
      model: { k: 2, lDiversity: { variant: 'entropy', l: 2 }, suppression: 0 },
      metric: 'discernibility',
    });
    expect(report.levels).toEqual([2]);
    expect(report.classes).toBe(1);
  });

  it('says so when no generalisation satisfies the model', () => {
    expect(() =>
      anonymizeTable(table, {
        qi: ['zip'],
        sensitive: 'disease',
        hierarchies,
        model: { k: 2, lDiversity: { variant: 'entropy', l: 2.9 }, suppression: 0 },
        metric: 'discernibility',
      }),
    ).toThrow('No generalisation satisfies k=2, entropy l=2.9');
  });

  it('rejects an l larger than the number of sensitive values', () => {
    expect(() =>
      anonymizeTable(table, {
        qi: ['zip'],
        sensitive: 'disease',
        hierarchies,
        model: { k: 2, lDiversity: { variant: 'distinct', l: 4 }, suppression: 0 },
        metric: 'discernibility',
      }),
    ).toThrow('l=4 is impossible');
  });
});
