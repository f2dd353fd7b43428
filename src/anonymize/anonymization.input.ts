import { UserError } from '../platform/errors.js';
import type { HierarchySpec, InputSource } from './anonymization.schema.js';
import { builtinHierarchy, mapHierarchy, parseBuiltinSpec } from './hierarchy.japan.js';
import { flatHierarchy, type Hierarchy, parseHierarchyCsv } from './hierarchy.js';
import { normalizeDelimiter, parseTable, type Table, type TableFormat } from './table.js';

/**
 * Reads the table an anonymisation run works on. The one place that knows the input kinds: a connector
 * source (a table read through src/connectors) will be a new case here, with the same result shape.
 */
export function loadInput(source: InputSource): { table: Table; format: TableFormat } {
  switch (source.kind) {
    case 'csv':
      return parseTable(source.text, {
        source: 'The uploaded table',
        ...(source.delimiter !== undefined ? { delimiter: normalizeDelimiter(source.delimiter) } : {}),
      });
  }
}

/** The header of a CSV source without parsing the whole text (checked when the run is requested). */
export function inputHeader(source: InputSource): readonly string[] {
  const end = source.text.search(/\r?\n/);
  const first = end < 0 ? source.text : source.text.slice(0, end);
  return loadInput({ ...source, text: first }).table.header;
}

export function buildHierarchy(column: string, spec: HierarchySpec): Hierarchy {
  if ('csv' in spec) return parseHierarchyCsv(spec.csv, `for "${column}"`);
  // The map's name labels its levels in the published item list (e.g. 職業（区分）).
  if ('map' in spec) return mapHierarchy(new Map(Object.entries(spec.map)), column);
  if (spec.builtin === 'flat') return flatHierarchy(`flat for "${column}"`);
  const { kind, arg } = parseBuiltinSpec(spec.builtin);
  if (kind === 'map') throw new UserError(`Give the map for "${column}" as {"map": {value: category}}.`);
  return builtinHierarchy(kind, arg);
}

export function buildHierarchies(specs: Record<string, HierarchySpec>): Map<string, Hierarchy> {
  return new Map(Object.entries(specs).map(([column, spec]) => [column, buildHierarchy(column, spec)]));
}
