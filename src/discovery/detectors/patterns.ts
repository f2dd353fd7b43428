/**
 * Character classes shared by the number detectors, applied to NFKC-normalised text (full-width digits are
 * already ASCII). Japanese writers separate digit groups with many dash look-alikes, including the katakana
 * prolonged sound mark ー that IMEs produce when typing "-" in kana mode.
 */
export const DASH = '[-‐‑‒–—―−ー]';
/** No digit (alone or before a separator) right before, none (alone or after a separator) right after: a value is never cut out of a longer number. */
export const NOT_AFTER_DIGIT = `(?<![0-9]|[0-9]${DASH}|[0-9] )`;
export const NOT_BEFORE_DIGIT = `(?![0-9]|${DASH}[0-9]| [0-9])`;

export const digitsOf = (s: string): string => s.replace(/[^0-9]/g, '');

/**
 * The matches of `pattern` in text, left to right and without overlap, exactly as `text.matchAll(pattern)` gives
 * them, for a pattern that cannot match the empty string and whose every match contains an `anchor`: a rare
 * character or word the engine cannot skip to by itself. `starts(a)` bounds where a match containing the anchor
 * found at a can begin, as [first, last]; both must never decrease as a grows. The pattern is tried (sticky) only
 * at those positions, so text far from any anchor is never scanned by it.
 */
export function* anchoredMatches(
  text: string,
  pattern: RegExp,
  anchor: RegExp,
  starts: (a: number) => readonly [number, number],
  /** Optional cheap test that is false only where the pattern cannot match. */
  mayStartAt?: (p: number) => boolean,
): Generator<RegExpExecArray> {
  const sticky = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`);
  const anchors = new RegExp(anchor.source, `${anchor.flags.replace('g', '')}g`);
  const unicode = pattern.unicode;
  let pos = 0;
  for (let a = anchors.exec(text); a !== null; a = anchors.exec(text)) {
    const [first, last] = starts(a.index);
    let p = Math.max(pos, first);
    while (p <= last) {
      // A unicode pattern never starts inside a surrogate pair.
      if (
        (unicode && p > 0 && isLowSurrogate(text.charCodeAt(p)) && isHighSurrogate(text.charCodeAt(p - 1))) ||
        (mayStartAt !== undefined && !mayStartAt(p))
      ) {
        p++;
        continue;
      }
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (m === null) p++;
      else {
        yield m;
        p += m[0].length;
        pos = p;
      }
    }
    pos = Math.max(pos, last + 1);
    // Every occurrence of the anchor, also one overlapping the last.
    anchors.lastIndex = a.index + 1;
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
