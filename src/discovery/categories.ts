import type { FindingType } from './finding.schema.js';

/**
 * APPI class of a data item: 特定個人情報 (my-number data, 番号法 Art. 2(8)), 個人関連情報 (related information,
 * APPI Art. 2(7)), ordinary personal information (Art. 2(1); passport, licence and insurance numbers are
 * 個人識別符号 under 施行令 Art. 1), or not personal at all (a corporate number identifies a corporation).
 */
export type AppiClass = 'personal' | 'sensitive' | 'my-number' | 'related' | 'none';

export interface TypeCategory {
  /** fideslang data category key (taxonomy 3.x), compatible with Fides dataset annotations. */
  dataCategory: string | undefined;
  appiClass: AppiClass;
}

export const TYPE_CATEGORIES: Readonly<Record<FindingType, TypeCategory>> = {
  PERSON: { dataCategory: 'user.name', appiClass: 'personal' },
  EMAIL: { dataCategory: 'user.contact.email', appiClass: 'personal' },
  PHONE: { dataCategory: 'user.contact.phone_number', appiClass: 'personal' },
  POSTAL_CODE: { dataCategory: 'user.contact.address.postal_code', appiClass: 'personal' },
  ADDRESS: { dataCategory: 'user.contact.address', appiClass: 'personal' },
  MY_NUMBER: { dataCategory: 'user.government_id.national_identification_number', appiClass: 'my-number' },
  CORPORATE_NUMBER: { dataCategory: undefined, appiClass: 'none' },
  CREDIT_CARD: { dataCategory: 'user.financial.credit_card', appiClass: 'personal' },
  IP_ADDRESS: { dataCategory: 'user.device.ip_address', appiClass: 'related' },
  PASSPORT: { dataCategory: 'user.government_id.passport_number', appiClass: 'personal' },
  BANK_ACCOUNT: { dataCategory: 'user.financial.bank_account', appiClass: 'personal' },
  DRIVER_LICENSE: { dataCategory: 'user.government_id.drivers_license_number', appiClass: 'personal' },
  HEALTH_INSURANCE: { dataCategory: 'user.health.insurance_beneficiary_id', appiClass: 'personal' },
  DATE_OF_BIRTH: { dataCategory: 'user.demographic.date_of_birth', appiClass: 'personal' },
};
