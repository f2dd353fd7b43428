import { UserError } from '../platform/errors.js';

/** Largest lattice the search accepts (one byte of tags per node). */
export const MAX_LATTICE = 1 << 26;

/**
 * The generalisation lattice: one node per vector of levels (level_j < height_j), numbered in mixed radix
 * with the first quasi-identifier most significant, so that node order is the lexicographic order of the
 * level vectors. Successors raise one level by one; predecessors lower one.
 */
export class Lattice {
  readonly size: number;
  readonly strides: Int32Array;
  readonly heights: Int32Array;
  /** Sum of levels of each node. */
  readonly nodeHeight: Uint16Array;
  readonly maxHeight: number;

  constructor(heights: readonly number[]) {
    let size = 1;
    for (const h of heights) size *= h;
    if (size > MAX_LATTICE) {
      throw new UserError(
        `The generalisation lattice would have ${size} nodes (more than ${MAX_LATTICE}): use fewer quasi-identifiers or shorter hierarchies.`,
      );
    }
    this.size = size;
    this.heights = Int32Array.from(heights);
    const m = heights.length;
    this.strides = new Int32Array(m);
    let stride = 1;
    for (let j = m - 1; j >= 0; j--) {
      this.strides[j] = stride;
      stride *= heights[j]!;
    }
    this.nodeHeight = new Uint16Array(size);
    const levels = new Int32Array(m);
    let h = 0;
    for (let idx = 0; idx < size; idx++) {
      this.nodeHeight[idx] = h;
      // Increment the mixed-radix counter, keeping the level sum in step.
      for (let j = m - 1; j >= 0; j--) {
        if (levels[j]! + 1 < heights[j]!) {
          levels[j]! += 1;
          h += 1;
          break;
        }
        h -= levels[j]!;
        levels[j] = 0;
      }
    }
    this.maxHeight = heights.reduce((a, b) => a + b - 1, 0);
  }

  levelsOf(idx: number, out: Int32Array): Int32Array {
    let rest = idx;
    for (let j = 0; j < this.strides.length; j++) {
      const s = this.strides[j]!;
      out[j] = Math.floor(rest / s);
      rest -= out[j]! * s;
    }
    return out;
  }

  indexOf(levels: ArrayLike<number>): number {
    let idx = 0;
    for (let j = 0; j < levels.length; j++) idx += levels[j]! * this.strides[j]!;
    return idx;
  }

  /** Calls f for each direct generalisation. */
  forSuccessors(idx: number, f: (s: number) => void): void {
    for (let j = 0; j < this.strides.length; j++) {
      const s = this.strides[j]!;
      if (Math.floor(idx / s) % this.heights[j]! < this.heights[j]! - 1) f(idx + s);
    }
  }

  /** Calls f for each direct specialisation. */
  forPredecessors(idx: number, f: (p: number) => void): void {
    for (let j = 0; j < this.strides.length; j++) {
      const s = this.strides[j]!;
      if (Math.floor(idx / s) % this.heights[j]! > 0) f(idx - s);
    }
  }

  /** Sets `bit` on idx (if `self`) and on every generalisation (up) or specialisation (down) lacking it. */
  propagate(tags: Uint8Array, idx: number, bit: number, up: boolean, self: boolean): void {
    const stack: number[] = [];
    const visit = (s: number): void => {
      if ((tags[s]! & bit) === 0) {
        tags[s]! |= bit;
        stack.push(s);
      }
    };
    if (self) visit(idx);
    else stack.push(idx);
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (up) this.forSuccessors(cur, visit);
      else this.forPredecessors(cur, visit);
    }
  }

  /** All node ids ordered by height, then id. */
  byHeight(): Int32Array {
    const counts = new Int32Array(this.maxHeight + 2);
    for (let i = 0; i < this.size; i++) counts[this.nodeHeight[i]! + 1]! += 1;
    for (let h = 1; h < counts.length; h++) counts[h]! += counts[h - 1]!;
    const out = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) out[counts[this.nodeHeight[i]!]!++] = i;
    return out;
  }
}
