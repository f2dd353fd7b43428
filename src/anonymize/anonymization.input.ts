import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { UserError } from '../platform/errors.js';
import type { HierarchySpec, InputSource } from './anonymization.schema.js';
import { builtinHierarchy, mapHierarchy, parseBuiltinSpec } from './hierarchy.japan.js';
import { flatHierarchy, type Hierarchy, parseHierarchyCsv } from './hierarchy.js';
import { normalizeDelimiter, parseTable, type Table, type TableFormat } from './table.js';

/**
 * Reads the table an anonymisation run works on: CSV text, or a connection's table streamed through its
 * driver (`connection` is the stored connection's unsealed spec, resolved by the service).
 */
export async function loadInput(
  source: InputSource,
  connection?: ConnectionSpec,
): Promise<{ table: Table; format: TableFormat }> {
  switch (source.kind) {
    case 'csv':
      return parseCsv(source);
    case 'connection': {
      if (connection === undefined) throw new UserError(`There is no connection "${source.connection}".`);
      const { readConnectionTable } = await import('./anonymization.source.js');
      // The released table of a database source is written as comma-separated text with \n line ends.
      return {
        table: await readConnectionTable(connection, source),
        format: { delimiter: ',', recordDelimiter: '\n' },
      };
    }
  }
}

function parseCsv(source: Extract<InputSource, { kind: 'csv' }>): { table: Table; format: TableFormat } {
  return parseTable(source.text, {
    source: 'The uploaded table',
    ...(source.delimiter !== undefined ? { delimiter: normalizeDelimiter(source.delimiter) } : {}),
  });
}

/** The header of the source without reading it (checked when the run is requested). */
export function inputHeader(source: InputSource): readonly string[] {
  if (source.kind === 'connection') return source.columns;
  const end = source.text.search(/\r?\n/);
  const first = end < 0 ? source.text : source.text.slice(0, end);
  return parseCsv({ ...source, text: first }).table.header;
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
