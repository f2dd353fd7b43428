import { GIVEN_NAMES, ROLES_BEFORE, SURNAMES } from './name-lists.js';
import {
  HONORIFIC_SET,
  isHonorific,
  isNameTag,
  isNoun,
  KANJI,
  KATAKANA,
  NON_PERSON_SET,
  type Span,
  type Tok,
  TRUE_HONORIFICS,
} from './person-spans.js';
import type { JaTokenizer } from './tokenizer.js';

/**
 * The evidence a person-name candidate is scored on, each feature 0 or 1. The weights are fitted, not chosen:
 * bench/discovery-names-fit.ts fits a logistic model on the development split of ner-wikipedia-ja and writes
 * person-model.ts. `label` is what an explanation says when the feature fires.
 */
export const FEATURES = {
  kindTagged: 'IPADIC person-name tag',
  kindKatakanaDot: 'katakana name with ・',
  kindSolo: 'katakana word',
  kindHonorific: 'before an honorific',
  kindTitle: 'before a title',
  kindChinese: 'Chinese or Korean family name',
  kindSurname: 'frequent surname with given name',
  sei: 'family-name tag',
  mei: 'given-name tag',
  gen: 'foreign-name tag',
  fullName: 'family + given name',
  placeTag: 'place-name tag',
  orgTag: 'organisation tag',
  unknownWord: 'word unknown to the dictionary',
  commonNoun: 'one ordinary dictionary word',
  commonPart: 'contains a common loanword',
  manyParts: 'three or more ・ parts',
  surnameList: 'frequent surname',
  givenList: 'frequent given name',
  len1: 'one character',
  len2: 'two characters',
  len5: 'five or more characters',
  kanji3: 'three kanji',
  kanji4: 'four kanji',
  kanjiAlone: 'kanji word standing alone',
  kataShort: 'short katakana word',
  kataLong: 'long katakana word',
  kataUnknown: 'katakana unknown to the dictionary',
  knownPieces: 'made of ordinary dictionary words',
  katakana: 'katakana',
  hiragana: 'hiragana',
  wholeRun: 'stands alone',
  nextHonorific: 'honorific after',
  nextTitle: 'title after',
  nextNonPerson: 'place, company or school word after',
  nextCompound: 'part of a compound noun',
  kataGlued: 'glued to another katakana word',
  nextSubject: 'subject particle after',
  nextNo: 'の after',
  nextList: 'list separator after',
  prevRole: 'after a role word',
  prevList: 'after a list separator',
  inQuotes: 'in quotes',
  lineStart: 'starts the sentence',
} as const;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

const ROLE_RE = new RegExp(
  `(?:${[...ROLES_BEFORE].sort((a, b) => b.length - a.length).join('|')})[のは・:：、 　]?$`,
);
const HIRAGANA_HONORIFIC_AFTER = /^(?:さん|さま|くん|ちゃん)/;

// Memo of dictionary look-ups of loanword parts, per scan (see personWindows' cache).
function commonParts(surface: string, tokenizer: JaTokenizer, memo: Map<string, boolean>): number {
  let n = 0;
  for (const part of surface.split('・')) {
    if (part.length === 0) continue;
    let common = memo.get(part);
    if (common === undefined) {
      const toks = tokenizer.tokenize(part);
      common =
        toks.length === 1 &&
        toks[0]!.word_type === 'KNOWN' &&
        toks[0]!.pos === '名詞' &&
        toks[0]!.pos_detail_1 !== '固有名詞';
      memo.set(part, common);
    }
    if (common) n++;
  }
  return n;
}

const isNonPerson = (t: Tok): boolean =>
  NON_PERSON_SET.has(t.s) ||
  (t.f.pos_detail_1 === '接尾' && t.f.pos_detail_2 === '地域') ||
  /^(株式会社|大学)/.test(t.s);

