import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { anchoredMatches, DASH } from './patterns.js';
import { PREFECTURES, PREFECTURES_ROMAJI } from './prefectures.js';

/**
 * Japanese postal addresses, in the order the 住居表示に関する法律 and Japan Post prescribe: prefecture (47, 地方自治法)
 * → municipality (市・区・町・村, 郡 + 町村, 政令指定都市の区) → town (町名・大字・字) → 丁目・番(地)・号 in Arabic or
 * kanji numerals → building and room. A prefecture and a municipality alone name a place ("東京都千代田区に本社を
 * 置く"), not where someone lives, so the block number (or a label such as 住所) is what makes it an address.
 * Romanised addresses follow the Japan Post English form: "1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005".
 */
const HAN = '\\p{Script=Han}々〆ヶケ';
const KANA = '\\p{Script=Katakana}ー';
const PREF = `(?<pref>${PREFECTURES.join('|')})`;
// Municipalities written in hiragana (平成の合併で生まれた市名) cannot be told from running text otherwise.
const HIRAGANA_CITIES =
  'さいたま|つくばみらい|つくば|いわき|ひたちなか|かすみがうら|みどり|あきる野|いちき串木野|南あわじ|みよし|あま';
const MUNI_ONE = `(?:${HIRAGANA_CITIES}|[${HAN}${KANA}]{1,6}?)(?:市|区|郡[${HAN}${KANA}]{1,5}?[町村]|町|村)`;
const MUNI = `(?<muni>${MUNI_ONE}(?:[${HAN}]{1,4}?区)?)`;
const NUM = '[0-9一二三四五六七八九十〇百千]+';
const TOWN = `(?<town>(?:[${HAN}${KANA}\\p{Script=Hiragana}]|[0-9]+条){1,12}?)`;
const BLOCK = `(?<block>${NUM}丁目(?:${NUM}(?:番地?|${DASH}|の)(?:${NUM}号?)?)?|${NUM}(?:番地?|${DASH})(?:${NUM}(?:号|${DASH}|番)?(?:${NUM}号?)?)?|${NUM}番地|[0-9]+(?![0-9]|[${HAN}.,%]))`;
const BUILDING_NAME = `[${HAN}${KANA}\\p{Script=Hiragana}A-Za-z0-9・]{0,20}?(?:ビル|マンション|ハイツ|荘|コーポ|タワー|レジデンス|アパート|ハウス)`;
const ROOM = '[0-9]{1,4}(?:号室|階|F)';
const BUILDING = `(?<building>[ \\u3000]?(?:${BUILDING_NAME}(?:[ \\u3000]?${ROOM})?|${ROOM}))?`;
const JA_RE = new RegExp(
  `(?<![${HAN}${KANA}])(?:${PREF}[ \\u3000]?)?${MUNI}(?:${TOWN}?${BLOCK}${BUILDING})?`,
  'gu',
);

// Every Japanese match has its municipality suffix (市 区 郡 町 村) 1 to 17 code units after its start: a prefecture
// (≤ 4) and a space, then a name of at most 6 code points (≤ 12 units). Only those starts are tried.
const JA_ANCHOR = /[市区郡町村]/;
const jaStarts = (a: number): readonly [number, number] => [a - 17, a - 1];
const ROMAN_WORD = '[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?';
const EN_RE = new RegExp(
  `(?<![A-Za-z0-9-])(?:(?:Room |Apt\\.? |#)?[0-9]+(?:${DASH}[0-9]+){1,3},? )?(?:${ROMAN_WORD}(?:-(?:cho|machi|mura|ku|shi|gun)|[0-9]+-chome)?, ){0,3}` +
    `${ROMAN_WORD}-(?:ku|shi|cho|machi|gun|mura|son),? (?<rpref>${PREFECTURES_ROMAJI.join('|')})(?:-(?:to|fu|ken))?(?:,? Japan)?(?![A-Za-z])`,
  'g',
);

// A romanised match lies on one line and holds "<Word>-ku" (or -shi, -cho …) before its prefecture; it starts
// with a digit, a capital or "#", after a character that is not a letter, digit or hyphen.
const EN_ANCHOR = /-(?:ku|shi|cho|machi|gun|mura|son)/;
const lineStart = (text: string, a: number): number => text.lastIndexOf('\n', a) + 1;
function enMayStartAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x23)) return false;
  const b = p > 0 ? text.charCodeAt(p - 1) : 0x20;
  return !((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d);
}

export function detectAddresses(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of anchoredMatches(doc.text, JA_RE, JA_ANCHOR, jaStarts)) {
    const g = m.groups ?? {};
    const hasPref = g.pref !== undefined;
    const hasBlock = g.block !== undefined;
    // Without a block number and without a prefecture this is a word ending in 市/区/町, not an address.
    if (!hasPref && !hasBlock) continue;
    let text = m[0];
    if (!hasBlock)
      text = text.slice(0, (hasPref ? g.pref!.length : 0) + g.muni!.length + (g.town?.length ?? 0));
    const start = m.index;
    const end = start + text.length;
    const base = hasPref && hasBlock ? 0.95 : hasBlock ? 0.8 : 0.35;
    const ctx = scoreWithContext('ADDRESS', doc.text, start, end, {
      base,
      own: Math.max(base, 0.9),
      other: base * 0.8,
      negative: base * 0.5,
    });
    const parts = [hasPref && 'prefecture', 'municipality', hasBlock && 'block number']
      .filter(Boolean)
      .join(' + ');
    out.push({ type: 'ADDRESS', start, end, score: ctx.score, explanation: `${parts}; ${ctx.explanation}` });
  }
  for (const m of anchoredMatches(
    doc.text,
    EN_RE,
    EN_ANCHOR,
    (a) => [lineStart(doc.text, a), a - 1],
    (p) => enMayStartAt(doc.text, p),
  )) {
    const start = m.index;
    const end = start + m[0].length;
    const ctx = scoreWithContext('ADDRESS', doc.text, start, end, {
      base: 0.9,
      own: 0.95,
      other: 0.8,
      negative: 0.5,
    });
    out.push({
      type: 'ADDRESS',
      start,
      end,
      score: ctx.score,
      explanation: `romanised municipality + prefecture; ${ctx.explanation}`,
    });
  }
  return out;
}
