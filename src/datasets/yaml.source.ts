import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A problem in a source file, located so a person can open the file at the line. */
export interface SourceIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted path inside the document, e.g. `dataset[0].collections[1].fields[2].data_categories`. */
  path: string;
  message: string;
}

export class SourceFormatError extends Error {
  readonly issues: readonly SourceIssue[];
  constructor(issues: readonly SourceIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : '';
    super(
      first
        ? `${first.file}:${first.line}:${first.column}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`
        : 'The source is invalid.',
    );
    this.name = 'SourceFormatError';
    this.issues = issues;
  }
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

export interface ParsedYaml {
  value: unknown;
  /** Line and column (1-based) of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly PathSegment[]): { line: number; column: number };
}

/** Parses YAML 1.2 (core schema: dates stay strings), throwing a located error on syntax problems. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SourceFormatError(
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: error.message.split('\n')[0] ?? '',
        };
      }),
    );
  }
  const locate = (path: readonly PathSegment[]) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  return { value: doc.toJS({ maxAliasCount: 100 }), locate };
}

export function zodIssuesToSourceIssues(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  locate: ParsedYaml['locate'],
): SourceIssue[] {
  return issues.map((issue) => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    // An unknown key is reported on its parent; point at the key itself.
    const keyed = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
    const pos = locate(keyed);
    return { file, ...pos, path: formatPath(keyed), message: issue.message };
  });
}

/** Parses `text` and validates it with `schema`; every problem is reported with its line. */
export function parseYamlWith<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  const parsed = parseYaml(text, file);
  const result = schema.safeParse(parsed.value);
  if (!result.success)
    throw new SourceFormatError(zodIssuesToSourceIssues(result.error.issues, file, parsed.locate));
  return result.data;
}
