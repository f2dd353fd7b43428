import type ExcelJS from 'exceljs';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { FidesDataset } from '../datasets/dataset.schema.js';
import { validateDatasets } from '../datasets/dataset.validate.js';
import { SourceFormatError, type SourceIssue } from '../datasets/yaml.source.js';
import {
  COLLECTION_SCHEMAS,
  COLLECTIONS,
  type Collection,
  SECTION_LABELS,
  SINGLETON_SCHEMAS,
  SINGLETONS,
  type Singleton,
} from './register.collections.js';
import { Register } from './register.schema.js';
import {
  buildDoc,
  CellError,
  type CellValue,
  type Column,
  columnsOf,
  readCell,
  writeCell,
} from './xlsx.columns.js';
import { fixExceljsUtf8 } from './xlsx.exceljs-fix.js';
import { japaneseLabel } from './xlsx.labels.js';
import { LEDGER_HEADERS, ledgerRows } from './xlsx.ledger.js';

/*
 * The workbook: the classic 台帳 sheet first (one row per purpose × item; a derived view, not read back), then
 * one sheet per section. Row 1 holds Japanese headings, row 2 the field path (the English/machine heading that
 * import matches columns by, so columns may be reordered). Organisation, rights and annexes are one entity
 * each and are laid out vertically (項目 | path | 値). Datasets keep the fideslang YAML of each dataset.
 */

export const LEDGER_SHEET = '個人情報管理台帳';
const FIRST_ROW = 3;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F0' } };
const PATH_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF666666' }, italic: true, size: 9 };

const sheetName = (section: Collection | Singleton) => SECTION_LABELS[section].ja;
const pathKey = (path: readonly string[]) => path.join('.');

function styleHeader(ws: ExcelJS.Worksheet, widths: number[]): void {
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = HEADER_FILL;
  ws.getRow(2).font = PATH_FONT;
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

function setRow(ws: ExcelJS.Worksheet, rowNumber: number, values: CellValue[]): void {
  const row = ws.getRow(rowNumber);
  values.forEach((v, i) => {
    if (v === undefined) return;
    const cell = row.getCell(i + 1);
    cell.value = v;
    if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
  });
}

function writeCollection(wb: ExcelJS.Workbook, collection: Collection, docs: readonly unknown[]): void {
  const ws = wb.addWorksheet(sheetName(collection));
  if (collection === 'datasets') {
    setRow(ws, 1, ['fides_key', 'データセット（fideslang YAML）']);
    setRow(ws, 2, ['fides_key', 'dataset']);
    docs.forEach((d, i) => {
      setRow(ws, FIRST_ROW + i, [
        (d as { fides_key: string }).fides_key,
        stringify(d, { lineWidth: 0 }).replace(/\n$/, ''),
      ]);
    });
    styleHeader(ws, [24, 100]);
    return;
  }
  const columns = columnsOf(COLLECTION_SCHEMAS[collection]);
  setRow(
    ws,
    1,
    columns.map((c) => japaneseLabel(c.path)),
  );
  setRow(
    ws,
    2,
    columns.map((c) => pathKey(c.path)),
  );
  docs.forEach((doc, i) => {
    setRow(
      ws,
      FIRST_ROW + i,
      columns.map((c) => writeCell(doc, c)),
    );
  });
  styleHeader(
    ws,
    columns.map((c) => (c.kind === 'yaml' ? 48 : c.path.at(-1) === 'key' ? 18 : 28)),
  );
}

function writeSingleton(wb: ExcelJS.Workbook, singleton: Singleton, doc: unknown): void {
  const ws = wb.addWorksheet(sheetName(singleton));
  setRow(ws, 1, ['項目', 'パス', '値']);
  setRow(ws, 2, ['field', 'path', 'value']);
  columnsOf(SINGLETON_SCHEMAS[singleton]).forEach((c, i) => {
    setRow(ws, FIRST_ROW + i, [japaneseLabel(c.path), pathKey(c.path), writeCell(doc, c)]);
  });
  styleHeader(ws, [32, 36, 80]);
}

// Loaded on first use: exceljs costs ~30 MB of a server that may never export a workbook.
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** The register as an .xlsx workbook. */
export async function registerToXlsx(register: Register): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  fixExceljsUtf8();
  const wb = new Workbook();
  wb.creator = 'Mamori';
  const ledger = wb.addWorksheet(LEDGER_SHEET);
  setRow(
    ledger,
    1,
    LEDGER_HEADERS.map((h) => h.ja),
  );
  setRow(
    ledger,
    2,
    LEDGER_HEADERS.map((h) => h.en),
  );
  ledgerRows(register).forEach((row, i) => {
    setRow(ledger, FIRST_ROW + i, row);
  });
  styleHeader(
    ledger,
    LEDGER_HEADERS.map((h) => h.width),
  );
  ledger.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_HEADERS.length } };
  writeSingleton(wb, 'organisation', register.organisation);
  for (const c of COLLECTIONS) {
    if (c !== 'datasets') writeCollection(wb, c, register[c]);
  }
  writeSingleton(wb, 'rights', register.rights);
  writeSingleton(wb, 'annexes', register.annexes);
  writeCollection(wb, 'datasets', register.datasets);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/* ------------------------------------------------------------------ reading */

