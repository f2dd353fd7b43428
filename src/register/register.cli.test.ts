import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { runCli } from '../cli/index.js';
import { EXAMPLES_DIR, readExampleFiles } from './examples.test-helpers.js';
import { readRegisterPath } from './register.files.js';
import type { Register } from './register.schema.js';
import { registerFromXlsx } from './register.xlsx.js';
import { registerFromYamlFiles } from './register.yaml.js';

let dir: string;
let db: TestDatabase | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-cli-'));
  // PostgreSQL: the CLI opens this test's own database; PGlite: its own data directory.
  if (process.env.DATABASE_URL) {
    db = await testDatabase();
    process.env.DATABASE_URL = db.url;
  }
  process.env.MAMORI_DATA_DIR = path.join(dir, 'data');
  process.env.MAMORI_SECRET_KEY = Buffer.alloc(32, 5).toString('base64');
  process.env.LOG_LEVEL = 'silent';
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const example = (name: string): Register => registerFromYamlFiles(readExampleFiles(name));

describe('mamori register and mamori notice', () => {
  it('check says there is no register yet', async () => {
    const r = await cli('register', 'check');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no register yet');
  });

  it('imports an example folder, checks it and exports YAML and Excel that read back the same', async () => {
    const imported = await cli('register', 'import', path.join(EXAMPLES_DIR, 'tsunagi-technology'));
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/Imported .*created/);

    const check = await cli('register', 'check', '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out).filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);

    const register = example('tsunagi-technology');
    expect((await cli('register', 'export', '--out', path.join(dir, 'yaml'))).code).toBe(0);
    expect(await readRegisterPath(path.join(dir, 'yaml'))).toEqual(register);
    expect((await cli('register', 'export', '--out', path.join(dir, 'one.yaml'))).code).toBe(0);
    expect(await readRegisterPath(path.join(dir, 'one.yaml'))).toEqual(register);
    expect(
      (await cli('register', 'export', '--format', 'xlsx', '--out', path.join(dir, 'r.xlsx'))).code,
    ).toBe(0);
    expect(await registerFromXlsx(await fs.readFile(path.join(dir, 'r.xlsx')))).toEqual(register);
  });

  it('refuses bad YAML and bad workbooks with file and line / sheet, row and column, changing nothing', async () => {
    const bad = path.join(dir, 'bad.yaml');
    await fs.writeFile(
      bad,
      (await fs.readFile(path.join(dir, 'one.yaml'), 'utf8')).replace(/holding: held/, 'holding: [held'),
    );
    const r = await cli('register', 'import', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+: /);
    expect(r.err).toContain('nothing was imported');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(path.join(dir, 'r.xlsx'))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('取得項目');
    if (!ws) throw new Error('no sheet');
    ws.getRow(3).getCell(1).value = 'Not A Key';
    await fs.writeFile(path.join(dir, 'bad.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const x = await cli('register', 'import', path.join(dir, 'bad.xlsx'));
    expect(x.code).toBe(1);
    expect(x.err).toContain('取得項目:3:1: dataItems[0].key: column A:');

    expect((await cli('register', 'export', '--out', path.join(dir, 'after.yaml'))).code).toBe(0);
    expect(await fs.readFile(path.join(dir, 'after.yaml'), 'utf8')).toBe(
      await fs.readFile(path.join(dir, 'one.yaml'), 'utf8'),
    );
  });

  it('renders, publishes, lists and diffs notices', async () => {
    const register = example('tsunagi-technology');
    const md = await cli('notice', 'render', '--lang', 'en', '--format', 'md');
    expect(md.out).toContain(register.organisation.name.en);
    const pdfFile = path.join(dir, 'n.pdf');
    expect((await cli('notice', 'render', '--format', 'pdf', '--out', pdfFile)).code).toBe(0);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      '',
    );
    expect(text).toContain(register.organisation.name.ja.replace(/\s+/g, ''));
    expect(text).toContain('利用目的');

    expect((await cli('notice', 'publish', '--effective', 'April')).code).toBe(1);
    const v1 = await cli('notice', 'publish', '--effective', '2024-04-01');
    expect(v1.out).toContain('version 1');
    expect((await cli('register', 'import', path.join(dir, 'r.xlsx'))).code).toBe(0);
    const edited = path.join(dir, 'edited.yaml');
    const retention = register.retentionRules[0]?.description?.ja ?? '';
    await fs.writeFile(
      edited,
      (await fs.readFile(path.join(dir, 'one.yaml'), 'utf8')).replace(
        retention,
        '契約終了後10年間保存します',
      ),
    );
    expect((await cli('register', 'import', edited)).code).toBe(0);
    expect((await cli('notice', 'publish', '--effective', '2025-04-01', '--note', 'retention')).code).toBe(0);
    const list = await cli('notice', 'list');
    expect(
      list.out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['v2', 'v1']);
    const diff = await cli('notice', 'diff', 'v1', '2');
    expect(diff.code).toBe(0);
    expect(diff.out).toContain('+ ');
    expect(diff.out).toContain('契約終了後10年間保存します');
  });
});
