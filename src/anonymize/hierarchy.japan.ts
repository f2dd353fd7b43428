import { UserError } from '../platform/errors.js';
import { flatHierarchy, type Hierarchy, type LevelLabel } from './hierarchy.js';
import { findPrefecture, prefectureOfAddress, REGIONS } from './prefectures.js';

/**
 * Built-in hierarchies for Japanese data, following the generalisations the PPC's anonymisation guidance
 * uses as examples (年齢 → 年代, 住所 → 都道府県, 生年月日 → 生年月 …). Each returns undefined for a value it
 * cannot read, which the encoder reports as a value missing from its hierarchy.
 */
const TOP = '*';
const L = (ja: string, en: string): LevelLabel => ({ ja, en });
const HIDDEN = L('（非表示）', '(not shown)');

function toHalfWidth(s: string): string {
  return s.normalize('NFKC').trim();
}

/** Age in years → 5-year band → 年代 (10-year band) → *. */
export function ageHierarchy(): Hierarchy {
  return {
    name: 'built-in age',
    height: 4,
    levelLabels: [
      L('年齢', 'age'),
      L('年齢（5歳階級）', 'age (5-year band)'),
      L('年代', 'age (decade)'),
      HIDDEN,
    ],
    generalize(value) {
      const m = /^(\d{1,3})\s*(歳|才)?$/.exec(toHalfWidth(value));
      if (!m) return undefined;
      const age = Number(m[1]);
      const band = Math.floor(age / 5) * 5;
      const decade = age < 10 ? '10歳未満' : age >= 100 ? '100歳以上' : `${Math.floor(age / 10) * 10}代`;
      return [value, `${band}-${band + 4}歳`, decade, TOP];
    },
  };
}

/** Date (YYYY-MM-DD or YYYY/MM/DD, optionally with a time) → year-month → year → *. */
export function dateHierarchy(): Hierarchy {
  return {
    name: 'built-in date',
    height: 4,
    levelLabels: [L('年月日', 'date'), L('年月', 'year and month'), L('年', 'year'), HIDDEN],
    generalize(value) {
      const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?(?:[ T].*)?$/.exec(toHalfWidth(value));
      if (!m) return undefined;
      const month = Number(m[2]);
      const day = m[3] === undefined ? 1 : Number(m[3]);
      if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
      return [value, `${m[1]}-${String(month).padStart(2, '0')}`, m[1]!, TOP];
    },
  };
}

/**
 * City names that the generic rule below would cut wrongly, because they contain 市, 町, 村 or 郡
 * inside the name (四日市市, 十日町市, 郡山市 …).
 */
const AWKWARD_CITIES = [
  '四日市市',
  '廿日市市',
  '野々市市',
  '大和郡山市',
  '郡山市',
  '蒲郡市',
  '小郡市',
  '郡上市',
  '十日町市',
  '大町市',
  '町田市',
  '東村山市',
  '武蔵村山市',
  '村山市',
  '羽村市',
  '田村市',
  '村上市',
  '大村市',
  '市川市',
  '市原市',
];

/** Districts whose name contains 市. */
const AWKWARD_DISTRICTS = ['余市郡', '高市郡'];

/**
 * The municipality (市区町村) of an address without its prefecture. A heuristic: a district (郡) is kept
 * with its town or village; a designated city keeps only the city (横浜市中区 → 横浜市), Tokyo's special
 * wards are municipalities. Where it is not good enough, supply a `map:` hierarchy from the official list
 * of local government codes instead.
 */
export function municipalityOf(rest: string): string | undefined {
  const r = rest.trim();
  const awkward = AWKWARD_CITIES.find((c) => r.startsWith(c));
  if (awkward !== undefined) return awkward;
  // A district comes first and is short; a 郡 after a city name is part of a street (岡崎市郡界町).
  const district = /^(.{1,5}?郡)(.+?[町村])/.exec(r);
  if (district && (!/[市区]/.test(district[1]!) || AWKWARD_DISTRICTS.some((d) => r.startsWith(d)))) {
    return district[1]! + district[2]!;
  }
  const m = /^(.+?[市区町村])/.exec(r);
  return m ? m[1] : undefined;
}

/** Address → municipality → prefecture (都道府県) → region (地方) → *. */
export function addressHierarchy(): Hierarchy {
  return {
    name: 'built-in address',
    height: 5,
    levelLabels: [
      L('住所', 'address'),
      L('住所（市区町村まで）', 'address (municipality only)'),
      L('住所（都道府県のみ）', 'address (prefecture only)'),
      L('地方', 'region'),
      HIDDEN,
    ],
    generalize(value) {
      const address = toHalfWidth(value);
      const pref = prefectureOfAddress(address);
      if (pref === undefined) return undefined;
      const municipality = municipalityOf(address.slice(pref.ja.length));
      if (municipality === undefined) return undefined;
      return [value, pref.ja + municipality, pref.ja, REGIONS[pref.region].ja, TOP];
    },
  };
}