function cellValue(cell: ExcelJS.Cell): CellValue | Date {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text); // hyperlink
  if (typeof v === 'object' && 'result' in v) return v.result as CellValue; // formula: its last value
  return String(cell.text);
}

const columnLetter = (n: number): string => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

class Issues {
  readonly list: SourceIssue[] = [];
  add(sheet: string, row: number, column: number, path: string, message: string): void {
    const where = column > 0 ? `column ${columnLetter(column)}` : 'sheet';
    this.list.push({
      file: sheet,
      line: row,
      column: Math.max(column, 1),
      path,
      message: `${where}: ${message}`,
    });
  }
}

/** The column a zod issue path belongs to: the longest column path that is a prefix of it. */
function columnFor(
  columns: readonly (Column & { index: number })[],
  issuePath: readonly PropertyKey[],
): number {
  let best = 0;
  let bestLength = -1;
  for (const c of columns) {
    const matches = c.path.every((p, i) => String(issuePath[i]) === p);
    if (matches && c.path.length > bestLength) {
      best = c.index;
      bestLength = c.path.length;
    }
  }
  return best;
}

function parseEntity(
  schema: z.ZodType,
  columns: readonly (Column & { index: number })[],
  cellAt: (c: Column & { index: number }) => CellValue | Date,
  where: { sheet: string; row: number; prefix: string },
  issues: Issues,
): unknown {
  const byPath = new Map(columns.map((c) => [pathKey(c.path), c]));
  let cellProblems = false;
  const doc = buildDoc(schema, (path) => {
    const column = byPath.get(pathKey(path));
    if (!column) return undefined;
    try {
      return readCell(cellAt(column), column);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      issues.add(where.sheet, where.row, column.index, `${where.prefix}.${pathKey(path)}`, error.message);
      cellProblems = true;
      return undefined;
    }
  });
  if (cellProblems) return undefined;
  const result = schema.safeParse(doc ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const column = columnFor(columns, issue.path);
    const path = issue.path.map(String).join('.');
    issues.add(where.sheet, where.row, column, `${where.prefix}${path ? `.${path}` : ''}`, issue.message);
  }
  return undefined;
}

/** Maps the path row (row 2) to columns; every heading must be a field of the section. */
function headerColumns(
  ws: ExcelJS.Worksheet,
  known: readonly Column[],
  issues: Issues,
): (Column & { index: number })[] {
  const byPath = new Map(known.map((c) => [pathKey(c.path), c]));
  const found: (Column & { index: number })[] = [];
  ws.getRow(2).eachCell((cell, index) => {
    const text = String(cellValue(cell) ?? '').trim();
    const column = byPath.get(text);
    if (column) found.push({ ...column, index });
    else if (text) issues.add(ws.name, 2, index, text, `"${text}" is not a field of this sheet`);
  });
  return found;
}

