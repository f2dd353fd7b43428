import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './deadlines.rules.js';

// 10:00 in Tokyo on the given day.
const tokyo10 = (date: string) => new Date(`${date}T01:00:00Z`);
const due = (date: string) =>
  computeDeadlines({ law: 'gdpr', kind: 'gdpr.access', receivedAt: tokyo10(date) });

describe('GDPR deadlines (Art. 12(3), Reg. 1182/71 Art. 3)', () => {
  it('one month ends on the same date of the next month', () => {
    expect(due('2026-04-15').dueBy).toBe('2026-05-15');
    expect(due('2026-08-31').dueBy).toBe('2026-09-30');
    expect(due('2026-12-15').dueBy).toBe('2027-01-15');
  });

  it('clamps 31 January to the end of February, in common and leap years', () => {
    expect(due('2028-01-31').dueBy).toBe('2028-02-29');
    expect(due('2028-01-30').dueBy).toBe('2028-02-29');
    // 28 Feb 2026 is a Saturday: the period ends on the next working day (Art. 3(4)).
    expect(due('2026-01-31').dueBy).toBe('2026-03-02');
    // 28 Feb 2027 is a Sunday.
    expect(due('2027-01-29').dueBy).toBe('2027-03-01');
  });

  it('moves a last day on a weekend to Monday', () => {
    expect(due('2026-02-14').dueBy).toBe('2026-03-16');
  });

  it('does not move for Japanese holidays unless the organisation chooses that calendar', () => {
    expect(due('2026-04-04').dueBy).toBe('2026-05-04');
    const jp = computeDeadlines({
      law: 'gdpr',
      kind: 'gdpr.erasure',
      receivedAt: tokyo10('2026-04-04'),
      orgSettings: { laws: { gdpr: { calendar: { base: 'jp' } } } },
    });
    expect(jp.dueBy).toBe('2026-05-07');
  });

  it('counts from the Tokyo day of receipt', () => {
    const d = computeDeadlines({
      law: 'gdpr',
      kind: 'gdpr.access',
      receivedAt: new Date('2026-01-30T15:30:00Z'),
    });
    expect(d.receivedOn).toBe('2026-01-31');
    expect(d.dueBy).toBe('2026-03-02');
  });

  it('extends by two further months from the unmoved end of the first', () => {
    const d = due('2026-01-31');
    expect(d.extendedDueBy).toBe('2026-04-28');
    expect(d.extensionNoticeBy).toBe('2026-03-02');
    expect(d.effectiveDueBy).toBe('2026-03-02');
    // 31 May + 1 month = 30 June; + 2 months = 30 August, a Sunday → 31 August.
    const may = due('2026-05-31');
    expect(may.dueBy).toBe('2026-06-30');
    expect(may.extendedDueBy).toBe('2026-08-31');
  });

  it('applies the extension only when notice was given within the first month', () => {
    const inTime = computeDeadlines({
      law: 'gdpr',
      kind: 'gdpr.access',
      receivedAt: tokyo10('2026-01-31'),
      extension: { noticeSentAt: new Date('2026-03-02T10:00:00Z') },
    });
    expect(inTime.extensionApplied).toBe(true);
    expect(inTime.effectiveDueBy).toBe('2026-04-28');
    const late = computeDeadlines({
      law: 'gdpr',
      kind: 'gdpr.access',
      receivedAt: tokyo10('2026-01-31'),
      extension: { noticeSentAt: new Date('2026-03-03T00:00:00Z') },
    });
    expect(late.extensionApplied).toBe(false);
    expect(late.effectiveDueBy).toBe('2026-03-02');
    expect(late.warnings).toEqual([
      { code: 'extension_notice_late', noticeOn: '2026-03-03', noticeBy: '2026-03-02' },
    ]);
  });

  it('gives consent withdrawal a short internal target rather than the Art. 12(3) month', () => {
    const d = computeDeadlines({
      law: 'gdpr',
      kind: 'gdpr.withdraw_consent',
      receivedAt: tokyo10('2026-04-01'),
    });
    expect(d.dueBasis).toBe('internal_target');
    expect(d.dueBy).toBe('2026-04-08');
    expect(d.extendedDueBy).toBeUndefined();
  });
});
