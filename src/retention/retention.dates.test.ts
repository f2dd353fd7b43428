import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, fromEpochDay, toEpochDay } from '../laws/date.js';
import {
  cutoffFor,
  erasableFrom,
  firstTrigger,
  isDue,
  longerPeriod,
  periodEnd,
  triggerDay,
} from './retention.dates.js';

describe('periodEnd (Civil Code Arts. 140, 143)', () => {
  it.each([
    // trigger, period, last day kept
    ['2020-04-01', { years: 5 }, '2025-04-01'],
    ['2020-02-29', { years: 1 }, '2021-02-28'],
    ['2020-02-28', { years: 1 }, '2021-02-28'],
    ['2019-02-28', { years: 1 }, '2020-02-29'],
    ['2019-02-27', { years: 1 }, '2020-02-27'],
    ['2021-01-30', { months: 1 }, '2021-02-28'],
    ['2021-01-31', { months: 1 }, '2021-02-28'],
    ['2021-01-27', { months: 1 }, '2021-02-27'],
    ['2024-01-30', { months: 1 }, '2024-02-29'],
    ['2021-03-30', { months: 1 }, '2021-04-30'],
    ['2021-12-31', { months: 2 }, '2022-02-28'],
    ['2021-12-31', { days: 30 }, '2022-01-30'],
    ['2021-02-28', { years: 1, days: 1 }, '2022-03-01'],
  ])('%s + %j keeps through %s', (trigger, period, end) => {
    expect(periodEnd(trigger, period)).toBe(end);
    expect(erasableFrom(trigger, period)).toBe(addDays(end, 1));
  });

  it('without a period, data goes the day after the trigger (APPI Art. 22: without delay)', () => {
    expect(erasableFrom('2024-02-29', undefined)).toBe('2024-03-01');
  });
});

const day = fc.integer({ min: toEpochDay('1990-01-01'), max: toEpochDay('2060-12-31') }).map(fromEpochDay);
const period = fc
  .record({
    years: fc.integer({ min: 0, max: 12 }),
    months: fc.integer({ min: 0, max: 24 }),
    days: fc.integer({ min: 0, max: 400 }),
  })
  .filter((p) => p.years + p.months + p.days > 0);

describe('cutoffFor', () => {
  it('a trigger is due on a day exactly when it is before the cutoff (the SQL predicate)', () => {
    fc.assert(
      fc.property(day, period, fc.integer({ min: -40, max: 40 }), (today, p, shift) => {
        const cutoff = cutoffFor(today, p);
        const t = addDays(cutoff, shift);
        const due = compareDates(erasableFrom(t, p), today) <= 0;
        expect(due).toBe(compareDates(t, cutoff) < 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('erasableFrom never goes backwards as the trigger moves later', () => {
    fc.assert(
      fc.property(day, period, (t, p) => {
        expect(compareDates(erasableFrom(t, p), erasableFrom(addDays(t, 1), p))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it.each([
    ['2026-03-01', { years: 5 }, '2021-03-01'],
    ['2025-02-28', { years: 1 }, '2024-02-28'],
    ['2025-03-01', { years: 1 }, '2024-03-01'],
    // 29, 30 and 31 January all run to the end of February (leap year): all are due on 1 March.
    ['2024-03-01', { months: 1 }, '2024-02-01'],
    ['2024-02-29', { months: 1 }, '2024-01-29'],
  ])('on %s with %j rows triggered before %s are due', (today, p, cutoff) => {
    expect(cutoffFor(today, p)).toBe(cutoff);
  });
});

describe('trigger days on the Tokyo calendar', () => {
  it('an instant late on the UTC day already falls on the next Tokyo day', () => {
    expect(triggerDay(new Date('2021-02-28T14:59:59Z'))).toBe('2021-02-28');
    expect(triggerDay(new Date('2021-02-28T15:00:00Z'))).toBe('2021-03-01');
    expect(triggerDay('2021-02-28T15:00:00.000Z')).toBe('2021-03-01');
  });
  it('bare dates and naive date-times are Tokyo days already', () => {
    expect(triggerDay('2024-02-29')).toBe('2024-02-29');
    expect(triggerDay('2024-02-29 23:59:59')).toBe('2024-02-29');
  });
  it('null, undefined and empty values are no trigger', () => {
    expect(triggerDay(null)).toBeNull();
    expect(triggerDay(undefined)).toBeNull();
    expect(triggerDay('')).toBeNull();
  });
});

describe('chains: the first non-null trigger wins', () => {
  it('uses the contract end when there is one, else the last contact', () => {
    expect(firstTrigger([null, '2019-01-01'])).toBe('2019-01-01');
    expect(firstTrigger(['2024-06-01', '2019-01-01'])).toBe('2024-06-01');
    expect(firstTrigger([null, null])).toBeNull();
  });
  it('a recent contract end keeps a row whose last contact is old', () => {
    expect(isDue(['2024-06-01', '2015-01-01'], { years: 5 }, '2026-01-01')).toBe(false);
    expect(isDue([null, '2015-01-01'], { years: 5 }, '2026-01-01')).toBe(true);
    expect(isDue([null, null], { years: 5 }, '2099-01-01')).toBe(false);
  });
});

describe('longerPeriod', () => {
  it('compares by where the periods end', () => {
    expect(longerPeriod({ years: 5 }, { years: 7 })).toEqual({ years: 7 });
    expect(longerPeriod({ months: 13 }, { years: 1 })).toEqual({ months: 13 });
    expect(longerPeriod(undefined, { days: 1 })).toEqual({ days: 1 });
    expect(longerPeriod({ days: 1 }, undefined)).toEqual({ days: 1 });
  });
});