/** The active features of a span of a window's tokens (relative to `offset` in `text`, the scanned text). */
export function spanFeatures(
  offset: number,
  toks: Tok[],
  span: Span,
  text: string,
  tokenizer: JaTokenizer,
  memo: Map<string, boolean>,
): Set<FeatureName> {
  const on = new Set<FeatureName>();
  const inner = toks.slice(span.from, span.to);
  const surface = inner.map((t) => t.s).join('');
  const start = offset + inner[0]!.start;
  const end = offset + inner[inner.length - 1]!.end;
  const set = (f: FeatureName, cond: boolean): void => {
    if (cond) on.add(f);
  };
  set('kindTagged', span.kind === 'tagged');
  set('kindKatakanaDot', span.kind === 'katakana');
  set('kindSolo', span.kind === 'solo');
  set('kindHonorific', span.kind === 'honorific');
  set('kindTitle', span.kind === 'title');
  set('kindChinese', span.kind === 'chinese');
  set('kindSurname', span.kind === 'surname');
  // In a katakana compound (マイ|ナンバー) a name tag on one piece says little about the whole word.
  const tagged = span.kind === 'solo' && inner.length > 1 ? [] : inner.filter(isNameTag);
  const sei = tagged.some((t) => t.f.pos_detail_3 === '姓');
  const mei = tagged.some((t) => t.f.pos_detail_3 === '名');
  set('sei', sei);
  set('mei', mei);
  set(
    'gen',
    tagged.some((t) => t.f.pos_detail_3 === '一般'),
  );
  set('fullName', sei && (mei || inner.length > 1));
  set(
    'placeTag',
    inner.some((t) => t.f.pos_detail_1 === '固有名詞' && t.f.pos_detail_2 === '地域'),
  );
  set(
    'orgTag',
    inner.some((t) => t.f.pos_detail_1 === '固有名詞' && t.f.pos_detail_2 === '組織'),
  );
  set(
    'unknownWord',
    inner.some((t) => t.f.word_type === 'UNKNOWN'),
  );
  set(
    'commonNoun',
    inner.length === 1 && inner[0]!.f.word_type === 'KNOWN' && inner[0]!.f.pos_detail_1 !== '固有名詞',
  );
  const isKatakana = KATAKANA.test(surface);
  if (isKatakana && surface.includes('・')) {
    set('commonPart', commonParts(surface, tokenizer, memo) > 0);
    set('manyParts', surface.split('・').length >= 3);
  }
  const first = inner[0]!.s;
  set(
    'surnameList',
    SURNAMES.has(first) || SURNAMES.has(surface.slice(0, 2)) || SURNAMES.has(surface.slice(0, 1)),
  );
  set('givenList', inner.length > 1 && GIVEN_NAMES.has(inner[inner.length - 1]!.s));
  const length = surface.replace(/[ 　・]/g, '').length;
  set('len1', length === 1);
  set('len2', length === 2);
  set('len5', length >= 5);
  set('katakana', isKatakana);
  set('hiragana', /^\p{Script=Hiragana}+$/u.test(surface));
  set('wholeRun', span.from === 0 && span.to === toks.length);
  const isKanji = KANJI.test(surface.replace(/[ 　]/g, ''));
  set('kanji3', isKanji && length === 3);
  set('kanji4', isKanji && length === 4);
  set('kanjiAlone', isKanji && on.has('wholeRun'));
  set('kataShort', isKatakana && length <= 3);
  set('kataLong', isKatakana && length >= 7);
  set('kataUnknown', isKatakana && on.has('unknownWord'));
  set(
    'knownPieces',
    inner.length > 1 &&
      inner.every((t) => t.s === '・' || t.f.word_type === 'KNOWN') &&
      inner.some((t) => t.s !== '・' && t.f.pos_detail_1 !== '固有名詞'),
  );

  // アイゼンハワー米大統領: a one-character prefix (米, 英, 元) between a name and its title.
  const skip = toks[span.to]?.f.pos_detail_1 === '接尾' && toks[span.to]!.s.length === 1 && toks[span.to + 1];
  const next = skip && isHonorific(toks[span.to + 1]!) ? toks[span.to + 1] : toks[span.to];
  const after = text.slice(end, end + 3);
  if (next !== undefined) {
    if (isHonorific(next)) set(TRUE_HONORIFICS.has(next.s) ? 'nextHonorific' : 'nextTitle', true);
    else if (isNonPerson(next)) set('nextNonPerson', true);
    else if (
      isNoun(next) &&
      ['一般', 'サ変接続', '固有名詞', '形容動詞語幹', '接尾'].includes(next.f.pos_detail_1) &&
      !HONORIFIC_SET.has(next.s) &&
      !/^[\s・]/.test(next.s)
    )
      set(KATAKANA.test(next.s) && isKatakana ? 'kataGlued' : 'nextCompound', true);
    else set('nextList', next.s === '・');
  } else {
    set('nextHonorific', HIRAGANA_HONORIFIC_AFTER.test(after));
    set('nextSubject', /^[はが]/.test(after) && !HIRAGANA_HONORIFIC_AFTER.test(after));
    set('nextNo', after.startsWith('の'));
    set('nextList', /^[、とや,]/.test(after));
  }
  const before = text.slice(Math.max(0, start - 9), start);
  set('prevRole', ROLE_RE.test(before));
  set('prevList', /[、・とや]$/.test(before));
  set('inQuotes', /[「『"“]$/.test(before) && /^[」』"”]/.test(after));
  set('lineStart', start === 0 || /[\n。」]$/.test(before));
  // Kanji names are rarely longer than five characters; a longer tagged span is a compound the tags cut wrong.
  if (KANJI.test(surface) && length > 5) on.add('len5');
  return on;
}
