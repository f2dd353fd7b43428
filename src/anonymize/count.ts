import type { EncodedColumn, ItemSet } from './encode.js';
import { groupBy, type KeyPart, MAX_EXACT_KEY, type Renumberer } from './grouping.js';

/** Largest key range counted with a direct table (16 MiB of Int32). */
const DIRECT_MAX = 1 << 22;
/** Items whose keys are folded together while they sit in cache. */
const BLOCK = 4096;
/** Largest product of level-0 domains packed into one code (so a pack's per-node map stays small). */
const PACK_MAX = 1 << 16;

/** Quasi-identifiers whose level-0 codes are packed into one mixed-radix code per item. */
interface Pack {
  readonly cols: readonly number[];
  /** Π of the level-0 domains. */
  readonly size: number;
}

/**
 * Counts the equivalence classes of one lattice node over an item set in a single blocked pass: the key
 * of each item is folded from its generalised codes (mixed radix), looked up in a direct table when the
 * key range is small or an open-addressing hash otherwise, and its class size and representative are
 * recorded at once — no per-node pass over the items beyond that one.
 *
 * `limit`: once more classes than that are seen, counting stops and -1 is returned. A node with more than
 * n/k + maxOutliers classes cannot be anonymous (every released class holds ≥ k records, every suppressed
 * one ≥ 1), and most nodes at the bottom of a large lattice are such nodes, each costing a full count
 * otherwise. Stopping early also bounds the hash table to the limit, which keeps it in cache.
 */
export class ClassCounter {
  private direct = new Int32Array(0);
  /** Kept all zero between calls. */
  private hist = new Int32Array(0);
  private firstKey = new Int32Array(0);
  private hashKeys = new Float64Array(0);
  private hashVals = new Int32Array(0);
  private readonly keys = new Float64Array(BLOCK);
  private readonly smallKeys = new Int32Array(BLOCK);
  private readonly packs: Pack[] = [];
  private readonly packedCodes = new WeakMap<ItemSet, Int32Array[]>();
  private readonly packMaps = new Map<string, Int32Array>();

  constructor(
    private readonly qi: readonly EncodedColumn[],
    /** classOf[i]: the class of item i (filled up to the item count). */
    readonly classOf: Int32Array,
    /** size[c]: records in class c. */
    readonly size: Float64Array,
    /** rep[c]: the first item of class c. */
    readonly rep: Int32Array,
    private readonly renumberer: Renumberer,
    private readonly fallbackKeys: Float64Array,
    /** Items of the snapshot (sizes the packs). */
    items: number,
  ) {
    // The fold costs one table look-up per active column and item, and dominates on large tables. Columns
    // with small domains are packed together (smallest first) so a node reads one code per pack; each
    // pack gets one small map per combination of its columns' levels, built on first use.
    // A pack's map is rebuilt for each new combination of its columns' levels, so it must stay well
    // below the item count, or building maps would cost more than the fold saves.
    const packMax = Math.min(PACK_MAX, Math.max(64, Math.floor(items / 8)));
    const order = qi.map((_, j) => j).sort((a, b) => qi[a]!.domain[0]! - qi[b]!.domain[0]! || a - b);
    let cols: number[] = [];
    let product = 1;
    for (const j of order) {
      const d = Math.max(1, qi[j]!.domain[0]!);
      if (cols.length > 0 && product * d > packMax) {
        this.packs.push({ cols, size: product });
        cols = [];
        product = 1;
      }
      cols.push(j);
      product *= d;
    }
    if (cols.length > 0) this.packs.push({ cols, size: product });
  }

  private packed(src: ItemSet): Int32Array[] {
    let codes = this.packedCodes.get(src);
    if (codes !== undefined) return codes;
    codes = this.packs.map((pack) => {
      if (pack.cols.length === 1) return src.codes[pack.cols[0]!]!;
      const out = new Int32Array(src.n);
      for (const j of pack.cols) {
        const d = Math.max(1, this.qi[j]!.domain[0]!);
        const c = src.codes[j]!;
        for (let i = 0; i < src.n; i++) out[i] = out[i]! * d + c[i]!;
      }
      return out;
    });
    this.packedCodes.set(src, codes);
    return codes;
  }

