/**
 * The small part of JSON Schema (draft 2020-12, as zod writes it for the API's request bodies) that the
 * register editor draws forms from. Anything it does not understand is edited as JSON text, never dropped.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
}

export type Kind =
  | { kind: 'text' } // { ja, en? }: Mamori's bilingual text
  | { kind: 'object'; schema: JsonSchema }
  | { kind: 'array'; items: JsonSchema }
  | { kind: 'string'; schema: JsonSchema }
  | { kind: 'enum'; values: string[] }
  | { kind: 'number'; integer: boolean; schema: JsonSchema }
  | { kind: 'boolean' }
  | { kind: 'json' };

/** `$ref: '#/$defs/X'` → the definition in the root schema. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    current = root.$defs?.[name] ?? {};
  }
  return current;
}

const isNull = (s: JsonSchema) => s.type === 'null';

/** `anyOf: [X, null]` and `type: ['string', 'null']` are an optional X to a form: empty means absent. */
export function unwrapNullable(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const s = resolve(schema, root);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const rest = variants.filter((v) => !isNull(v));
    if (rest.length === 1 && rest[0]) return unwrapNullable(rest[0], root);
  }
  if (Array.isArray(s.type)) {
    const rest = s.type.filter((t) => t !== 'null');
    if (rest.length === 1) return { ...s, type: rest[0] };
  }
  return s;
}

export function isText(s: JsonSchema): boolean {
  const keys = Object.keys(s.properties ?? {});
  return (
    s.type === 'object' &&
    keys.length > 0 &&
    keys.every((k) => k === 'ja' || k === 'en') &&
    keys.includes('ja') &&
    s.properties?.ja?.type === 'string'
  );
}

export function kindOf(schema: JsonSchema, root: JsonSchema): Kind {
  const s = unwrapNullable(schema, root);
  if (s.anyOf || s.oneOf) return { kind: 'json' };
  if (s.enum?.every((v) => typeof v === 'string')) return { kind: 'enum', values: s.enum as string[] };
  switch (s.type) {
    case 'object':
      if (isText(s)) return { kind: 'text' };
      return s.properties && Object.keys(s.properties).length > 0
        ? { kind: 'object', schema: s }
        : { kind: 'json' };
    case 'array':
      return s.items ? { kind: 'array', items: s.items } : { kind: 'json' };
    case 'string':
      return { kind: 'string', schema: s };
    case 'integer':
    case 'number':
      return { kind: 'number', integer: s.type === 'integer', schema: s };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return { kind: 'json' };
  }
}

/** A value to start a new entry from: required fields present and empty, optional ones absent. */
export function emptyValue(schema: JsonSchema, root: JsonSchema): unknown {
  const k = kindOf(schema, root);
  switch (k.kind) {
    case 'text':
      return { ja: '' };
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of k.schema.required ?? []) {
        const field = k.schema.properties?.[name];
        if (field) out[name] = emptyValue(field, root);
      }
      return out;
    }
    case 'array':
      return [];
    case 'enum':
      return k.values[0];
    case 'number':
      return undefined;
    case 'boolean':
      return false;
    case 'string':
      return '';
    default:
      return undefined;
  }
}

/** Sets `value` at `path` immutably; `undefined` removes an object key (an optional field left empty). */
export function setIn(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const list = Array.isArray(doc) ? [...doc] : [];
    list[head] = setIn(list[head], rest, value);
    return list;
  }
  const record = doc && typeof doc === 'object' && !Array.isArray(doc) ? { ...(doc as object) } : {};
  const next = setIn((record as Record<string, unknown>)[head], rest, value);
  if (next === undefined) delete (record as Record<string, unknown>)[head];
  else (record as Record<string, unknown>)[head] = next;
  return record;
}

/**
 * A field's value in words when the field holds fixed values (an enum, or a list of them), e.g. `opt-out` →
 * オプトアウト; undefined for every other field, whose strings are keys or free text and are shown as they are.
 */
export function fixedValueWords(
  value: unknown,
  schema: JsonSchema | undefined,
  root: JsonSchema,
  words: Readonly<Record<string, { ja: string; en: string }>>,
  lang: 'ja' | 'en',
): string | undefined {
  if (schema === undefined) return undefined;
  const kind = kindOf(schema, root);
  const say = (v: unknown) => (typeof v === 'string' ? (words[v]?.[lang] ?? v) : String(v));
  if (kind.kind === 'enum' && typeof value === 'string') return say(value);
  if (kind.kind === 'array' && Array.isArray(value) && kindOf(kind.items, root).kind === 'enum')
    return value.map(say).join(lang === 'ja' ? '、' : ', ');
  return undefined;
}
