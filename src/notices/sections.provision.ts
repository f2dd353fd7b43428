import type { Register } from '../register/register.schema.js';
import { GROUNDS } from './notice.labels.js';
import { fields, joinList, L, type Lang, list, para, type Section, section, tr } from './notice.model.js';

/** APPI Art. 27: provision to third parties, joint use (27(5)(iii)) and the grounds for provision without consent. */
export function provisionSection(register: Register, lang: Lang): Section {
  const items = new Map(register.dataItems.map((i) => [i.key, i]));
  const recipients = register.recipients.map((r) => {
    const ground = r.consent
      ? r.consent === 'prior-consent'
        ? L(lang, 'あらかじめご本人の同意を得て提供します。', 'Provided only with your prior consent.')
        : L(
            lang,
            'オプトアウトにより提供します(ご本人の求めにより停止します)。',
            'Provided on an opt-out basis (we stop on request).',
          )
      : GROUNDS[r.legalGround ?? 'other'][lang];
    const rows: [string, string][] = [
      [
        L(lang, '区分', 'Kind'),
        r.kind === 'joint-use'
          ? L(lang, '共同利用', 'Joint use')
          : L(lang, '第三者提供', 'Provision to a third party'),
      ],
      [
        r.kind === 'joint-use' ? L(lang, '共同利用者の範囲', 'Joint users') : L(lang, '提供先', 'Recipient'),
        tr(r.name, lang),
      ],
      [
        L(lang, '提供先における利用目的', 'Purposes at the recipient'),
        joinList(
          lang,
          r.purposesAtRecipient.map((p) => tr(p, lang)),
        ),
      ],
      [
        L(lang, '提供する項目', 'Items provided'),
        joinList(
          lang,
          r.items.map((k) => tr(items.get(k)?.name, lang) || k),
        ),
      ],
      [L(lang, '提供の方法', 'Method'), tr(r.method, lang)],
      [L(lang, '同意・根拠', 'Consent or ground'), ground],
    ];
    if (r.itemsNote) rows.push([L(lang, '補足', 'Note'), tr(r.itemsNote, lang)]);
    if (r.jointUseManager)
      rows.push([
        L(lang, '管理について責任を有する者', 'Party responsible for joint use'),
        tr(r.jointUseManager, lang),
      ]);
    if (r.note) rows.push([L(lang, '備考', 'Remarks'), tr(r.note, lang)]);
    return section(`recipient-${r.key}`, tr(r.name, lang), [fields(rows)]);
  });
  const blocks = [
    para(
      L(
        lang,
        '当社は、次に掲げる場合を除き、あらかじめご本人の同意を得ないで個人データを第三者に提供しません。',
        'We do not provide personal data to third parties without your prior consent, except in the cases below.',
      ),
    ),
  ];
  if (register.provisionExceptions.length > 0) {
    blocks.push(list(register.provisionExceptions.map((e) => tr(e.text, lang))));
  }
  return section(
    'provision',
    L(lang, '第三者提供及び共同利用', 'Provision to third parties and joint use'),
    blocks,
    recipients,
  );
}
