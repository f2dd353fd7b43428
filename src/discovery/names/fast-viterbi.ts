import type { IpadicFeatures } from 'kuromoji';
import { COUNT_BITS, NO_KEY, packDictionary, type TokenizerInternals } from './fast-dictionary.js';
import { addNodes, BOS, EOS, KNOWN, MAX, NONE, reduce, Scratch, UNKNOWN } from './fast-scratch.js';

/**
 * kuromoji.js's tokenisation (Tokenizer.tokenize / tokenizeForSentence) over flat typed arrays, with the same
 * tokens. The library builds a ViterbiNode object for every dictionary and unknown-word candidate of a sentence
 * (5.4 per character of Wikipedia prose), runs its forward pass through them and then formats the best path,
 * splitting each entry's feature line again for every token; after the trie search and the lattice builder were
 * replaced (fast-trie.ts, fast-lattice.ts) that was most of the names stage's CPU time and much of its garbage.
 * Here the sentence is encoded to UTF-8 once, the lattice is a set of reused typed arrays grouped by end position
 * over the dictionaries repacked at load (fast-dictionary.ts), the forward pass reads the connection costs
 * directly, and token objects are made for the best path only, from feature lists split once per dictionary
 * entry. Equality of every token field with the library's own tokenizer is a property test (fast-viterbi.test.ts).
 *
 * The library's quirks are kept on purpose, since callers compare against it: a node whose predecessors are all
 * unreachable inherits the predecessor last chosen for any node (its `shortest_prev_node` is function-scoped);
 * an unknown word's length is in UTF-16 units when grouped but 1 when not; and the position of a token in a
 * later sentence counts from the start of the previous sentence's last token.
 */

const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** Splits an entry's feature line once, as the library does for every token. */
function featuresOf(dictionary: { getFeatures(id: number): string }, id: number): string[] {
  const line = dictionary.getFeatures(id);
  return line == null ? [] : line.split(',');
}

