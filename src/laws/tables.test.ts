import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import type { Citation, IncidentCondition, Localized } from './law.js';
import { getKind, kindsFor, LAWS } from './registry.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function expectLocalized(value: Localized, where: string): void {
  expect(value.en.trim(), `${where} (en)`).not.toBe('');
  expect(value.ja.trim(), `${where} (ja)`).not.toBe('');
  expect(value.ja, `${where} (ja is Japanese)`).toMatch(JAPANESE);
}

function expectCitation(citation: Citation, where: string): void {
  expect(citation.en.trim(), `${where} citation (en)`).not.toBe('');
  expect(citation.ja.trim(), `${where} citation (ja)`).not.toBe('');
  if (citation.verify !== undefined) expect(citation.verify.trim(), `${where} verify note`).not.toBe('');
}

const conditionsOf = (law: (typeof LAWS)[number]): IncidentCondition[] => [
  ...law.incidents.triggers,
  ...law.incidents.exemptions,
  ...law.incidents.reports.flatMap((r) => [
    ...(r.onlyIf ? [r.onlyIf] : []),
    ...(r.dueIf ?? []).map((v) => v.condition),
  ]),
  ...law.incidents.individuals.exemptions,
  ...(law.incidents.individuals.requiredIf ? [law.incidents.individuals.requiredIf] : []),
  ...(law.incidents.individuals.alternative ? [law.incidents.individuals.alternative.condition] : []),
];

describe('law table integrity', () => {
  it('registers each law once, with the kinds the rights-request issue relies on', () => {
    expect(LAWS.map((l) => l.id)).toEqual(['appi', 'gdpr', 'ccpa', 'pipl']);
    expect(Object.fromEntries(LAWS.map((l) => [l.id, l.kinds.map((k) => k.id)]))).toEqual({
      appi: [
        'appi.purpose_notice',
        'appi.disclosure',
        'appi.provision_records',
        'appi.correction',
        'appi.stop_use',
        'appi.stop_provision',
      ],
      gdpr: [
        'gdpr.access',
        'gdpr.rectification',
        'gdpr.erasure',
        'gdpr.restriction',
        'gdpr.portability',
        'gdpr.objection',
        'gdpr.withdraw_consent',
      ],
      ccpa: ['ccpa.know', 'ccpa.delete', 'ccpa.correct', 'ccpa.opt_out_sale_share', 'ccpa.limit_sensitive'],
      pipl: [
        'pipl.access_copy',
        'pipl.portability',
        'pipl.correction',
        'pipl.deletion',
        'pipl.explanation',
        'pipl.withdraw_consent',
      ],
    });
  });

  it('has unique kind ids prefixed by their law', () => {
    const all = LAWS.flatMap((l) => l.kinds.map((k) => k.id));
    expect(new Set(all).size).toBe(all.length);
    for (const law of LAWS) for (const k of law.kinds) expect(k.id.startsWith(`${law.id}.`), k.id).toBe(true);
  });

  it('names every law, kind, ground and duty in Japanese and English, each with a citation', () => {
    for (const law of LAWS) {
      expectLocalized(law.name, law.id);
      expectLocalized(law.calendar.why, `${law.id} calendar`);
      expectCitation(law.citation, law.id);
      expectCitation(law.applicability.citation, `${law.id} applicability`);
      for (const k of law.kinds) {
        expectLocalized(k.name, k.id);
        expectCitation(k.citation, k.id);
        expectLocalized(k.deadline.wording, `${k.id} deadline`);
        expectCitation(k.deadline.citation, `${k.id} deadline`);
        for (const part of [k.deadline.acknowledge, k.deadline.extension, k.deadline.suit]) {
          if (part) {
            expectLocalized(part.wording, `${k.id} deadline part`);
            expectCitation(part.citation, `${k.id} deadline part`);
          }
        }
        expectLocalized(k.fee.condition, `${k.id} fee`);
        expectCitation(k.fee.citation, `${k.id} fee`);
        expectLocalized(k.verification.standard, `${k.id} verification`);
        expectCitation(k.verification.citation, `${k.id} verification`);
        for (const a of k.verification.agents) {
          expectLocalized(a.evidence, `${k.id} agent ${a.kind}`);
          expectCitation(a.citation, `${k.id} agent ${a.kind}`);
        }
        for (const g of [...k.refusalGrounds, ...k.duties]) {
          expectLocalized(g.text, g.id);
          expectCitation(g.citation, g.id);
        }
        expect(k.aspects.length, `${k.id} aspects`).toBeGreaterThan(0);
      }
    }
  });

  it('gives every kind a limit to count: a statutory period or an internal target', () => {
    for (const law of LAWS) {
      for (const k of law.kinds) expect(k.deadline.statutory ?? k.deadline.target, k.id).toBeDefined();
    }
  });

  it('keeps refusal-ground ids unique within a kind and prefixed by it', () => {
    for (const law of LAWS) {
      for (const k of law.kinds) {
        const ids = k.refusalGrounds.map((g) => g.id);
        expect(new Set(ids).size, k.id).toBe(ids.length);
        for (const id of ids) expect(id.startsWith(`${k.id}.`), id).toBe(true);
      }
    }
  });

  it('cites every incident rule and prefixes its ids with the law', () => {
    for (const law of LAWS) {
      expectCitation(law.incidents.citation, `${law.id} incidents`);
      expectLocalized(law.incidents.authority, `${law.id} authority`);
      expect(law.incidents.triggers.length, `${law.id} triggers`).toBeGreaterThan(0);
      for (const c of conditionsOf(law)) {
        expect(c.id.startsWith(`${law.id}.`), c.id).toBe(true);
        expectLocalized(c.text, c.id);
        expectCitation(c.citation, c.id);
      }
      for (const r of law.incidents.reports) {
        expectLocalized(r.name, r.id);
        expectCitation(r.citation, r.id);
      }
      expectCitation(law.incidents.individuals.citation, `${law.id} individuals`);
    }
  });

  it('has a buildable default calendar and a residence rule per law', () => {
    for (const law of LAWS) {
      if (law.calendar.default !== 'organisation')
        expect(buildCalendar(law.calendar.default).id).toBe(law.calendar.default.base);
      expect(law.applicability.always || law.applicability.residences.length > 0, law.id).toBe(true);
      for (const r of law.applicability.residences) expect(r.country).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('maps cross-law aspects to kinds', () => {
    expect(kindsFor('appi', 'access').map((k) => k.id)).toEqual(['appi.disclosure']);
    expect(kindsFor('gdpr', 'erasure').map((k) => k.id)).toEqual(['gdpr.erasure']);
    expect(kindsFor('appi', 'erasure').map((k) => k.id)).toEqual(['appi.stop_use']);
    expect(kindsFor('ccpa', 'portability').map((k) => k.id)).toEqual(['ccpa.know']);
    expect(getKind('pipl.deletion').law.id).toBe('pipl');
    expect(() => getKind('pipl.nothing')).toThrow(/No request kind/);
  });
});
