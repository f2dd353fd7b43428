import type { IpadicFeatures } from 'kuromoji';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { GIVEN_NAMES, HONORIFICS_AFTER, NON_PERSON_SUFFIXES, ROLES_BEFORE, SURNAMES } from './name-lists.js';
import type { JaTokenizer } from './tokenizer.js';

/**
 * Person names. IPADIC tags most Japanese names 名詞,固有名詞,人名,姓/名, but it splits rare names into ordinary
 * nouns (松友 美 佐紀, 兵庫 慎 司), misses katakana foreign names written with ・, and tags surnames inside company
 * and place names (松下電器, 小西軍). A candidate is therefore built from the tags, widened by the surname and
 * given-name lists and by adjacent kanji, and then scored on evidence: both halves of a name, the lists,
 * honorifics after it (様, さん, 氏 … — IPADIC's 名詞,接尾,人名), a role or kinship word before it (代表取締役,
 * 担当, 女優の …), and a following noun that makes it a company, place or school. The weights were tuned on the
 * development split of ner-wikipedia-ja only (bench/discovery-names.bench.ts).
 */
export const PERSON_WEIGHTS = {
  fullName: 0.75,
  surnameOnly: 0.45,
  givenOnly: 0.35,
  foreignName: 0.55,
  katakanaDot: 0.5,
  honorificOnly: 0.55,
  english: 0.5,
  surnameList: 0.1,
  givenList: 0.1,
  honorific: 0.3,
  role: 0.2,
  subject: 0.05,
  nonPersonAfter: -0.5,
  singleChar: -0.25,
  inQuotes: -0.2,
  compound: -0.35,
  commonWordPart: -0.4,
  katakanaSolo: 0.3,
} as const;

interface Tok {
  s: string;
  start: number;
  end: number;
  f: IpadicFeatures;
}

