import { readFile } from 'node:fs/promises';
import { UserError } from '../platform/errors.js';
import { formatChunks, parseDelimited } from './delimited.js';

/** A delimited table as read: the header row and the data rows, all cells as strings. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** How a file was written, so that the anonymised output can be written the same way. */
export interface TableFormat {
  readonly delimiter: string;
  readonly recordDelimiter: '\r\n' | '\n';
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** Accepts the spellings people type on a command line for a tab. */
export function normalizeDelimiter(d: string): string {
  if (d === '\\t' || d.toLowerCase() === 'tab') return '\t';
  if (d.length !== 1) throw new UserError(`The delimiter must be one character, got ${JSON.stringify(d)}.`);
  return d;
}

/** Picks the candidate delimiter that occurs most often in the first line (ties: the earlier candidate). */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  let best: string = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const count = first.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function parseRecords(text: string, delimiter: string, source: string): string[][] {
  return parseDelimited(text, delimiter, source);
}

/** Parses delimited text with a header row; every data row must have as many fields as the header. */
export function parseTable(
  text: string,
  options: { delimiter?: string; source?: string } = {},
): { table: Table; format: TableFormat } {
  const source = options.source ?? 'The input';
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parseRecords(text, delimiter, source);
  const header = records[0];
  if (header === undefined) throw new UserError(`${source} is empty: it has no header row.`);
  const rows = records.slice(1);
  for (let i = 0; i < rows.length; i++) {
    const len = rows[i]!.length;
    if (len !== header.length) {
      throw new UserError(
        `${source} is ragged: data row ${i + 1} has ${len} fields but the header has ${header.length}.`,
      );
    }
  }
  const firstBreak = text.search(/\r?\n/);
  const recordDelimiter = firstBreak >= 0 && text[firstBreak] === '\r' ? '\r\n' : '\n';
  return { table: { header, rows }, format: { delimiter, recordDelimiter } };
}

/** Parses header-less delimited text (hierarchy files) and requires every row to have the same width. */
export function parseRows(text: string, options: { delimiter?: string; source: string }): string[][] {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows = parseRecords(text, delimiter, options.source);
  const width = rows[0]?.length ?? 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.length !== width) {
      throw new UserError(
        `${options.source} is ragged: row ${i + 1} has ${rows[i]!.length} fields but row 1 has ${width}.`,
      );
    }
  }
  return rows;
}

/** Serialises a table with the given format; only fields that need it are quoted. */
export function formatTable(table: Table, format: TableFormat): string {
  return [...tableChunks(table, format)].join('');
}

/** The table as delimited text in chunks of about 1 MiB (for writing to a stream). */
export function tableChunks(table: Table, format: TableFormat): Generator<string> {
  return formatChunks(
    table.header,
    table.rows.length,
    (r, out) => {
      const row = table.rows[r]!;
      for (let i = 0; i < out.length; i++) out[i] = row[i]!;
    },
    format.delimiter,
    format.recordDelimiter,
  );
}

/** The CSV reading helper: the one place in this folder besides the CLI that touches the file system. */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`Cannot read the ${what} ${path}${code ? ` (${code})` : ''}.`);
  }
}

export async function readTableFile(
  path: string,
  delimiter?: string,
): Promise<{ table: Table; format: TableFormat }> {
  const text = await readTextFile(path, 'input file');
  return parseTable(text, { source: path, ...(delimiter ? { delimiter } : {}) });
}
