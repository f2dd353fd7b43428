/**
 * Dense renumbering of integer keys, the one primitive every equivalence-class count is built on.
 * Keys are non-negative integers held in a Float64Array (exact below 2^53). Small key ranges use a direct
 * index (kept at -1 between calls, so nothing is cleared in full); larger ones an open-addressing hash.
 * Ids are handed out in first-seen order, which keeps every result deterministic for a given input order.
 */

/** Largest key range served by the direct table (16 MiB of Int32). */
const DIRECT_MAX = 1 << 22;
/** Keys must stay below this to be exact in a double. */
export const MAX_EXACT_KEY = 2 ** 52;

export class Renumberer {
  private direct = new Int32Array(0);
  private firstKey = new Float64Array(0);
  private hashKeys = new Float64Array(0);
  private hashVals = new Int32Array(0);

  /**
   * Writes into `out[i]` the dense id of `keys[i]` for i < n and returns the number of distinct keys.
   * `range` is an exclusive upper bound of the keys.
   */
  renumber(keys: Float64Array, n: number, range: number, out: Int32Array): number {
    if (range <= DIRECT_MAX && range <= 8 * n + 1024) return this.renumberDirect(keys, n, range, out);
    return this.renumberHashed(keys, n, out);
  }

  private renumberDirect(keys: Float64Array, n: number, range: number, out: Int32Array): number {
    if (this.direct.length < range) {
      this.direct = new Int32Array(Math.max(range, this.direct.length * 2)).fill(-1);
    }
    if (this.firstKey.length < n) this.firstKey = new Float64Array(Math.max(n, this.firstKey.length * 2));
    const direct = this.direct;
    const firstKey = this.firstKey;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      let id = direct[k]!;
      if (id < 0) {
        id = count++;
        direct[k] = id;
        firstKey[id] = k;
      }
      out[i] = id;
    }
    // Restore the all -1 invariant by touching only the used slots.
    for (let id = 0; id < count; id++) direct[firstKey[id]!] = -1;
    return count;
  }

  private renumberHashed(keys: Float64Array, n: number, out: Int32Array): number {
    let cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (this.hashKeys.length < cap) {
      this.hashKeys = new Float64Array(cap);
      this.hashVals = new Int32Array(cap);
    }
    const hk = this.hashKeys;
    const hv = this.hashVals;
    hv.fill(-1, 0, cap);
    const mask = cap - 1;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      // lowbias32 finaliser over both halves: mixed-radix keys have very regular low bits.
      let h = (k >>> 0) ^ Math.imul((k / 4294967296) >>> 0, 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
      h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
      let slot = (h ^ (h >>> 16)) & mask;
      for (;;) {
        const v = hv[slot]!;
        if (v < 0) {
          hv[slot] = count;
          hk[slot] = k;
          out[i] = count++;
          break;
        }
        if (hk[slot] === k) {
          out[i] = v;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return count;
  }
}

/** One key component: the value of item i is `map[codes[i]]` (or `codes[i]` without map), below `domain`. */
export interface KeyPart {
  readonly codes: Int32Array;
  readonly map: Int32Array | null;
  readonly domain: number;
}

/**
 * Groups n items by the tuple of their key parts: writes dense group ids into `out` and returns the
 * number of groups. Parts are folded into a mixed-radix key; when the radix product would leave the exact
 * range of a double, the partial key is renumbered first, so any number of columns works.
 */
export function groupBy(
  n: number,
  parts: readonly KeyPart[],
  renumberer: Renumberer,
  keys: Float64Array,
  out: Int32Array,
): number {
  // Split the parts into runs whose radix product stays exact; between runs the partial key is renumbered.
  const runs: KeyPart[][] = [[]];
  let range = 1;
  for (const part of parts) {
    if (part.domain <= 1) continue;
    if (range * part.domain > MAX_EXACT_KEY) {
      runs.push([]);
      range = n;
    }
    runs[runs.length - 1]!.push(part);
    range *= part.domain;
  }
  keys.fill(0, 0, n);
  range = 1;
  for (let r = 0; r < runs.length; r++) {
    if (r > 0) {
      range = renumberer.renumber(keys, n, range, out);
      for (let i = 0; i < n; i++) keys[i] = out[i]!;
    }
    const run = runs[r]!;
    // Blocked: all parts of a run are folded into a block of keys while it sits in cache, instead of one
    // full pass over the keys per column (the loop is memory-bound on large snapshots).
    for (let start = 0; start < n; start += BLOCK) {
      const end = Math.min(n, start + BLOCK);
      for (const part of run) {
        const d = part.domain;
        const codes = part.codes;
        const map = part.map;
        if (map === null) for (let i = start; i < end; i++) keys[i] = keys[i]! * d + codes[i]!;
        else for (let i = start; i < end; i++) keys[i] = keys[i]! * d + map[codes[i]!]!;
      }
    }
    for (const part of run) range *= part.domain;
  }
  return renumberer.renumber(keys, n, range, out);
}

const BLOCK = 2048;
