import { nearestLabel } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { DASH } from './patterns.js';

/**
 * Dates of birth. A date is everywhere in business text (発行日, 契約日 …); it is a birth date only next to
 * 生年月日 / 誕生日 / DOB / "…生まれ" (or written "…生"), so dates without such context are proposed with a
 * score far below the threshold. Calendars: Gregorian (YYYY年M月D日, YYYY/MM/DD, YYYY-MM-DD, YYYY.M.D) and the
 * Japanese eras of 元号法 (明治 1868, 大正 1912, 昭和 1926, 平成 1989, 令和 2019; 元年 = year 1), also abbreviated
 * M/T/S/H/R as on forms ("S55.3.1"); English "March 1, 1980" / "1 March 1980".
 */
const ERAS: Record<string, { start: number; lastYear: number }> = {
  明治: { start: 1868, lastYear: 45 },
  大正: { start: 1912, lastYear: 15 },
  昭和: { start: 1926, lastYear: 64 },
  平成: { start: 1989, lastYear: 31 },
  令和: { start: 2019, lastYear: 99 },
};
const ERA_LETTER: Record<string, string> = { M: '明治', T: '大正', S: '昭和', H: '平成', R: '令和' };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const S = `[ \\u3000]?`;
const SEP = `(?:/|${DASH}|\\.)`;
const RE = new RegExp(
  [
    `(?<gy>(?:18|19|20)[0-9]{2})${S}年${S}(?<gm>[0-9]{1,2})${S}月${S}(?<gd>[0-9]{1,2})${S}日`,
    `(?<sy>(?:18|19|20)[0-9]{2})(?<sep>${SEP})(?<sm>[0-9]{1,2})\\k<sep>(?<sd>[0-9]{1,2})`,
    `(?<era>明治|大正|昭和|平成|令和)${S}(?<ey>元|[0-9]{1,2})${S}年${S}(?<em>[0-9]{1,2})${S}月${S}(?<ed>[0-9]{1,2})${S}日`,
    `(?<el>[MTSHR])${S}(?<ly>[0-9]{1,2})[./](?<lm>[0-9]{1,2})[./](?<ld>[0-9]{1,2})`,
    `(?<mname>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?) (?<nd>[0-9]{1,2}),? (?<ny>(?:18|19|20)[0-9]{2})`,
    `(?<dd>[0-9]{1,2}) (?<dname>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?),? (?<dy>(?:18|19|20)[0-9]{2})`,
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
  'g',
);
const BOUNDED = new RegExp(`(?<![0-9A-Za-z])(?:${RE.source})(?![0-9])`, 'g');

// "1980年1月1日生" — the bare 生 suffix of résumés and registers (履歴書: 「昭和55年3月1日生（満45歳）」); 生活, 生産 … are
// other words. Sticky at the end of the date: it reads at most the three units after it.
const BORN_SUFFIX = /[ \u3000]?生(?!活|産|徒|成|命)/y;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The Gregorian date a match denotes, or undefined when it is not a real calendar date. */
export function parseDate(groups: Record<string, string | undefined>): [number, number, number] | undefined {
  const g = groups;
  let ymd: [number, number, number] | undefined;
  if (g.gy) ymd = [+g.gy, +g.gm!, +g.gd!];
  else if (g.sy) ymd = [+g.sy, +g.sm!, +g.sd!];
  else if (g.era || g.el) {
    const era = ERAS[g.era ?? ERA_LETTER[g.el!]!]!;
    const raw = g.ey ?? g.ly!;
    const year = raw === '元' ? 1 : +raw;
    if (year < 1 || year > era.lastYear) return undefined;
    ymd = [era.start + year - 1, +(g.em ?? g.lm!), +(g.ed ?? g.ld!)];
  } else if (g.mname) ymd = [+g.ny!, monthNumber(g.mname), +g.nd!];
  else if (g.dname) ymd = [+g.dy!, monthNumber(g.dname), +g.dd!];
  return ymd !== undefined && validDate(...ymd) ? ymd : undefined;
}

export function detectDatesOfBirth(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(BOUNDED)) {
    if (parseDate(m.groups ?? {}) === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    BORN_SUFFIX.lastIndex = end;
    const bornSuffix = BORN_SUFFIX.test(doc.text);
    const label = nearestLabel(doc.text, start, end);
    let score = 0.1;
    let why = 'date without birth context';
    if (bornSuffix || label?.target === 'DATE_OF_BIRTH') {
      score = 0.95;
      why = bornSuffix ? 'followed by 生' : `context word "${label!.word}"`;
    } else if (label?.target === 'NEGATIVE') {
      score = 0.02;
      why = `negative context "${label.word}"`;
    }
    out.push({ type: 'DATE_OF_BIRTH', start, end, score, explanation: `valid date; ${why}` });
  }
  return out;
}
