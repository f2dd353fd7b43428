import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, processorReview } from '../../web/console/src/lib/reviews.js';

describe('processor review due dates (console dashboard)', () => {
  it('adds months clamped to the month end, leap years included', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-06-15', 0)).toBe('2025-06-15');
  });

  it('never checked is overdue; the cycle defaults to 12 months; 30 days ahead is soon', () => {
    expect(processorReview({ key: 'a' }, '2026-11-23')).toEqual({ key: 'a', dueOn: null, state: 'overdue' });
    const checked = { key: 'b', selectionCheck: { checkedOn: '2025-12-01' } };
    expect(processorReview(checked, '2026-11-23')).toEqual({ key: 'b', dueOn: '2026-12-01', state: 'soon' });
    expect(processorReview(checked, '2026-10-31').state).toBe('ok');
    expect(processorReview(checked, '2026-12-01').state).toBe('overdue');
    expect(processorReview({ ...checked, reviewCycleMonths: 6 }, '2026-11-23').dueOn).toBe('2026-06-01');
  });

  it('a due date is never before the check and moves forward with the cycle (property)', () => {
    const day = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 120 }), (checkedOn, months) => {
        const due = addMonths(checkedOn, months);
        expect(due > checkedOn).toBe(true);
        expect(addMonths(checkedOn, months + 1) > due).toBe(true);
        expect(due.slice(8) <= checkedOn.slice(8)).toBe(true);
      }),
    );
  });
});
