import type { EncodedTable } from './encode.js';

/** Largest cell count of a pair's base histogram (its non-empty cells are kept: ≤ 2 MiB per pair). */
const MAX_BASE = 1 << 18;

/** A pair of quasi-identifiers at base levels: its non-empty cells, rolled up to any coarser levels. */
interface PairBase {
  readonly levelA: number;
  readonly levelB: number;
  /** Cell code at the base levels: codeA · domainB + codeB. */
  readonly cells: Int32Array;
  readonly counts: Int32Array;
  readonly domainB: number;
}

/**
 * Proofs that a node fails k-anonymity without counting its classes. Each class of a node lies inside one
 * cell of any projection of it onto one or two quasi-identifiers at the node's levels, so the records of
 * a cell with fewer than k records sit in classes with fewer than k records: they violate the model (k is
 * part of R and of M) and must be suppressed. The largest such sum over the projections is therefore a
 * lower bound of the suppressed records at the node; above maxOutliers, the node fails R and M exactly as a
 * full count would show. Most nodes the search counts in a large lattice are of this kind: few enough
 * classes to pass the class-count limit, yet one small class.
 *
 * Projections are cheap: a pair's histogram is built once per pair from the snapshot (at the lowest levels
 * whose cell count stays ≤ 2^18) and rolled up through the hierarchies for each combination of levels.
 */
export class MarginalBound {
  private readonly singles: number[][];
  private readonly bases = new Map<number, PairBase | null>();
  private readonly pairValues = new Map<number, number>();
  /** up[j][b][l]: level-b code → level-l code of column j (the hierarchy is a tree). */
  private readonly up: Int32Array[][][];
  private hist = new Int32Array(0);
  private readonly m: number;

  constructor(
    private readonly table: EncodedTable,
    private readonly k: number,
    /** Largest base histogram of a pair (smaller only in tests, to exercise coarser bases). */
    private readonly maxBase = MAX_BASE,
  ) {
    this.m = table.qi.length;
    this.singles = table.qi.map((col) =>
      col.rowsWith.map((rows) => {
        let s = 0;
        for (let g = 0; g < rows.length; g++) if (rows[g]! > 0 && rows[g]! < k) s += rows[g]!;
        return s;
      }),
    );
    this.up = table.qi.map((col) =>
      col.gen.map((genB, levelB) =>
        col.gen.map((genL) => {
          const out = new Int32Array(col.domain[levelB]!);
          for (let c = 0; c < genB.length; c++) out[genB[c]!] = genL[c]!;
          return out;
        }),
      ),
    );
  }

  /**
   * A lower bound of the records a node must suppress for k-anonymity; stops as soon as it exceeds
   * `enough` (the caller only asks whether the node is proven to fail).
   */
  suppressedAtLeast(levels: ArrayLike<number>, enough: number): number {
    if (this.k <= 1) return 0;
    const qi = this.table.qi;
    let best = 0;
    for (let j = 0; j < this.m; j++) {
      const s = this.singles[j]![levels[j]!]!;
      if (s > best) best = s;
      if (best > enough) return best;
    }
    for (let a = 0; a < this.m; a++) {
      const la = levels[a]!;
      if (qi[a]!.domain[la]! <= 1) continue;
      for (let b = a + 1; b < this.m; b++) {
        const lb = levels[b]!;
        if (qi[b]!.domain[lb]! <= 1) continue;
        const s = this.pair(a, la, b, lb);
        if (s > best) best = s;
        if (best > enough) return best;
      }
    }
    return best;
  }

  private pair(a: number, la: number, b: number, lb: number): number {
    const key = ((a * this.m + b) * 64 + la) * 64 + lb;
    const known = this.pairValues.get(key);
    if (known !== undefined) return known;
    const base = this.base(a, b);
    let s = 0;
    if (base !== null && la >= base.levelA && lb >= base.levelB) {
      const qi = this.table.qi;
      const dB = qi[b]!.domain[lb]!;
      const size = qi[a]!.domain[la]! * dB;
      if (this.hist.length < size) this.hist = new Int32Array(size);
      const hist = this.hist;
      const upA = this.up[a]![base.levelA]![la]!;
      const upB = this.up[b]![base.levelB]![lb]!;
      const { cells, counts, domainB } = base;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        const ca = Math.floor(cell / domainB);
        hist[upA[ca]! * dB + upB[cell - ca * domainB]!]! += counts[i]!;
      }
      const k = this.k;
      for (let c = 0; c < size; c++) {
        const h = hist[c]!;
        if (h > 0 && h < k) s += h;
      }
      hist.fill(0, 0, size);
    }
    this.pairValues.set(key, s);
    return s;
  }

  private base(a: number, b: number): PairBase | null {
    const key = a * this.m + b;
    const known = this.bases.get(key);
    if (known !== undefined) return known;
    const colA = this.table.qi[a]!;
    const colB = this.table.qi[b]!;
    let levelA = 0;
    let levelB = 0;
    // Coarsen the column with the larger domain first until the histogram is small enough.
    while (colA.domain[levelA]! * colB.domain[levelB]! > this.maxBase) {
      const canA = levelA + 1 < colA.height;
      const canB = levelB + 1 < colB.height;
      if (canA && (!canB || colA.domain[levelA]! >= colB.domain[levelB]!)) levelA++;
      else if (canB) levelB++;
      else {
        // Both columns at their coarsest level and still too many cells: no bound from this pair.
        this.bases.set(key, null);
        return null;
      }
    }
    const domainB = colB.domain[levelB]!;
    const size = colA.domain[levelA]! * domainB;
    if (this.hist.length < size) this.hist = new Int32Array(size);
    const hist = this.hist;
    const snap = this.table.snapshot;
    const codesA = snap.codes[a]!;
    const codesB = snap.codes[b]!;
    const genA = colA.gen[levelA]!;
    const genB = colB.gen[levelB]!;
    const count = snap.count;
    for (let i = 0; i < snap.n; i++) hist[genA[codesA[i]!]! * domainB + genB[codesB[i]!]!]! += count[i]!;
    let used = 0;
    for (let c = 0; c < size; c++) if (hist[c]! > 0) used++;
    const cells = new Int32Array(used);
    const counts = new Int32Array(used);
    used = 0;
    for (let c = 0; c < size; c++) {
      if (hist[c]! > 0) {
        cells[used] = c;
        counts[used++] = hist[c]!;
        hist[c] = 0;
      }
    }
    const base: PairBase = { levelA, levelB, cells, counts, domainB };
    this.bases.set(key, base);
    return base;
  }
}
