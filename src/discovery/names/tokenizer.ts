import { createRequire } from 'node:module';
import path from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { installFastBuild, type LatticeBuilder } from './fast-lattice.js';
import { installFastSearch, memoizeFeatures } from './fast-trie.js';

export type JaTokenizer = Tokenizer<IpadicFeatures>;

let cached: Promise<JaTokenizer> | undefined;

/**
 * The kuromoji tokenizer with its IPADIC dictionary, loaded on first use and shared afterwards. Loading costs
 * ~0.8 s and ~300 MB (issue 8), so it never happens at import or server start; a failed load is not cached, so
 * the next scan retries.
 */
export function loadTokenizer(): Promise<JaTokenizer> {
  cached ??= (async () => {
    const kuromoji = (await import('kuromoji')).default;
    const dicPath = path.join(
      path.dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')),
      'dict',
    );
    return await new Promise<JaTokenizer>((resolve, reject) => {
      kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
    }).then((tokenizer) => {
      // kuromoji.js keeps its trie and dictionaries on the instance; not part of its typed API (fast-trie.ts).
      const inner = tokenizer as unknown as {
        viterbi_builder?: LatticeBuilder;
        token_info_dictionary?: Parameters<typeof memoizeFeatures>[0];
      };
      if (inner.viterbi_builder?.trie !== undefined) {
        installFastSearch(inner.viterbi_builder.trie);
        installFastBuild(inner.viterbi_builder);
      }
      if (inner.token_info_dictionary !== undefined) memoizeFeatures(inner.token_info_dictionary);
      return tokenizer;
    });
  })().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
