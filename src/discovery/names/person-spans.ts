import type { IpadicFeatures } from 'kuromoji';
import { GIVEN_NAMES, HONORIFICS_AFTER, NON_PERSON_SUFFIXES, ROLES_BEFORE, SURNAMES } from './name-lists.js';
import type { JaTokenizer } from './tokenizer.js';

/**
 * Where a person name can be, and the tokens around it. kuromoji.js is the slow part of a scan (0.2–0.6 MB/s), and
 * a Japanese name is written in kanji or katakana: so only runs of those scripts (plus a space between family and
 * given name) are tokenised, never the hiragana, digits and Latin between them, and a run seen before in the same
 * scan reuses its tokens. Context outside a run (さん, は, が, 」) is read from the text itself.
 */
export interface Tok {
  s: string;
  start: number;
  end: number;
  f: IpadicFeatures;
  /** `s` is all kanji (KANJI), all katakana (KATAKANA): tested once per token, read by every rule. */
  kanji: boolean;
  kata: boolean;
}

export type SpanKind =
  | 'tagged'
  | 'katakana'
  | 'solo'
  | 'honorific'
  | 'title'
  | 'chinese'
  | 'surname'
  | 'listed'
  | 'givenEnd';

export interface Span {
  from: number;
  to: number; // exclusive token index
  kind: SpanKind;
}

/** A tokenised window of the text and the candidate spans found in it; token offsets are relative to `offset`. */
export interface Window {
  offset: number;
  toks: Tok[];
  spans: Span[];
}

export const KANJI = /^[\p{Script=Han}々ヶ〆]+$/u;
export const KATAKANA = /^[\p{Script=Katakana}ー・]+$/u;
// Runs of name script; a single space is kept when name script follows it (佐藤 太郎 / 佐藤　太郎).
const RUN =
  /[\p{Script=Han}\p{Script=Katakana}ー・々ヶ〆](?:[\p{Script=Han}\p{Script=Katakana}ー・々ヶ〆]|[ 　](?=[\p{Script=Han}\p{Script=Katakana}]))*/gu;
// A hiragana given name before an honorific (ひろみ様, さくらさん); bounded so a whole hiragana clause is never read.
const HIRAGANA_HONORIFIC = /\p{Script=Hiragana}{2,6}?(?=様|さま|さん|くん|ちゃん|氏|君|殿)/gu;
// The honorific itself, read where HIRAGANA_HONORIFIC's match ends (sticky).
const HONORIFIC_AT = /(?:様|さま|さん|くん|ちゃん|氏|君|殿)/y;

export const HONORIFIC_SET: ReadonlySet<string> = new Set(HONORIFICS_AFTER);
export const NON_PERSON_SET: ReadonlySet<string> = new Set(NON_PERSON_SUFFIXES);
export const ROLE_SET: ReadonlySet<string> = new Set(ROLES_BEFORE);
/** 敬称 proper: only these make an untagged word before them a name ("ひろみ様"); 選手, 代表 … follow teams too. */
export const TRUE_HONORIFICS: ReadonlySet<string> = new Set([
  '様',
  'さま',
  'さん',
  '氏',
  '君',
  'くん',
  'ちゃん',
  '殿',
  '先生',
]);
/**
 * Frequent Chinese and Korean one-character family names (袁世凱, 鄧小平, 朴普煕): IPADIC knows few of these
 * people, so a two- or three-kanji run starting with one is a candidate the scorer weighs.
 */
export const SINO_SURNAMES: ReadonlySet<string> = new Set([
  ...'王李張劉陳楊黄趙呉周徐孫馬朱胡郭何羅鄭梁謝宋唐許韓馮鄧曹彭曽蕭田董潘袁蔡蔣蒋余于杜葉程魏蘇呂丁沈任姚盧傅鍾姜崔譚陸汪范廖石金賈夏韋付方白鄒孟熊秦邱江尹薛閻段雷侯龍史陶黎賀顧毛郝龔邵萬銭厳覃武戴莫孔向湯朴全文伍閔',
]);

export const isNameTag = (t: Tok): boolean => t.f.pos_detail_1 === '固有名詞' && t.f.pos_detail_2 === '人名';
export const isNoun = (t: Tok): boolean => t.f.pos === '名詞';
export const isHonorific = (t: Tok): boolean =>
  (t.f.pos_detail_1 === '接尾' && t.f.pos_detail_2 === '人名') || HONORIFIC_SET.has(t.s);
