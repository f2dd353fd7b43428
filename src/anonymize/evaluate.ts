import type { MetricName } from './anonymize.schema.js';
import { ClassCounter } from './count.js';
import type { EncodedTable, ItemSet } from './encode.js';
import { groupBy, type KeyPart, Renumberer } from './grouping.js';
import { MarginalBound } from './marginals.js';
import { type CompiledModel, EPSILON } from './privacy.js';

/** Everything known about one lattice node after counting its classes. */
export interface NodeEvaluation {
  /** Relaxed model R holds (equals `anonymous` when the model is monotone). */
  readonly relaxedAnonymous: boolean;
  /** The privacy model holds with at most maxOutliers suppressed records. */
  readonly anonymous: boolean;
  /** Records in classes violating the model (suppressed if the node is chosen). */
  readonly suppressed: number;
  /** Classes that are released (not violating). */
  readonly classes: number;
  readonly minClassSize: number;
  readonly discernibility: number;
  readonly aecs: number;
  readonly entropy: number;
  /** The chosen metric's value. */
  readonly value: number;
  /** A lower bound of the chosen metric for every strict generalisation of this node. */
  readonly generalisationBound: number;
}

/** Classes of a node over the snapshot, for writing the output. */
export interface Classification {
  readonly classOfItem: Int32Array;
  readonly violating: Uint8Array;
}

/**
 * The classes of a counted node, kept to count its generalisations from. Only the representatives are
 * copied when counting (a sequential copy); their codes are gathered on first use as a source, since most
 * entries are never used and the gather is random access over the source.
 */
interface CacheEntry {
  readonly levels: Int32Array;
  readonly n: number;
  items: ItemSet | null;
  readonly build: () => ItemSet;
}

interface PendingItems {
  readonly n: number;
  readonly build: () => ItemSet;
}

const CACHE_ENTRIES = 64;

/**
 * Counts the equivalence classes of lattice nodes and applies the privacy model and the metrics. Work
 * is done on item sets, never on rows: the snapshot, or — the roll-up ARX also uses — the classes of an
 * already counted specialisation, which are usually far fewer.
 */
export class NodeEvaluator {
  private readonly renumberer = new Renumberer();
  private readonly keys: Float64Array;
  private readonly classOf: Int32Array;
  private readonly pairOf: Int32Array;
  // Per-class scratch, reused across nodes: a node has at most as many classes as the snapshot has items.
  private readonly size: Float64Array;
  private readonly rep: Int32Array;
  private readonly violR: Uint8Array;
  private readonly violM: Uint8Array;
  private readonly counter: ClassCounter;
  private readonly cache: CacheEntry[] = [];
  private readonly cacheBudget: number;
  private cacheSize = 0;
  private readonly useSensitive: boolean;
  private readonly marginals: MarginalBound | null;
  /** Nodes whose classes were counted, and nodes proven to fail by their projections (not counted). */
  counted = 0;
  provenByMarginals = 0;
  private fullEntropy = false;

  constructor(
    private readonly table: EncodedTable,
    private readonly model: CompiledModel,
    private readonly metric: MetricName,
    options: { rollUp?: boolean; marginals?: boolean } = {},
  ) {
    const n = table.snapshot.n;
    this.keys = new Float64Array(n);
    this.classOf = new Int32Array(n);
    this.pairOf = new Int32Array(n);
    this.size = new Float64Array(n);
    this.rep = new Int32Array(n);
    this.counter = new ClassCounter(
      table.qi,
      this.classOf,
      this.size,
      this.rep,
      this.renumberer,
      this.keys,
      n,
    );
    this.violR = new Uint8Array(n);
    this.violM = new Uint8Array(n);
    this.cacheBudget = options.rollUp === false ? 0 : 4 * n + 4096;
    this.useSensitive = model.needsSensitive;
    this.marginals = options.marginals === false ? null : new MarginalBound(table, model.k);
  }

