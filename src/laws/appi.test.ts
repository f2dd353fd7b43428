import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './deadlines.rules.js';
import { HolidayCoverageError } from './holidays-jp.js';
import { getLaw } from './registry.js';

const at = (iso: string) => new Date(iso);

describe('APPI deadlines (遅滞なく + Art. 39)', () => {
  it('dates receipt in Tokyo: 2026-03-31T16:00Z is 1 April', () => {
    const d = computeDeadlines({
      law: 'appi',
      kind: 'appi.disclosure',
      receivedAt: at('2026-03-31T16:00:00Z'),
    });
    expect(d.receivedOn).toBe('2026-04-01');
    expect(d.timeZone).toBe('Asia/Tokyo');
    expect(d.dueBy).toBe('2026-04-15');
    expect(d.dueBasis).toBe('internal_target');
    expect(d.suitPossibleFrom).toBe('2026-04-16');
    expect(d.acknowledgeBy).toBeUndefined();
    expect(d.extendedDueBy).toBeUndefined();
    expect(d.citations.suit?.en).toBe('APPI Art. 39(1)–(2)');
    expect(d.warnings).toEqual([]);
  });

  it('one millisecond before Tokyo midnight is still the previous day', () => {
    const d = computeDeadlines({
      law: 'appi',
      kind: 'appi.correction',
      receivedAt: at('2026-03-31T14:59:59.999Z'),
    });
    expect(d.receivedOn).toBe('2026-03-31');
    expect(d.dueBy).toBe('2026-04-14');
    expect(d.suitPossibleFrom).toBe('2026-04-15');
  });

  it('moves a target that falls in Golden Week back to the last working day', () => {
    // 20 April + 14 = 4 May (みどりの日); 2 and 3 May are a weekend and a holiday.
    const d = computeDeadlines({
      law: 'appi',
      kind: 'appi.stop_use',
      receivedAt: at('2026-04-20T01:00:00Z'),
    });
    expect(d.dueBy).toBe('2026-05-01');
    // The suit point is fixed by the Civil Code count and does not move for holidays.
    expect(d.suitPossibleFrom).toBe('2026-05-05');
  });

  it("respects the organisation's year-end closing", () => {
    const receivedAt = at('2026-12-20T01:00:00Z');
    const open = computeDeadlines({ law: 'appi', kind: 'appi.disclosure', receivedAt });
    expect(open.dueBy).toBe('2026-12-31');
    const closing = computeDeadlines({
      law: 'appi',
      kind: 'appi.disclosure',
      receivedAt,
      orgSettings: { calendar: { base: 'jp', yearEndClosing: true } },
    });
    expect(closing.dueBy).toBe('2026-12-28');
    expect(closing.calendarId).toBe('jp:year-end');
  });

  it('takes an organisation target in business days across Golden Week', () => {
    const d = computeDeadlines({
      law: 'appi',
      kind: 'appi.provision_records',
      receivedAt: at('2026-04-27T00:30:00Z'),
      orgSettings: { laws: { appi: { target: { amount: 10, unit: 'business_days' } } } },
    });
    expect(d.dueBy).toBe('2026-05-15');
    expect(d.warnings).toEqual([
      { code: 'target_after_suit_point', dueBy: '2026-05-15', suitPossibleFrom: '2026-05-12' },
    ]);
  });

  it('warns when asked to extend: the Act has no extension', () => {
    const d = computeDeadlines({
      law: 'appi',
      kind: 'appi.disclosure',
      receivedAt: at('2026-04-01T01:00:00Z'),
      extension: { noticeSentAt: at('2026-04-05T01:00:00Z') },
    });
    expect(d.extensionApplied).toBe(false);
    expect(d.effectiveDueBy).toBe(d.dueBy);
    expect(d.warnings).toEqual([{ code: 'extension_not_available' }]);
  });

  it('fails loudly when the target runs past the holiday data', () => {
    expect(() =>
      computeDeadlines({ law: 'appi', kind: 'appi.disclosure', receivedAt: at('2050-12-25T01:00:00Z') }),
    ).toThrow(HolidayCoverageError);
  });

  it('allows fees only for notice of purpose and disclosure (Art. 38)', () => {
    const fees = Object.fromEntries(getLaw('appi').kinds.map((k) => [k.id, k.fee.mayCharge]));
    expect(fees).toEqual({
      'appi.purpose_notice': 'yes',
      'appi.disclosure': 'yes',
      'appi.provision_records': 'yes',
      'appi.correction': 'no',
      'appi.stop_use': 'no',
      'appi.stop_provision': 'no',
    });
  });

  it('lists the three Art. 33(2) refusal grounds for disclosure', () => {
    const disclosure = getLaw('appi').kinds.find((k) => k.id === 'appi.disclosure');
    const statutory = disclosure?.refusalGrounds.filter((g) => g.citation.en.startsWith('APPI Art. 33(2)'));
    expect(statutory?.map((g) => g.citation.en)).toEqual([
      'APPI Art. 33(2)(i)',
      'APPI Art. 33(2)(ii)',
      'APPI Art. 33(2)(iii)',
    ]);
    expect(disclosure?.verification.agents.map((a) => a.kind)).toEqual(['parent', 'guardian', 'proxy']);
  });
});

describe('APPI Art. 39 scope', () => {
  it('gives no suit point for a notice of purpose, which is a 求め rather than a 請求', () => {
    const d = computeDeadlines({
      law: 'appi',
      kind: 'appi.purpose_notice',
      receivedAt: new Date('2026-04-01T01:00:00Z'),
    });
    expect(d.dueBy).toBe('2026-04-15');
    expect(d.suitPossibleFrom).toBeUndefined();
    for (const kind of [
      'appi.disclosure',
      'appi.provision_records',
      'appi.correction',
      'appi.stop_use',
      'appi.stop_provision',
    ]) {
      const k = computeDeadlines({ law: 'appi', kind, receivedAt: new Date('2026-04-01T01:00:00Z') });
      expect(k.suitPossibleFrom, kind).toBe('2026-04-16');
    }
  });
});