const isSpace = (t: Tok | undefined): boolean => t !== undefined && (t.s === ' ' || t.s === '　');

function tokenize(tokenizer: JaTokenizer, text: string): Tok[] {
  const out: Tok[] = [];
  let cursor = 0;
  for (const f of tokenizer.tokenize(text)) {
    const at = text.indexOf(f.surface_form, cursor);
    const start = at < 0 ? cursor : at;
    cursor = start + f.surface_form.length;
    const s = f.surface_form;
    out.push({ s, start, end: cursor, f, kanji: KANJI.test(s), kata: KATAKANA.test(s) });
  }
  return out;
}

/** Extends a run of name tokens with the kanji pieces IPADIC cut a rare name into. */
function kanjiRun(toks: Tok[], i: number): Span {
  let j = i + 1;
  let length = toks[i]!.s.length;
  const kanji = toks[i]!.kanji;
  while (j < toks.length) {
    const t = toks[j]!;
    if (isNameTag(t) && (kanji ? t.kanji : t.kata)) {
      length += t.s.length;
      j++;
      continue;
    }
    if (kanji && isSpace(t) && j + 1 < toks.length) {
      const n = toks[j + 1]!;
      if (n.kanji && n.s.length <= 3 && (isNameTag(n) || GIVEN_NAMES.has(n.s))) {
        length += n.s.length;
        j += 2;
        continue;
      }
    }
    // Rare given names come out as one- or two-kanji ordinary nouns right after the surname.
    if (
      kanji &&
      t.kanji &&
      isNoun(t) &&
      t.f.pos_detail_1 !== '接尾' &&
      t.f.pos_detail_1 !== '数' &&
      (t.s.length === 1 ||
        t.f.pos_detail_1 === '固有名詞' ||
        t.f.word_type === 'UNKNOWN' ||
        GIVEN_NAMES.has(t.s)) &&
      t.s.length <= 2 &&
      length + t.s.length <= 5 &&
      !NON_PERSON_SET.has(t.s) &&
      !HONORIFIC_SET.has(t.s) &&
      !ROLE_SET.has(t.s)
    ) {
      length += t.s.length;
      j++;
      continue;
    }
    if (!kanji && t.s === '・' && j + 1 < toks.length && toks[j + 1]!.kata) {
      j += 2;
      continue;
    }
    break;
  }
  return { from: i, to: j, kind: 'tagged' };
}

function katakanaRun(toks: Tok[], i: number): Span | undefined {
  let j = i + 1;
  let dots = toks[i]!.s.includes('・') ? 1 : 0;
  while (j + 1 < toks.length && toks[j]!.s === '・' && toks[j + 1]!.kata) {
    dots++;
    j += 2;
  }
  return dots > 0 ? { from: i, to: j, kind: 'katakana' } : undefined;
}

/** Consecutive katakana nouns (ボー|マン, ウィリアムズ): a foreign name IPADIC does not know as one. */
function soloRun(toks: Tok[], i: number): Span | undefined {
  let j = i;
  let length = 0;
  while (j < toks.length && toks[j]!.kata && !toks[j]!.s.includes('・') && isNoun(toks[j]!)) {
    length += toks[j]!.s.length;
    j++;
  }
  return length >= 2 && j > i ? { from: i, to: j, kind: 'solo' } : undefined;
}

/** The name-like tokens right before an honorific or title: "鈴木さん", "ニミッツ提督" (up to 6 characters). */
function beforeMarker(toks: Tok[], h: number, kind: 'honorific' | 'title'): Span | undefined {
  let i = h;
  let length = 0;
  // 米大統領, 英首相: a one-character country prefix between the name and the title.
  if (kind === 'title' && i > 1 && toks[i - 1]!.f.pos_detail_1 === '接尾' && toks[i - 1]!.s.length === 1) i--;
  const end = i;
  while (i > 0) {
    const t = toks[i - 1]!;
    const ok =
      isNoun(t) &&
      t.f.pos_detail_1 !== '数' &&
      !ROLE_SET.has(t.s) &&
      !HONORIFIC_SET.has(t.s) &&
      (kind === 'title' ||
        t.f.pos_detail_1 === '固有名詞' ||
        t.f.word_type === 'UNKNOWN' ||
        SURNAMES.has(t.s) ||
        GIVEN_NAMES.has(t.s));
    if (!ok || length + t.s.length > 6) break;
    length += t.s.length;
    i--;
  }
  return i < end ? { from: i, to: end, kind } : undefined;
}

