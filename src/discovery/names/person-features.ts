import {
  FOREIGN_GIVEN,
  FOREIGN_SURNAME_ENDING,
  FOREIGN_SURNAMES,
  KATAKANA_NON_PERSON,
} from './foreign-names.js';
import { GIVEN_NAMES, ROLES_BEFORE, SURNAMES } from './name-lists.js';
import {
  endsLikeGivenName,
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
  kindListed: 'frequent surname as one word',
  kindGivenEnd: 'proper noun then a given-name ending',
  givenEnding: 'ends like a Japanese given name',
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
  kataLoanEnd: 'ends like a loanword, product or company',
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
  nextObject: 'object or source particle after',
  nextPlural: 'plural or family word after (ら, たち, 家, 一族)',
  nextList: 'list separator after',
  digitAround: 'a digit right before or after',
  lastNonPerson: 'ends in a place, company or school word',
  endsInstitution: 'ends in an institution character',
  prevRole: 'after a role word',
  prevAgent: 'after a word for a person (…家, …者, …手, …士)',
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
/** Words for people that introduce a name (投資家である…, 編集者の…, 宮廷建築家・…) and football positions (FW…). */
const AGENT_BEFORE =
  /(?:[\p{Script=Han}\p{Script=Katakana}ー](?:家|者|手|士|師|員|官|優|将|人|生)(?:の|である|・|、|は)?|(?:FW|MF|DF|GK|CEO|CTO|CFO|COO)[ 　]?)$/u;
/**
 * Endings of katakana loanwords, products, companies and chemicals rather than people (…ション, …メント, …ソフト,
 * …バーガー, …ナーゼ): general morphology, weighed by the scorer.
 */
const LOAN_ENDING =
  /(?:ション|メント|ズム|ロジー|ティクス|シップ|ナーゼ|ラーゼ|ターゼ|ソーム|ウェア|ネット|ソフト|テック|ワークス|ラボ|フーズ|バーガー|マート|ショップ|センター|システム|システムズ|ゲーム|モデル|タイプ|サイト|ルーム|ライン|カード|ボール|ワールド|ランド|ハウス|ホテル|クラブ|スクール|ストア|パーク|ショー|フェア|ツアー|ライブ|ラジオ|テレビ|レコード|サービス|ケア|プロ|ビル|タワー|モール|ドーム|アリーナ|スタジオ|フィルム|メディア|グループ|ホールディングス|ファンド|キャピタル|バンク|エアー?|モーター|モーターズ|ドライブ|ウォッチ|ファイル|コード|データ|シリーズ|エディション|バージョン|ディスク|マシン|エンジン|ロボ|ロボット)$/;

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

function nonEmptyParts(surface: string): string[] {
  const out: string[] = [];
  for (const p of surface.split('・')) if (p.length > 0) out.push(p);
  return out;
}

/** Features of the parts of a katakana span (split on ・, and on IPADIC's cuts of a compound). */
function katakanaParts(
  surface: string,
  inner: readonly Tok[],
  tokenizer: JaTokenizer,
  memo: Map<string, PartClass>,
  on: Set<FeatureName>,
): void {
  const parts = surface.includes('・') ? nonEmptyParts(surface) : [surface];
  if (parts.length === 0) return;
  let pieces = parts;
  if (parts.length === 1) {
    pieces = [];
    for (const t of inner) if (t.s !== '・') pieces.push(t.s);
  }
  let common = false;
  let name = false;
  let placeFirst = false;
  if (parts.length > 1)
    for (let i = 0; i < parts.length; i++) {
      const c = partClass(parts[i]!, tokenizer, memo);
      if (c === 'common') common = true;
      else if (c === 'name') name = true;
      else if (c === 'place' && i === 0) placeFirst = true;
    }
  if (common) on.add('commonPart');
  if (parts.length >= 3) on.add('manyParts');
  const first = pieces[0]!;
  const firstGiven = FOREIGN_GIVEN.has(first);
  if (firstGiven) on.add('foreignGiven');
  const lastPart = parts[parts.length - 1]!;
  if (FOREIGN_SURNAMES.has(lastPart)) on.add('foreignSurname');
  if (FOREIGN_SURNAME_ENDING.test(lastPart) && !KATAKANA_NON_PERSON.has(lastPart)) on.add('surnameEnding');
  if (name) on.add('partNameTag');
  if ((KATAKANA_NON_PERSON.has(first) || placeFirst) && !firstGiven) on.add('nonPersonFirst');
  let part = pieces.length === 1 && KATAKANA_NON_PERSON.has(surface);
  // A later piece is a non-person word when listed, or (split on ・ only) when IPADIC knows the part as a place.
  for (let i = 1; !part && i < pieces.length; i++)
    part =
      KATAKANA_NON_PERSON.has(pieces[i]!) ||
      (parts.length > 1 && partClass(parts[i]!, tokenizer, memo) === 'place');
  if (part) on.add('nonPersonPart');
}

const COMPANY_OR_SCHOOL = /^(株式会社|大学)/;
const isNonPerson = (t: Tok): boolean =>
  NON_PERSON_SET.has(t.s) ||
  (t.f.pos_detail_1 === '接尾' && t.f.pos_detail_2 === '地域') ||
  COMPANY_OR_SCHOOL.test(t.s);

const KIND_FEATURE: Record<Span['kind'], FeatureName> = {
  tagged: 'kindTagged',
  katakana: 'kindKatakanaDot',
  solo: 'kindSolo',
  honorific: 'kindHonorific',
  title: 'kindTitle',
  chinese: 'kindChinese',
  surname: 'kindSurname',
  listed: 'kindListed',
  givenEnd: 'kindGivenEnd',
};
const COMPOUND_DETAIL: ReadonlySet<string> = new Set([
  '一般',
  'サ変接続',
  '固有名詞',
  '形容動詞語幹',
  '接尾',
]);
const HIRAGANA_WORD = /^\p{Script=Hiragana}+$/u;
const SPACE_OR_DOT_FIRST = /^[\s・]/;
const SUBJECT_AFTER = /^[はが]/;
const LIST_AFTER = /^[、とや,]/;
const OBJECT_AFTER = /^(?:を|に|へ|も|から|より)/;
const PLURAL_AFTER = /^(?:ら(?![れりるせ])|たち)/;
const LIST_BEFORE = /[、・とや]$/;
const QUOTE_BEFORE = /[「『"“]$/;
const QUOTE_AFTER = /^[」』"”]/;
const SENTENCE_BEFORE = /[\n。」]$/;
const DIGIT_BEFORE = /[0-9０-９]$/;
const DIGIT_AFTER = /^[0-9０-９]/;
const INSTITUTION_END = /[院省府庁局党朝会団]$/;

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
  const from = span.from;
  const to = span.to;
  const n = to - from;
  const head = toks[from]!;
  const last = toks[to - 1]!;
  let surface = head.s;
  for (let k = from + 1; k < to; k++) surface += toks[k]!.s;
  const start = offset + head.start;
  const end = offset + last.end;
  on.add(KIND_FEATURE[span.kind]);
  // In a katakana compound (マイ|ナンバー) a name tag on one piece says little about the whole word.
  let sei = false;
  let mei = false;
  let gen = false;
  let place = false;
  let org = false;
  let unknown = false;
  let allKnown = true;
  let someNotProper = false;
  const tags = !(span.kind === 'solo' && n > 1);
  for (let k = from; k < to; k++) {
    const t = toks[k]!;
    const f = t.f;
    if (tags && isNameTag(t)) {
      if (f.pos_detail_3 === '姓') sei = true;
      else if (f.pos_detail_3 === '名') mei = true;
      else if (f.pos_detail_3 === '一般') gen = true;
    }
    if (f.pos_detail_1 === '固有名詞') {
      if (f.pos_detail_2 === '地域') place = true;
      else if (f.pos_detail_2 === '組織') org = true;
    }
    if (f.word_type === 'UNKNOWN') unknown = true;
    if (t.s !== '・') {
      if (f.word_type !== 'KNOWN') allKnown = false;
      if (f.pos_detail_1 !== '固有名詞') someNotProper = true;
    }
  }
  if (sei) on.add('sei');
  if (mei) on.add('mei');
  if (gen) on.add('gen');
  if (sei && (mei || n > 1)) on.add('fullName');
  if (place) on.add('placeTag');
  if (org) on.add('orgTag');
  if (unknown) on.add('unknownWord');
  if (n === 1 && head.f.word_type === 'KNOWN' && head.f.pos_detail_1 !== '固有名詞') on.add('commonNoun');
  const isKatakana = KATAKANA.test(surface);
  if (isKatakana) katakanaParts(surface, toks.slice(from, to), tokenizer, memo, on);
  if (SURNAMES.has(head.s) || SURNAMES.has(surface.slice(0, 2)) || SURNAMES.has(surface.slice(0, 1)))
    on.add('surnameList');
  if (n > 1 && GIVEN_NAMES.has(last.s)) on.add('givenList');
  const kanjiSurface = KANJI.test(surface);
  if (n > 1 && kanjiSurface && endsLikeGivenName(surface)) on.add('givenEnding');
  // Length without spaces and ・; kanji once the spaces between family and given name are left out.
  let length = 0;
  let spaces = false;
  for (let k = 0; k < surface.length; k++) {
    const c = surface.charCodeAt(k);
    if (c === 0x20 || c === 0x3000) spaces = true;
    else if (c !== 0x30fb) length++;
  }
  if (length === 1) on.add('len1');
  if (length === 2) on.add('len2');
  if (length >= 5) on.add('len5');
  if (isKatakana) on.add('katakana');
  if (HIRAGANA_WORD.test(surface)) on.add('hiragana');
  const wholeRun = from === 0 && to === toks.length;
  if (wholeRun) on.add('wholeRun');
  const isKanji = spaces ? KANJI.test(surface.replace(/[ 　]/g, '')) : kanjiSurface;
  if (isKanji && length === 3) on.add('kanji3');
  if (isKanji && length === 4) on.add('kanji4');
  if (isKanji && wholeRun) on.add('kanjiAlone');
  if (isKatakana && length <= 3) on.add('kataShort');
  if (isKatakana && length >= 7) on.add('kataLong');
  if (isKatakana && unknown) on.add('kataUnknown');
  if (isKatakana && LOAN_ENDING.test(surface)) on.add('kataLoanEnd');
  if (n > 1 && allKnown && someNotProper) on.add('knownPieces');

  // アイゼンハワー米大統領: a one-character prefix (米, 英, 元) between a name and its title.
  const following = toks[to];
  const skip = following?.f.pos_detail_1 === '接尾' && following.s.length === 1 && toks[to + 1];
  const next = skip && isHonorific(toks[to + 1]!) ? toks[to + 1] : following;
  const after = text.slice(end, end + 3);
  if (next !== undefined) {
    if (next.s === '家' || next.s === '一族' || next.s === '一門' || next.s === '達') on.add('nextPlural');
    else if (isHonorific(next)) on.add(TRUE_HONORIFICS.has(next.s) ? 'nextHonorific' : 'nextTitle');
    else if (isNonPerson(next)) on.add('nextNonPerson');
    else if (
      isNoun(next) &&
      COMPOUND_DETAIL.has(next.f.pos_detail_1) &&
      !HONORIFIC_SET.has(next.s) &&
      !SPACE_OR_DOT_FIRST.test(next.s)
    )
      on.add(next.kata && isKatakana ? 'kataGlued' : 'nextCompound');
    else if (next.s === '・') on.add('nextList');
  } else {
    const honorific = HIRAGANA_HONORIFIC_AFTER.test(after);
    if (honorific) on.add('nextHonorific');
    if (!honorific && SUBJECT_AFTER.test(after)) on.add('nextSubject');
    if (after.startsWith('の')) on.add('nextNo');
    if (LIST_AFTER.test(after)) on.add('nextList');
    if (OBJECT_AFTER.test(after)) on.add('nextObject');
    if (PLURAL_AFTER.test(after)) on.add('nextPlural');
  }
  const before = text.slice(Math.max(0, start - 9), start);
  const role = ROLE_RE.test(before);
  if (role) on.add('prevRole');
  if (!role && AGENT_BEFORE.test(before)) on.add('prevAgent');
  if (LIST_BEFORE.test(before)) on.add('prevList');
  if (QUOTE_BEFORE.test(before) && QUOTE_AFTER.test(after)) on.add('inQuotes');
  if (start === 0 || SENTENCE_BEFORE.test(before)) on.add('lineStart');
  if (n > 1 && (isNonPerson(last) || last.f.pos_detail_2 === '地域')) on.add('lastNonPerson');
  // 2018年春, 建久2年: era names and seasons next to a number are dates, not people.
  if (DIGIT_BEFORE.test(before) || DIGIT_AFTER.test(after)) on.add('digitAround');
  // 参議院, 文部省, 清朝政府 before 議員/大臣: institutions, not people.
  if (isKanji && length >= 2 && INSTITUTION_END.test(surface)) on.add('endsInstitution');
  // Kanji names are rarely longer than five characters; a longer tagged span is a compound the tags cut wrong.
  if (kanjiSurface && length > 5) on.add('len5');
  return on;
}