/** Replaces tokenize and tokenizeForSentence on this kuromoji instance. */
export function installFastTokenize(tokenizer: TokenizerInternals): void {
  const dict = packDictionary(tokenizer);
  const {
    trie,
    rootChild,
    known,
    unknown,
    unitClass,
    unitName,
    invoke,
    grouping,
    costs: matrix,
    rows,
  } = dict;
  const knownDictionary = tokenizer.token_info_dictionary;
  const unknownDictionary = tokenizer.unknown_dictionary;
  // Split feature lines by entry index; a scan meets the same few thousand entries over and over.
  const knownFeatures: (string[] | undefined)[] = [];
  const unknownFeatures: (string[] | undefined)[] = [];
  let s = new Scratch(rows);

  /** The library's tokenizeForSentence on text.slice(from, to), appending to tokens. */
  const tokenizeRange = (text: string, from: number, to: number, tokens: IpadicFeatures[]): void => {
    if (from >= to) return; // an empty sentence's EOS finds no path: no tokens
    // Scratch grows to the longest sentence seen; one huge sentence should not hold its memory for ever.
    if (s.cpUnit.length > 1 << 16 && to - from < 1 << 12) s = new Scratch(rows);
    s.fitSentence(to - from);
    const { cpUnit, cpByte, cpName, cpClass, cpFirst, runEnd, bytes, matchV, matchLength } = s;

    // Code points as the library's SurrogateAwareString counts them (a high surrogate always takes two units),
    // their classes, and their UTF-8 bytes as the trie's encoder writes them; a malformed pair stops a trie walk
    // there (the library's encoder fails on the whole tail, and its tokenizer throws, as it does on NUL).
    let n = 0;
    let nb = 0;
    for (let i = from; i < to; i++) {
      cpUnit[n] = i;
      cpByte[n] = nb;
      let code = text.charCodeAt(i);
      cpName[n] = unitName[code]!;
      cpClass[n] = unitClass[code]!;
      cpFirst[n] = rootChild[code]!;
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        i++;
        code = low >= 0xdc00 && low <= 0xdfff ? (code - 0xd800) * 0x400 + 0x10000 + (low - 0xdc00) : -1;
      }
      if (code <= 0) {
        // A malformed pair, or NUL (the trie's terminal code, on which the library fails): 0xFF is in no key (not
        // UTF-8), so a walk stops here.
        bytes[nb++] = 0xff;
      } else if (code < 0x80) {
        bytes[nb++] = code;
      } else if (code < 0x800) {
        bytes[nb++] = (code >>> 6) | 0xc0;
        bytes[nb++] = (code & 0x3f) | 0x80;
      } else if (code < 0x10000) {
        bytes[nb++] = (code >>> 12) | 0xe0;
        bytes[nb++] = ((code >> 6) & 0x3f) | 0x80;
        bytes[nb++] = (code & 0x3f) | 0x80;
      } else {
        bytes[nb++] = (code >>> 18) | 0xf0;
        bytes[nb++] = ((code >> 12) & 0x3f) | 0x80;
        bytes[nb++] = ((code >> 6) & 0x3f) | 0x80;
        bytes[nb++] = (code & 0x3f) | 0x80;
      }
      n++;
    }
    cpUnit[n] = to;
    cpByte[n] = nb;
    // runEnd[k]: the last code point of the run of same-named classes from k (an unknown word's grouping).
    runEnd[n - 1] = n - 1;
    for (let k = n - 2; k >= 0; k--) runEnd[k] = cpName[k + 1] === cpName[k] ? runEnd[k + 1]! : k;

    // The lattice, nodes in the library's append order: BOS, then per position its dictionary words (in trie
    // order, each word's entries in map order) and its unknown-word entries. Node ends are 1-based.
    s.fitNodes(64, 0);
    s.type[0] = BOS;
    s.entry[0] = NONE;
    s.left[0] = s.right[0] = s.cost[0] = s.start[0] = s.end[0] = 0;
    let count = 1;
    let maxEnd = 0;
    const uStart = unknown.start;
    for (let pos = 0; pos < n; pos++) {
      let words = 0;
      // The walk starts after the first character when rootChild knows its node (or that there is none).
      const first = cpFirst[pos]!;
      let parent = first >= 0 ? first : 0;
      walk: for (let k = first === NO_KEY ? n : pos; k < n; k++) {
        for (let b = k === pos && first >= 0 ? cpByte[k + 1]! : cpByte[k]!, e = cpByte[k + 1]!; b < e; b++) {
          const child = trie[2 * parent]! + bytes[b]!;
          if (trie[2 * child + 1] !== parent) break walk;
          parent = child;
        }
        // A key ends only after a whole character: its terminal transition (code 0) is there.
        const term = trie[2 * parent]!;
        if (trie[2 * term + 1] === parent) {
          matchV[words] = -trie[2 * term]! - 1; // first entry << COUNT_BITS | count
          matchLength[words++] = cpUnit[k + 1]! - cpUnit[pos]!;
        }
      }
      const cls = cpClass[pos]!;
      const unknownWord = words === 0 || invoke[cls] === 1;
      let needed = count + 1;
      for (let w = 0; w < words; w++) needed += matchV[w]! & COUNT_MASK;
      const uFrom = cls + 1 < uStart.length ? uStart[cls]! : 0;
      const uTo = cls + 1 < uStart.length ? uStart[cls + 1]! : 0;
      if (unknownWord) needed += uTo - uFrom;
      s.fitNodes(needed, count);
      for (let w = 0; w < words; w++) {
        const v = matchV[w]!;
        const length = matchLength[w]!;
        const first = v >>> COUNT_BITS;
        count = addNodes(s, count, KNOWN, known, first, first + (v & COUNT_MASK), pos + 1, length, 0, 0);
        if (pos + length > maxEnd) maxEnd = pos + length;
      }
      if (unknownWord && uTo > uFrom) {
        const grouped = grouping[cls] === 1 && runEnd[pos]! > pos;
        const surfaceFrom = cpUnit[pos]!;
        const surfaceTo = cpUnit[grouped ? runEnd[pos]! + 1 : pos + 1]!;
        const length = grouped ? surfaceTo - surfaceFrom : 1;
        count = addNodes(s, count, UNKNOWN, unknown, uFrom, uTo, pos + 1, length, surfaceFrom, surfaceTo);
        if (pos + length > maxEnd) maxEnd = pos + length;
      }
    }
    // EOS: one end position after the last one used, starting there.
    const eos = count++;
    s.type[eos] = EOS;
    s.entry[eos] = NONE;
    s.left[eos] = s.right[eos] = s.cost[eos] = 0;
    s.start[eos] = s.end[eos] = maxEnd + 1;

    // Group the nodes by end position, keeping append order within a group.
    const { groupStart, byEnd, start, end, left, cost, shortest, prev, type } = s;
    const groups = maxEnd + 2;
    groupStart.fill(0, 0, groups + 1);
    for (let i = 0; i < count; i++) groupStart[end[i]! + 1]!++;
    for (let g = 1; g <= groups; g++) groupStart[g]! += groupStart[g - 1]!;
    for (let i = 0; i < count; i++) byEnd[groupStart[end[i]!]!++] = i;
    for (let g = groups; g > 0; g--) groupStart[g] = groupStart[g - 1]!;
    groupStart[0] = 0;

    // Forward pass, the library's: each node takes the predecessor (a node ending just before it starts) with the
    // least path cost + connection cost, the first one on ties, in the library's order; `chosen` is its
    // function-scoped shortest_prev_node, which a node whose predecessors are all unreached keeps from before.
    // A predecessor is never chosen over an earlier one with the same right id and no greater path cost, nor
    // when unreached (Number.MAX_VALUE absorbs any cost added), so once an end position's nodes are final
    // they are reduced to those that can be chosen, in order (about 40 % fewer), for every node after them.
    const { redStart, redEnd, redNode, redRight, redShortest } = s;
    shortest[0] = 0;
    prev[0] = NONE;
    s.reduced = 0;
    reduce(s, 0);
    let chosen = NONE;
    for (let g = 1; g < groups; g++) {
      for (let a = groupStart[g]!, ae = groupStart[g + 1]!; a < ae; a++) {
        const node = byEnd[a]!;
        const p = start[node]! - 1;
        if (groupStart[p] === groupStart[p + 1]) {
          shortest[node] = MAX; // no node ends there: the library skips it
          prev[node] = NONE;
          continue;
        }
        // Costs are integers well below 2^53, so adding the node's own cost after the minimum is exact.
        let best = MAX;
        const row = left[node]! * rows;
        for (let b = redStart[p]!, be = redEnd[p]!; b < be; b++) {
          const total = redShortest[b]! + matrix[row + redRight[b]!]!;
          if (total < best) {
            chosen = redNode[b]!;
            best = total;
          }
        }
        prev[node] = chosen;
        shortest[node] = best === MAX ? MAX : best + cost[node]!;
      }
      reduce(s, g);
    }

    // Backward from EOS; a broken chain gives no tokens, as in the library.
    let len = 0;
    let back = prev[eos]!;
    if (back === NONE) return;
    while (type[back] !== BOS) {
      s.path[len++] = back; // a path has at most one node per code point
      if (prev[back] === NONE) return;
      back = prev[back]!;
    }

    const lastPos = tokens.length > 0 ? tokens[tokens.length - 1]!.word_position : 0;
    for (let i = len - 1; i >= 0; i--) {
      const node = s.path[i]!;
      const j = s.entry[node]!;
      const position = lastPos + start[node]!;
      if (type[node] === KNOWN) {
        const id = known.ids[j]!;
        let f = knownFeatures[j];
        if (f === undefined) knownFeatures[j] = f = featuresOf(knownDictionary, id);
        tokens.push({
          word_id: id,
          word_type: 'KNOWN',
          word_position: position,
          surface_form: f[0]!,
          pos: f[1]!,
          pos_detail_1: f[2]!,
          pos_detail_2: f[3]!,
          pos_detail_3: f[4]!,
          conjugated_type: f[5]!,
          conjugated_form: f[6]!,
          basic_form: f[7]!,
          reading: f[8],
          pronunciation: f[9],
        });
      } else {
        const id = unknown.ids[j]!;
        let f = unknownFeatures[j];
        if (f === undefined) unknownFeatures[j] = f = featuresOf(unknownDictionary, id);
        tokens.push({
          word_id: id,
          word_type: 'UNKNOWN',
          word_position: position,
          surface_form: text.slice(s.surfaceFrom[node], s.surfaceTo[node]),
          pos: f[1]!,
          pos_detail_1: f[2]!,
          pos_detail_2: f[3]!,
          pos_detail_3: f[4]!,
          conjugated_type: f[5]!,
          conjugated_form: f[6]!,
          basic_form: f[7]!,
        } as IpadicFeatures);
      }
    }
  };

  tokenizer.tokenizeForSentence = (sentence: string, tokens: IpadicFeatures[] = []) => {
    tokenizeRange(sentence, 0, sentence.length, tokens);
    return tokens;
  };
  // The library splits after every 、 and 。 and tokenises each piece on its own: the same pieces, uncopied.
  tokenizer.tokenize = (text: string) => {
    const tokens: IpadicFeatures[] = [];
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3001 || c === 0x3002) {
        tokenizeRange(text, from, i + 1, tokens);
        from = i + 1;
      }
    }
    if (from < text.length) tokenizeRange(text, from, text.length, tokens);
    return tokens;
  };
}