  /** Lower bound of the metric for a node and all its generalisations, known before counting. */
  preBound(levels: ArrayLike<number>): number {
    const n = this.table.rows;
    if (this.metric === 'entropy') return entropyBase(this.table, levels);
    let possible = 1;
    for (let j = 0; j < levels.length; j++) possible *= this.table.qi[j]!.domain[levels[j]!]!;
    const maxClasses = Math.min(n, possible);
    // Cauchy–Schwarz: sum of squared class sizes ≥ n²/classes; released classes have ≥ k records and a
    // suppressed record costs n ≥ k, so an anonymous node also costs ≥ n·k.
    if (this.metric === 'discernibility') return Math.max(n * this.model.k, Math.floor((n * n) / maxClasses));
    return n / maxClasses;
  }

  /**
   * A lower bound of the metric at this node only (not at its generalisations: projections are not
   * monotone), before counting. For discernibility: the records proven suppressed by the projections cost
   * n each, every other record at least k (a released class holds ≥ k records).
   */
  nodeBound(levels: ArrayLike<number>): number {
    const pre = this.preBound(levels);
    if (this.metric !== 'discernibility' || this.marginals === null) return pre;
    const n = this.table.rows;
    const s = this.marginals.suppressedAtLeast(levels, n);
    return Math.max(pre, s * n + (n - s) * this.model.k);
  }

  private source(levels: ArrayLike<number>): ItemSet {
    let best: CacheEntry | null = null;
    for (const entry of this.cache) {
      if (entry.n >= (best?.n ?? this.table.snapshot.n)) continue;
      let below = true;
      for (let j = 0; j < levels.length; j++) {
        if (entry.levels[j]! > levels[j]!) {
          below = false;
          break;
        }
      }
      if (below) best = entry;
    }
    if (best === null) return this.table.snapshot;
    best.items ??= best.build();
    return best.items;
  }

  private remember(levels: ArrayLike<number>, items: PendingItems, from: ItemSet): void {
    if (this.cacheBudget === 0 || items.n >= from.n || items.n > this.cacheBudget) return;
    this.cache.push({ levels: Int32Array.from(levels), n: items.n, items: null, build: items.build });
    this.cacheSize += items.n;
    while (this.cache.length > CACHE_ENTRIES || this.cacheSize > this.cacheBudget) {
      this.cacheSize -= this.cache.shift()!.n;
    }
  }

  /** The classes of a node over the snapshot and which of them violate the model (for the output). */
  classify(levels: ArrayLike<number>): Classification {
    const src = this.table.snapshot;
    const result = this.run(src, levels, false);
    return { classOfItem: this.counter.classOf.slice(0, src.n), violating: result.violM.slice() };
  }

  /**
   * A node's evaluation with every metric filled in (the entropy of suppressed records is skipped while
   * searching by another metric), counted from the snapshot: for the report of the chosen node.
   */
  evaluateFully(levels: ArrayLike<number>): NodeEvaluation {
    this.fullEntropy = true;
    try {
      return this.run(this.table.snapshot, levels, false, false).evaluation;
    } finally {
      this.fullEntropy = false;
    }
  }

  evaluate(levels: ArrayLike<number>): NodeEvaluation {
    const bound = this.marginals?.suppressedAtLeast(levels, this.model.maxOutliers) ?? 0;
    if (bound > this.model.maxOutliers) {
      this.provenByMarginals++;
      return this.rejected(levels).evaluation;
    }
    this.counted++;
    return this.run(this.source(levels), levels, true).evaluation;
  }

