import type { IpadicFeatures } from 'kuromoji';

/**
 * kuromoji's IPADIC dictionaries repacked once, at load, for fast-viterbi.ts: the lattice reads every candidate
 * word's left/right context ids and cost, and the library keeps them as bytes in a 10 MB buffer reached through
 * an id → ids object map, so each candidate cost several scattered reads. Here a trie leaf gives the place of
 * its word's entries, which sit side by side (context ids, cost), the trie's base and check words are interleaved
 * so one step of a walk touches one cache line, the connection costs are transposed, and the character classes
 * become tables over the 65,536 UTF-16 units. About 20 MB more memory (the loaded tokenizer holds ~300 MB) and
 * 0.2–0.4 s of CPU at load.
 */

export interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
export interface Dictionary {
  target_map: Record<number, number[] | string[]>;
  dictionary: { getShort(offset: number): number };
  getFeatures(id: string | number): string;
}
/** The parts of a loaded kuromoji Tokenizer that are read; none of them is in the library's typed API. */
export interface TokenizerInternals {
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(ch: string): CharacterClass };
  viterbi_builder: {
    trie: { bc: { size(): number; getBase(i: number): number; getCheck(i: number): number } };
  };
  viterbi_searcher: {
    connection_costs: { buffer: Int16Array; forward_dimension: number; backward_dimension: number };
  };
  tokenize(text: string): IpadicFeatures[];
  tokenizeForSentence(sentence: string, tokens?: IpadicFeatures[]): IpadicFeatures[];
}

/** Entries of one dictionary: those of key k are entries start[k] … start[k + 1] − 1. */
export interface Entries {
  start: Int32Array;
  /** Per entry: the library's token_info_id (a byte offset into its dictionary buffer). */
  ids: Int32Array;
  /** Per entry j: left id | right id << 16 at 2j, cost at 2j + 1. */
  data: Int32Array;
}
export const NO_KEY = -1;
export const WALK = -2;
/** A trie leaf's base, −1 − (first entry << COUNT_BITS | entry count) in the repacked trie. */
export const COUNT_BITS = 6;

export interface PackedDictionary {
  /**
   * base[i] at 2i, check[i] at 2i + 1; a leaf's base (≤ 0, the trie value) is recoded to give its entries in
   * `known` directly (COUNT_BITS).
   */
  trie: Int32Array;
  /**
   * Per UTF-16 unit: the trie node reached from the root by that character's UTF-8 bytes, NO_KEY when no key
   * starts with it, WALK for a surrogate or NUL (the bytes depend on the next unit, or end the walk).
   */
  rootChild: Int32Array;
  /** By trie value. */
  known: Entries;
  /** By character class id. */
  unknown: Entries;
  /** Per UTF-16 unit: the class id the library's lookup gives a character starting with it. */
  unitClass: Uint16Array;
  /** Per UTF-16 unit: that class's name, numbered (the library groups characters by class name). */
  unitName: Uint16Array;
  /** Per class id. */
  invoke: Uint8Array;
  grouping: Uint8Array;
  /**
   * Connection costs by left id, then right id: costs[left * rows + right] is the library's
   * connection_costs.get(right, left). Transposed so one node's reads over its predecessors stay in one row.
   */
  costs: Int16Array;
  /** The number of right context ids (the library's forward_dimension). */
  rows: number;
}

function pack(d: Dictionary): Entries {
  // One pass over the map (an object with ~330,000 integer keys; enumerating it is the slow part).
  const keys: number[] = [];
  const lists: (number[] | string[])[] = [];
  let max = -1;
  let total = 0;
  for (const key in d.target_map) {
    const k = Number(key);
    const list = d.target_map[k]!;
    keys.push(k);
    lists.push(list);
    if (k > max) max = k;
    total += list.length;
  }
  const start = new Int32Array(max + 2);
  for (let i = 0; i < keys.length; i++) start[keys[i]! + 1] = lists[i]!.length;
  for (let i = 1; i < start.length; i++) start[i]! += start[i - 1]!;
  const ids = new Int32Array(total);
  const data = new Int32Array(2 * total);
  for (let i = 0; i < keys.length; i++) {
    let j = start[keys[i]!]!;
    for (const raw of lists[i]!) {
      const id = Number.parseInt(raw as string, 10); // the library's parseInt on each mapped id
      const left = d.dictionary.getShort(id);
      const right = d.dictionary.getShort(id + 2);
      if (left < 0 || right < 0 || left > 0xffff || right > 0x7fff)
        throw new Error('context id out of range');
      ids[j] = id;
      data[2 * j] = left | (right << 16);
      data[2 * j + 1] = d.dictionary.getShort(id + 4);
      j++;
    }
  }
  return { start, ids, data };
}

