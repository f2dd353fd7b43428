/**
 * Seeded synthetic data for the anonymisation benchmarks (issue 7): the same 1M rows in every run, skewed like
 * a population (a few large prefectures, most people of working age), 8 quasi-identifiers.
 */
import { writeFileSync } from 'node:fs';
import {
  ageHierarchy,
  dateHierarchy,
  intervalHierarchy,
  mapHierarchy,
  postalCodeHierarchy,
  prefectureHierarchy,
} from '../src/anonymize/hierarchy.japan.js';
import { flatHierarchy, type Hierarchy } from '../src/anonymize/hierarchy.js';
import { PREFECTURES } from '../src/anonymize/prefectures.js';
import type { Table } from '../src/anonymize/table.js';

/** mulberry32: a small seeded generator, so every run sees the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const OCCUPATIONS = Array.from({ length: 24 }, (_, i) => `職種${i}`);

export function synthetic(n: number): { table: Table; qi: string[]; hierarchies: Map<string, Hierarchy> } {
  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Skewed like a population: a few large prefectures, most people in working ages.
  const prefWeights = PREFECTURES.map((_, i) => 1 / (1 + (i % 13)));
  const prefCum: number[] = [];
  prefWeights.reduce((acc, w, i) => (prefCum[i] = acc + w), 0);
  const prefTotal = prefCum[prefCum.length - 1]!;
  const pref = (): string => PREFECTURES[prefCum.findIndex((c) => c >= rand() * prefTotal)]!.ja;
  const ages = Array.from({ length: 90 }, (_, i) => String(i + 10));
  const days = Array.from({ length: 730 }, (_, i) =>
    new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10),
  );
  const marital = ['未婚', '既婚', '離別', '死別'];
  const sexes = ['男性', '女性'];
  const header = [
    'id',
    'sex',
    'age',
    'prefecture',
    'postal',
    'occupation',
    'marital',
    'date',
    'income',
    'usage',
  ];
  const rows: string[][] = new Array(n);
  const postalPrefixes = Array.from({ length: 120 }, (_, i) => String(100 + i * 7));
  for (let r = 0; r < n; r++) {
    const age = Math.min(89, Math.max(0, Math.round(35 + (rand() + rand() + rand() - 1.5) * 30)));
    rows[r] = [
      String(r),
      pick(sexes),
      ages[age]!,
      pref(),
      `${pick(postalPrefixes)}-${String(Math.floor(rand() * 40)).padStart(4, '0')}`,
      pick(OCCUPATIONS),
      pick(marital),
      pick(days),
      String(Math.floor(rand() * 2000)),
      String(Math.floor(rand() * 100)),
    ];
  }
  const occupationMap = new Map(OCCUPATIONS.map((o, i) => [o, `区分${i % 6}`]));
  const hierarchies = new Map<string, Hierarchy>([
    ['sex', flatHierarchy()],
    ['age', ageHierarchy()],
    ['prefecture', prefectureHierarchy()],
    ['postal', postalCodeHierarchy()],
    ['occupation', mapHierarchy(occupationMap, 'occupation')],
    ['marital', flatHierarchy()],
    ['date', dateHierarchy()],
    ['income', intervalHierarchy([100, 500])],
  ]);
  return { table: { header, rows }, qi: [...hierarchies.keys()], hierarchies };
}

/**
 * Writes the synthetic table as a comma-separated file plus the occupation map, and returns the CLI
 * hierarchy options for it (built-in kinds only: the same hierarchies as `synthetic`).
 */
export function writeSyntheticCsv(n: number, dir: string): { csv: string; args: string[] } {
  const { table } = synthetic(n);
  const csv = `${dir}/anonymize-synthetic-${n}.csv`;
  const map = `${dir}/anonymize-occupations.csv`;
  const lines = [table.header.join(',')];
  for (const row of table.rows) lines.push(row.join(','));
  writeFileSync(csv, `${lines.join('\n')}\n`);
  writeFileSync(map, `${OCCUPATIONS.map((o, i) => `${o},区分${i % 6}`).join('\n')}\n`);
  const args = [
    '--qi',
    'sex,age,prefecture,postal,occupation,marital,date,income',
    '--builtin',
    'sex=flat',
    'age=age',
    'prefecture=prefecture',
    'postal=postal',
    `occupation=map:${map}`,
    'marital=flat',
    'date=date',
    'income=interval:100,500',
    '--drop',
    'id',
  ];
  return { csv, args };
}
