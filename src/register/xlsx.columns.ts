import { parse, stringify } from 'yaml';
import type { z } from 'zod';

/**
 * How an entity becomes one spreadsheet row: nested objects are spread over dotted columns (`name.ja`,
 * `bases.appi`), lists of keys or codes go one per line in a cell, and what a cell cannot hold as a value
 * (lists of objects: hosting, desks, fees…) is written as YAML inside the cell. The columns come from the zod
 * schema, so a new field appears in the workbook without code here.
 */
export type ColumnKind = 'string' | 'number' | 'boolean' | 'list' | 'yaml';

export interface Column {
  path: string[];
  kind: ColumnKind;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  checks?: unknown[];
};
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let schema = s;
  let optional = false;
  for (;;) {
    const d = def(schema);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) {
      optional = true;
      schema = d.innerType;
    } else return { schema, optional };
  }
}

const SCALAR: Record<string, ColumnKind> = {
  string: 'string',
  enum: 'string',
  literal: 'string',
  number: 'number',
  boolean: 'boolean',
};

/**
 * An optional object whose fields are all optional cannot be spread over columns: empty cells would not tell
 * "absent" from "present but empty" (`policy: {}`). It goes into one YAML cell instead, unless the schema
 * refuses an empty object anyway (a duration needs years, months or days).
 */
function ambiguousWhenEmpty(d: Def, optional: boolean): boolean {
  if (!optional || !d.shape || (d.checks?.length ?? 0) > 0) return false;
  return Object.values(d.shape).every((child) => unwrap(child).optional);
}

export function columnsOf(schema: z.ZodType, path: string[] = []): Column[] {
  const { schema: inner, optional } = unwrap(schema);
  const d = def(inner);
  if (d.type === 'object' && d.shape && !ambiguousWhenEmpty(d, optional)) {
    return Object.entries(d.shape).flatMap(([key, child]) => columnsOf(child, [...path, key]));
  }
  if (SCALAR[d.type]) return [{ path, kind: SCALAR[d.type] as ColumnKind }];
  if (d.type === 'array' && d.element && ['string', 'enum'].includes(def(unwrap(d.element).schema).type)) {
    return [{ path, kind: 'list' }];
  }
  return [{ path, kind: 'yaml' }];
}

export type CellValue = string | number | boolean | undefined;

/** Explicitly empty optional list; an empty cell means "not given". */
export const EMPTY_LIST = '[]';

function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function writeCell(doc: unknown, column: Column): CellValue {
  const v = at(doc, column.path);
  if (v === undefined) return undefined;
  switch (column.kind) {
    case 'list':
      return (v as string[]).length === 0 ? EMPTY_LIST : (v as string[]).join('\n');
    case 'yaml':
      return stringify(v, { lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, '');
    default:
      return v as CellValue;
  }
}

export class CellError extends Error {}

const TRUE = new Set(['true', 'yes', 'はい', '○', '◯', 'y', '1']);
const FALSE = new Set(['false', 'no', 'いいえ', '×', 'n', '0']);

/** A cell as the schema wants it; a person may have typed numbers as text, TRUE as はい, a date as a date. */
export function readCell(raw: CellValue | Date, column: Column): unknown {
  if (raw === undefined || raw === '') return undefined;
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
  switch (column.kind) {
    case 'string':
      return text;
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(text.replace(/[,，]/g, ''));
      if (text.trim() === '' || !Number.isFinite(n)) throw new CellError(`expected a number, got "${text}"`);
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const t = text.trim().toLowerCase();
      if (TRUE.has(t)) return true;
      if (FALSE.has(t)) return false;
      throw new CellError(`expected TRUE or FALSE, got "${text}"`);
    }
    case 'list':
      return text === EMPTY_LIST ? [] : text.split(/\r?\n/).filter((s) => s !== '');
    case 'yaml':
      try {
        return parse(text);
      } catch (error) {
        throw new CellError(
          `the YAML in this cell cannot be read: ${(error as Error).message.split('\n')[0]}`,
        );
      }
  }
}

/**
 * Rebuilds an entity from its cells. Optional objects with no cell filled stay absent; required objects are
 * created empty so that the schema names the missing field, and required lists left empty become [].
 */
export function buildDoc(schema: z.ZodType, get: (path: string[]) => unknown, path: string[] = []): unknown {
  const { schema: inner, optional } = unwrap(schema);
  const d = def(inner);
  if (d.type === 'object' && d.shape && !ambiguousWhenEmpty(d, optional)) {
    const out: Record<string, unknown> = {};
    let any = false;
    for (const [key, child] of Object.entries(d.shape)) {
      const childPath = [...path, key];
      let v = buildDoc(child, get, childPath);
      if (v !== undefined) any = true;
      const c = unwrap(child);
      if (v === undefined && !c.optional) {
        const t = def(c.schema).type;
        if (t === 'object') v = buildDoc(c.schema, get, childPath) ?? {};
        else if (t === 'array') v = [];
      }
      if (v !== undefined) out[key] = v;
    }
    return any ? out : undefined;
  }
  return get(path);
}
