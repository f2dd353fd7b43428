import { describe, expect, it } from 'vitest';
import { assessIncident, type IncidentAssessment } from './incidents.rules.js';
import type { IncidentFactsInput } from './laws.schema.js';

// 01:00 JST on 1 April 2026.
const discoveredAt = new Date('2026-03-31T16:00:00Z');

function forLaw(facts: Partial<IncidentFactsInput>, law: string): IncidentAssessment {
  const all = assessIncident({ discoveredAt, affected: { total: 0 }, ...facts });
  const found = all.find((a) => a.law === law);
  if (!found) throw new Error(`no assessment for ${law}`);
  return found;
}

describe('APPI incident reports (Art. 26, PPC Rules Arts. 7–10)', () => {
  it('reports over 1,000 persons, not exactly 1,000', () => {
    expect(forLaw({ affected: { total: 1000 } }, 'appi').reportable).toBe(false);
    const over = forLaw({ affected: { total: 1001 } }, 'appi');
    expect(over.reportable).toBe(true);
    expect(over.grounds.map((g) => g.id)).toEqual(['appi.incident.over_1000']);
  });

  it('reports a single person for sensitive data, financial harm or a wrongful purpose', () => {
    for (const flag of ['sensitive', 'financialHarmRisk', 'wrongfulPurpose'] as const) {
      const a = forLaw({ affected: { total: 1 }, [flag]: true }, 'appi');
      expect(a.reportable, flag).toBe(true);
      expect(a.individuals.required, flag).toBe(true);
    }
  });

  it('gives a preliminary target and a final report within 30 days, day of discovery = day 1', () => {
    const a = forLaw({ affected: { total: 1 }, sensitive: true }, 'appi');
    const [preliminary, final] = a.reports;
    expect(preliminary?.id).toBe('appi.report.preliminary');
    expect(preliminary?.withoutDelay).toBe(true);
    expect(preliminary?.targetBy).toBe('2026-04-03');
    expect(final?.dueBy).toBe('2026-04-30');
    expect(final?.dueAt?.toISOString()).toBe('2026-04-30T15:00:00.000Z');
  });

  it('allows 60 days when a wrongful purpose is involved', () => {
    const a = forLaw({ affected: { total: 5 }, wrongfulPurpose: true, sensitive: true }, 'appi');
    expect(a.reports.find((r) => r.id === 'appi.report.final')?.dueBy).toBe('2026-05-30');
  });

  it('exempts strongly encrypted data and an entrustee that told the entrusting business', () => {
    const enc = forLaw({ affected: { total: 5000 }, sensitive: true, encryption: 'strong_key_safe' }, 'appi');
    expect(enc.reportable).toBe(false);
    expect(enc.exemptions.map((e) => e.id)).toEqual(['appi.incident.strong_encryption']);
    expect(enc.reports).toEqual([]);
    expect(enc.individuals.required).toBe(false);
    const keyTaken = forLaw({ affected: { total: 5000 }, encryption: 'key_compromised' }, 'appi');
    expect(keyTaken.reportable).toBe(true);
    const entrusted = forLaw(
      { affected: { total: 5 }, sensitive: true, entrustedAndPrincipalNotified: true },
      'appi',
    );
    expect(entrusted.reportable).toBe(false);
  });

  it('offers public announcement when notifying persons is difficult', () => {
    const a = forLaw({ affected: { total: 2000 }, individualNoticeImpracticable: true }, 'appi');
    expect(a.individuals.required).toBe(true);
    expect(a.individuals.alternative?.en).toMatch(/publishing the facts/);
  });

  it('is out of scope when nobody is affected', () => {
    const a = forLaw({ affected: { total: 0 }, sensitive: true }, 'appi');
    expect(a.inScope).toBe(false);
    expect(a.reportable).toBe(false);
  });
});

