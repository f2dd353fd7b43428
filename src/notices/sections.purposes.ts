import type { Register } from '../register/register.schema.js';
import { joinList, L, type Lang, para, type Section, section, table, tr } from './notice.model.js';

function itemNames(register: Register, keys: readonly string[], lang: Lang): string {
  const byKey = new Map(register.dataItems.map((i) => [i.key, i]));
  return joinList(
    lang,
    keys.map((k) => tr(byKey.get(k)?.name, lang) || k),
  );
}

/** APPI Art. 21(1) and 32(1)(ii): the purposes of use, per type of person. */
export function purposesSection(register: Register, lang: Lang): Section {
  const subsections = register.subjectTypes.map((subject) => {
    const purposes = register.purposes.filter((p) => p.subjectTypes.includes(subject.key));
    const entrusted = purposes.length > 0 && purposes.every((p) => p.holding === 'entrusted');
    const blocks = [];
    if (subject.description) blocks.push(para(tr(subject.description, lang)));
    if (entrusted) {
      blocks.push(
        para(
          L(
            lang,
            'この類型の個人情報は、お客様から取扱いの委託を受けたものであり、当社の保有個人データではありません。開示等のご請求は、委託元であるお客様にお願いします。',
            'We process this information on behalf of our customers; it is not held personal data of ours. Please address requests about it to the customer who entrusted it to us.',
          ),
        ),
      );
    }
    blocks.push(
      table(
        [L(lang, '利用目的', 'Purpose'), L(lang, '取り扱う項目', 'Items'), L(lang, '区分', 'Status')],
        purposes.map((p) => [
          tr(p.description, lang),
          itemNames(register, p.items, lang),
          p.holding === 'held'
            ? L(lang, '保有個人データ', 'Held personal data')
            : L(lang, '受託(保有個人データではありません)', 'Entrusted (not held personal data)'),
        ]),
      ),
    );
    return section(`purposes-${subject.key}`, tr(subject.name, lang), blocks);
  });
  return section(
    'purposes',
    L(lang, '個人情報の利用目的', 'Purposes of use'),
    [
      para(
        L(
          lang,
          '当社は、取得した個人情報を、次の類型ごとに定める利用目的の達成に必要な範囲で取り扱います。これ以外の目的で取り扱う場合は、あらかじめご本人の同意を得ます。',
          'We handle the personal information we obtain only as needed for the purposes set for each type of person below. For any other purpose we first ask for your consent.',
        ),
      ),
    ],
    subsections,
  );
}
