import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './deadlines.rules.js';
import { getLaw } from './registry.js';

const tokyo10 = (date: string) => new Date(`${date}T01:00:00Z`);

describe('CCPA deadlines (Regs §7021, §7026, §7027)', () => {
  it('confirms within 10 business days and answers on the 45th day counting receipt as day 1', () => {
    const d = computeDeadlines({
      law: 'ccpa',
      kind: 'ccpa.know',
      receivedAt: new Date('2026-03-31T16:00:00Z'),
    });
    expect(d.receivedOn).toBe('2026-04-01');
    expect(d.acknowledgeBy).toBe('2026-04-15');
    expect(d.dueBy).toBe('2026-05-15');
    expect(d.extendedDueBy).toBe('2026-06-29');
    expect(d.extensionNoticeBy).toBe('2026-05-15');
    expect(d.calendarId).toBe('us-federal');
    expect(d.citations.acknowledge?.en).toBe('CCPA Regs §7021(a)');
  });

  it('skips Thanksgiving for business days but not for the calendar-day limit', () => {
    const d = computeDeadlines({ law: 'ccpa', kind: 'ccpa.delete', receivedAt: tokyo10('2026-11-20') });
    expect(d.acknowledgeBy).toBe('2026-12-07');
    // 20 Nov + 44 = 3 Jan 2027, a Sunday: calendar days do not move.
    expect(d.dueBy).toBe('2027-01-03');
    expect(d.extendedDueBy).toBe('2027-02-17');
  });

  it('opt-out: 15 business days with the day of receipt as day 1', () => {
    const d = computeDeadlines({
      law: 'ccpa',
      kind: 'ccpa.opt_out_sale_share',
      receivedAt: tokyo10('2026-04-01'),
    });
    expect(d.dueBy).toBe('2026-04-21');
    expect(d.acknowledgeBy).toBeUndefined();
    expect(d.extendedDueBy).toBeUndefined();
    // Received on Christmas Eve: Christmas and New Year's Day are skipped.
    const xmas = computeDeadlines({
      law: 'ccpa',
      kind: 'ccpa.limit_sensitive',
      receivedAt: tokyo10('2026-12-24'),
    });
    expect(xmas.dueBy).toBe('2027-01-15');
    // Received on a Saturday: the count starts on Monday.
    const sat = computeDeadlines({
      law: 'ccpa',
      kind: 'ccpa.opt_out_sale_share',
      receivedAt: tokyo10('2026-07-04'),
    });
    expect(sat.dueBy).toBe('2026-07-24');
  });

  it('can read the day of receipt in California', () => {
    const d = computeDeadlines({
      law: 'ccpa',
      kind: 'ccpa.correct',
      receivedAt: new Date('2026-03-31T16:00:00Z'),
      orgSettings: { laws: { ccpa: { timeZone: 'America/Los_Angeles' } } },
    });
    expect(d.receivedOn).toBe('2026-03-31');
    expect(d.dueBy).toBe('2026-05-14');
  });

  it('extends to 90 days from receipt only with notice inside the first 45', () => {
    const base = { law: 'ccpa', kind: 'ccpa.know', receivedAt: tokyo10('2026-04-01') } as const;
    const ok = computeDeadlines({ ...base, extension: { noticeSentAt: tokyo10('2026-05-15') } });
    expect(ok.effectiveDueBy).toBe('2026-06-29');
    const late = computeDeadlines({ ...base, extension: { noticeSentAt: tokyo10('2026-05-16') } });
    expect(late.effectiveDueBy).toBe('2026-05-15');
    expect(late.warnings[0]?.code).toBe('extension_notice_late');
    const early = computeDeadlines({ ...base, extension: { noticeSentAt: tokyo10('2026-03-01') } });
    expect(early.warnings[0]?.code).toBe('extension_notice_before_receipt');
  });

  it('rejects a kind that belongs to another law', () => {
    expect(() =>
      computeDeadlines({ law: 'ccpa', kind: 'gdpr.access', receivedAt: tokyo10('2026-04-01') }),
    ).toThrow(/No request kind "gdpr.access" in law "ccpa"/);
  });

  it('carries the eight deletion exceptions of §1798.105(d) and agent rules of §7063', () => {
    const del = getLaw('ccpa').kinds.find((k) => k.id === 'ccpa.delete');
    const exceptions = del?.refusalGrounds.filter((g) => g.citation.en.startsWith('Civ. Code §1798.105(d)'));
    expect(exceptions?.map((g) => g.citation.en)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Civ. Code §1798.105(d)(${n})`),
    );
    expect(del?.verification.agents.find((a) => a.kind === 'authorized_agent')?.citation.en).toBe(
      'CCPA Regs §7063(a)',
    );
    const optOut = getLaw('ccpa').kinds.find((k) => k.id === 'ccpa.opt_out_sale_share');
    expect(optOut?.verification.required).toBe(false);
  });
});
