import type { Entries } from './fast-dictionary.js';

/**
 * The lattice of fast-viterbi.ts as typed arrays: per code point of a sentence, per node, per end position, and
 * the reduction of an end position's nodes to the predecessors a later node can take.
 */

/** Node types. */
export const KNOWN = 0;
export const UNKNOWN = 1;
export const BOS = 2;
export const EOS = 3;
export const NONE = -1;
/** An unreached node's path cost, as in the library. */
export const MAX = Number.MAX_VALUE;

/** Growable scratch arrays, reused across sentences (tokenisation is synchronous, so one set per tokenizer). */
export class Scratch {
  // Per code point of the sentence, and per end position (both at most the sentence's UTF-16 length + 2).
  cpUnit = new Int32Array(0);
  cpByte = new Int32Array(0);
  cpName = new Uint16Array(0);
  cpClass = new Uint16Array(0);
  cpFirst = new Int32Array(0);
  runEnd = new Int32Array(0);
  matchV = new Int32Array(0);
  matchLength = new Int32Array(0);
  groupStart = new Int32Array(0);
  path = new Int32Array(0);
  bytes = new Uint8Array(0);
  // Per node of the lattice.
  capacity = 0;
  type = new Uint8Array(0);
  /** The node's entry: an index into PackedDictionary.known or .unknown (by type). */
  entry = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  left = new Int32Array(0);
  right = new Int32Array(0);
  cost = new Int32Array(0);
  surfaceFrom = new Int32Array(0);
  surfaceTo = new Int32Array(0);
  shortest = new Float64Array(0);
  prev = new Int32Array(0);
  byEnd = new Int32Array(0);
  redNode = new Int32Array(0);
  redRight = new Int32Array(0);
  redShortest = new Float64Array(0);
  // Per end position.
  redStart = new Int32Array(0);
  redEnd = new Int32Array(0);
  // Per right context id: the node kept for it in an end position's reduction, marked by generation.
  rep: Int32Array;
  seen: Int32Array;
  generation = 0;
  reduced = 0;

  constructor(rightIds: number) {
    this.rep = new Int32Array(rightIds);
    this.seen = new Int32Array(rightIds);
  }

  fitSentence(units: number): void {
    if (this.cpUnit.length >= units + 4) return;
    const n = 2 * units + 4;
    this.cpUnit = new Int32Array(n);
    this.cpByte = new Int32Array(n);
    this.cpName = new Uint16Array(n);
    this.cpClass = new Uint16Array(n);
    this.cpFirst = new Int32Array(n);
    this.runEnd = new Int32Array(n);
    this.matchV = new Int32Array(n);
    this.matchLength = new Int32Array(n);
    this.groupStart = new Int32Array(n);
    this.redStart = new Int32Array(n);
    this.redEnd = new Int32Array(n);
    this.path = new Int32Array(n);
    this.bytes = new Uint8Array(3 * n);
  }

  /** Room for `count` nodes, keeping the first `kept`. */
  fitNodes(count: number, kept: number): void {
    if (this.capacity >= count) return;
    const n = Math.max(2 * this.capacity, count, 1024);
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a.subarray(0, kept));
      return b;
    };
    const type = new Uint8Array(n);
    type.set(this.type.subarray(0, kept));
    this.type = type;
    this.entry = i32(this.entry);
    this.start = i32(this.start);
    this.end = i32(this.end);
    this.left = i32(this.left);
    this.right = i32(this.right);
    this.cost = i32(this.cost);
    this.surfaceFrom = i32(this.surfaceFrom);
    this.surfaceTo = i32(this.surfaceTo);
    this.shortest = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.byEnd = new Int32Array(n);
    this.redNode = new Int32Array(n);
    this.redRight = new Int32Array(n);
    this.redShortest = new Float64Array(n);
    this.capacity = n;
  }
}

/**
 * The nodes ending at g that a later node can take as predecessor, in order, into s.red*: per right context id
 * the first with the least path cost, none unreached. Run once g's nodes are final.
 */
export function reduce(s: Scratch, g: number): void {
  const { groupStart, byEnd, shortest, right, rep, seen } = s;
  if (s.generation === 0x3fffffff) {
    seen.fill(0);
    s.generation = 0;
  }
  const gen = ++s.generation;
  const ga = groupStart[g]!;
  const ge = groupStart[g + 1]!;
  for (let a = ga; a < ge; a++) {
    const q = byEnd[a]!;
    if (shortest[q] === MAX) continue;
    const r = right[q]!;
    if (seen[r] !== gen) {
      seen[r] = gen;
      rep[r] = q;
    } else if (shortest[q]! < shortest[rep[r]!]!) rep[r] = q;
  }
  let reduced = s.reduced;
  s.redStart[g] = reduced;
  for (let a = ga; a < ge; a++) {
    const q = byEnd[a]!;
    if (shortest[q] === MAX || rep[right[q]!] !== q) continue;
    s.redNode[reduced] = q;
    s.redRight[reduced] = right[q]!;
    s.redShortest[reduced++] = shortest[q]!;
  }
  s.redEnd[g] = reduced;
  s.reduced = reduced;
}

/**
 * Appends nodes for entries [from, to) of a word at 1-based code-point position `start` with the library's
 * `length` (in UTF-16 units or 1: see fast-viterbi.ts), returning the new node count. The caller checks capacity.
 */
export function addNodes(
  s: Scratch,
  count: number,
  type: number,
  entries: Entries,
  from: number,
  to: number,
  start: number,
  length: number,
  surfaceFrom: number,
  surfaceTo: number,
): number {
  const data = entries.data;
  const end = start + length - 1;
  for (let j = from; j < to; j++) {
    const context = data[2 * j]!;
    s.type[count] = type;
    s.entry[count] = j;
    s.left[count] = context & 0xffff;
    s.right[count] = context >>> 16;
    s.cost[count] = data[2 * j + 1]!;
    s.start[count] = start;
    s.end[count] = end;
    s.surfaceFrom[count] = surfaceFrom;
    s.surfaceTo[count] = surfaceTo;
    count++;
  }
  return count;
}
