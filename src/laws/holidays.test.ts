import { describe, expect, it } from 'vitest';
import {
  HolidayCoverageError,
  isJapaneseHoliday,
  JAPANESE_HOLIDAY_COVERAGE,
  japaneseHolidayName,
} from './holidays-jp.js';
import { isUsFederalHoliday, usFederalHolidayName } from './holidays-us.js';

describe('Japanese national holidays', () => {
  it('covers 1970–2050 and says so', () => {
    expect(JAPANESE_HOLIDAY_COVERAGE.from).toBe(1970);
    expect(JAPANESE_HOLIDAY_COVERAGE.to).toBe(2050);
    expect(JAPANESE_HOLIDAY_COVERAGE.source).toMatch(/@holiday-jp\/holiday_jp \d+\.\d+\.\d+/);
  });

  it('fails loudly outside the covered years instead of assuming no holidays', () => {
    expect(() => isJapaneseHoliday('2051-01-01')).toThrow(HolidayCoverageError);
    expect(() => isJapaneseHoliday('1969-12-31')).toThrow(/1970–2050/);
    expect(isJapaneseHoliday('2050-12-31')).toBe(false);
  });

  it('knows Golden Week 2026 including the substitute holiday', () => {
    const gw = ['2026-04-29', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06'];
    for (const d of gw) expect(isJapaneseHoliday(d), d).toBe(true);
    expect(japaneseHolidayName('2026-05-06')?.ja).toBe('こどもの日 振替休日');
    expect(isJapaneseHoliday('2026-04-30')).toBe(false);
    expect(isJapaneseHoliday('2026-05-07')).toBe(false);
  });

  it("knows substitute holidays and the sandwiched citizens' holiday", () => {
    expect(japaneseHolidayName('2025-11-24')?.en).toBe('Holiday in lieu');
    expect(japaneseHolidayName('2026-09-22')?.en).toBe("Citizen's Holiday");
    expect(isJapaneseHoliday('2026-09-21')).toBe(true);
    expect(isJapaneseHoliday('2026-09-23')).toBe(true);
  });

  it('knows one-off holidays such as the 2019 enthronement', () => {
    for (const d of ['2019-04-30', '2019-05-01', '2019-05-02']) expect(isJapaneseHoliday(d), d).toBe(true);
    expect(isJapaneseHoliday('2020-07-24')).toBe(true);
    expect(isJapaneseHoliday('2020-10-12')).toBe(false);
  });

  it('does not treat plain weekends as national holidays', () => {
    expect(isJapaneseHoliday('2026-04-04')).toBe(false);
    expect(japaneseHolidayName('2026-04-04')).toBeUndefined();
  });
});

describe('US federal holidays (5 U.S.C. §6103)', () => {
  it('lists the observed holidays of 2026', () => {
    const days: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      if (isUsFederalHoliday(d)) days.push(d);
    }
    expect(days).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('moves Saturday holidays to Friday and Sunday holidays to Monday', () => {
    expect(usFederalHolidayName('2026-07-03')).toBe('Independence Day');
    expect(isUsFederalHoliday('2026-07-04')).toBe(false);
    expect(usFederalHolidayName('2027-07-05')).toBe('Independence Day');
    expect(usFederalHolidayName('2027-12-24')).toBe('Christmas Day');
    expect(usFederalHolidayName('2021-12-31')).toBe("New Year's Day");
    expect(isUsFederalHoliday('2022-01-03')).toBe(false);
    expect(usFederalHolidayName('2028-12-25')).toBe('Christmas Day');
  });

  it('computes floating holidays', () => {
    expect(usFederalHolidayName('2027-11-25')).toBe('Thanksgiving Day');
    expect(usFederalHolidayName('2027-05-31')).toBe('Memorial Day');
    expect(usFederalHolidayName('2028-01-17')).toBe('Birthday of Martin Luther King, Jr.');
    expect(isUsFederalHoliday('2026-11-27')).toBe(false);
  });

  it('adds Juneteenth from 2021 and refuses years before the rule set', () => {
    expect(isUsFederalHoliday('2020-06-19')).toBe(false);
    expect(isUsFederalHoliday('2020-07-03')).toBe(true);
    expect(isUsFederalHoliday('2021-06-18')).toBe(true);
    expect(() => isUsFederalHoliday('1985-07-04')).toThrow(HolidayCoverageError);
  });
});
