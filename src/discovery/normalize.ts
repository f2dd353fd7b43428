/**
 * NFKC normalisation with an offset map back to the original text. Japanese text mixes full-width digits and
 * letters (０９０, ＠, Ｔ), half-width katakana and ideographic spaces; detectors match one canonical form, but
 * findings must point into the text the user gave us (issue 8: offsets in JavaScript string units).
 *
 * The text is cut into clusters (a code point plus the combining marks that follow it, including the half-width
 * voiced marks ﾞ ﾟ that NFKC composes with the previous kana); each cluster is normalised on its own, and every
 * unit it produces maps to the whole cluster. Clusters are therefore never split by a finding.
 */
export interface NormalizedText {
  readonly original: string;
  readonly text: string;
  /** Maps a [start, end) range of `text` to the corresponding range of `original`. */
  toOriginal(start: number, end: number): [number, number];
}

const isCombining = (cp: number): boolean =>
  cp === 0xff9e || cp === 0xff9f || (cp >= 0x0300 && cp <= 0x036f) || cp === 0x3099 || cp === 0x309a;

/**
 * Code points that are a cluster of their own and NFKC-stable (normalising one alone gives it back): ASCII, the
 * CJK punctuation Japanese text is full of (、。「」〒 …), hiragana and katakana without their combining marks
 * (ー ・ included), CJK ideographs with extension A. A cluster of one of them is never changed, so only the
 * code units outside these ranges are looked at (surrogates are always outside). normalize.test.ts checks them.
 */
export const STABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x007f],
  [0x3001, 0x3035],
  [0x3041, 0x3096],
  [0x309d, 0x309e],
  [0x30a0, 0x30fe],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];
const STABLE = new Uint8Array(0x10000);
for (const [lo, hi] of STABLE_RANGES) STABLE.fill(1, lo, hi + 1);

/** NFKC of single code units, filled as they are met (a pure function of the unit). */
const UNIT_NFKC: Array<string | undefined> = new Array(0x10000);

interface Edit {
  normStart: number;
  normEnd: number;
  origStart: number;
  origEnd: number;
}

export function normalizeText(original: string): NormalizedText {
  // Most text is already in NFKC; the native check is far cheaper than building a map.
  if (original.normalize('NFKC') === original)
    return { original, text: original, toOriginal: (s, e) => [s, e] };
  // Only the clusters NFKC changes are recorded; between them normalised and original text advance together.
  // A cluster that is one stable code point is never changed, so a cluster needs normalising only when it
  // starts with a unit outside the stable ranges, or is a stable code point followed by a combining mark
  // (never stable): the loop looks for such units and finds the cluster's start from there.
  const parts: string[] = [];
  const edits: Edit[] = [];
  let copiedFrom = 0;
  let normLength = 0;
  let i = 0;
  for (let at = 0; at < original.length; at++) {
    if (STABLE[original.charCodeAt(at)] === 1) continue;
    // A combining mark after a stable code point belongs to that code point's cluster (it is one code unit:
    // stable code points are all in the BMP). At the start of the text, or right after a cluster, it is its own.
    const clusterStart = at > i && isCombining(original.charCodeAt(at)) ? at - 1 : at;
    const first = original.codePointAt(clusterStart)!;
    i = clusterStart + (first > 0xffff ? 2 : 1);
    while (i < original.length) {
      const cp = original.codePointAt(i)!;
      if (!isCombining(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
    at = i - 1;
    let norm: string;
    if (i === clusterStart + 1) {
      // One code unit, by far the most common cluster (：（）０-９ Ａ-Ｚ …): its form is remembered.
      const unit = original.charCodeAt(clusterStart);
      const known = UNIT_NFKC[unit];
      norm = known ?? String.fromCharCode(unit).normalize('NFKC');
      if (known === undefined) UNIT_NFKC[unit] = norm;
      if (norm.length === 1 && norm.charCodeAt(0) === unit) continue;
    } else {
      const cluster = original.slice(clusterStart, i);
      norm = cluster.normalize('NFKC');
      if (norm === cluster) continue;
    }
    parts.push(original.slice(copiedFrom, clusterStart), norm);
    normLength += clusterStart - copiedFrom;
    edits.push({
      normStart: normLength,
      normEnd: normLength + norm.length,
      origStart: clusterStart,
      origEnd: i,
    });
    normLength += norm.length;
    copiedFrom = i;
  }
  parts.push(original.slice(copiedFrom));
  const text = parts.join('');

  /** The last edit starting at or before normalised index n. */
  const editAt = (n: number): Edit | undefined => {
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edits[mid]!.normStart <= n) lo = mid + 1;
      else hi = mid;
    }
    return edits[lo - 1];
  };
  const startOf = (n: number): number => {
    const e = editAt(n);
    if (e === undefined) return n;
    return n < e.normEnd ? e.origStart : e.origEnd + (n - e.normEnd);
  };
  const endOf = (n: number): number => {
    // The original position just after normalised unit n − 1.
    const e = editAt(n - 1);
    if (e === undefined) return n;
    return n - 1 < e.normEnd ? e.origEnd : e.origEnd + (n - e.normEnd);
  };
  return {
    original,
    text,
    toOriginal(s, e) {
      if (e <= s) {
        const at = startOf(s);
        return [at, at];
      }
      return [startOf(s), endOf(e)];
    },
  };
}
