import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { detectLabelled } from './labelled.js';
import { NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';

/**
 * Health-insurance numbers: 保険者番号 of 8 digits (法別番号 2 + 都道府県番号 2 + 保険者別番号 3 + 検証番号 1;
 * 6 digits for 国民健康保険, 健康保険法施行規則 and 国民健康保険法施行規則) and the 被保険者記号・番号 on the card.
 * The verification digit is not applied uniformly by all insurers, so only the label decides.
 */
const RE = new RegExp(`${NOT_AFTER_DIGIT}[0-9]{6,8}${NOT_BEFORE_DIGIT}`, 'g');

export function detectHealthInsurance(doc: NormalizedText): Candidate[] {
  return detectLabelled(doc, 'HEALTH_INSURANCE', RE, 0.9, 'insurer/insured number shape');
}
