/*
 * Values as they come back from JSON, so that a fresh run and one resumed from its journal see the same
 * types (a PostgreSQL timestamp is a Date when read, an ISO string when reloaded). The plain way is
 * JSON.parse(JSON.stringify(v)), but for the rows an access run reads that round trip was about a third of
 * the engine's own CPU per request (bench/results/engine.md): rows are flat objects of strings, numbers and
 * nulls, which need a copy, not a trip through text. `plain` copies those directly and falls back to JSON
 * for everything else, with the same result either way (property-tested against the round trip).
 */

const OBJECT = Object.prototype;

/** One value of a row as JSON would leave it; `SKIP` where JSON drops the key. */
const SKIP = Symbol('skip');

function plainValue(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      // JSON has no NaN or infinities (they become null) and no negative zero.
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return SKIP;
    default:
      if (v === null) return null;
      if (v instanceof Date) return v.toJSON();
      {
        // Nested structures, Buffers, bigint (which throws, as JSON does): the round trip itself.
        const text: string | undefined = JSON.stringify(v);
        return text === undefined ? SKIP : JSON.parse(text);
      }
  }
}

/** A flat copy of a plain object, or undefined when the object needs JSON's own handling. */
function plainRow(row: object): Record<string, unknown> | undefined {
  const proto = Object.getPrototypeOf(row);
  if (proto !== OBJECT && proto !== null) return undefined;
  const record = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    // JSON.parse makes "__proto__" an own property; assignment would set the prototype instead. An object
    // with its own toJSON is serialised through it.
    if (key === '__proto__' || (key === 'toJSON' && typeof record[key] === 'function')) return undefined;
    const value = plainValue(record[key]);
    if (value !== SKIP) out[key] = value;
  }
  return out;
}

/** JSON.parse(JSON.stringify(v)), faster for arrays of flat rows. */
export function plain<T>(v: T): T {
  if (Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        const value = plainValue(item);
        out[i] = value === SKIP ? null : value;
        continue;
      }
      const row = plainRow(item);
      out[i] = row ?? JSON.parse(JSON.stringify(item) as string);
    }
    return out as T;
  }
  return JSON.parse(JSON.stringify(v)) as T;
}
