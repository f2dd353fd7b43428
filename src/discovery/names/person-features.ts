import {
  FOREIGN_GIVEN,
  FOREIGN_SURNAME_ENDING,
  FOREIGN_SURNAMES,
  KATAKANA_NON_PERSON,
} from './foreign-names.js';
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
  foreignGiven: 'starts with a foreign given name',
  partNameTag: 'a part is a known name',
  foreignSurname: 'ends with a foreign family name',
  surnameEnding: 'ends like a foreign family name',
  nonPersonFirst: 'starts with a place or organisation word',
  nonPersonPart: 'contains a place or organisation word',
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
  digitAround: 'a digit right before or after',
  lastNonPerson: 'ends in a place, company or school word',
  endsInstitution: 'ends in an institution character',
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

/** What IPADIC says about one ・-separated part of a katakana word on its own. */
export type PartClass = 'common' | 'place' | 'name' | 'other';

// Memo of dictionary look-ups of loanword parts, per scan (see personWindows' cache).
function partClass(part: string, tokenizer: JaTokenizer, memo: Map<string, PartClass>): PartClass {
  let c = memo.get(part);
  if (c === undefined) {
    const toks = tokenizer.tokenize(part);
    const t = toks[0];
    c = 'other';
    if (toks.length === 1 && t !== undefined && t.word_type === 'KNOWN' && t.pos === '名詞') {
      if (t.pos_detail_1 !== '固有名詞') c = 'common';
      else if (t.pos_detail_2 === '地域') c = 'place';
      else if (t.pos_detail_2 === '人名') c = 'name';
    }
    memo.set(part, c);
  }
  return c;
}

/** Features of the parts of a katakana span (split on ・, and on IPADIC's cuts of a compound). */
function katakanaParts(
  surface: string,
  inner: Tok[],
  tokenizer: JaTokenizer,
  memo: Map<string, PartClass>,
  set: (f: FeatureName, cond: boolean) => void,
): void {
  const parts = surface.split('・').filter((p) => p.length > 0);
  if (parts.length === 0) return;
  const pieces = parts.length > 1 ? parts : inner.map((t) => t.s).filter((p) => p !== '・');
  const classes = parts.length > 1 ? parts.map((p) => partClass(p, tokenizer, memo)) : [];
  const nonPerson = (p: string, i: number): boolean => KATAKANA_NON_PERSON.has(p) || classes[i] === 'place';
  set('commonPart', classes.includes('common'));
  set('manyParts', parts.length >= 3);
  set('foreignGiven', FOREIGN_GIVEN.has(pieces[0]!));
  const lastPart = parts[parts.length - 1]!;
  set('foreignSurname', FOREIGN_SURNAMES.has(lastPart));
  set('surnameEnding', FOREIGN_SURNAME_ENDING.test(lastPart) && !KATAKANA_NON_PERSON.has(lastPart));
  set('partNameTag', classes.includes('name'));
  set('nonPersonFirst', nonPerson(pieces[0]!, 0) && !FOREIGN_GIVEN.has(pieces[0]!));
  set(
    'nonPersonPart',
    pieces.some((p, i) => i > 0 && nonPerson(p, i)) ||
      (pieces.length === 1 && KATAKANA_NON_PERSON.has(surface)),
  );
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
  memo: Map<string, PartClass>,
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
  if (isKatakana) katakanaParts(surface, inner, tokenizer, memo, set);
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
  const last = inner[inner.length - 1]!;
  set('lastNonPerson', inner.length > 1 && (isNonPerson(last) || last.f.pos_detail_2 === '地域'));
  // 2018年春, 建久2年: era names and seasons next to a number are dates, not people.
  set('digitAround', /[0-9０-９]$/.test(before) || /^[0-9０-９]/.test(after));
  // 参議院, 文部省, 清朝政府 before 議員/大臣: institutions, not people.
  set('endsInstitution', isKanji && length >= 2 && /[院省府庁局党朝会団]$/.test(surface));
  // Kanji names are rarely longer than five characters; a longer tagged span is a compound the tags cut wrong.
  if (KANJI.test(surface) && length > 5) on.add('len5');
  return on;
}
