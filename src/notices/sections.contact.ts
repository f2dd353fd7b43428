import type { Address, Contact } from '../register/common.schema.js';
import type { Desk } from '../register/organisation.schema.js';
import type { Register } from '../register/register.schema.js';
import { country, date } from './notice.labels.js';
import {
  type Block,
  type Cell,
  fields,
  joinList,
  L,
  type Lang,
  list,
  para,
  type Section,
  section,
  tr,
} from './notice.model.js';

/** Japanese addresses lead with 〒 and the postal code; English ones end with it. */
function address(a: Address, lang: Lang): string {
  if (!a.postalCode) return tr(a.text, lang);
  return lang === 'ja' ? `〒${a.postalCode} ${tr(a.text, lang)}` : `${tr(a.text, lang)} ${a.postalCode}`;
}

function contactRows(contact: Contact, lang: Lang): [string, Cell][] {
  const rows: [string, Cell][] = [];
  if (contact.address) {
    rows.push([L(lang, '住所', 'Address'), address(contact.address, lang)]);
  }
  if (contact.phones?.length) rows.push([L(lang, '電話番号', 'Phone'), joinList(lang, contact.phones)]);
  if (contact.email)
    rows.push([L(lang, 'メール', 'Email'), { text: contact.email, href: `mailto:${contact.email}` }]);
  if (contact.formUrl)
    rows.push([
      L(lang, 'お問い合わせフォーム', 'Contact form'),
      { text: contact.formUrl, href: contact.formUrl },
    ]);
  return rows;
}

function deskSection(id: string, title: string, desk: Desk, lang: Lang): Section {
  const rows: [string, Cell][] = [[L(lang, '窓口', 'Desk'), tr(desk.name, lang)]];
  if (desk.department) rows.push([L(lang, '担当部署', 'Department'), tr(desk.department, lang)]);
  if (desk.hours) rows.push([L(lang, '受付時間', 'Hours'), tr(desk.hours, lang)]);
  return section(id, title, [fields([...rows, ...contactRows(desk.contact, lang)])]);
}

/** APPI Art. 32(1)(i): name, address and representative, plus the manager (PPC guidelines, 公表事項). */
export function operatorSection(register: Register, lang: Lang): Section {
  const org = register.organisation;
  const rows: [string, Cell][] = [
    [L(lang, '名称', 'Name'), tr(org.name, lang)],
    [L(lang, '住所', 'Address'), address(org.address, lang)],
    [
      L(lang, '代表者', 'Representative'),
      `${tr(org.representative.title, lang)} ${tr(org.representative.name, lang)}`.trim(),
    ],
  ];
  const manager = org.manager.person;
  rows.push([
    L(lang, '個人情報保護管理者', 'Personal information manager'),
    [tr(manager.title, lang), tr(manager.department, lang), tr(manager.name, lang)]
      .filter(Boolean)
      .join(' / '),
  ]);
  rows.push(...contactRows(org.manager.contact, lang));
  const blocks: Block[] = [fields(rows)];
  if (org.entities.length > 1) {
    blocks.push(para(L(lang, 'この方針は次の各社に適用されます:', 'This notice covers these companies:')));
    blocks.push(list(org.entities.map((e) => `${tr(e.name, lang)} (${country(e.country, lang)})`)));
  }
  return section('operator', L(lang, '個人情報取扱事業者', 'Who we are'), blocks);
}

export function contactSection(register: Register, lang: Lang): Section {
  const org = register.organisation;
  const subsections: Section[] = [];
  const complaint = org.desks.find((d) => d.key === org.complaintDesk);
  if (complaint)
    subsections.push(
      deskSection(
        'desk-complaints',
        L(lang, '苦情及び相談の窓口', 'Complaints and enquiries'),
        complaint,
        lang,
      ),
    );
  if (org.accreditedOrganisation) {
    const acc = org.accreditedOrganisation;
    const s = deskSection(
      'desk-accredited',
      L(lang, '認定個人情報保護団体', 'Accredited personal information protection organisation'),
      acc.desk,
      lang,
    );
    s.blocks.unshift(
      fields([
        [
          L(lang, '名称', 'Name'),
          `${tr(acc.name, lang)}${L(lang, '(当社は対象事業者です)', ' (we are a covered business)')}`,
        ],
      ]),
    );
    subsections.push(s);
  }
  if (org.euRepresentative) {
    const rep = org.euRepresentative;
    const rows: [string, Cell][] = [
      [L(lang, '名称', 'Name'), rep.name],
      [L(lang, '住所', 'Address'), address(rep.address, lang)],
    ];
    if (rep.email) rows.push([L(lang, 'メール', 'Email'), { text: rep.email, href: `mailto:${rep.email}` }]);
    subsections.push(
      section('eu-representative', L(lang, 'EU における代理人', 'Representative in the EU'), [fields(rows)]),
    );
  }
  if (org.certifications.length > 0) {
    subsections.push(
      section('certifications', L(lang, '認証', 'Certifications'), [
        list(
          org.certifications.map((c) =>
            [
              tr(c.name, lang),
              c.standard ? `${L(lang, '適用規格', 'standard')} ${c.standard}` : '',
              `${L(lang, '登録番号', 'registration no.')} ${c.registrationNumber}`,
              `${L(lang, '取得日', 'since')} ${date(c.certifiedOn, lang)}`,
              c.issuer ? `${L(lang, '指定機関', 'issued by')} ${tr(c.issuer, lang)}` : '',
            ]
              .filter(Boolean)
              .join(lang === 'ja' ? '、' : ', '),
          ),
        ),
      ]),
    );
  }
  return section('contact', L(lang, 'お問い合わせ窓口', 'Contact'), [], subsections);
}

export function statementsSection(register: Register, lang: Lang): Section | undefined {
  if (register.statements.length === 0) return undefined;
  return section(
    'statements',
    L(lang, 'その他の取扱い', 'Other matters'),
    [],
    register.statements.map((s) =>
      section(`statement-${s.key}`, tr(s.title, lang), [{ kind: 'paragraph', text: tr(s.body, lang) }]),
    ),
  );
}
