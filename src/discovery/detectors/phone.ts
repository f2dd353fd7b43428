import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { DASH } from './patterns.js';
import { mayBeValidJapaneseNumber } from './phone-precheck.js';

/**
 * Telephone numbers, validated by libphonenumber-js with its full ("max") metadata, default country JP: the
 * number plan of 電気通信番号規則 (総務省令) — fixed lines 0A-BCDE-FGHJ with 1–5 digit area codes, mobile 070/080/090,
 * IP phones 050, toll-free 0120/0800, and +81 international forms (also with the trunk 0 kept in brackets).
 * The regex only proposes digit runs shaped like a phone number; the metadata decides.
 */
const D = `(?:${DASH}|[ .\u3000])?`;
const RE = new RegExp(
  `(?<![0-9A-Za-z+@./_]|${DASH})` +
    `(?:\\+[1-9][0-9]{0,2}${D}(?:\\(0\\)${D})?|\\(0[0-9]{1,4}\\)${D}|0)` +
    `[0-9](?:[0-9]|${DASH}|[ .]|\\((?=[0-9]{1,4}\\))|\\)(?=[0-9 -]))*[0-9]` +
    `(?![0-9]|[.:@][0-9A-Za-z])`,
  'g',
);
const DASHES = new RegExp(DASH, 'g');
const LAST_GROUP = new RegExp(`(?:${DASH}|[ .()])+[0-9]+$`);

const DOTTED_QUAD = /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

/** The longest prefix of a digit run (cut at group separators) that is a valid number, e.g. "03 1234 5678 2020". */
function longestValid(raw: string) {
  let s = raw;
  for (;;) {
    const digits = digitCount(s);
    if (digits < 9) return undefined;
    // A run of dotted groups is a version number or an IPv4 address, not a phone number.
    if (digits <= 15 && !DOTTED_QUAD.test(s)) {
      const input = s.replace(DASHES, '-');
      const parsed = mayBeValidJapaneseNumber(input) ? parsePhoneNumberFromString(input, 'JP') : undefined;
      if (parsed !== undefined) {
        // getType() is defined only for a valid number (libphonenumber-js documents it so), and isValid() would
        // run the same type patterns once more; it is asked only when the metadata has no type for the number.
        const type = parsed.getType();
        if (type !== undefined || parsed.isValid()) return { text: s, parsed, type };
      }
    }
    const cut = s.replace(LAST_GROUP, '');
    if (cut === s) return undefined;
    s = cut;
  }
}

export function detectPhones(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  const re = new RegExp(RE);
  for (let m = re.exec(doc.text); m !== null; m = re.exec(doc.text)) {
    const found = longestValid(m[0]);
    if (found === undefined) continue;
    const { text: raw, parsed, type } = found;
    const start = m.index;
    // The run may have swallowed the next number ("03-1234-5678 090-…"): resume right after this one.
    re.lastIndex = start + raw.length;
    const end = start + raw.length;
    const grouped = /[^0-9+]/.test(raw);
    const ctx = scoreWithContext('PHONE', doc.text, start, end, {
      base: grouped ? 0.8 : 0.55,
      own: 0.97,
      other: 0.3,
      negative: 0.1,
    });
    const kind = type ?? 'number';
    out.push({
      type: 'PHONE',
      start,
      end,
      score: ctx.score,
      explanation: `valid ${parsed.country ?? `+${parsed.countryCallingCode}`} ${kind.toLowerCase()} per libphonenumber; ${ctx.explanation}`,
    });
  }
  return out;
}
