import { createRequire } from 'node:module';
import { commonPrefixSearchFrom, type DoubleArrayTrie } from './fast-trie.js';

/**
 * kuromoji's lattice builder (ViterbiBuilder.build) without its per-position copies. The library, at every
 * character, slices the rest of the sentence, wraps it in a SurrogateAwareString (which scans it and builds an
 * index array), and searches the trie with the slice; for a grouping character class (katakana, Latin, digits) it
 * re-reads the rest of the run through the same wrapper. This builds the same nodes in the same order from one
 * code-point index of the sentence, searching the trie in place (fast-trie.ts). Equality of the tokens with the
 * library's builder is a property test (fast-lattice.test.ts).
 */

interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface Dictionary {
  target_map: Record<number, number[] | string[]>;
  dictionary: { getShort(offset: number): number };
}
export interface LatticeBuilder {
  trie: DoubleArrayTrie;
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(ch: string): CharacterClass };
  build(sentence: string): unknown;
}
interface Lattice {
  append(node: unknown): void;
  appendEos(): void;
}

type NodeClass = new (
  name: number,
  cost: number,
  startPos: number,
  length: number,
  type: string,
  leftId: number,
  rightId: number,
  surface: string,
) => unknown;

export function installFastBuild(builder: LatticeBuilder): void {
  const require = createRequire(import.meta.url);
  const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => Lattice;
  const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as NodeClass;
  const { trie, token_info_dictionary: known, unknown_dictionary: unknown } = builder;

  builder.build = (sentence: string) => {
    const lattice = new ViterbiLattice();
    // Code-point starts, as the library's SurrogateAwareString computes them (a high surrogate takes two units).
    const at: number[] = [];
    for (let i = 0; i < sentence.length; i++) {
      at.push(i);
      const c = sentence.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
    const n = at.length;
    const charAt = (k: number): string => sentence.slice(at[k]!, k + 1 < n ? at[k + 1]! : sentence.length);
    for (let pos = 0; pos < n; pos++) {
      const vocabulary = commonPrefixSearchFrom(trie, sentence, at[pos]!);
      for (const word of vocabulary) {
        const ids = known.target_map[word.v as number]!;
        for (const raw of ids) {
          const id = typeof raw === 'number' ? raw : Number.parseInt(raw, 10);
          const d = known.dictionary;
          lattice.append(
            new ViterbiNode(
              id,
              d.getShort(id + 4),
              pos + 1,
              word.k.length,
              'KNOWN',
              d.getShort(id),
              d.getShort(id + 2),
              word.k,
            ),
          );
        }
      }
      const head = charAt(pos);
      const headClass = unknown.lookup(head);
      if (vocabulary.length === 0 || headClass.is_always_invoke === 1) {
        let key = head;
        // The library keeps the one-character key as a wrapper whose length counts code points (1).
        let grouped = false;
        if (headClass.is_grouping === 1 && n - pos > 1)
          for (let k = pos + 1; k < n; k++) {
            const next = charAt(k);
            if (unknown.lookup(next).class_name !== headClass.class_name) break;
            key += next;
            grouped = true;
          }
        const length = grouped ? key.length : 1;
        for (const raw of unknown.target_map[headClass.class_id]!) {
          const id = typeof raw === 'number' ? raw : Number.parseInt(raw, 10);
          const d = unknown.dictionary;
          lattice.append(
            new ViterbiNode(
              id,
              d.getShort(id + 4),
              pos + 1,
              length,
              'UNKNOWN',
              d.getShort(id),
              d.getShort(id + 2),
              key,
            ),
          );
        }
      }
    }
    lattice.appendEos();
    return lattice;
  };
}
