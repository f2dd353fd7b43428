import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, buildCalendar, type CalendarSpec, countBusinessDays } from './calendar.js';
import { addDays, addMonthsClamped, parseDate } from './date.js';
import { computeDeadlines } from './deadlines.rules.js';
import { LAWS } from './registry.js';
import { localDateOf, startOfDay } from './zone.js';

// Dates whose deadlines (up to ~3 months and a few holidays later) stay inside every holiday data set.
const day = fc.integer({ min: 0, max: 365 * 27 }).map((n) => addDays('2021-01-01', n));
const instant = fc
  .integer({ min: Date.UTC(2021, 0, 1), max: Date.UTC(2048, 0, 1) })
  .map((ms) => new Date(ms));
const zones = fc.constantFrom('Asia/Tokyo', 'UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Shanghai');
const kinds = fc.constantFrom(...LAWS.flatMap((l) => l.kinds.map((k) => ({ law: l.id, kind: k.id }))));
const specs = fc.record({
  base: fc.constantFrom('jp', 'us-federal', 'weekdays') as fc.Arbitrary<CalendarSpec['base']>,
  yearEndClosing: fc.boolean(),
});

describe('deadline properties', () => {
  it('never falls before receipt; confirmation is never after the answer; extension never shortens', () => {
    fc.assert(
      fc.property(
        kinds,
        instant,
        zones,
        fc.boolean(),
        fc.integer({ min: 0, max: 60 }),
        (k, receivedAt, tz, closing, noticeDays) => {
          const d = computeDeadlines({
            ...k,
            receivedAt,
            orgSettings: { timeZone: tz, calendar: { base: 'jp', yearEndClosing: closing } },
            extension: { noticeSentAt: new Date(receivedAt.getTime() + noticeDays * 86_400_000) },
          });
          expect(d.dueBy >= d.receivedOn).toBe(true);
          expect(d.effectiveDueBy >= d.dueBy).toBe(true);
          if (d.acknowledgeBy) {
            expect(d.acknowledgeBy >= d.receivedOn).toBe(true);
            expect(d.acknowledgeBy <= d.dueBy).toBe(true);
          }
          if (d.extendedDueBy) expect(d.extendedDueBy >= d.dueBy).toBe(true);
          if (d.suitPossibleFrom) expect(d.suitPossibleFrom > d.receivedOn).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(kinds, instant, fc.integer({ min: 1, max: 40 * 86_400_000 }), (k, a, deltaMs) => {
        const first = computeDeadlines({ ...k, receivedAt: a });
        const later = computeDeadlines({ ...k, receivedAt: new Date(a.getTime() + deltaMs) });
        expect(later.dueBy >= first.dueBy).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar properties', () => {
  it('adding n ≥ 1 business days lands on a business day, n business days later', () => {
    fc.assert(
      fc.property(specs, day, fc.integer({ min: 1, max: 40 }), (spec, start, n) => {
        const cal = buildCalendar(spec);
        const end = addBusinessDays(cal, start, n);
        expect(cal.isBusinessDay(end)).toBe(true);
        expect(end > start).toBe(true);
        expect(countBusinessDays(cal, start, end)).toBe(n);
        expect(countBusinessDays(cal, end, start)).toBe(-n);
      }),
      { numRuns: 300 },
    );
  });

  it('month arithmetic keeps the day or clamps to the month end', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -24, max: 24 }), (start, months) => {
        const s = parseDate(start);
        const e = parseDate(addMonthsClamped(start, months));
        expect((e.year - s.year) * 12 + (e.month - s.month)).toBe(months);
        expect(e.day <= s.day).toBe(true);
        if (e.day < s.day) expect(addDays(addMonthsClamped(start, months), 1).slice(8)).toBe('01');
      }),
    );
  });

  it('the start of a day is on that day in its zone', () => {
    fc.assert(
      fc.property(day, zones, (d, tz) => {
        const start = startOfDay(d, tz);
        expect(localDateOf(start, tz)).toBe(d);
        expect(localDateOf(new Date(start.getTime() - 1), tz)).toBe(addDays(d, -1));
      }),
    );
  });
});
