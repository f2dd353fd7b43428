import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './deadlines.rules.js';

const tokyo10 = (date: string) => new Date(`${date}T01:00:00Z`);

describe('PIPL deadlines (internal target, default 15 working days)', () => {
  it('counts 15 weekdays after the day of receipt', () => {
    const d = computeDeadlines({ law: 'pipl', kind: 'pipl.access_copy', receivedAt: tokyo10('2026-04-01') });
    expect(d.dueBy).toBe('2026-04-22');
    expect(d.dueBasis).toBe('internal_target');
    expect(d.calendarId).toBe('weekdays');
    expect(d.suitPossibleFrom).toBeUndefined();
  });

  it('does not skip Japanese Golden Week on its default calendar', () => {
    const d = computeDeadlines({ law: 'pipl', kind: 'pipl.deletion', receivedAt: tokyo10('2026-04-27') });
    expect(d.dueBy).toBe('2026-05-18');
  });

  it("uses the organisation's Chinese holidays and make-up working days", () => {
    const d = computeDeadlines({
      law: 'pipl',
      kind: 'pipl.deletion',
      receivedAt: tokyo10('2026-04-27'),
      orgSettings: {
        laws: {
          pipl: {
            calendar: {
              base: 'weekdays',
              extraHolidays: ['2026-05-01', '2026-05-04', '2026-05-05'],
              extraWorkingDays: ['2026-05-09'],
            },
          },
        },
      },
    });
    expect(d.dueBy).toBe('2026-05-20');
  });

  it("takes the organisation's own target", () => {
    const d = computeDeadlines({
      law: 'pipl',
      kind: 'pipl.explanation',
      receivedAt: tokyo10('2026-04-01'),
      orgSettings: { laws: { pipl: { target: { amount: 30, unit: 'calendar_days' } } } },
    });
    expect(d.dueBy).toBe('2026-05-01');
  });

  it('rejects invalid settings', () => {
    expect(() =>
      computeDeadlines({
        law: 'pipl',
        kind: 'pipl.explanation',
        receivedAt: tokyo10('2026-04-01'),
        orgSettings: { laws: { pipl: { target: { amount: -3, unit: 'calendar_days' } } } },
      }),
    ).toThrow();
    expect(() =>
      computeDeadlines({
        law: 'pipl',
        kind: 'pipl.explanation',
        receivedAt: tokyo10('2026-04-01'),
        orgSettings: { timeZone: 'Asia/Nowhere' },
      }),
    ).toThrow(/IANA/);
    expect(() =>
      computeDeadlines({ law: 'lgpd', kind: 'lgpd.access', receivedAt: tokyo10('2026-04-01') }),
    ).toThrow(/No law table "lgpd"/);
  });
});