  private run(
    src: ItemSet,
    levels: ArrayLike<number>,
    cache: boolean,
    abortEarly = cache,
  ): { evaluation: NodeEvaluation; violM: Uint8Array } {
    const model = this.model;
    const n = this.table.rows;
    // Released classes hold ≥ k of the ≥ n − maxOutliers released records, violating ones ≥ 1 suppressed.
    const limit = abortEarly ? Math.floor((n - model.maxOutliers) / model.k + model.maxOutliers) : src.n;
    // Per-item classes are only read by l-diversity / t-closeness and by the output (classify).
    const classes = this.counter.count(src, levels, limit, this.useSensitive || !cache);
    if (classes < 0) return this.rejected(levels);
    const size = this.size;
    const rep = this.rep;
    const violR = this.violR.fill(0, 0, classes);
    const violM = this.violM.fill(0, 0, classes);
    for (let c = 0; c < classes; c++) if (size[c]! < model.k) violR[c] = 1;
    let next: PendingItems | null = null;
    if (this.useSensitive && src.sens !== null) {
      next = this.applySensitive(src, classes, size, violR, violM, cache && this.worthCaching(classes, src));
    } else if (cache && this.worthCaching(classes, src)) {
      next = pickItems(src, rep, classes, null, size);
    }
    let suppR = 0;
    let suppM = 0;
    let released = 0;
    let minSize = Number.POSITIVE_INFINITY;
    let dmAll = 0;
    let dmReleased = 0;
    for (let c = 0; c < classes; c++) {
      const s = size[c]!;
      dmAll += s * s;
      if (violR[c]) {
        violM[c] = 1;
        suppR += s;
      }
      if (violM[c]) suppM += s;
      else {
        released++;
        dmReleased += s * s;
        if (s < minSize) minSize = s;
      }
    }
    const anonymous = suppM <= model.maxOutliers;
    const relaxedAnonymous = model.monotone ? anonymous : suppR <= model.maxOutliers;
    const discernibility = dmReleased + suppM * n;
    // AECS counts the suppressed records as the one all-`*` class they form in the output.
    const aecs = n / (released + (suppM > 0 ? 1 : 0));
    const base = entropyBase(this.table, levels);
    // The suppressed records' loss needs a pass over the classes per column: only worth it for a node that
    // can be chosen (the value of a non-anonymous node is never read).
    // For another metric it is only needed for the chosen node's report (see evaluateFully).
    const entropy =
      suppM === 0
        ? base
        : anonymous && (this.metric === 'entropy' || this.fullEntropy)
          ? base + this.suppressedEntropy(src, levels, classes, rep, violM, size)
          : Number.NaN;
    const value = this.metric === 'discernibility' ? discernibility : this.metric === 'aecs' ? aecs : entropy;
    // Bounds for strict generalisations N': their classes are unions of ours, so sum of squares ≥ dmAll
    // and class count ≤ ours; entropy's base term is monotone in the levels.
    const generalisationBound =
      this.metric === 'discernibility' ? dmAll : this.metric === 'aecs' ? n / classes : base;
    if (cache && next !== null) this.remember(levels, next, src);
    return {
      violM: violM.subarray(0, classes),
      evaluation: {
        relaxedAnonymous,
        anonymous,
        suppressed: suppM,
        classes: released,
        minClassSize: released === 0 ? 0 : minSize,
        discernibility,
        aecs,
        entropy,
        value,
        generalisationBound,
      },
    };
  }

  /**
   * Released classes hold at least k records and each violating class at least one suppressed record, so
   * an anonymous node has at most n/k + maxOutliers classes — for R as for M. Counting stopped there; the
   * bound known before counting (monotone in the levels) stands for the generalisations.
   */
  private rejected(levels: ArrayLike<number>): { evaluation: NodeEvaluation; violM: Uint8Array } {
    return {
      violM: new Uint8Array(0),
      evaluation: {
        relaxedAnonymous: false,
        anonymous: false,
        suppressed: Number.NaN,
        classes: Number.NaN,
        minClassSize: Number.NaN,
        discernibility: Number.NaN,
        aecs: Number.NaN,
        entropy: Number.NaN,
        value: Number.POSITIVE_INFINITY,
        generalisationBound: this.preBound(levels),
      },
    };
  }

  private worthCaching(groups: number, src: ItemSet): boolean {
    return this.cacheBudget > 0 && groups <= src.n / 8 && groups <= this.cacheBudget;
  }

