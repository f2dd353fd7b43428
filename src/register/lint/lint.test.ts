import { describe, expect, it } from 'vitest';
import { hasErrors, lintRegister } from '../register.rules.js';
import type { Register } from '../register.schema.js';
import { cleanRegister } from './lint.test-helpers.js';

function codes(register: Register): string[] {
  return lintRegister(register).map((f) => `${f.severity}:${f.code}:${f.entity}:${f.key}`);
}

function withChange(change: (r: Register) => void): Register {
  const r = cleanRegister();
  change(r);
  return r;
}

const sensitiveItem = {
  key: 'health',
  name: { ja: '健康診断の結果' },
  category: 'user.health.checkup_result',
};
const myNumberItem = { key: 'my-number', name: { ja: '個人番号' }, category: 'user.government_id.my_number' };

describe('lintRegister', () => {
  it('finds nothing in a clean register', () => {
    expect(lintRegister(cleanRegister())).toEqual([]);
    expect(hasErrors([])).toBe(false);
  });

  it('every finding carries Japanese and English message and hint', () => {
    const r = withChange((r) => {
      r.purposes[0]!.subjectTypes = [];
      r.processors[0]!.country = undefined;
    });
    const findings = lintRegister(r);
    expect(findings.length).toBeGreaterThan(1);
    for (const f of findings) {
      expect(f.message.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(f.message.en).toMatch(/^[\x20-\x7E]+$/);
      expect(f.hint.ja.length).toBeGreaterThan(0);
      expect(f.hint.en.length).toBeGreaterThan(0);
    }
    expect(hasErrors(findings)).toBe(true);
  });

  it('orders errors before warnings before info', () => {
    const r = withChange((r) => {
      r.dataItems.push({ key: 'old', name: { ja: '旧' }, category: 'user.job_title' });
      r.systems[0]!.items.push('old');
      r.purposes[0]!.subjectTypes = [];
    });
    const severities = lintRegister(r).map((f) => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(new Set(severities)).toEqual(new Set(['error', 'warning', 'info']));
  });
});

describe('sensitive data', () => {
  const base = (
    appi: 'published-purpose' | 'consent' | 'legal-exception' | 'entrusted',
    holding: 'held' | 'entrusted',
  ) =>
    withChange((r) => {
      r.dataItems.push(sensitiveItem);
      r.purposes[0]!.items.push('health');
      r.purposes[0]!.bases.appi = appi;
      r.purposes[0]!.holding = holding;
    });

  it('is an error without a consent basis', () => {
    expect(codes(base('published-purpose', 'held'))).toContain(
      'error:sensitive-without-consent:purposes:support',
    );
    expect(codes(base('entrusted', 'held'))).toContain('error:sensitive-without-consent:purposes:support');
  });

  it('is fine with consent, a legal exception, or when entrusted', () => {
    for (const [appi, holding] of [
      ['consent', 'held'],
      ['legal-exception', 'held'],
      ['published-purpose', 'entrusted'],
    ] as const) {
      expect(codes(base(appi, holding)).filter((c) => c.includes('sensitive'))).toEqual([]);
    }
  });

  it('follows an item-level class override both ways', () => {
    const notes = withChange((r) => {
      r.dataItems.push({
        key: 'notes',
        name: { ja: 'メモ' },
        category: 'user.content.private',
        appiClass: 'sensitive',
      });
      r.purposes[0]!.items.push('notes');
    });
    expect(codes(notes)).toContain('error:sensitive-without-consent:purposes:support');
    const declassified = withChange((r) => {
      r.dataItems.push({ ...sensitiveItem, appiClass: 'personal' });
      r.purposes[0]!.items.push('health');
    });
    expect(codes(declassified)).toEqual([]);
  });

  it('cannot be provided by opt-out', () => {
    const r = withChange((r) => {
      r.dataItems.push(sensitiveItem);
      r.recipients.push({
        key: 'partner',
        kind: 'third-party',
        name: { ja: '提携先' },
        purposesAtRecipient: [{ ja: '案内' }],
        items: ['health'],
        method: { ja: '電子データ' },
        consent: 'opt-out',
      });
    });
    expect(codes(r)).toContain('error:sensitive-opt-out:recipients:partner');
    r.recipients[0]!.consent = 'prior-consent';
    expect(codes(r).filter((c) => c.includes('opt-out'))).toEqual([]);
  });
});

describe('my-number data', () => {
  it('is an error outside the My Number Act Art. 9 uses', () => {
    const r = withChange((r) => {
      r.dataItems.push(myNumberItem);
      r.purposes[0]!.items.push('my-number');
    });
    expect(codes(r)).toContain('error:my-number-outside-legal-use:purposes:support');
    for (const use of ['social-security', 'tax', 'disaster-response'] as const) {
      r.purposes[0]!.myNumberUse = use;
      expect(codes(r).filter((c) => c.includes('my-number'))).toEqual([]);
    }
  });

  it('may be provided only on a statutory ground', () => {
    const r = withChange((r) => {
      r.dataItems.push(myNumberItem);
      r.recipients.push({
        key: 'tax-office',
        kind: 'third-party',
        name: { ja: '税務署' },
        purposesAtRecipient: [{ ja: '源泉徴収' }],
        items: ['my-number'],
        method: { ja: '書面' },
        consent: 'prior-consent',
      });
    });
    expect(codes(r)).toContain('error:my-number-provision:recipients:tax-office');
    r.recipients[0]!.legalGround = 'law';
    expect(codes(r).filter((c) => c.includes('my-number'))).toEqual([]);
  });
});

describe('purposes', () => {
  it('needs a subject type and items', () => {
    const r = withChange((r) => {
      r.purposes[0]!.subjectTypes = [];
      r.purposes[0]!.items = [];
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'error:purpose-without-subject-type:purposes:support',
        'error:purpose-without-items:purposes:support',
      ]),
    );
  });

  it('needs a GDPR basis for held purposes only when a GDPR annex is published', () => {
    const r = withChange((r) => {
      r.annexes.gdpr = { scope: { ja: 'EEA' }, consentWithdrawal: true, transferNotes: [] };
    });
    expect(codes(r)).toEqual(['warning:gdpr-basis-missing:purposes:support']);
    r.purposes[0]!.bases.gdpr = ['contract'];
    expect(codes(r)).toEqual([]);
    r.purposes[0]!.bases.gdpr = [];
    r.purposes[0]!.holding = 'entrusted';
    expect(codes(r)).toEqual([]);
  });
});

describe('processors and hosting', () => {
  it('needs a processor country', () => {
    const r = withChange((r) => {
      r.processors[0]!.country = undefined;
    });
    expect(codes(r)).toEqual(['error:processor-country-missing:processors:mailer']);
  });

  it('needs foreign information for a foreign processor or foreign servers', () => {
    const foreignCountry = withChange((r) => {
      r.processors[0]!.country = 'US';
    });
    expect(codes(foreignCountry)).toEqual(['error:foreign-processor-info-missing:processors:mailer']);
    const foreignServers = withChange((r) => {
      r.processors[0]!.serverCountries = ['JP', 'SG'];
    });
    expect(codes(foreignServers)).toEqual(['error:foreign-processor-info-missing:processors:mailer']);
    const emptyCountries = withChange((r) => {
      r.processors[0]!.country = 'US';
      r.processors[0]!.foreign = { countries: [], measures: { ja: '契約で定める' } };
    });
    expect(codes(emptyCountries)).toEqual(['error:foreign-processor-info-missing:processors:mailer']);
  });

  it('warns when a foreign country has no legal-system reference', () => {
    const r = withChange((r) => {
      r.processors[0]!.country = 'US';
      r.processors[0]!.foreign = {
        countries: [
          { country: 'US', legalSystemUrl: 'https://www.ppc.go.jp/files/pdf/USA_report.pdf' },
          { country: 'CL' },
        ],
        measures: { ja: '契約で定める' },
      };
    });
    expect(codes(r)).toEqual(['warning:foreign-legal-system-missing:processors:mailer']);
  });

  it('needs a country for every hosting location', () => {
    const r = withChange((r) => {
      r.systems[0]!.hosting.push({ provider: 'Somewhere' });
    });
    expect(codes(r)).toEqual(['error:hosting-country-missing:systems:crm']);
  });
});

describe('recipients', () => {
  const recipient = {
    key: 'cohost',
    kind: 'third-party' as const,
    name: { ja: '共催企業' },
    purposesAtRecipient: [{ ja: '案内' }],
    items: ['name'],
    method: { ja: '書面又はデータ' },
  };

  it('needs a consent requirement or a legal ground', () => {
    expect(codes(withChange((r) => void r.recipients.push(recipient)))).toEqual([
      'error:recipient-without-ground:recipients:cohost',
    ]);
    expect(
      codes(withChange((r) => void r.recipients.push({ ...recipient, consent: 'prior-consent' }))),
    ).toEqual([]);
    expect(
      codes(withChange((r) => void r.recipients.push({ ...recipient, legalGround: 'joint-use' }))),
    ).toEqual([]);
  });
});

describe('coverage', () => {
  it('warns about an item stored in a system that no purpose covers', () => {
    const r = withChange((r) => {
      r.dataItems.push({ key: 'phone', name: { ja: '電話番号' }, category: 'user.contact.phone_number' });
      r.systems[0]!.items.push('phone');
    });
    expect(codes(r)).toEqual(['warning:item-without-purpose:systems:crm']);
  });

  it('warns about categories of a subject type no retention rule covers', () => {
    const r = withChange((r) => {
      r.retentionRules[0]!.categories = ['user.contact'];
    });
    const findings = lintRegister(r);
    expect(findings.map((f) => f.code)).toEqual(['retention-missing']);
    expect(findings[0]?.key).toBe('customers');
    expect(findings[0]?.message.en).toContain('user.name');
    expect(findings[0]?.message.en).not.toContain('user.contact.email');
  });

  it('matches retention rules by subject type', () => {
    const r = withChange((r) => {
      r.retentionRules[0]!.subjectTypes = ['employees'];
      r.subjectTypes.push({ key: 'employees', name: { ja: '従業員' } });
    });
    expect(codes(r)).toEqual(['warning:retention-missing:subjectTypes:customers']);
  });
});

describe('categories', () => {
  it('reports unknown categories of items, retention rules, custom parents and dataset fields', () => {
    const r = withChange((r) => {
      r.dataItems[0]!.category = 'user.nickname';
      r.retentionRules[0]!.categories.push('user.imaginary');
      r.customCategories.push({ key: 'user.x', parent: 'nowhere', name: { ja: 'X' } });
      r.datasets[0]!.collections[0]!.fields[2]!.fields![0]!.data_categories = ['user.made_up'];
      r.datasets[0]!.data_categories = ['bogus'];
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'error:unknown-category:dataItems:name',
        'error:unknown-category:retentionRules:five-years',
        'error:unknown-category:customCategories:user.x',
        'error:dataset-unknown-category:datasets:crm_db:customers.contract.ended_at',
        'error:dataset-unknown-category:datasets:crm_db',
      ]),
    );
  });

  it('accepts custom categories declared in the register', () => {
    const r = withChange((r) => {
      r.customCategories.push({ key: 'user.loyalty_tier', parent: 'user', name: { ja: '会員ランク' } });
      r.datasets[0]!.collections[0]!.fields[0]!.data_categories = ['user.loyalty_tier'];
    });
    expect(codes(r)).toEqual([]);
  });

  it('notes deprecated fideslang categories', () => {
    const r = withChange((r) => {
      r.datasets[0]!.collections[0]!.fields[0]!.data_categories = ['user.unique_id.pseudonymous'];
    });
    expect(codes(r)).toEqual(['info:category-deprecated:datasets:crm_db:customers.id']);
  });
});

