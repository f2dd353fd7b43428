import { createRequire } from 'node:module';
import path from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import type { TokenizerInternals } from './fast-dictionary.js';
import { installFastBuild, type LatticeBuilder } from './fast-lattice.js';
import { installFastSearch, memoizeFeatures } from './fast-trie.js';
import { installFastTokenize } from './fast-viterbi.js';

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
      installFastTokenize(tokenizer as unknown as TokenizerInternals);
      return tokenizer;
    });
  })().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** What Mamori replaces on the loaded instance, by the file that does it. */
export type Replacement = 'tokenizer' | 'lattice' | 'search' | 'features';

/**
 * Runs `fn` with kuromoji's own code as shipped for the named replacements (all by default): fast-viterbi.ts's
 * tokenize and tokenizeForSentence, fast-lattice.ts's builder, fast-trie.ts's search and feature memo are taken
 * off the instance for the call and put back after. For the equality tests and the benchmark's baseline only.
 */
export function withLibraryCode<T>(
  tokenizer: JaTokenizer,
  fn: () => T,
  replacements: readonly Replacement[] = ['tokenizer', 'lattice', 'search', 'features'],
): T {
  const inner = tokenizer as unknown as {
    viterbi_builder: { trie: object };
    token_info_dictionary: object;
  };
  const owners: Record<Replacement, [object, string][]> = {
    tokenizer: [
      [tokenizer, 'tokenize'],
      [tokenizer, 'tokenizeForSentence'],
    ],
    lattice: [[inner.viterbi_builder, 'build']],
    search: [[inner.viterbi_builder.trie, 'commonPrefixSearch']],
    features: [[inner.token_info_dictionary, 'getFeatures']],
  };
  const saved = replacements
    .flatMap((r) => owners[r])
    .map(([o, key]) => [o, key, Object.getOwnPropertyDescriptor(o, key)] as const);
  for (const [o, key] of saved) delete (o as Record<string, unknown>)[key];
  try {
    return fn();
  } finally {
    for (const [o, key, d] of saved) if (d !== undefined) Object.defineProperty(o, key, d);
  }
}