  /** l-diversity and t-closeness per class, from the distinct (class, sensitive value) pairs. */
  private applySensitive(
    src: ItemSet,
    classes: number,
    size: Float64Array,
    violR: Uint8Array,
    violM: Uint8Array,
    cache: boolean,
  ): PendingItems | null {
    const model = this.model;
    const sens = src.sens!;
    const S = this.table.sensitive!.domain;
    const share = this.table.sensitive!.globalShare;
    const parts: KeyPart[] = [
      { codes: this.classOf, map: null, domain: classes },
      { codes: sens, map: null, domain: S },
    ];
    const pairs = groupBy(src.n, parts, this.renumberer, this.keys, this.pairOf);
    const pairCount = new Float64Array(pairs);
    const pairRep = new Int32Array(pairs).fill(-1);
    for (let i = 0; i < src.n; i++) {
      const p = this.pairOf[i]!;
      pairCount[p]! += src.count[i]!;
      if (pairRep[p] === -1) pairRep[p] = i;
    }
    const distinct = new Int32Array(classes);
    const entropy = new Float64Array(classes);
    const distance = new Float64Array(classes);
    for (let p = 0; p < pairs; p++) {
      const i = pairRep[p]!;
      const c = this.classOf[i]!;
      distinct[c]! += 1;
      const share_ = pairCount[p]! / size[c]!;
      entropy[c]! -= share_ * Math.log(share_);
      const q = share[sens[i]!]!;
      // Equal-distance EMD = total variation distance: half the L1 distance; values absent from the class
      // contribute their global share, added below as 1 - (sum of present shares).
      distance[c]! += Math.abs(share_ - q) - q;
    }
    for (let c = 0; c < classes; c++) {
      if (distinct[c]! < model.lDistinct) violR[c] = 1;
      if (model.lEntropyLog !== null && entropy[c]! < model.lEntropyLog - EPSILON) violM[c] = 1;
      if (model.t !== null && (distance[c]! + 1) / 2 > model.t + EPSILON) violM[c] = 1;
    }
    if (!cache) return null;
    return pickItems(src, pairRep, pairs, sens, pairCount);
  }

  /** Non-uniform entropy of suppressed records: shown as `*`, each loses log2(n / |g|) beyond level g. */
  private suppressedEntropy(
    src: ItemSet,
    levels: ArrayLike<number>,
    classes: number,
    rep: Int32Array,
    violM: Uint8Array,
    size: Float64Array,
  ): number {
    const n = this.table.rows;
    let extra = 0;
    this.table.qi.forEach((col, j) => {
      const l = levels[j]!;
      const gen = col.gen[l]!;
      const hidden = new Float64Array(col.domain[l]!);
      for (let c = 0; c < classes; c++) {
        if (violM[c]) hidden[gen[src.codes[j]![rep[c]!]!]!]! += size[c]!;
      }
      // Summed per value, in code order, so the result does not depend on the order classes were found in.
      const rowsWith = col.rowsWith[l]!;
      for (let g = 0; g < hidden.length; g++)
        if (hidden[g]! > 0) extra += hidden[g]! * Math.log2(n / rowsWith[g]!);
    });
    return extra;
  }
}

/** Non-uniform entropy of a node without suppression: a sum of per-column, per-level constants. */
export function entropyBase(table: EncodedTable, levels: ArrayLike<number>): number {
  let e = 0;
  for (let j = 0; j < levels.length; j++) e += table.qi[j]!.entropyLoss[levels[j]!]!;
  return e;
}

function pickItems(
  src: ItemSet,
  scratchRep: Int32Array,
  count: number,
  sens: Int32Array | null,
  weight: Float64Array,
): PendingItems {
  // rep and weight may be scratch buffers longer than count: copy only the classes, now.
  const rep = scratchRep.slice(0, count);
  const counts = new Int32Array(count);
  for (let g = 0; g < count; g++) counts[g] = weight[g]!;
  const build = (): ItemSet => {
    const codes = src.codes.map((col) => {
      const out = new Int32Array(count);
      for (let g = 0; g < count; g++) out[g] = col[rep[g]!]!;
      return out;
    });
    let outSens: Int32Array | null = null;
    if (sens !== null) {
      outSens = new Int32Array(count);
      for (let g = 0; g < count; g++) outSens[g] = sens[rep[g]!]!;
    }
    return { n: count, codes, sens: outSens, count: counts };
  };
  return { n: count, build };
}