/** Prefecture (name, short name, JIS code or English name) → region → *. */
export function prefectureHierarchy(): Hierarchy {
  return {
    name: 'built-in prefecture',
    height: 3,
    levelLabels: [L('住所（都道府県のみ）', 'prefecture'), L('地方', 'region'), HIDDEN],
    generalize(value) {
      const pref = findPrefecture(toHalfWidth(value));
      return pref === undefined ? undefined : [value, REGIONS[pref.region].ja, TOP];
    },
  };
}

/** Japanese postal code (〒170-0004, 1700004) → its first 3 digits → *. */
export function postalCodeHierarchy(): Hierarchy {
  return {
    name: 'built-in postal code',
    height: 3,
    levelLabels: [
      L('郵便番号', 'postal code'),
      L('郵便番号（上3桁）', 'postal code (first 3 digits)'),
      HIDDEN,
    ],
    generalize(value) {
      const m = /^〒?\s*(\d{3})-?(\d{4})$/.exec(toHalfWidth(value));
      return m ? [value, `${m[1]}`, TOP] : undefined;
    },
  };
}

/**
 * A value → category map (occupation → 職種, industry → 業種 …), then *. `map` comes from a two-column
 * file or code; values outside it are missing from the hierarchy.
 */
export function mapHierarchy(map: ReadonlyMap<string, string>, name: string, label?: LevelLabel): Hierarchy {
  const l = label ?? L(name, name);
  return {
    name,
    height: 3,
    levelLabels: [l, L(`${l.ja}（区分）`, `${l.en} (category)`), HIDDEN],
    generalize(value) {
      const category = map.get(value);
      return category === undefined ? undefined : [value, category, TOP];
    },
  };
}

/**
 * Numbers by intervals of growing width, then *: widths [10, 50] turn 37 into "30-39", then "0-49".
 * Each width must be a multiple of the previous one so that intervals nest (a tree).
 */
export function intervalHierarchy(widths: readonly number[]): Hierarchy {
  if (widths.length === 0) throw new UserError('An interval hierarchy needs at least one width.');
  widths.forEach((w, i) => {
    if (!(w > 0) || (i > 0 && !Number.isInteger(w / widths[i - 1]!))) {
      throw new UserError(
        `Interval widths must be positive and each a multiple of the previous: ${widths.join(',')}.`,
      );
    }
  });
  const integral = widths.every(Number.isInteger);
  return {
    name: `built-in interval:${widths.join(',')}`,
    height: widths.length + 2,
    levelLabels: [
      L('数値', 'number'),
      ...widths.map((w) => L(`数値（${w}刻み）`, `number (intervals of ${w})`)),
      HIDDEN,
    ],
    generalize(value) {
      const text = toHalfWidth(value);
      if (text === '' || !Number.isFinite(Number(text))) return undefined;
      const x = Number(text);
      const chain = widths.map((w) => {
        const lo = Math.floor(x / w) * w;
        return integral && Number.isInteger(x) ? `${lo}-${lo + w - 1}` : `[${lo},${lo + w})`;
      });
      return [value, ...chain, TOP];
    },
  };
}

export const BUILTIN_KINDS = [
  'age',
  'date',
  'address',
  'prefecture',
  'postal',
  'interval',
  'flat',
  'map',
] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

/** Parses `<kind>` or `<kind>:<argument>` (interval:10,50 — map:<file>). */
export function parseBuiltinSpec(spec: string): { kind: BuiltinKind; arg: string | undefined } {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const arg = colon < 0 ? undefined : spec.slice(colon + 1);
  if (!(BUILTIN_KINDS as readonly string[]).includes(kind)) {
    throw new UserError(`Unknown built-in hierarchy "${kind}": use one of ${BUILTIN_KINDS.join(', ')}.`);
  }
  if ((kind === 'interval' || kind === 'map') && !arg) {
    throw new UserError(
      `The built-in hierarchy "${kind}" needs an argument, e.g. ${kind === 'map' ? 'map:occupations.csv' : 'interval:10,50'}.`,
    );
  }
  return { kind: kind as BuiltinKind, arg };
}

/** Every built-in except `map`, which needs its file read first. */
export function builtinHierarchy(kind: Exclude<BuiltinKind, 'map'>, arg?: string): Hierarchy {
  switch (kind) {
    case 'age':
      return ageHierarchy();
    case 'date':
      return dateHierarchy();
    case 'address':
      return addressHierarchy();
    case 'prefecture':
      return prefectureHierarchy();
    case 'postal':
      return postalCodeHierarchy();
    case 'interval':
      return intervalHierarchy((arg ?? '').split(',').map((w) => Number(w.trim())));
    case 'flat':
      return flatHierarchy();
  }
}
