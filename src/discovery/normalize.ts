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

/** Code points whose NFKC form is themselves: ASCII, hiragana, katakana (less combining marks), CJK ideographs. */
const isStable = (cp: number): boolean =>
  cp < 0x80 ||
  (cp >= 0x3041 && cp <= 0x3096) ||
  (cp >= 0x30a1 && cp <= 0x30fa) ||
  (cp >= 0x4e00 && cp <= 0x9fff);

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
  const parts: string[] = [];
  const edits: Edit[] = [];
  let copiedFrom = 0;
  let normLength = 0;
  let i = 0;
  while (i < original.length) {
    const clusterStart = i;
    const first = original.codePointAt(i)!;
    i += first > 0xffff ? 2 : 1;
    let simple = isStable(first);
    while (i < original.length) {
      const cp = original.codePointAt(i)!;
      if (!isCombining(cp)) break;
      simple = false;
      i += cp > 0xffff ? 2 : 1;
    }
    if (simple) continue;
    const cluster = original.slice(clusterStart, i);
    const norm = cluster.normalize('NFKC');
    if (norm === cluster) continue;
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
