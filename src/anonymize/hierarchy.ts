import { UserError } from '../platform/errors.js';
import { parseRows } from './table.js';

/** What a level of a hierarchy means, for the published item list (APPI Art. 43(3)). */
export interface LevelLabel {
  readonly ja: string;
  readonly en: string;
}

/**
 * A generalisation hierarchy: level 0 is the value itself, each further level is coarser, the last is
 * normally `*`. Full-domain generalisation (and the monotonicity the search relies on) needs it to be a
 * tree: values equal at one level must stay equal at every coarser level. The encoder checks that on the
 * values present in the data.
 */
export interface Hierarchy {
  /** For messages: the file name or the built-in kind. */
  readonly name: string;
  /** Number of levels including level 0. */
  readonly height: number;
  /** The value followed by its ever coarser generalisations (length `height`), or undefined if unknown. */
  generalize(value: string): readonly string[] | undefined;
  /** Optional meaning of each level (length `height`), used to render published item lists. */
  readonly levelLabels?: readonly LevelLabel[];
}

/** Builds a hierarchy from rows in the ARX format: the value, then ever coarser levels. */
export function hierarchyFromRows(rows: readonly (readonly string[])[], name: string): Hierarchy {
  const first = rows[0];
  if (first === undefined || first.length === 0) throw new UserError(`The hierarchy ${name} is empty.`);
  const height = first.length;
  const byValue = new Map<string, readonly string[]>();
  rows.forEach((row, i) => {
    if (row.length !== height) {
      throw new UserError(
        `The hierarchy ${name} is ragged: row ${i + 1} has ${row.length} levels but row 1 has ${height}.`,
      );
    }
    const value = row[0]!;
    const previous = byValue.get(value);
    if (previous !== undefined && previous.join('\u0000') !== row.join('\u0000')) {
      throw new UserError(
        `The hierarchy ${name} lists the value in row ${i + 1} twice with different levels.`,
      );
    }
    byValue.set(value, row);
  });
  return { name, height, generalize: (value) => byValue.get(value) };
}

/** Parses an ARX hierarchy file's text (no header; `;`, `,`, tab or `|` separated, detected). */
export function parseHierarchyCsv(text: string, name: string, delimiter?: string): Hierarchy {
  const rows = parseRows(text, { source: `The hierarchy ${name}`, ...(delimiter ? { delimiter } : {}) });
  return hierarchyFromRows(rows, name);
}

/** A hierarchy with only the value and `*`: the column is either kept or suppressed. */
export function flatHierarchy(name = 'flat'): Hierarchy {
  return { name, height: 2, generalize: (value) => [value, '*'] };
}