  /** The map from a pack's level-0 code to its code at the node's levels. */
  private packMap(p: number, levels: ArrayLike<number>): Int32Array {
    const pack = this.packs[p]!;
    if (pack.cols.length === 1) return this.qi[pack.cols[0]!]!.gen[levels[pack.cols[0]!]!]!;
    const key = `${p}:${pack.cols.map((j) => levels[j]!).join(',')}`;
    let map = this.packMaps.get(key);
    if (map !== undefined) return map;
    map = new Int32Array(pack.size);
    const m = pack.cols.length;
    const code = new Int32Array(m);
    for (let c = 0; c < pack.size; c++) {
      let rest = c;
      for (let x = m - 1; x >= 0; x--) {
        const d = Math.max(1, this.qi[pack.cols[x]!]!.domain[0]!);
        code[x] = rest % d;
        rest = Math.floor(rest / d);
      }
      let v = 0;
      for (let x = 0; x < m; x++) {
        const col = this.qi[pack.cols[x]!]!;
        const l = levels[pack.cols[x]!]!;
        v = v * col.domain[l]! + col.gen[l]![code[x]!]!;
      }
      map[c] = v;
    }
    this.packMaps.set(key, map);
    return map;
  }

  /**
   * `withClassOf`: also fill classOf (needed for l-diversity / t-closeness and for the output); without
   * it a direct-table count touches one table slot per item instead of two arrays.
   */
  count(src: ItemSet, levels: ArrayLike<number>, limit: number, withClassOf = true): number {
    const parts: KeyPart[] = [];
    let range = 1;
    const codes = this.packed(src);
    for (let p = 0; p < this.packs.length; p++) {
      let d = 1;
      for (const j of this.packs[p]!.cols) d *= this.qi[j]!.domain[levels[j]!]!;
      if (d <= 1) continue;
      parts.push({ codes: codes[p]!, map: this.packMap(p, levels), domain: d });
      range *= d;
    }
    if (range > MAX_EXACT_KEY) return this.countWide(src, parts, limit);
    const cap = Math.min(src.n, limit + 1);
    if (range <= DIRECT_MAX && range <= 8 * cap + 1024) {
      return withClassOf
        ? this.countDirect(src, parts, range, limit)
        : this.histogram(src, parts, range, limit);
    }
    return this.countHashed(src, parts, limit);
  }

  private fold(parts: readonly KeyPart[], start: number, end: number): void {
    const keys = this.keys;
    keys.fill(0, 0, end - start);
    for (const part of parts) {
      const d = part.domain;
      const codes = part.codes;
      const map = part.map!;
      for (let i = start; i < end; i++) keys[i - start] = keys[i - start]! * d + map[codes[i]!]!;
    }
  }

  /**
   * Direct ranges fit in 31 bits: integer keys. Up to four parts (the usual case once small columns are
   * packed) the key is computed per item in one expression instead of one pass over the block per part.
   */
  private foldSmall(parts: readonly KeyPart[], start: number, end: number): void {
    const keys = this.smallKeys;
    const len = end - start;
    const [a, b, c, d] = parts;
    if (parts.length === 1 && a) {
      const ca = a.codes;
      const ma = a.map!;
      for (let o = 0; o < len; o++) keys[o] = ma[ca[start + o]!]!;
    } else if (parts.length === 2 && a && b) {
      const [ca, cb, ma, mb, db] = [a.codes, b.codes, a.map!, b.map!, b.domain];
      for (let o = 0; o < len; o++) keys[o] = ma[ca[start + o]!]! * db + mb[cb[start + o]!]!;
    } else if (parts.length === 3 && a && b && c) {
      const [ca, cb, cc, ma, mb, mc, db, dc] = [
        a.codes,
        b.codes,
        c.codes,
        a.map!,
        b.map!,
        c.map!,
        b.domain,
        c.domain,
      ];
      for (let o = 0; o < len; o++) {
        const i = start + o;
        keys[o] = (ma[ca[i]!]! * db + mb[cb[i]!]!) * dc + mc[cc[i]!]!;
      }
    } else if (parts.length === 4 && a && b && c && d) {
      const [ca, cb, cc, cd, ma, mb, mc, md] = [
        a.codes,
        b.codes,
        c.codes,
        d.codes,
        a.map!,
        b.map!,
        c.map!,
        d.map!,
      ];
      const [db, dc, dd] = [b.domain, c.domain, d.domain];
      for (let o = 0; o < len; o++) {
        const i = start + o;
        keys[o] = ((ma[ca[i]!]! * db + mb[cb[i]!]!) * dc + mc[cc[i]!]!) * dd + md[cd[i]!]!;
      }
    } else {
      keys.fill(0, 0, len);
      for (const part of parts) {
        const dp = part.domain;
        const codes = part.codes;
        const map = part.map!;
        for (let o = 0; o < len; o++) keys[o] = keys[o]! * dp + map[codes[start + o]!]!;
      }
    }
  }