function spansOf(toks: Tok[]): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    let span: Span | undefined;
    if (t.kata && isNoun(t)) span = katakanaRun(toks, i);
    // マイ|ナンバー: a katakana name tag glued to a katakana word is part of that word, scored as a whole.
    const next = toks[i + 1];
    if (span === undefined && isNameTag(t) && t.kata && next !== undefined && isNoun(next))
      if (next.kata && !next.s.includes('・')) span = soloRun(toks, i);
    if (span === undefined && isNameTag(t)) span = kanjiRun(toks, i);
    if (span === undefined && t.kanji && isNoun(t) && SURNAMES.has(t.s)) {
      const run = kanjiRun(toks, i);
      if (run.to > i + 1) span = { ...run, kind: 'surname' };
    }
    if (span === undefined && i === 0 && toks.length <= 3 && SINO_SURNAMES.has(t.s[0]!)) {
      const all = toks.map((x) => x.s).join('');
      if (KANJI.test(all) && all.length >= 2 && all.length <= 3)
        span = { from: 0, to: toks.length, kind: 'chinese' };
    }
    if (span === undefined && t.kata && isNoun(t)) span = soloRun(toks, i);
    if (span === undefined && HONORIFIC_SET.has(t.s) && i > 0) {
      // A marker right after an earlier span adds evidence to it; otherwise the words before it are a candidate.
      if (spans.length === 0 || spans[spans.length - 1]!.to < i) {
        const m = beforeMarker(toks, i, TRUE_HONORIFICS.has(t.s) ? 'honorific' : 'title');
        const last = spans[spans.length - 1];
        if (m !== undefined && (last === undefined || last.to <= m.from)) spans.push(m);
      }
      i++;
      continue;
    }
    if (span !== undefined) {
      spans.push(span);
      i = span.to;
    } else i++;
  }
  segmentSpans(toks, spans);
  return spans;
}

/**
 * Last characters of Japanese given names (…郎, …子, …美, …介, …樹): a kanji word ending in one after a proper
 * noun is a full name IPADIC cut into places and ordinary words (奈良|竜|樹, 増島|綾子 as places).
 */
export const GIVEN_FINAL =
  /[郎夫雄男彦介助太蔵衛門平吉治司次造作之也哉樹輝斗志史子美江代恵香奈菜乃枝絵里理花華穂紀希佳実織音葉世那沙保帆咲彩一二三誠浩博隆修茂勇進清明弘豊稔満勝武徹剛努翔蓮健亮悟聡仁信昭敏孝宏洋淳純潤準優祐裕悠陽翼真光彰晃綾舞]$/u;

/**
 * Last characters of institutions, companies and places (…製薬, …鉄道, …銀行, …城), none of them a given-name
 * ending: IPADIC's cuts may not separate them from a surname (髙|木製|薬, 名|嘉鉄|道), the characters do.
 */
const INSTITUTION_FINAL = /[薬業道行院社店所館局部課会団党省庁府県市町村区駅線港橋城寺宮閣園場堂署室庫]$/u;

/** The characters of a one-class `[…]$` pattern of BMP characters, to test a string's last character by lookup. */
const finalChars = (re: RegExp): ReadonlySet<string> => new Set(re.source.slice(1, -2));
const GIVEN_FINAL_CHARS = finalChars(GIVEN_FINAL);
const INSTITUTION_FINAL_CHARS = finalChars(INSTITUTION_FINAL);
/** GIVEN_FINAL.test(s), by a set look-up of the last character. */
export const endsLikeGivenName = (s: string): boolean => GIVEN_FINAL_CHARS.has(s.charAt(s.length - 1));

/**
 * Candidates read from whole kanji segments (maximal runs of kanji tokens) rather than tokens, because IPADIC's cuts
 * of a rare full name need not fall between family and given name (片|山東|熊, 岡田|勢|一):
 * - 3–5 kanji starting with a frequent surname (2–3 characters) or a family-name tag, 1–2 kanji after it;
 * - 3–5 kanji: a proper noun of 2–3 characters, then 1–2 kanji ending like a given name (奈良|竜|樹);
 * - a frequent surname of 2–3 kanji standing as one word IPADIC tags otherwise (本田 as a company).
 * The scorer weighs each (吉田内閣 and 福岡 are candidates too); spans already found are not repeated.
 */
