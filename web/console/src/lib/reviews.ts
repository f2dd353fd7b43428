/**
 * When a processor (委託先) is due for its periodic review. APPI Art. 25 makes the business supervise its
 * processors; the PPC guidelines (通則編 3-4-4) expect the selection check to be repeated periodically. A
 * processor's own `reviewCycleMonths` sets the period; without one, 12 months is assumed (a yearly check is
 * the common practice the guidelines' examples follow). Never checked means due now.
 */
export const DEFAULT_REVIEW_MONTHS = 12;
export const SOON_DAYS = 30;

export interface ProcessorReview {
  key: string;
  dueOn: string | null;
  state: 'overdue' | 'soon' | 'ok';
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (2024-01-31 + 1 month → 2024-02-29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function processorReview(
  processor: { key: string; selectionCheck?: { checkedOn?: string }; reviewCycleMonths?: number },
  today: string,
): ProcessorReview {
  const checkedOn = processor.selectionCheck?.checkedOn;
  if (!checkedOn) return { key: processor.key, dueOn: null, state: 'overdue' };
  const dueOn = addMonths(checkedOn, processor.reviewCycleMonths ?? DEFAULT_REVIEW_MONTHS);
  const state = dueOn <= today ? 'overdue' : dueOn <= addDays(today, SOON_DAYS) ? 'soon' : 'ok';
  return { key: processor.key, dueOn, state };
}
