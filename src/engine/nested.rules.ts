import { type FieldInfo, type MaskingSpec, underTargets } from './graph.js';

/*
 * Nested fields (pure): fideslang `fields` inside a field describe the parts of an object held in one
 * column (PostgreSQL json/jsonb, MariaDB/MySQL JSON). A path is the list of sub-field names from the column
 * down; where a value on the way is an array, the path applies to each element (an array of addresses).
 */

export type Path = readonly string[];

/** A targeted part of a column: where it is, its field description and the masking it inherits. */
export interface TargetedPart {
  path: Path;
  field: FieldInfo;
  override?: MaskingSpec | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The parts of `field` under the targets; [{ path: [] }] when the whole field is. */
export function targetedParts(
  field: FieldInfo,
  targets: readonly string[],
  inherited?: MaskingSpec,
): TargetedPart[] {
  const override = field.override ?? inherited;
  if (underTargets(field.categories, targets)) return [{ path: [], field, override }];
  const out: TargetedPart[] = [];
  for (const child of field.children ?? []) {
    for (const part of targetedParts(child, targets, override))
      out.push({ ...part, path: [child.name, ...part.path] });
  }
  return out;
}

/** A column's value as a structure: JSON text (MariaDB/MySQL return JSON columns as text) is parsed. */
export function asStructure(value: unknown): { value: unknown; wasText: boolean } {
  if (typeof value === 'string') {
    const t = value.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return { value: JSON.parse(t) as unknown, wasText: true };
      } catch {
        return { value, wasText: false };
      }
    }
  }
  return { value, wasText: false };
}

/** Replaces the value(s) at `path`; parts that are absent stay absent. */
export function mapAt(value: unknown, path: Path, fn: (leaf: unknown) => unknown): unknown {
  if (path.length === 0) return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapAt(v, path, fn));
  if (!isRecord(value)) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in value)) return value;
  return { ...value, [head]: mapAt(value[head], rest, fn) };
}

/** Every leaf value at `path` (arrays on the way and at the end are flattened). */
export function valuesAt(value: unknown, path: Path): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (path.length === 0) return value === null || value === undefined ? [] : [value];
  if (!isRecord(value)) return [];
  const [head, ...rest] = path as [string, ...string[]];
  return head in value ? valuesAt(value[head], rest) : [];
}

/** Only the parts at `paths` (for access packages); undefined when none is present. */
export function pruneTo(value: unknown, paths: readonly Path[]): unknown {
  if (paths.some((p) => p.length === 0)) return value;
  if (Array.isArray(value)) {
    const kept = value.map((v) => pruneTo(v, paths)).filter((v) => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (!isRecord(value)) return undefined;
  const byHead = new Map<string, Path[]>();
  for (const [head, ...rest] of paths as [string, ...string[]][])
    byHead.set(head, [...(byHead.get(head) ?? []), rest]);
  const out: Record<string, unknown> = {};
  for (const [head, rests] of byHead) {
    if (!(head in value)) continue;
    const sub = pruneTo(value[head], rests);
    if (sub !== undefined) out[head] = sub;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Text for comparing values of any shape: objects with sorted keys (jsonb reorders them), JSON text parsed. */
export function canonical(value: unknown): string {
  const v = asStructure(value).value;
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : isRecord(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort(x[k])]),
          )
        : x;
  return JSON.stringify(sort(v));
}
