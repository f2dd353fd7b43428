import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UserError } from '../platform/errors.js';
import { registerAnonymizeCommands } from './anonymize.cli.js';
import { AnonymizeReport } from './anonymize.schema.js';

const ADULT = fileURLToPath(new URL('../../../shared/data/adult/', import.meta.url));
const QI = [
  'sex',
  'age',
  'race',
  'marital-status',
  'education',
  'native-country',
  'workclass',
  'salary-class',
];

async function run(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerAnonymizeCommands(program);
  await program.parseAsync(['anonymize', ...args], { from: 'user' });
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'mamori-anon-'));

describe('mamori anonymize on adult', () => {
  it('writes the optimal table and report, keeping header, delimiter and line ends', async () => {
    const dir = tmp();
    const out = join(dir, 'out.csv');
    const report = join(dir, 'report.json');
    const publication = join(dir, 'publication.txt');
    await run([
      '--input',
      join(ADULT, 'adult.csv'),
      '--delimiter',
      ';',
      '--qi',
      QI.join(','),
      '--hierarchy',
      ...QI.map((q) => `${q}=${join(ADULT, `adult_hierarchy_${q}.csv`)}`),
      '--k',
      '5',
      '--metric',
      'discernibility',
      '--out',
      out,
      '--report',
      report,
      '--publication',
      publication,
      '--methods',
      'media,email,server-upload',
    ]);
    const r = AnonymizeReport.parse(JSON.parse(readFileSync(report, 'utf8')));
    expect(r.levels).toEqual([1, 1, 1, 1, 3, 2, 2, 1]);
    expect(r.discernibility).toBe(55_170_356);
    expect(r.classes).toBe(30);
    expect(r.minClassSize).toBe(16);
    expect(r.suppressed).toBe(0);

    const input = readFileSync(join(ADULT, 'adult.csv'), 'utf8');
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(input.split('\r\n')[0]);
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(30163);
    const header = lines[0]!.split(';');
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const qiAt = QI.map((q) => header.indexOf(q));
    const classes = new Map<string, number>();
    for (const row of rows) {
      const key = qiAt.map((i) => row[i]).join('|');
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    expect(classes.size).toBe(30);
    expect(Math.min(...classes.values())).toBe(16);
    // Levels [.., race 1 ..]: race is fully generalised; age at level 1 is a 5-year band from the file.
    expect(new Set(rows.map((row) => row[header.indexOf('race')]))).toEqual(new Set(['*']));
    expect(rows[0]![header.indexOf('age')]).toBe('35-39');
    // Occupation is not a quasi-identifier: kept as it was.
    const inputRows = input.split('\r\n').slice(1, 4);
    expect(rows.slice(0, 3).map((row) => row[7])).toEqual(inputRows.map((l) => l.split(';')[7]));

    const pub = readFileSync(publication, 'utf8');
    expect(pub).toContain(
      '[提供方法]\n・記録媒体による提供\n・電子メールによる提供\n・サーバへのアップロードによる提供',
    );
    expect(pub).toContain('・occupation');
    expect(pub).not.toContain('・race');
  });
});

describe('mamori anonymize errors', () => {
  const write = (dir: string, name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const small = (dir: string): string[] => [
    '--input',
    write(dir, 'in.csv', 'name,age,city\nA,30,X\nB,31,X\nC,32,Y\nD,33,Y\n'),
    '--hierarchy',
    `age=${write(dir, 'age.csv', '30,30-34,*\n31,30-34,*\n32,30-34,*\n33,30-34,*\n')}`,
    '--out',
    join(dir, 'o.csv'),
    '--report',
    join(dir, 'r.json'),
  ];

  it('names row and column of a value missing from its hierarchy', async () => {
    const dir = tmp();
    const args = small(dir);
    write(dir, 'age.csv', '30,30-34,*\n31,30-34,*\n33,30-34,*\n');
    const err = run([...args, '--qi', 'age', '--k', '2']);
    await expect(err).rejects.toBeInstanceOf(UserError);
    await expect(err).rejects.toThrow('Data row 3, column "age": the value is not in the hierarchy');
  });

  it('names the ragged row of the input', async () => {
    const dir = tmp();
    const args = small(dir);
    write(dir, 'in.csv', 'name,age,city\nA,30,X\nB,31\n');
    await expect(run([...args, '--qi', 'age'])).rejects.toThrow(
      'data row 2 has 2 fields but the header has 3',
    );
  });

  it('says that k is impossible', async () => {
    const dir = tmp();
    await expect(run([...small(dir), '--qi', 'age', '--k', '10'])).rejects.toThrow(
      'k=10 is impossible: the table has only 4 rows.',
    );
  });

  it('says when the output cannot be written, and reads a flat built-in hierarchy', async () => {
    const dir = tmp();
    const args = small(dir);
    const missing = join(dir, 'no-such-folder', 'o.csv');
    await expect(run([...args, '--qi', 'age', '--k', '2', '--out', missing])).rejects.toThrow(
      `Cannot write the output ${missing} (ENOENT).`,
    );
    await run([...args, '--qi', 'age,city', '--builtin', 'city=flat', '--k', '2']);
    const lines = readFileSync(join(dir, 'o.csv'), 'utf8').trim().split('\n');
    expect(lines).toEqual(['name,age,city', 'A,30-34,X', 'B,30-34,X', 'C,30-34,Y', 'D,30-34,Y']);
  });

  it('names an unknown column', async () => {
    const dir = tmp();
    await expect(run([...small(dir), '--qi', 'height'])).rejects.toThrow('Unknown column "height"');
  });

  it('rejects a quasi-identifier without hierarchy and l-diversity without a sensitive column', async () => {
    const dir = tmp();
    await expect(run([...small(dir), '--qi', 'age,city'])).rejects.toThrow('"city" has no hierarchy');
    await expect(run([...small(dir), '--qi', 'age', '--k', '2', '--l', '2'])).rejects.toThrow(
      'need a sensitive column',
    );
  });

  it('drops and pseudonymises identifiers with a key read from a file', async () => {
    const dir = tmp();
    const key = write(dir, 'key.txt', 'a-secret-key-of-32-characters-xx\n');
    const args = small(dir);
    await run([
      ...args,
      '--qi',
      'age',
      '--k',
      '2',
      '--builtin',
      `city=map:${write(dir, 'm.csv', 'X,XY\nY,XY\n')}`,
    ]);
    const plain = readFileSync(join(dir, 'o.csv'), 'utf8').split('\n');
    expect(plain[0]).toBe('name,age,city');
    await run([
      ...args,
      '--qi',
      'age',
      '--k',
      '2',
      '--pseudonymize',
      'name',
      '--pseudonym-key-file',
      key,
      '--drop',
      'city',
    ]);
    const rows = readFileSync(join(dir, 'o.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('name,age');
    const pseudonyms = rows.slice(1).map((r) => r.split(',')[0]!);
    expect(new Set(pseudonyms).size).toBe(4);
    expect(pseudonyms.every((p) => /^[0-9a-f]{32}$/.test(p))).toBe(true);
    await expect(run([...args, '--qi', 'age', '--pseudonymize', 'name'])).rejects.toThrow(
      '--pseudonym-key-file',
    );
  });
});
