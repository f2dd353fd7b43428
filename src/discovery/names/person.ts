import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { LATIN_GIVEN } from './foreign-names.js';
import { FEATURES, type FeatureName, type PartClass, spanFeatures } from './person-features.js';
import { PERSON_MODEL } from './person-model.js';
import { personWindows } from './person-spans.js';
import type { JaTokenizer } from './tokenizer.js';

/**
 * Person names. IPADIC tags most Japanese names 名詞,固有名詞,人名,姓/名, but it splits rare names into ordinary
 * nouns (松友 美 佐紀), misses katakana foreign names (ボー|マン) and Chinese names (袁 世 凱), and tags surnames
 * inside company and place names (松下電器, 小西軍). Candidates are therefore built from the tags, the surname
 * and given-name lists, honorifics and titles after a word (様, さん, 提督 …), katakana words and ・-joined names,
 * and whole kanji segments read by characters (a listed surname or a proper noun, then a given-name ending), since
 * IPADIC's cuts of a rare name need not fall between its parts (person-spans.ts); each is described by binary features (person-features.ts) and scored by a logistic model
 * whose weights were fitted on the development split of ner-wikipedia-ja only (bench/discovery-names-fit.ts).
 */

/**
 * English-name weights (regex, no dictionary): a capitalised pair starting with a frequent given name, raised by a
 * title or a Japanese honorific; any other capitalised pair (Windows NT, Forza Horizon) only with a title.
 */
const ENGLISH = { base: 0.5, titled: 0.3, unknownGiven: 0.1 } as const;

export interface PersonCandidate extends Candidate {
  features: ReadonlySet<FeatureName>;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function scoreFeatures(on: ReadonlySet<FeatureName>): number {
  let z = PERSON_MODEL.bias;
  for (const f of on) z += PERSON_MODEL.weights[f];
  return sigmoid(z);
}

/** Each strong feature's |weight| and its words in an explanation, computed once. */
const STRENGTH = new Map<FeatureName, number>();
const PHRASE = new Map<FeatureName, string>();
for (const f of Object.keys(PERSON_MODEL.weights) as FeatureName[]) {
  const w = PERSON_MODEL.weights[f];
  if (Math.abs(w) < 0.3) continue;
  STRENGTH.set(f, Math.abs(w));
  PHRASE.set(f, `${w > 0 ? '+' : '−'} ${FEATURES[f]}`);
}

/** The strongest evidence for and against, in words: the four strongest features, ties in the order given. */
function explain(on: ReadonlySet<FeatureName>): string {
  const top: FeatureName[] = [];
  const strength: number[] = [];
  for (const f of on) {
    const s = STRENGTH.get(f);
    if (s === undefined) continue;
    let k = top.length;
    while (k > 0 && strength[k - 1]! < s) k--;
    if (k >= 4) continue;
    top.splice(k, 0, f);
    strength.splice(k, 0, s);
    if (top.length > 4) {
      top.pop();
      strength.pop();
    }
  }
  let out = '';
  for (let k = 0; k < top.length; k++) out += k > 0 ? `; ${PHRASE.get(top[k]!)!}` : PHRASE.get(top[k]!)!;
  return out;
}

const ENGLISH_NAME =
  /(?<![A-Za-z])(?:(?:Mr|Mrs|Ms|Dr|Prof)\.? )?[A-Z][a-z]+(?: [A-Z]\.)?(?: (?:[A-Z][a-z]+|[A-Z]{2,}))(?![A-Za-z])|(?<![A-Za-z])[A-Z]{2,} [A-Z][a-z]+(?![A-Za-z])/g;
const ENGLISH_STOP =
  /\b(Inc|Corp|Corporation|Company|Co|Ltd|LLC|University|College|School|Bank|Group|Street|Avenue|Road|City|Tokyo|Osaka|Japan|Kyoto|The|New|North|South|East|West|Park|Hotel|Station|Building|Tower|Hills|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Marunouchi|Chiyoda|Minato|Shibuya|Shinjuku)\b/;

function englishNames(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(ENGLISH_NAME)) {
    if (ENGLISH_STOP.test(m[0])) continue;
    const titled = /^(Mr|Mrs|Ms|Dr|Prof)/.test(m[0]);
    const start = m.index;
    const end = start + m[0].length;
    const after = doc.text.slice(end, end + 4);
    const honor = /^ ?(様|さん|氏|san|sama)/.test(after);
    const given = LATIN_GIVEN.has(m[0].replace(/^(?:Mr|Mrs|Ms|Dr|Prof)\.? /, '').split(' ')[0]!);
    const score =
      (given || titled || honor ? ENGLISH.base : ENGLISH.unknownGiven) +
      (titled || honor ? ENGLISH.titled : 0);
    out.push({
      type: 'PERSON',
      start,
      end,
      score: Math.min(1, score),
      explanation: `capitalised ${given ? 'given + family name' : 'pair'}${titled || honor ? ' with title' : ''}`,
    });
  }
  return out;
}

/** Japanese person-name candidates, with their features when `features` (the fitting script reads them). */
function japaneseNames<C extends Candidate>(
  doc: NormalizedText,
  tokenizer: JaTokenizer,
  make: (start: number, end: number, on: ReadonlySet<FeatureName>) => C,
  out: C[],
): C[] {
  const cache: Parameters<typeof personWindows>[2] = new Map();
  const memo = new Map<string, PartClass>();
  for (const w of personWindows(doc.text, tokenizer, cache)) {
    for (const span of w.spans) {
      const on = spanFeatures(w.offset, w.toks, span, doc.text, tokenizer, memo);
      out.push(make(w.offset + w.toks[span.from]!.start, w.offset + w.toks[span.to - 1]!.end, on));
    }
  }
  return out;
}

/** Japanese person-name candidates with their features (the fitting script reads the features). */
export function personCandidates(doc: NormalizedText, tokenizer: JaTokenizer): PersonCandidate[] {
  return japaneseNames(
    doc,
    tokenizer,
    (start, end, on): PersonCandidate => ({
      type: 'PERSON',
      start,
      end,
      score: scoreFeatures(on),
      explanation: explain(on),
      features: on,
    }),
    [],
  );
}

/** Person-name candidates in a normalised text, using an already loaded tokenizer (pure given the tokenizer). */
export function detectPersons(doc: NormalizedText, tokenizer: JaTokenizer): Candidate[] {
  return japaneseNames(
    doc,
    tokenizer,
    (start, end, on): Candidate => ({
      type: 'PERSON',
      start,
      end,
      score: scoreFeatures(on),
      explanation: explain(on),
    }),
    englishNames(doc),
  );
}
