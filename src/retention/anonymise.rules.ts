import { prefectureOfAddress } from '../anonymize/prefectures.js';
import { underTargets } from '../engine/graph.js';

/*
 * Generalisation for the retention action "anonymise" (pure): the row stays for statistics, the person
 * does not. Following APPI Ordinance for Enforcement Art. 34 (匿名加工情報の作成の方法): identifiers are
 * deleted (suppress), and attributes that single a person out are coarsened (birth date → year,
 * address → prefecture, postal code → its first three digits).
 */

export type Generaliser = 'year' | 'prefecture' | 'postal-area' | 'suppress' | 'keep';

// Most specific first: the first match decides.
const TABLE: [string[], Generaliser][] = [
  [['user.demographic.date_of_birth'], 'year'],
  [['user.contact.address.postal_code'], 'postal-area'],
  [['user.contact.address.state', 'user.contact.address.country'], 'keep'],
  [['user.contact.address'], 'prefecture'],
  [['user.demographic.gender', 'user.demographic.age_range', 'user.demographic.profile'], 'keep'],
  [['user'], 'suppress'],
];

export function generaliserFor(categories: readonly string[]): Generaliser {
  for (const [prefixes, how] of TABLE) if (underTargets(categories, prefixes)) return how;
  return 'keep';
}

const DAY = /^(\d{4})-\d{2}-\d{2}/;

/** The generalised form of one value; null stays null. Dates keep their type: the year as 1 January. */
export function generaliseValue(value: unknown, how: Generaliser): unknown {
  if (value === null || value === undefined) return null;
  switch (how) {
    case 'keep':
      return value;
    case 'suppress':
      return null;
    case 'year': {
      // Drivers build Date objects for DATE columns at local midnight: the local year is the stored one.
      if (value instanceof Date) return `${value.getFullYear()}-01-01`;
      const m = DAY.exec(String(value));
      return m ? `${m[1]}-01-01` : null;
    }
    case 'prefecture':
      return prefectureOfAddress(String(value))?.ja ?? null;
    case 'postal-area': {
      const digits = String(value).replace(/[^0-9０-９]/g, '');
      return digits.length >= 3 ? digits.slice(0, 3) : null;
    }
  }
}
