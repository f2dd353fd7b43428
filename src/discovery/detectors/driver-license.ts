import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { detectLabelled } from './labelled.js';
import { DASH, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';

/**
 * Driver's licence numbers (運転免許証番号): 12 digits printed as 第 NNNNNNNNNNNN 号 (道路交通法施行規則 別記様式第十四).
 * The 11th digit is a check digit by an unpublished rule, so only a licence label makes a 12-digit run one.
 */
const RE = new RegExp(`${NOT_AFTER_DIGIT}[0-9]{4}(${DASH}| |)[0-9]{4}\\1[0-9]{4}${NOT_BEFORE_DIGIT}`, 'g');

export function detectDriverLicenses(doc: NormalizedText): Candidate[] {
  return detectLabelled(doc, 'DRIVER_LICENSE', RE, 0.95, '12 digits');
}
