import type { AppiClass } from '../subjects.schema.js';

/**
 * APPI class of a category; a key not listed inherits from its nearest listed ancestor, and anything
 * unlisted is plain personal information.
 * - sensitive (要配慮個人情報): Art. 2(3) and Cabinet Order Art. 2 — race, creed, social status, medical
 *   history, criminal record, crime victimhood, disability, health check-up results, criminal proceedings.
 * - my-number (特定個人情報): My Number Act Art. 2(8).
 * - related (個人関連情報): Art. 2(7) — cookies, device identifiers, browsing and location history that
 *   identify no one alone.
 */
export const APPI_CLASS_BY_CATEGORY: Readonly<Record<string, AppiClass>> = {
  'user.demographic.race_ethnicity': 'sensitive',
  'user.demographic.religious_belief': 'sensitive',
  'user.demographic.philosophical_belief': 'sensitive',
  'user.demographic.political_opinion': 'sensitive',
  'user.demographic.social_status': 'sensitive',
  'user.health': 'sensitive',
  'user.health_and_medical': 'sensitive',
  // Insurance and record numbers are identifiers (個人識別符号), not facts about health.
  'user.health.insurance_beneficiary_id': 'personal',
  'user.health.record_id': 'personal',
  'user.health_and_medical.insurance_beneficiary_id': 'personal',
  'user.health_and_medical.record_id': 'personal',
  'user.criminal_history': 'sensitive',
  'user.government_id.my_number': 'my-number',
  'user.device': 'related',
  'user.behavior.browsing_history': 'related',
  'user.behavior.search_history': 'related',
  'user.behavior.access_log': 'related',
  'user.location': 'related',
  'user.unique_id.probablistic': 'related',
};