const KANJI = /^[\p{Script=Han}々ヶ]+$/u;
const KATAKANA = /^[\p{Script=Katakana}ー・]+$/u;
const HAS_NAME_SCRIPT = /[\p{Script=Han}\p{Script=Katakana}]/u;
const HONORIFIC_SET: ReadonlySet<string> = new Set(HONORIFICS_AFTER);
const NON_PERSON_SET: ReadonlySet<string> = new Set(NON_PERSON_SUFFIXES);
const ROLE_SET: ReadonlySet<string> = new Set(ROLES_BEFORE);
/** 敬称 proper: only these make an untagged word before them a name ("ひろみ様"); 選手, 代表 … follow teams too. */
const TRUE_HONORIFICS: ReadonlySet<string> = new Set([
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
const ROLE_RE = new RegExp(`(?:${[...ROLES_BEFORE].sort((a, b) => b.length - a.length).join('|')})$`);
const SUBJECT_PARTICLES: ReadonlySet<string> = new Set(['は', 'が']);
const LINKERS: ReadonlySet<string> = new Set(['の', '・', ' ', '　', ':', '：', '、']);

const isNameTag = (t: Tok): boolean => t.f.pos_detail_1 === '固有名詞' && t.f.pos_detail_2 === '人名';
const isNoun = (t: Tok): boolean => t.f.pos === '名詞';
const isHonorific = (t: Tok): boolean =>
  (t.f.pos_detail_1 === '接尾' && t.f.pos_detail_2 === '人名') || HONORIFIC_SET.has(t.s);
const isNonPersonAfter = (t: Tok | undefined): boolean =>
  t !== undefined &&
  (NON_PERSON_SET.has(t.s) ||
    (t.f.pos_detail_1 === '接尾' && t.f.pos_detail_2 === '地域') ||
    /^(株式会社|大学)/.test(t.s));
const isSpace = (t: Tok | undefined): boolean => t !== undefined && (t.s === ' ' || t.s === '　');

function tokenize(tokenizer: JaTokenizer, text: string, offset: number): Tok[] {
  const out: Tok[] = [];
  let cursor = 0;
  for (const f of tokenizer.tokenize(text)) {
    const at = text.indexOf(f.surface_form, cursor);
    const start = at < 0 ? cursor : at;
    cursor = start + f.surface_form.length;
    out.push({ s: f.surface_form, start: offset + start, end: offset + cursor, f });
  }
  return out;
}

interface Span {
  from: number;
  to: number; // exclusive token index
  kind: 'tagged' | 'katakana' | 'honorific' | 'solo';
}

/** Extends a run of name tokens with the kanji pieces IPADIC cut a rare name into. */
function kanjiRun(toks: Tok[], i: number): Span {
  let j = i + 1;
  let length = toks[i]!.s.length;
  const kanji = KANJI.test(toks[i]!.s);
  while (j < toks.length) {
    const t = toks[j]!;
    if (isNameTag(t) && (kanji ? KANJI.test(t.s) : KATAKANA.test(t.s))) {
      length += t.s.length;
      j++;
      continue;
    }
    // 佐藤 太郎 / 佐藤　太郎: family and given name separated by a space.
    if (kanji && isSpace(t) && j + 1 < toks.length) {
      const n = toks[j + 1]!;
      if (KANJI.test(n.s) && n.s.length <= 3 && (isNameTag(n) || GIVEN_NAMES.has(n.s))) {
        length += n.s.length;
        j += 2;
        continue;
      }
    }
    // Rare given names come out as one- or two-kanji ordinary nouns right after the surname.
    if (
      kanji &&
      KANJI.test(t.s) &&
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
    if (!kanji && t.s === '・' && j + 1 < toks.length && KATAKANA.test(toks[j + 1]!.s)) {
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
  while (j + 1 < toks.length && toks[j]!.s === '・' && KATAKANA.test(toks[j + 1]!.s)) {
    dots++;
    j += 2;
  }
  return dots > 0 ? { from: i, to: j, kind: 'katakana' } : undefined;
}

/** The name-like tokens right before an honorific: "鈴木さん", "ひろみ様" (up to 6 characters). */
function beforeHonorific(toks: Tok[], h: number): Span | undefined {
  let i = h;
  let length = 0;
  while (i > 0) {
    const t = toks[i - 1]!;
    const ok =
      isNoun(t) &&
      (t.f.pos_detail_1 === '固有名詞' ||
        t.f.word_type === 'UNKNOWN' ||
        SURNAMES.has(t.s) ||
        GIVEN_NAMES.has(t.s));
    if (!ok || length + t.s.length > 6) break;
    length += t.s.length;
    i--;
  }
  return i < h ? { from: i, to: h, kind: 'honorific' } : undefined;
}

/** A noun glued to the name makes it a modifier: 吉田内閣, クリントン政権, マイナンバー. */
const isCompoundNoun = (t: Tok | undefined): boolean =>
  t !== undefined &&
  isNoun(t) &&
  ['一般', 'サ変接続', '固有名詞', '形容動詞語幹'].includes(t.f.pos_detail_1) &&
  !HONORIFIC_SET.has(t.s) &&
  !/^[\s・]/.test(t.s);

// Bounded memo of dictionary look-ups; it holds loanwords from scanned text, never whole values.
const partCache = new Map<string, boolean>();
/** Parts of a ・-joined katakana phrase that IPADIC knows as ordinary words (ホテル, ニュース, グループ). */
function commonParts(surface: string, tokenizer: JaTokenizer): number {
  let n = 0;
  for (const part of surface.split('・')) {
    if (part.length === 0) continue;
    let common = partCache.get(part);
    if (common === undefined) {
      const toks = tokenizer.tokenize(part);
      common =
        toks.length === 1 &&
        toks[0]!.word_type === 'KNOWN' &&
        toks[0]!.pos === '名詞' &&
        toks[0]!.pos_detail_1 !== '固有名詞';
      if (partCache.size < 50_000) partCache.set(part, common);
    }
    if (common) n++;
  }
  return n;
}

function score(
  toks: Tok[],
  span: Span,
  text: string,
  tokenizer: JaTokenizer,
): { score: number; why: string[] } {
  const W = PERSON_WEIGHTS;
  const inner = toks.slice(span.from, span.to);
  const surface = inner.map((t) => t.s).join('');
  const why: string[] = [];
  const sei = inner.some((t) => isNameTag(t) && t.f.pos_detail_3 === '姓');
  const mei = inner.some((t) => isNameTag(t) && t.f.pos_detail_3 === '名');
  const gen = inner.some((t) => isNameTag(t) && t.f.pos_detail_3 === '一般');
  const first = inner[0]!.s;
  const surnameHit =
    SURNAMES.has(first) || SURNAMES.has(surface.slice(0, 2)) || SURNAMES.has(surface.slice(0, 1));
  const givenHit = inner.length > 1 && GIVEN_NAMES.has(inner[inner.length - 1]!.s);
  let s: number;
  if (span.kind === 'katakana') {
    s = gen || mei || sei ? W.foreignName + 0.1 : W.katakanaDot;
    why.push('katakana name with ・');
  } else if (span.kind === 'solo') {
    s = W.katakanaSolo;
    why.push('unknown katakana word');
  } else if (span.kind === 'honorific') {
    s = W.honorificOnly;
    why.push('before an honorific');
  } else if (sei && (mei || inner.length > 1)) {
    s = W.fullName;
    why.push('family + given name');
  } else if (mei && inner.length > 1) {
    s = W.fullName - 0.1;
    why.push('name tokens');
  } else if (sei) {
    s = W.surnameOnly;
    why.push('family name');
  } else if (gen) {
    s = W.foreignName;
    why.push('person name');
  } else if (mei) {
    s = W.givenOnly;
    why.push('given name');
  } else {
    s = W.surnameOnly - 0.1;
    why.push('common surname');
  }
  if (surnameHit) {
    s += W.surnameList;
    why.push('frequent surname');
  }
  if (givenHit) {
    s += W.givenList;
    why.push('frequent given name');
  }
  const next = toks[span.to];
  if (span.kind !== 'honorific' && next !== undefined && isHonorific(next)) {
    s += W.honorific;
    why.push(`honorific "${next.s}"`);
  } else if (span.kind !== 'honorific' && isNonPersonAfter(next)) {
    s += W.nonPersonAfter;
    why.push(`followed by "${next!.s}"`);
  } else if (span.kind !== 'honorific' && isCompoundNoun(next)) {
    s += W.compound;
    why.push('part of a compound noun');
  } else if (next !== undefined && SUBJECT_PARTICLES.has(next.s)) {
    s += W.subject;
  }
  if (span.kind === 'katakana' && commonParts(surface, tokenizer) > 0) {
    s += W.commonWordPart;
    why.push('contains a common loanword');
  }
  let p = span.from - 1;
  if (p >= 0 && LINKERS.has(toks[p]!.s)) p--;
  const before = toks
    .slice(Math.max(0, p - 1), p + 1)
    .map((t) => t.s)
    .join('');
  if (p >= 0 && ROLE_RE.test(before)) {
    s += W.role;
    why.push('after a role word');
  }
  if (surface.length === 1) s += W.singleChar;
  const startChar = toks[span.from]!.start;
  const endChar = toks[span.to - 1]!.end;
  if (text[startChar - 1] === '「' && text[endChar] === '」') s += W.inQuotes;
  return { score: Math.max(0, Math.min(1, s)), why };
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
    const score = PERSON_WEIGHTS.english + (titled || honor ? PERSON_WEIGHTS.honorific : 0);
    out.push({
      type: 'PERSON',
      start,
      end,
      score: Math.min(1, score),
      explanation: `capitalised given + family name${titled || honor ? ' with title' : ''}`,
    });
  }
  return out;
}

/** Person-name candidates in a normalised text, using an already loaded tokenizer (pure given the tokenizer). */
export function detectPersons(doc: NormalizedText, tokenizer: JaTokenizer): Candidate[] {
  const out: Candidate[] = englishNames(doc);
  const text = doc.text;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (HAS_NAME_SCRIPT.test(line)) {
      const toks = tokenize(tokenizer, line, offset);
      const spans: Span[] = [];
      let i = 0;
      while (i < toks.length) {
        const t = toks[i]!;
        let span: Span | undefined;
        if (KATAKANA.test(t.s) && isNoun(t)) span = katakanaRun(toks, i);
        if (span === undefined && isNameTag(t)) span = kanjiRun(toks, i);
        if (
          span === undefined &&
          KATAKANA.test(t.s) &&
          t.s.length >= 3 &&
          isNoun(t) &&
          (t.f.word_type === 'UNKNOWN' || (t.f.pos_detail_1 === '固有名詞' && t.f.pos_detail_2 === '一般')) &&
          toks[i + 1]?.f.pos === '助詞'
        )
          span = { from: i, to: i + 1, kind: 'solo' };
        if (span === undefined && KANJI.test(t.s) && isNoun(t) && SURNAMES.has(t.s)) {
          const run = kanjiRun(toks, i);
          if (run.to > i + 1) span = run;
        }
        if (
          span === undefined &&
          TRUE_HONORIFICS.has(t.s) &&
          (spans.length === 0 || spans[spans.length - 1]!.to < i)
        ) {
          span = beforeHonorific(toks, i);
          if (span !== undefined) {
            spans.push(span);
            i++;
            continue;
          }
        }
        if (span !== undefined) {
          spans.push(span);
          i = span.to;
        } else i++;
      }
      for (const span of spans) {
        const { score: s, why } = score(toks, span, text, tokenizer);
        out.push({
          type: 'PERSON',
          start: toks[span.from]!.start,
          end: toks[span.to - 1]!.end,
          score: s,
          explanation: why.join('; '),
        });
      }
    }
    offset += line.length + 1;
  }
  return out;
}