function hasSpan(spans: readonly Span[], from: number, to: number): boolean {
  for (const x of spans) if (x.from === from && x.to === to) return true;
  return false;
}

function covers(spans: readonly Span[], i: number): boolean {
  for (const x of spans) if (x.from <= i && i < x.to) return true;
  return false;
}

function segmentSpans(toks: Tok[], spans: Span[]): void {
  let i = 0;
  while (i < toks.length) {
    if (!toks[i]!.kanji) {
      i++;
      continue;
    }
    let j = i;
    let all = '';
    while (j < toks.length && toks[j]!.kanji) all += toks[j++]!.s;
    const head = toks[i]!;
    const last = toks[j - 1]!;
    // 吉田内閣, 田口鉄道, 村山線: a surname before an ordinary word or a place suffix names something else.
    const wordAfter =
      NON_PERSON_SET.has(last.s) ||
      INSTITUTION_FINAL_CHARS.has(all.charAt(all.length - 1)) ||
      (last.f.pos_detail_1 === '接尾' && last.f.pos_detail_2 === '地域') ||
      (last.f.word_type === 'KNOWN' &&
        last.f.pos_detail_1 !== '固有名詞' &&
        last.s.length >= 2 &&
        !GIVEN_NAMES.has(last.s));
    // One dictionary word (柳原銀行 as an organisation) is IPADIC's own reading, not a cut name.
    const cut = j - i >= 2 || head.f.word_type === 'UNKNOWN';
    if (all.length >= 3 && all.length <= 5 && cut && !wordAfter && !hasSpan(spans, i, j)) {
      const family =
        all.length >= 4 && SURNAMES.has(all.slice(0, 3))
          ? 3
          : SURNAMES.has(all.slice(0, 2))
            ? 2
            : isNameTag(head) && head.f.pos_detail_3 === '姓' && head.s.length >= 2
              ? head.s.length
              : 0;
      const rest = all.length - family;
      if (family > 0 && rest >= 1 && rest <= 2) spans.push({ from: i, to: j, kind: 'surname' });
      else if (
        j - i >= 2 &&
        head.f.pos_detail_1 === '固有名詞' &&
        head.s.length >= 2 &&
        all.length - head.s.length <= 2 &&
        endsLikeGivenName(all)
      )
        spans.push({ from: i, to: j, kind: 'givenEnd' });
    }
    if (
      j === i + 1 &&
      head.s.length >= 2 &&
      head.s.length <= 3 &&
      isNoun(head) &&
      !isNameTag(head) &&
      SURNAMES.has(head.s) &&
      !covers(spans, i)
    )
      spans.push({ from: i, to: j, kind: 'listed' });
    i = j;
  }
}

/**
 * The windows of a text with their candidate spans. `cache` memoises the tokens and spans of a run within one
 * scan (repeated words, table cells); it lives only as long as the caller keeps it.
 */
export function personWindows(
  text: string,
  tokenizer: JaTokenizer,
  cache: Map<string, Omit<Window, 'offset'>> = new Map(),
): Window[] {
  const out: Window[] = [];
  for (const m of text.matchAll(RUN)) {
    let w = cache.get(m[0]);
    if (w === undefined) {
      const toks = tokenize(tokenizer, m[0]);
      w = { toks, spans: spansOf(toks) };
      if (cache.size < 100_000) cache.set(m[0], w);
    }
    if (w.spans.length > 0) out.push({ offset: m.index, toks: w.toks, spans: w.spans });
  }
  for (const m of text.matchAll(HIRAGANA_HONORIFIC)) {
    HONORIFIC_AT.lastIndex = m.index + m[0].length;
    const h = HONORIFIC_AT.exec(text)![0];
    const toks = tokenize(tokenizer, m[0] + h);
    const at = toks.findIndex((t) => t.start >= m[0].length);
    const span = at > 0 ? beforeMarker(toks, at, 'honorific') : undefined;
    if (span !== undefined) out.push({ offset: m.index, toks, spans: [span] });
  }
  return out;
}
