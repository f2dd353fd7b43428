import type { Register } from '../register/register.schema.js';
import { AGENT_KINDS, CHANNELS, REPLY_METHODS, REQUEST_KINDS, yen } from './notice.labels.js';
import { fields, joinList, L, type Lang, list, para, type Section, section, tr } from './notice.model.js';

/** APPI Art. 32–39 and Cabinet Order Art. 12–13: how requests are made, identity, agents, fees, refusal. */
export function rightsSection(register: Register, lang: Lang): Section {
  const rights = register.rights;
  const desk = register.organisation.desks.find((d) => d.key === rights.desk);
  const kinds = joinList(
    lang,
    rights.requestKinds.map((k) => REQUEST_KINDS[k][lang]),
  );
  const blocks = [
    para(
      L(
        lang,
        `当社の保有個人データについて、ご本人又はその代理人は、${kinds}を請求することができます。`,
        `You or your agent may request ${kinds} of the held personal data we keep about you.`,
      ),
    ),
    fields([
      [L(lang, '受付窓口', 'Desk'), tr(desk?.name, lang) || rights.desk],
      [
        L(lang, '受付方法', 'How to apply'),
        joinList(
          lang,
          rights.channels.map((c) => CHANNELS[c][lang]),
        ),
      ],
      [
        L(lang, '回答方法', 'How we answer'),
        joinList(
          lang,
          rights.replyMethods.map((m) => REPLY_METHODS[m][lang]),
        ),
      ],
    ]),
  ];
  if (rights.steps.length > 0)
    blocks.push(
      list(
        rights.steps.map((s) => tr(s, lang)),
        true,
      ),
    );
  if (rights.form) {
    blocks.push(
      para(
        rights.form.url
          ? [
              { text: L(lang, '申請書: ', 'Form: ') },
              { text: tr(rights.form.name, lang), href: rights.form.url },
            ]
          : `${L(lang, '申請書: ', 'Form: ')}${tr(rights.form.name, lang)}`,
      ),
    );
  }
  const subsections: Section[] = [];
  const identity = rights.identity;
  const idBlocks = [];
  if (identity.knowledgeCheck) idBlocks.push(para(tr(identity.knowledgeCheck, lang)));
  if (identity.selfDocuments.length > 0) {
    idBlocks.push(para(L(lang, 'ご本人による請求の場合:', 'Requests by the person:')));
    idBlocks.push(list(identity.selfDocuments.map((d) => tr(d, lang))));
  }
  for (const agent of identity.agents) {
    idBlocks.push(
      para(`${L(lang, '代理人による請求', 'Requests by an agent')}: ${AGENT_KINDS[agent.kind][lang]}`),
    );
    idBlocks.push(list(agent.documents.map((d) => tr(d, lang))));
  }
  if (identity.acceptedDocumentsNote) idBlocks.push(para(tr(identity.acceptedDocumentsNote, lang)));
  if (idBlocks.length > 0) {
    subsections.push(
      section('rights-identity', L(lang, '本人確認の方法', 'Identity verification'), idBlocks),
    );
  }
  const feeBlocks = rights.fees.flatMap((fee) => {
    const applies = joinList(
      lang,
      fee.appliesTo.map((k) => REQUEST_KINDS[k][lang]),
    );
    const out = [
      para(
        L(
          lang,
          `${applies}のご請求には、1件につき${yen(fee.amount, 'ja')}の手数料をいただきます。`,
          `Requests for ${applies} cost a fee of ${yen(fee.amount, 'en')} per request.`,
        ),
      ),
    ];
    const rows: [string, string][] = [];
    if (fee.paymentMethod) rows.push([L(lang, 'お支払い方法', 'Payment'), tr(fee.paymentMethod, lang)]);
    if (fee.paymentDeadline) {
      const days = fee.paymentDeadline.days
        ? L(lang, `(${fee.paymentDeadline.days}日以内)`, ` (within ${fee.paymentDeadline.days} days)`)
        : '';
      rows.push([
        L(lang, 'お支払い期限', 'Payment deadline'),
        `${tr(fee.paymentDeadline.text, lang)}${days}`,
      ]);
    }
    rows.push([
      L(lang, '開示しない場合', 'If we refuse'),
      fee.chargedWhenRefused
        ? L(lang, '不開示の場合も手数料をいただきます。', 'The fee is charged even when we refuse.')
        : L(lang, '不開示の場合は手数料をいただきません。', 'No fee is charged when we refuse.'),
    ]);
    out.push(fields(rows));
    return out;
  });
  subsections.push(
    section(
      'rights-fees',
      L(lang, '手数料', 'Fees'),
      feeBlocks.length > 0 ? feeBlocks : [para(L(lang, '手数料はいただきません。', 'There is no fee.'))],
    ),
  );
  if (rights.refusalGrounds.length > 0) {
    subsections.push(
      section('rights-refusal', L(lang, '開示等に応じられない場合', 'When we cannot comply'), [
        para(
          L(
            lang,
            '次の場合は、ご請求に応じられないことがあります。その場合も、その旨を通知します。',
            'We may refuse a request in the cases below; we tell you if we do.',
          ),
        ),
        list(rights.refusalGrounds.map((g) => tr(g.text, lang))),
      ]),
    );
  }
  if (rights.notes.length > 0) {
    subsections.push(
      section('rights-notes', L(lang, 'ご注意', 'Notes'), [list(rights.notes.map((n) => tr(n, lang)))]),
    );
  }
  return section(
    'rights',
    L(lang, '開示等の請求の手続', 'How to make a request about your data'),
    blocks,
    subsections,
  );
}