export function packDictionary(tokenizer: TokenizerInternals): PackedDictionary {
  const known = pack(tokenizer.token_info_dictionary);
  const bc = tokenizer.viterbi_builder.trie.bc;
  const size = bc.size();
  const trie = new Int32Array(2 * size);
  for (let i = 0; i < size; i++) {
    trie[2 * i] = bc.getBase(i);
    trie[2 * i + 1] = bc.getCheck(i);
  }
  // Leaves: the terminal child (code 0) of a node, with a value. Their walk ends there, so nothing else reads it.
  for (let i = 0; i < size; i++) {
    const parent = trie[2 * i + 1]!;
    if (parent < 0 || parent >= size || parent === i || trie[2 * parent] !== i || trie[2 * i]! > 0) continue;
    const v = -trie[2 * i]! - 1;
    const from = v + 1 < known.start.length ? known.start[v]! : 0;
    const count = v + 1 < known.start.length ? known.start[v + 1]! - from : 0;
    if (count >= 1 << COUNT_BITS || from >= 1 << (31 - COUNT_BITS)) throw new Error('dictionary too large');
    trie[2 * i] = -((from << COUNT_BITS) | count) - 1;
  }

  const rootChild = new Int32Array(65536);
  for (let u = 0; u < 65536; u++) {
    if (u === 0 || (u >= 0xd800 && u <= 0xdbff)) {
      rootChild[u] = WALK;
      continue;
    }
    // UTF-8 as the trie's encoder writes it (a lone low surrogate too, as three bytes).
    const bytes =
      u < 0x80
        ? [u]
        : u < 0x800
          ? [(u >>> 6) | 0xc0, (u & 0x3f) | 0x80]
          : [(u >>> 12) | 0xe0, ((u >> 6) & 0x3f) | 0x80, (u & 0x3f) | 0x80];
    let node = 0;
    for (const b of bytes) {
      const child = trie[2 * node]! + b;
      node = trie[2 * child + 1] === node ? child : NO_KEY;
      if (node === NO_KEY) break;
    }
    rootChild[u] = node;
  }

  const unknown = tokenizer.unknown_dictionary;
  const unitClass = new Uint16Array(65536);
  const unitName = new Uint16Array(65536);
  const names = new Map<string, number>();
  const classes: CharacterClass[] = [];
  for (let u = 0; u < 65536; u++) {
    const c = unknown.lookup(String.fromCharCode(u));
    if (!names.has(c.class_name)) names.set(c.class_name, names.size);
    unitName[u] = names.get(c.class_name)!;
    unitClass[u] = c.class_id;
    classes[c.class_id] = c;
  }
  const invoke = new Uint8Array(classes.length);
  const grouping = new Uint8Array(classes.length);
  classes.forEach((c, i) => {
    invoke[i] = c.is_always_invoke === 1 ? 1 : 0;
    grouping[i] = c.is_grouping === 1 ? 1 : 0;
  });

  const cc = tokenizer.viterbi_searcher.connection_costs;
  const rows = cc.forward_dimension;
  const columns = cc.backward_dimension;
  const costs = new Int16Array(rows * columns);
  for (let r = 0; r < rows; r++)
    for (let l = 0; l < columns; l++) costs[l * rows + r] = cc.buffer[r * columns + l + 2]!;

  return {
    costs,
    rows,
    trie,
    rootChild,
    known,
    unknown: pack(unknown),
    unitClass,
    unitName,
    invoke,
    grouping,
  };
}
