import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../datasets/yaml.source.js';
import { EXAMPLES, readExampleFiles } from './examples.test-helpers.js';
import type { Register } from './register.schema.js';
import { registerArb } from './register.test-helpers.js';
import { LEDGER_SHEET, registerFromXlsx, registerToXlsx } from './register.xlsx.js';
import { registerFromYamlFiles } from './register.yaml.js';

const load = (example: string): Register => registerFromYamlFiles(readExampleFiles(example));

async function edit(buffer: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function issuesOf(buffer: Buffer): Promise<SourceFormatError['issues']> {
  try {
    await registerFromXlsx(buffer);
  } catch (error) {
    if (error instanceof SourceFormatError) return error.issues;
    throw error;
  }
  throw new Error('expected the workbook to be refused');
}

function columnOf(ws: ExcelJS.Worksheet, path: string): number {
  let found = 0;
  ws.getRow(2).eachCell((cell, i) => {
    if (cell.value === path) found = i;
  });
  if (!found) throw new Error(`no column ${path}`);
  return found;
}

describe('register Excel round trip', () => {
  it('import(export(x)) equals x for any register', async () => {
    await fc.assert(
      fc.asyncProperty(registerArb, async (register) => {
        expect(await registerFromXlsx(await registerToXlsx(register))).toEqual(register);
      }),
      { numRuns: 40 },
    );
  });

  for (const example of EXAMPLES) {
    it(`keeps every fact of ${example}`, async () => {
      const register = load(example);
      expect(await registerFromXlsx(await registerToXlsx(register))).toEqual(register);
    });
  }

  it('keeps characters outside the BMP wherever they fall in the workbook (𠮷野, 𩸽)', async () => {
    const base = load('tsudoi-membership');
    const names = Array.from({ length: 800 }, (_, i) => ({ key: `t${i}`, name: { ja: `𠮷野${i}𩸽さん` } }));
    const register = { ...base, subjectTypes: [...base.subjectTypes, ...names] };
    expect(await registerFromXlsx(await registerToXlsx(register))).toEqual(register);
  });

  it('writes the 台帳 sheet with one row per purpose × item and Japanese headers', async () => {
    const register = load('tsunagi-technology');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await registerToXlsx(register)) as unknown as ArrayBuffer);
    const ledger = wb.getWorksheet(LEDGER_SHEET);
    if (!ledger) throw new Error('no ledger sheet');
    expect(ledger.getRow(1).getCell(1).value).toBe('個人情報の類型');
    expect(ledger.getRow(1).getCell(5).value).toBe('利用目的');
    const expectedRows = register.purposes.reduce((n, p) => n + Math.max(p.items.length, 1), 0);
    expect(ledger.rowCount - 2).toBe(expectedRows);
    const first = register.purposes[0];
    const item = register.dataItems.find((i) => i.key === first?.items[0]);
    expect(ledger.getRow(3).getCell(5).value).toBe(first?.description.ja);
    expect(ledger.getRow(3).getCell(2).value).toBe(item?.name.ja);
    expect(wb.getWorksheet('利用目的')?.getRow(1).getCell(1).value).toBe('キー');
    expect(wb.getWorksheet('利用目的')?.getRow(2).getCell(1).value).toBe('key');
  });
});

describe('bad workbooks', () => {
  const register = load('hibiki-cloud-comms');

  it('names sheet, row and column of every bad cell and imports nothing', async () => {
    const bad = await edit(await registerToXlsx(register), (wb) => {
      const purposes = wb.getWorksheet('利用目的');
      if (!purposes) throw new Error('no sheet');
      purposes.getRow(4).getCell(columnOf(purposes, 'holding')).value = 'maybe';
      purposes.getRow(5).getCell(columnOf(purposes, 'description.ja')).value = null;
      const safeguards = wb.getWorksheet('安全管理措置');
      if (!safeguards) throw new Error('no sheet');
      safeguards.getRow(3).getCell(columnOf(safeguards, 'reviewCycleMonths')).value = 'twelve';
    });
    const issues = await issuesOf(bad);
    expect(issues.map((i) => [i.file, i.line])).toEqual(
      expect.arrayContaining([
        ['利用目的', 4],
        ['利用目的', 5],
        ['安全管理措置', 3],
      ]),
    );
    const holdingIssue = issues.find((i) => i.file === '利用目的' && i.line === 4);
    expect(holdingIssue?.path).toBe('purposes[1].holding');
    expect(holdingIssue?.message).toMatch(/^column [A-Z]+: /);
    expect(issues.find((i) => i.file === '安全管理措置')?.message).toContain('expected a number');
  });

  it('reports a missing organisation field at its row in column C', async () => {
    const bad = await edit(await registerToXlsx(register), (wb) => {
      const org = wb.getWorksheet('事業者');
      if (!org) throw new Error('no sheet');
      org.eachRow((row) => {
        if (row.getCell(2).value === 'name.ja') row.getCell(3).value = null;
      });
    });
    const [issue] = await issuesOf(bad);
    expect(issue).toMatchObject({ file: '事業者', column: 3, path: 'organisation.name.ja' });
    expect(issue?.line).toBeGreaterThan(2);
  });

  it('refuses a workbook with a missing sheet, an unknown column, or no workbook at all', async () => {
    const noSheet = await edit(await registerToXlsx(register), (wb) => {
      const ws = wb.getWorksheet('システム');
      if (ws) wb.removeWorksheet(ws.id);
    });
    expect((await issuesOf(noSheet))[0]?.message).toContain('missing');
    const unknown = await edit(await registerToXlsx(register), (wb) => {
      const ws = wb.getWorksheet('委託先');
      if (ws) ws.getRow(2).getCell(40).value = 'colour';
    });
    expect((await issuesOf(unknown))[0]).toMatchObject({ file: '委託先', line: 2, column: 40 });
    expect((await issuesOf(Buffer.from('not a zip')))[0]?.message).toContain('not an .xlsx');
  });
});