describe('dataset meta fields', () => {
  it('reports retention trigger fields and restriction flags missing from the collection', () => {
    const r = withChange((r) => {
      r.datasets[0]!.collections[0]!.mamori_meta = {
        retention_trigger_fields: { 'contract-end': 'contract.ended_at', 'last-contact': 'last_seen' },
        restriction_flag_field: 'restricted',
      };
    });
    expect(codes(r)).toEqual([
      'error:dataset-meta-field-missing:datasets:crm_db:customers',
      'error:dataset-meta-field-missing:datasets:crm_db:customers',
    ]);
    expect(lintRegister(r).map((f) => f.message.en)).toEqual([
      'mamori_meta.retention_trigger_fields.last-contact names "last_seen", which is not a field of the collection.',
      'mamori_meta.restriction_flag_field names "restricted", which is not a field of the collection.',
    ]);
  });
});

describe('references and keys', () => {
  it('reports every dangling reference', () => {
    const r = withChange((r) => {
      r.organisation.complaintDesk = 'nowhere';
      r.rights.desk = 'nowhere';
      r.purposes[0]!.subjectTypes.push('ghosts');
      r.purposes[0]!.items.push('aura');
      r.purposes[0]!.entities = ['acme-cn'];
      r.systems[0]!.processor = 'unknown-vendor';
      r.systems[0]!.datasets.push('missing_db');
      r.processors[0]!.purposes = ['nope'];
      r.retentionRules[0]!.subjectTypes = ['nobody'];
    });
    expect(codes(r).filter((c) => c.includes('unknown-reference'))).toEqual([
      'error:unknown-reference:organisation:acme',
      'error:unknown-reference:rights:rights',
      'error:unknown-reference:purposes:support',
      'error:unknown-reference:purposes:support',
      'error:unknown-reference:purposes:support',
      'error:unknown-reference:systems:crm',
      'error:unknown-reference:systems:crm',
      'error:unknown-reference:processors:mailer',
      'error:unknown-reference:retentionRules:five-years',
    ]);
  });

  it('reports duplicate keys', () => {
    const r = withChange((r) => {
      r.dataItems.push({ key: 'email', name: { ja: '別のメール' }, category: 'user.contact.email' });
    });
    expect(codes(r)).toEqual(['error:duplicate-key:dataItems:email']);
  });
});

describe('fees', () => {
  it('allows fees only for purpose notification and disclosure (APPI Art. 38)', () => {
    const r = withChange((r) => {
      r.rights.fees[0]!.appliesTo = ['disclose', 'disclose-provision-records', 'correct', 'erase'];
    });
    expect(codes(r)).toEqual(['error:fee-not-allowed:rights:rights', 'error:fee-not-allowed:rights:rights']);
  });
});