  private countDirect(src: ItemSet, parts: readonly KeyPart[], range: number, limit: number): number {
    if (this.direct.length < range) {
      this.direct = new Int32Array(Math.max(range, this.direct.length * 2)).fill(-1);
    }
    const cap = Math.min(src.n, limit + 1);
    if (this.firstKey.length < cap) this.firstKey = new Int32Array(Math.max(cap, this.firstKey.length * 2));
    const { direct, firstKey, smallKeys: keys, classOf, size, rep } = this;
    const count = src.count;
    let classes = 0;
    let aborted = false;
    outer: for (let start = 0; start < src.n; start += BLOCK) {
      const end = Math.min(src.n, start + BLOCK);
      this.foldSmall(parts, start, end);
      for (let i = start; i < end; i++) {
        const k = keys[i - start]!;
        let id = direct[k]!;
        if (id < 0) {
          if (classes === limit) {
            aborted = true;
            break outer;
          }
          id = classes++;
          direct[k] = id;
          firstKey[id] = k;
          rep[id] = i;
          size[id] = 0;
        }
        classOf[i] = id;
        size[id]! += count[i]!;
      }
    }
    // Restore the all -1 invariant by touching only the used slots.
    for (let id = 0; id < classes; id++) direct[firstKey[id]!] = -1;
    return aborted ? -1 : classes;
  }

  /** Class sizes straight into a table indexed by key; classes are numbered in first-seen order. */
  private histogram(src: ItemSet, parts: readonly KeyPart[], range: number, limit: number): number {
    if (this.hist.length < range) this.hist = new Int32Array(Math.max(range, this.hist.length * 2));
    const cap = Math.min(src.n, limit + 1);
    if (this.firstKey.length < cap) this.firstKey = new Int32Array(Math.max(cap, this.firstKey.length * 2));
    const { hist, firstKey, smallKeys: keys, rep } = this;
    const count = src.count;
    let classes = 0;
    let aborted = false;
    outer: for (let start = 0; start < src.n; start += BLOCK) {
      const end = Math.min(src.n, start + BLOCK);
      this.foldSmall(parts, start, end);
      const len = end - start;
      for (let o = 0; o < len; o++) {
        const k = keys[o]!;
        const before = hist[k]!;
        if (before === 0) {
          if (classes === limit) {
            aborted = true;
            break outer;
          }
          firstKey[classes] = k;
          rep[classes++] = start + o;
        }
        hist[k] = before + count[start + o]!;
      }
    }
    const size = this.size;
    for (let c = 0; c < classes; c++) {
      const k = firstKey[c]!;
      size[c] = hist[k]!;
      hist[k] = 0;
    }
    return aborted ? -1 : classes;
  }

  private countHashed(src: ItemSet, parts: readonly KeyPart[], limit: number): number {
    let cap = 16;
    while (cap < 2 * Math.min(src.n, limit + 1)) cap *= 2;
    if (this.hashKeys.length < cap) {
      this.hashKeys = new Float64Array(cap);
      this.hashVals = new Int32Array(cap);
    }
    const hk = this.hashKeys;
    const hv = this.hashVals;
    hv.fill(-1, 0, cap);
    const mask = cap - 1;
    const { keys, classOf, size, rep } = this;
    const count = src.count;
    let classes = 0;
    for (let start = 0; start < src.n; start += BLOCK) {
      const end = Math.min(src.n, start + BLOCK);
      this.fold(parts, start, end);
      for (let i = start; i < end; i++) {
        const k = keys[i - start]!;
        // lowbias32 finaliser over both halves: mixed-radix keys have very regular low bits.
        let h = (k >>> 0) ^ Math.imul((k / 4294967296) >>> 0, 0x85ebca6b);
        h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
        h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
        let slot = (h ^ (h >>> 16)) & mask;
        let id: number;
        for (;;) {
          const v = hv[slot]!;
          if (v < 0) {
            if (classes === limit) return -1;
            id = classes++;
            hv[slot] = id;
            hk[slot] = k;
            rep[id] = i;
            size[id] = 0;
            break;
          }
          if (hk[slot] === k) {
            id = v;
            break;
          }
          slot = (slot + 1) & mask;
        }
        classOf[i] = id;
        size[id]! += count[i]!;
      }
    }
    return classes;
  }

  /** Key ranges beyond 2^52: the general grouping (renumbering partial keys), then the limit. */
  private countWide(src: ItemSet, parts: readonly KeyPart[], limit: number): number {
    const { classOf, size, rep } = this;
    const classes = groupBy(src.n, parts, this.renumberer, this.fallbackKeys, classOf);
    if (classes > limit) return -1;
    size.fill(0, 0, classes);
    rep.fill(-1, 0, classes);
    for (let i = 0; i < src.n; i++) {
      const c = classOf[i]!;
      size[c]! += src.count[i]!;
      if (rep[c] === -1) rep[c] = i;
    }
    return classes;
  }
}
