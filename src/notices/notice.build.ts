import type { Register } from '../register/register.schema.js';
import { date } from './notice.labels.js';
import { L, type Lang, type NoticeDocument, para, type Section, tr } from './notice.model.js';
import { annexSections } from './sections.annexes.js';
import { anonymisedSection } from './sections.anonymised.js';
import { contactSection, operatorSection, statementsSection } from './sections.contact.js';
import { processorsSection } from './sections.processors.js';
import { provisionSection } from './sections.provision.js';
import { purposesSection } from './sections.purposes.js';
import { retentionSection } from './sections.retention.js';
import { rightsSection } from './sections.rights.js';
import { safeguardsSection } from './sections.safeguards.js';

/** Builds the privacy notice as a section tree; the wording is Mamori's own, the facts the register's. */
export function buildNotice(register: Register, lang: Lang): NoticeDocument {
  const org = register.organisation;
  const name = tr(org.name, lang);
  const intro = [
    para(
      L(
        lang,
        `${name}(以下「当社」)は、個人情報の保護に関する法律その他の法令を遵守し、取り扱う個人情報について次のとおり公表します。`,
        `${name} ("we") complies with the Act on the Protection of Personal Information and other laws, and publishes the following about the personal information we handle.`,
      ),
    ),
  ];
  const dates = [
    org.policy?.establishedOn
      ? `${L(lang, '制定', 'Established')}: ${date(org.policy.establishedOn, lang)}`
      : '',
    org.policy?.revisedOn
      ? `${L(lang, '最終改定', 'Last revised')}: ${date(org.policy.revisedOn, lang)}`
      : '',
  ].filter(Boolean);
  if (dates.length > 0) intro.push(para(dates.join(' / ')));
  const sections = [
    operatorSection(register, lang),
    purposesSection(register, lang),
    provisionSection(register, lang),
    processorsSection(register, lang),
    retentionSection(register, lang),
    safeguardsSection(register, lang),
    rightsSection(register, lang),
    anonymisedSection(register, lang),
    contactSection(register, lang),
    statementsSection(register, lang),
    ...annexSections(register, lang),
  ].filter((s): s is Section => s !== undefined);
  return {
    lang,
    title: L(lang, `${name} 個人情報の取扱いについて`, `${name} Privacy Notice`),
    intro,
    sections,
  };
}
