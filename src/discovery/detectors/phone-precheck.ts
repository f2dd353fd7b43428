import { getCountryCallingCode, Metadata } from 'libphonenumber-js/max';

/**
 * A cheap necessary condition for libphonenumber-js to call a national-format Japanese number valid, read from
 * the library's own metadata, so that digit runs which cannot be a number (12 and 13 digits after a trunk 0,
 * most My Numbers and order numbers starting with 0) are rejected without a parse: a parse builds the metadata
 * objects and a dozen large regexes, and was most of the regex stage's time and garbage.
 *
 * Why it is exact: for text of digits, spaces, dots, dashes and brackets with default country JP, the library
 * keeps the digits; unless they start with the international call prefix (010) or the calling code (81) it reads
 * them as a national number, whose national significant number is either all the digits or the digits after
 * the national prefix (a prefix-transform rule aside); and a number is valid only if that significant number
 * matches Japan's national number pattern. So when neither candidate matches, the number is invalid. The
 * pattern accessors are not in the library's typings: when they are missing, every number goes to the library.
 * phone.test.ts checks the condition against the library on random digit runs.
 */
interface PlanInternals {
  IDDPrefix(): string;
  nationalNumberPattern?: () => string;
  nationalPrefixForParsing?: () => string | undefined;
  nationalPrefixTransformRule?: () => string | undefined;
}

function buildCheck(): ((digits: string) => boolean) | undefined {
  const metadata = new Metadata();
  metadata.selectNumberingPlan('JP');
  const plan = metadata.numberingPlan as unknown as PlanInternals | undefined;
  if (
    typeof plan?.nationalNumberPattern !== 'function' ||
    typeof plan.nationalPrefixForParsing !== 'function'
  )
    return undefined;
  const idd = new RegExp(`^(?:${plan.IDDPrefix()})`);
  const callingCode = getCountryCallingCode('JP');
  const nationalNumber = new RegExp(`^(?:${plan.nationalNumberPattern()})$`);
  const prefixSource = plan.nationalPrefixForParsing();
  const prefix = prefixSource === undefined ? undefined : new RegExp(`^(?:${prefixSource})`);
  const transforms =
    typeof plan.nationalPrefixTransformRule === 'function' && !!plan.nationalPrefixTransformRule();
  return (digits) => {
    if (idd.test(digits) || digits.startsWith(callingCode) || nationalNumber.test(digits)) return true;
    const m = prefix?.exec(digits);
    if (m === null || m === undefined) return false;
    // A captured group with a transform rule rewrites the number: no cheap answer.
    if (transforms && m.length > 1 && m[m.length - 1]) return true;
    return nationalNumber.test(digits.slice(m[0].length));
  };
}

const check = buildCheck();
const NATIONAL_TEXT = /^[0-9 .()-]+$/;

/**
 * False only when libphonenumber-js, parsing `text` with default country JP, cannot find a valid number; true
 * means "ask it". `text` is what the detector passes to the library (dashes already folded to "-").
 */
export function mayBeValidJapaneseNumber(text: string): boolean {
  if (check === undefined || !NATIONAL_TEXT.test(text)) return true;
  return check(text.replace(/[^0-9]/g, ''));
}