function readCollection(wb: ExcelJS.Workbook, collection: Collection, issues: Issues): unknown[] {
  const ws = wb.getWorksheet(sheetName(collection));
  if (!ws) {
    issues.add(sheetName(collection), 1, 0, collection, `the sheet "${sheetName(collection)}" is missing`);
    return [];
  }
  const docs: unknown[] = [];
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const where = { sheet: ws.name, row: r, prefix: `${collection}[${docs.length}]` };
    if (collection === 'datasets') {
      const text = cellValue(row.getCell(2));
      let value: unknown;
      try {
        value = parse(String(text ?? ''));
      } catch (error) {
        issues.add(
          ws.name,
          r,
          2,
          where.prefix,
          `the YAML cannot be read: ${(error as Error).message.split('\n')[0]}`,
        );
        docs.push(undefined);
        continue;
      }
      const result = FidesDataset.safeParse(value);
      if (!result.success) {
        for (const i of result.error.issues)
          issues.add(ws.name, r, 2, `${where.prefix}.${i.path.join('.')}`, i.message);
      } else {
        for (const p of validateDatasets([result.data])) {
          issues.add(ws.name, r, 2, `${where.prefix}.${p.path.join('.')}`, p.message);
        }
      }
      docs.push(result.data);
      continue;
    }
    const schema = COLLECTION_SCHEMAS[collection];
    const columns = headerColumns(ws, columnsOf(schema), r === FIRST_ROW ? issues : new Issues());
    docs.push(parseEntity(schema, columns, (c) => cellValue(row.getCell(c.index)), where, issues));
  }
  return docs;
}

function readSingleton(wb: ExcelJS.Workbook, singleton: Singleton, issues: Issues): unknown {
  const ws = wb.getWorksheet(sheetName(singleton));
  if (!ws) {
    issues.add(sheetName(singleton), 1, 0, singleton, `the sheet "${sheetName(singleton)}" is missing`);
    return undefined;
  }
  const schema = SINGLETON_SCHEMAS[singleton];
  const byPath = new Map(columnsOf(schema).map((c) => [pathKey(c.path), c]));
  const rows: (Column & { index: number })[] = [];
  const values = new Map<number, CellValue | Date>();
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const path = String(cellValue(ws.getRow(r).getCell(2)) ?? '').trim();
    if (!path) continue;
    const column = byPath.get(path);
    if (!column) {
      issues.add(ws.name, r, 2, path, `"${path}" is not a field of ${singleton}`);
      continue;
    }
    rows.push({ ...column, index: r });
    values.set(r, cellValue(ws.getRow(r).getCell(3)));
  }
  // Vertical layout: an issue's "column" is the row of its field; report it at column C of that row.
  const before = issues.list.length;
  const doc = parseEntity(
    schema,
    rows,
    (c) => values.get(c.index),
    { sheet: ws.name, row: 0, prefix: singleton },
    issues,
  );
  for (const issue of issues.list.slice(before)) {
    issue.line = issue.column;
    issue.column = 3;
    issue.message = issue.message.replace(/^column [A-Z]+:/, 'column C:').replace(/^sheet:/, 'column C:');
  }
  return doc;
}

/**
 * Reads a workbook written by registerToXlsx (and edited by people). Every problem is reported with its
 * sheet, row and column; nothing is returned unless the whole register is valid.
 */
export async function registerFromXlsx(buffer: Buffer): Promise<Register> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SourceFormatError([
      { file: 'workbook', line: 1, column: 1, path: '', message: 'this is not an .xlsx workbook' },
    ]);
  }
  const issues = new Issues();
  const candidate: Record<string, unknown> = {};
  for (const s of SINGLETONS) candidate[s] = readSingleton(wb, s, issues);
  for (const c of COLLECTIONS) candidate[c] = readCollection(wb, c, issues);
  if (issues.list.length > 0) throw new SourceFormatError(issues.list);
  const result = Register.safeParse(candidate);
  if (!result.success) {
    throw new SourceFormatError(
      result.error.issues.map((i) => ({
        file: 'workbook',
        line: 1,
        column: 1,
        path: i.path.join('.'),
        message: i.message,
      })),
    );
  }
  return result.data;
}
