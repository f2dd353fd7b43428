import type { MetricName } from './anonymize.schema.js';
import type { EncodedTable } from './encode.js';
import { type NodeEvaluation, NodeEvaluator } from './evaluate.js';
import { Lattice } from './lattice.js';
import type { CompiledModel } from './privacy.js';

export interface SearchResult {
  readonly levels: number[];
  readonly evaluation: NodeEvaluation;
  /** Lattice nodes checked: counted, or proven to fail by their one- and two-column projections. */
  readonly nodesChecked: number;
  /** Of those, the nodes whose classes were counted. */
  readonly nodesCounted: number;
  readonly latticeSize: number;
}

export interface SearchProgress {
  readonly checked: number;
  readonly resolved: number;
  readonly total: number;
}

export interface SearchOptions {
  readonly onProgress?: (p: SearchProgress) => void;
  /** Count from cached specialisations (default true); off only to measure its effect. */
  readonly rollUp?: boolean;
  /** Reject nodes from their projections before counting (default true); off only to measure. */
  readonly marginals?: boolean;
}

/** Tag bits. ANON / NOT_ANON refer to the relaxed model R (see privacy.ts); NOT_ANON also proves M fails. */
const CHECKED = 1;
const ANON = 2;
const NOT_ANON = 4;
/** Cannot beat the best node found (metric bound from a checked specialisation). */
const PRUNED = 8;
/** This node cannot beat the best (node-only bound from projections; says nothing of generalisations). */
const SELF_PRUNED = 16;

interface Best {
  idx: number;
  value: number;
  height: number;
  evaluation: NodeEvaluation;
}

/**
 * Finds the optimal full-domain generalisation: the anonymous node with the lowest metric value, ties
 * broken by the lower sum of levels, then the lexicographically lower level vector (the same order the
 * brute force uses, so both return the same node).
 *
 * In the spirit of ARX's Flash (Kohlmayer et al., 2012): nodes are visited by height; from each undecided
 * node a path of undecided generalisations is built and binary-searched for its lowest anonymous node, and
 * every check is spread by predictive tagging (anonymous ⇒ all generalisations anonymous; not anonymous ⇒
 * all specialisations not anonymous). Metric bounds skip nodes that cannot beat the best: a bound known
 * before counting (preBound, monotone in the levels) and one from each counted node for all its
 * generalisations. A node is decided when it is checked, proven non-anonymous, or proven unable to win, so
 * the result is the optimum, never a heuristic one. Without suppression the metrics are monotone and the
 * generalisation bound of an anonymous node is its own value: its generalisations are pruned at once.
 */