describe('GDPR breach notification (Arts. 33–34)', () => {
  it('notifies the authority within 72 hours of awareness unless no risk is likely', () => {
    const a = forLaw({ affected: { total: 10, byLaw: { gdpr: 3 } } }, 'gdpr');
    expect(a.affected).toBe(3);
    expect(a.reportable).toBe(true);
    expect(a.reports[0]?.dueAt?.toISOString()).toBe('2026-04-03T16:00:00.000Z');
    expect(a.reports[0]?.dueBy).toBe('2026-04-04');
    expect(a.individuals.required).toBe(false);
    expect(
      forLaw({ affected: { total: 10, byLaw: { gdpr: 3 } }, riskToIndividuals: 'unlikely' }, 'gdpr')
        .reportable,
    ).toBe(false);
  });

  it('tells the persons when the risk is high, unless Art. 34(3) applies', () => {
    const base = { affected: { total: 10, byLaw: { gdpr: 3 } }, riskToIndividuals: 'high' as const };
    expect(forLaw(base, 'gdpr').individuals.required).toBe(true);
    const encrypted = forLaw({ ...base, encryption: 'strong_key_safe' }, 'gdpr');
    expect(encrypted.reportable).toBe(true);
    expect(encrypted.individuals.required).toBe(false);
    expect(encrypted.individuals.exemptions.map((e) => e.citation.en)).toEqual(['GDPR Art. 34(3)(a)']);
    expect(forLaw({ ...base, harmAvoidedByMeasures: true }, 'gdpr').individuals.required).toBe(false);
    expect(
      forLaw({ ...base, individualNoticeImpracticable: true }, 'gdpr').individuals.alternative?.en,
    ).toMatch(/public communication/);
  });

  it('is out of scope without EEA persons', () => {
    expect(forLaw({ affected: { total: 10 }, riskToIndividuals: 'high' }, 'gdpr').inScope).toBe(false);
  });
});

describe('California breach notice (Civ. Code §1798.82)', () => {
  it('needs covered data elements, unencrypted or with the key taken', () => {
    expect(forLaw({ affected: { total: 10, byLaw: { ccpa: 10 } } }, 'ccpa').reportable).toBe(false);
    const covered = forLaw(
      { affected: { total: 10, byLaw: { ccpa: 10 } }, californiaCoveredElements: true },
      'ccpa',
    );
    expect(covered.reportable).toBe(true);
    expect(covered.individuals.required).toBe(true);
    expect(covered.individuals.withoutDelay).toBe(true);
    expect(covered.reports).toEqual([]);
    expect(
      forLaw(
        {
          affected: { total: 10, byLaw: { ccpa: 10 } },
          californiaCoveredElements: true,
          encryption: 'strong_key_safe',
        },
        'ccpa',
      ).reportable,
    ).toBe(false);
  });

  it('sends a sample to the Attorney General above 500 residents', () => {
    const at500 = forLaw(
      { affected: { total: 500, byLaw: { ccpa: 500 } }, californiaCoveredElements: true },
      'ccpa',
    );
    expect(at500.reports).toEqual([]);
    const at501 = forLaw(
      { affected: { total: 501, byLaw: { ccpa: 501 } }, californiaCoveredElements: true },
      'ccpa',
    );
    expect(at501.reports.map((r) => r.id)).toEqual(['ccpa.report.attorney_general']);
  });
});

describe('PIPL incident notice (Art. 57)', () => {
  it('notifies the authority and persons at once for any leak in scope', () => {
    const a = forLaw({ affected: { total: 1, byLaw: { pipl: 1 } } }, 'pipl');
    expect(a.reportable).toBe(true);
    expect(a.reports[0]?.withoutDelay).toBe(true);
    expect(a.individuals.required).toBe(true);
    expect(
      forLaw({ affected: { total: 1, byLaw: { pipl: 1 } }, harmAvoidedByMeasures: true }, 'pipl').individuals
        .required,
    ).toBe(false);
  });
});

describe('assessIncident', () => {
  it('assesses only the laws the organisation is subject to', () => {
    const all = assessIncident({ discoveredAt, affected: { total: 2000 } }, { enabledLaws: ['appi'] });
    expect(all.map((a) => a.law)).toEqual(['appi']);
  });

  it('rejects invalid facts', () => {
    expect(() => assessIncident({ discoveredAt, affected: { total: -1 } })).toThrow();
  });
});
