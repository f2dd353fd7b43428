import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { detectLabelled } from './labelled.js';
import { DASH, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';

/**
 * Bank account numbers: 7 digits in the 全銀協 (Zengin) format, 6 when a leading zero is dropped; ゆうちょ銀行
 * accounts as 記号 (5 digits) - 番号 (up to 8 digits). Only with a label (口座番号, 普通, 当座 …).
 */
const RE = new RegExp(`${NOT_AFTER_DIGIT}(?:[0-9]{5}${DASH}[0-9]{6,8}|[0-9]{6,8})${NOT_BEFORE_DIGIT}`, 'g');

export function detectBankAccounts(doc: NormalizedText): Candidate[] {
  return detectLabelled(doc, 'BANK_ACCOUNT', RE, 0.9, 'account-number shape');
}