export function searchOptimum(
  table: EncodedTable,
  model: CompiledModel,
  metric: MetricName,
  options: SearchOptions = {},
): SearchResult | null {
  const lattice = new Lattice(table.qi.map((c) => c.height));
  const evaluator = new NodeEvaluator(table, model, metric, {
    rollUp: options.rollUp ?? true,
    marginals: options.marginals ?? true,
  });
  const tags = new Uint8Array(lattice.size);
  const levels = new Int32Array(table.qi.length);
  const heightOf = lattice.nodeHeight;
  let best: Best | null = null;
  let checked = 0;
  /** Checked nodes whose generalisation bound has not pruned their generalisations yet. */
  let pending: { idx: number; bound: number; height: number }[] = [];

  const canBeat = (bound: number, height: number, idx: number): boolean =>
    best === null ||
    bound < best.value ||
    (bound === best.value && (height < best.height || (height === best.height && idx < best.idx)));
  // Strict generalisations have a larger height and an unknown id.
  const generalisationsCanBeat = (bound: number, height: number): boolean =>
    best === null || bound < best.value || (bound === best.value && height + 1 <= best.height);
  const preBound = (idx: number): number => evaluator.preBound(lattice.levelsOf(idx, levels));
  const preBounded = (idx: number): boolean => !canBeat(preBound(idx), heightOf[idx]!, idx);
  const decided = (idx: number): boolean =>
    (tags[idx]! & (CHECKED | NOT_ANON | PRUNED | SELF_PRUNED)) !== 0 || preBounded(idx);
  const known = (idx: number): boolean => (tags[idx]! & (ANON | NOT_ANON)) !== 0;

  const prunePending = (): void => {
    pending = pending.filter((p) => {
      if (generalisationsCanBeat(p.bound, p.height)) return true;
      lattice.propagate(tags, p.idx, PRUNED, true, false);
      return false;
    });
  };

  // A node-only bound (projections): the node cannot win, which decides it but none of its generalisations.
  // It is non-increasing upwards (finer cells stay small), so from such a node the search looks higher.
  // Only with suppression: without it, a node with a small projection cell is rejected outright.
  const nodeBounds = model.maxOutliers > 0;
  const nodeCannotWin = (idx: number): boolean =>
    nodeBounds && !canBeat(evaluator.nodeBound(lattice.levelsOf(idx, levels)), heightOf[idx]!, idx);

  let lastReport = 0;
  const check = (idx: number): void => {
    const ev = evaluator.evaluate(lattice.levelsOf(idx, levels));
    checked++;
    tags[idx]! |= CHECKED;
    if (ev.relaxedAnonymous) lattice.propagate(tags, idx, ANON, true, true);
    else lattice.propagate(tags, idx, NOT_ANON, false, true);
    const height = heightOf[idx]!;
    if (ev.anonymous && canBeat(ev.value, height, idx))
      best = { idx, value: ev.value, height, evaluation: ev };
    pending.push({ idx, bound: ev.generalisationBound, height });
    prunePending();
    if (options.onProgress !== undefined && (checked - lastReport >= 16 || checked === 1)) {
      lastReport = checked;
      let resolved = 0;
      for (let i = 0; i < tags.length; i++)
        if ((tags[i]! & (CHECKED | NOT_ANON | PRUNED | ANON)) !== 0) resolved++;
      options.onProgress({ checked, resolved, total: lattice.size });
    }
  };

  // Heuristic for paths: step to the generalisation that keeps the most possible classes (least loss).
  const possibleClasses = (idx: number): number => {
    lattice.levelsOf(idx, levels);
    let p = 1;
    for (let j = 0; j < levels.length; j++) p *= table.qi[j]!.domain[levels[j]!]!;
    return p;
  };

  const heap: number[] = [];
  const checkPath = (start: number): void => {
    const path = [start];
    for (let cur = start; ; ) {
      let next = -1;
      let nextScore = -1;
      lattice.forSuccessors(cur, (s) => {
        if (known(s) || decided(s)) return;
        const score = possibleClasses(s);
        if (score > nextScore) {
          next = s;
          nextScore = score;
        }
      });
      if (next < 0) break;
      path.push(next);
      cur = next;
    }
    let lo = 0;
    let hi = path.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const node = path[mid]!;
      if ((tags[node]! & (ANON | NOT_ANON)) === 0) {
        // Bounds are monotone upwards: a node that cannot win has no winning generalisation either.
        if ((tags[node]! & PRUNED) !== 0 || preBounded(node)) {
          hi = mid - 1;
          continue;
        }
        if (nodeCannotWin(node)) {
          tags[node]! |= SELF_PRUNED;
          lo = mid + 1;
          continue;
        }
        check(node);
      }
      if ((tags[node]! & ANON) !== 0) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    if (found >= 0) heap.push(path[found]!);
  };

  const order = lattice.byHeight();
  for (const idx of order) {
    if (known(idx) || decided(idx)) continue;
    checkPath(idx);
    while (heap.length > 0) {
      // Explore below the lowest anonymous node found so far, as Flash does with its priority queue.
      let at = 0;
      for (let i = 1; i < heap.length; i++) if (heightOf[heap[i]!]! < heightOf[heap[at]!]!) at = i;
      const node = heap.splice(at, 1)[0]!;
      lattice.forPredecessors(node, (p) => {
        if (!known(p) && !decided(p)) checkPath(p);
      });
    }
  }

  // Remaining: nodes known to satisfy R but not counted — their metric (with suppression) or the
  // non-monotone model still needs them. Most promising first, so that the bound prunes the rest.
  const rest: { idx: number; bound: number }[] = [];
  for (let idx = 0; idx < lattice.size; idx++) {
    if (!decided(idx)) rest.push({ idx, bound: preBound(idx) });
  }
  rest.sort((a, b) => a.bound - b.bound || heightOf[a.idx]! - heightOf[b.idx]! || a.idx - b.idx);
  for (const r of rest) if (!decided(r.idx) && !nodeCannotWin(r.idx)) check(r.idx);

  const winner = best as Best | null;
  if (winner === null) return null;
  const chosen = lattice.levelsOf(winner.idx, new Int32Array(levels.length));
  return {
    levels: Array.from(chosen),
    evaluation: complete(evaluator, chosen, winner.evaluation),
    nodesChecked: checked,
    nodesCounted: evaluator.counted,
    latticeSize: lattice.size,
  };
}

/** The baseline: counts every node of the lattice and keeps the best (same order of preference). */
export function bruteForceOptimum(
  table: EncodedTable,
  model: CompiledModel,
  metric: MetricName,
  options: { rollUp?: boolean } = {},
): SearchResult | null {
  const lattice = new Lattice(table.qi.map((c) => c.height));
  const evaluator = new NodeEvaluator(table, model, metric, {
    rollUp: options.rollUp ?? false,
    marginals: false,
  });
  const levels = new Int32Array(table.qi.length);
  let best: Best | null = null;
  for (let idx = 0; idx < lattice.size; idx++) {
    const ev = evaluator.evaluate(lattice.levelsOf(idx, levels));
    if (!ev.anonymous) continue;
    const height = lattice.nodeHeight[idx]!;
    if (best === null || ev.value < best.value || (ev.value === best.value && height < best.height)) {
      best = { idx, value: ev.value, height, evaluation: ev };
    }
  }
  const winner = best as Best | null;
  if (winner === null) return null;
  const chosen = lattice.levelsOf(winner.idx, new Int32Array(levels.length));
  return {
    levels: Array.from(chosen),
    evaluation: complete(evaluator, chosen, winner.evaluation),
    nodesChecked: lattice.size,
    nodesCounted: lattice.size,
    latticeSize: lattice.size,
  };
}

/** The chosen node's evaluation with the entropy of its suppressed records, skipped during the search. */
function complete(evaluator: NodeEvaluator, levels: Int32Array, ev: NodeEvaluation): NodeEvaluation {
  return Number.isNaN(ev.entropy) ? evaluator.evaluateFully(levels) : ev;
}
