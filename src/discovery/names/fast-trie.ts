/**
 * A faster common-prefix search over kuromoji's IPADIC double-array trie, with the same results.
 *
 * kuromoji builds its lattice by calling `trie.commonPrefixSearch(tail)` at every character position, and the
 * library's version (doublearray 0.0.2) first encodes the whole remaining text to UTF-8 in a new 4×length buffer,
 * then decodes each matched key back from a copied byte array. That is quadratic in the length of the text and
 * allocates on every position (it was a fifth of the names stage's CPU time and most of its garbage). This version
 * encodes one character at a time while walking the trie, stops at the first missing transition, and cuts each
 * matched key from the input string. Results are `{ k, v }` objects in the same order, `v` set only on a leaf
 * (as the library does); equality with the library's search is a property test (fast-trie.test.ts).
 */
interface BaseCheck {
  getBase(index: number): number;
  getCheck(index: number): number;
}

export interface DoubleArrayTrie {
  bc: BaseCheck;
  commonPrefixSearch(key: string): { k: string; v?: number }[];
}

const ROOT_ID = 0;
const TERM_CODE = 0;

export function fastCommonPrefixSearch(trie: DoubleArrayTrie, key: string): { k: string; v?: number }[] {
  return commonPrefixSearchFrom(trie, key, 0);
}

/** The same search on `key.slice(from)`, without making that slice. */
export function commonPrefixSearchFrom(
  trie: DoubleArrayTrie,
  key: string,
  from: number,
): { k: string; v?: number }[] {
  const bc = trie.bc;
  const result: { k: string; v?: number }[] = [];
  const bytes = [0, 0, 0, 0];
  let parent = ROOT_ID;
  let i = from;
  while (i < key.length) {
    let code = key.charCodeAt(i++);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = key.charCodeAt(i++);
      if (!(low >= 0xdc00 && low <= 0xdfff)) break; // malformed pair: the library gives up too
      code = (code - 0xd800) * 0x400 + 0x10000 + (low - 0xdc00);
    }
    let n: number;
    if (code < 0x80) {
      bytes[0] = code;
      n = 1;
    } else if (code < 0x800) {
      bytes[0] = (code >>> 6) | 0xc0;
      bytes[1] = (code & 0x3f) | 0x80;
      n = 2;
    } else if (code < 0x10000) {
      bytes[0] = (code >>> 12) | 0xe0;
      bytes[1] = ((code >> 6) & 0x3f) | 0x80;
      bytes[2] = (code & 0x3f) | 0x80;
      n = 3;
    } else {
      bytes[0] = (code >>> 18) | 0xf0;
      bytes[1] = ((code >> 12) & 0x3f) | 0x80;
      bytes[2] = ((code >> 6) & 0x3f) | 0x80;
      bytes[3] = (code & 0x3f) | 0x80;
      n = 4;
    }
    for (let b = 0; b < n; b++) {
      const child = bc.getBase(parent) + bytes[b]!;
      if (bc.getCheck(child) !== parent) return result;
      parent = child;
    }
    // A key ends only after a whole character: look for the terminal transition there.
    const term = bc.getBase(parent) + TERM_CODE;
    if (bc.getCheck(term) === parent) {
      const base = bc.getBase(term);
      result.push(base <= 0 ? { v: -base - 1, k: key.slice(from, i) } : { k: key.slice(from, i) });
    }
  }
  return result;
}

/** Replaces the trie's search on this instance only (the dictionary object the tokenizer holds). */
export function installFastSearch(trie: DoubleArrayTrie): void {
  trie.commonPrefixSearch = (key: string) => fastCommonPrefixSearch(trie, key);
}

interface FeatureDictionary {
  getFeatures(id: string): string;
}

/**
 * Remembers the feature line of each dictionary entry once decoded: kuromoji decodes it from UTF-8 bytes for
 * every token it returns, and a scan sees the same few thousand entries over and over. Bounded so a pathological
 * text cannot grow it past the dictionary's own size.
 */
export function memoizeFeatures(dictionary: FeatureDictionary, limit = 200_000): void {
  const decode = dictionary.getFeatures.bind(dictionary);
  const memo = new Map<string, string>();
  dictionary.getFeatures = (id: string) => {
    let line = memo.get(id);
    if (line === undefined) {
      line = decode(id);
      if (memo.size < limit) memo.set(id, line);
    }
    return line;
  };
}
