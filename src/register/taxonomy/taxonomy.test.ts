import { describe, expect, it } from 'vitest';
import { CCPA_CATEGORIES, CCPA_CATEGORY_LABELS } from './ccpa.categories.js';
import { FIDESLANG_CATEGORIES } from './fideslang.categories.js';
import { MAMORI_CATEGORIES } from './mamori.categories.js';
import { Taxonomy } from './taxonomy.js';

const taxonomy = new Taxonomy();

describe('taxonomy', () => {
  it('is a superset of the fideslang keys Fides datasets commonly use', () => {
    for (const key of [
      'user.contact.email',
      'user.contact.phone_number',
      'user.contact.address',
      'user.name',
      'user.financial.bank_account',
      'user.government_id.national_identification_number',
      'user.device.cookie_id',
      'user.behavior.browsing_history',
      'user.location',
      'user.health_and_medical',
      'user.demographic.date_of_birth',
      'user.unique_id',
      'system.operations',
    ]) {
      expect(taxonomy.has(key), key).toBe(true);
      expect(taxonomy.get(key)?.source).toBe('fideslang');
    }
  });

  it('gives every category a Japanese and an English label, and a parent that exists', () => {
    const keys = [...FIDESLANG_CATEGORIES, ...MAMORI_CATEGORIES].map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const def of taxonomy.all()) {
      expect(def.name.ja).toMatch(/[ぁ-んァ-ヶ一-龥]/);
      expect(def.name.en.length).toBeGreaterThan(0);
      if (def.parent !== undefined) expect(taxonomy.has(def.parent), def.key).toBe(true);
      if (def.replacedBy !== undefined) expect(taxonomy.has(def.replacedBy), def.key).toBe(true);
    }
  });

  it('classes sensitive, my-number and related information by APPI, inheriting from parents', () => {
    expect(taxonomy.appiClass('user.health.checkup_result')).toBe('sensitive');
    expect(taxonomy.appiClass('user.health_and_medical.genetic')).toBe('sensitive');
    expect(taxonomy.appiClass('user.criminal_history.victim')).toBe('sensitive');
    expect(taxonomy.appiClass('user.demographic.race_ethnicity')).toBe('sensitive');
    expect(taxonomy.appiClass('user.demographic.religious_belief')).toBe('sensitive');
    expect(taxonomy.appiClass('user.demographic.social_status')).toBe('sensitive');
    expect(taxonomy.appiClass('user.health.insurance_beneficiary_id')).toBe('personal');
    expect(taxonomy.appiClass('user.government_id.my_number')).toBe('my-number');
    expect(taxonomy.appiClass('user.government_id.passport_number')).toBe('personal');
    expect(taxonomy.appiClass('user.device.cookie_id')).toBe('related');
    expect(taxonomy.appiClass('user.location.precise')).toBe('related');
    expect(taxonomy.appiClass('user.contact.email')).toBe('personal');
    // Sexual orientation is special under GDPR but not 要配慮 under APPI Art. 2(3).
    expect(taxonomy.appiClass('user.demographic.sexual_orientation')).toBe('personal');
  });

  it('maps categories to CCPA categories, most specific first', () => {
    expect(taxonomy.ccpaCategories('user.contact.email')).toEqual(['identifiers']);
    expect(taxonomy.ccpaCategories('user.contact.phone_number')).toEqual(['customer-records']);
    expect(taxonomy.ccpaCategories('user.authorization.credentials')).toEqual([
      'identifiers',
      'sensitive-pi',
    ]);
    expect(taxonomy.ccpaCategories('user.behavior.access_log')).toEqual(['internet-activity']);
    expect(taxonomy.ccpaCategories('user.professional_information.department')).toEqual(['professional']);
    expect(taxonomy.ccpaCategories('user.location.precise')).toEqual(['geolocation', 'sensitive-pi']);
    expect(taxonomy.ccpaCategories('user.biometrics.fingerprint')).toEqual(['biometric', 'sensitive-pi']);
    expect(taxonomy.ccpaCategories('user.content.call_recording')).toEqual(['sensory']);
    expect(taxonomy.ccpaCategories('user.education')).toEqual(['education']);
    expect(taxonomy.ccpaCategories('user.demographic.profile')).toEqual(['inferences']);
    expect(taxonomy.ccpaCategories('user.demographic.gender')).toEqual(['protected-characteristics']);
    expect(taxonomy.ccpaCategories('user.content.enquiry')).toEqual(['commercial']);
    expect(taxonomy.ccpaCategories('system.operations')).toEqual([]);
    for (const c of CCPA_CATEGORIES) expect(CCPA_CATEGORY_LABELS[c].ja.length).toBeGreaterThan(0);
  });

  it('adds the register’s own categories with their class', () => {
    const custom = new Taxonomy([
      { key: 'user.loyalty_tier', parent: 'user', name: { ja: '会員ランク' } },
      { key: 'user.clinic_notes', parent: 'user.content', name: { ja: '診療メモ' }, appiClass: 'sensitive' },
    ]);
    expect(custom.has('user.loyalty_tier')).toBe(true);
    expect(custom.label('user.loyalty_tier', 'en')).toBe('会員ランク');
    expect(custom.appiClass('user.clinic_notes')).toBe('sensitive');
    expect(custom.isWithin('user.clinic_notes', 'user.content')).toBe(true);
    expect(taxonomy.has('user.loyalty_tier')).toBe(false);
  });

  it('walks lineage and ancestry', () => {
    expect(taxonomy.lineage('user.contact.address.city')).toEqual([
      'user.contact.address.city',
      'user.contact.address',
      'user.contact',
      'user',
    ]);
    expect(taxonomy.isWithin('user.contact.email', 'user')).toBe(true);
    expect(taxonomy.isWithin('user.contact.email', 'user.name')).toBe(false);
    expect(taxonomy.label('user.contact.email', 'ja')).toBe('メールアドレス');
    expect(taxonomy.label('no.such', 'ja')).toBe('no.such');
  });
});
