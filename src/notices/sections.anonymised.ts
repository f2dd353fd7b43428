import type { Register } from '../register/register.schema.js';
import { PROVISION_METHODS } from './notice.labels.js';
import { L, type Lang, list, para, type Section, section, tr } from './notice.model.js';

/** APPI Art. 43(3)–(4) and 44 (and Art. 41 for pseudonymised information): published items and methods. */
export function anonymisedSection(register: Register, lang: Lang): Section | undefined {
  if (register.anonymised.length === 0) return undefined;
  const subsections = register.anonymised.map((a, index) => {
    const blocks = [];
    if (a.description) blocks.push(para(tr(a.description, lang)));
    blocks.push(
      para(L(lang, '含まれる個人に関する情報の項目:', 'Items of information about individuals it contains:')),
    );
    blocks.push(list(a.items.map((i) => tr(i.label, lang))));
    if (a.providedToThirdParties && a.methods.length > 0) {
      blocks.push(para(L(lang, '第三者への提供方法:', 'How it is provided to third parties:')));
      blocks.push(list(a.methods.map((m) => PROVISION_METHODS[m][lang])));
      blocks.push(
        para(
          L(
            lang,
            '第三者に提供する際は、提供先に対し当該情報が匿名加工情報であることを明示します。',
            'When we provide it, we tell the recipient that it is anonymised information.',
          ),
        ),
      );
    }
    const title =
      a.kind === 'anonymised'
        ? L(lang, '匿名加工情報', 'Anonymised information')
        : L(lang, '仮名加工情報', 'Pseudonymised information');
    const numbered = register.anonymised.length > 1 ? `${title} ${index + 1}` : title;
    return section(`anonymised-${a.key}`, numbered, blocks);
  });
  return section(
    'anonymised',
    L(lang, '匿名加工情報の取扱い', 'Anonymised information'),
    [
      para(
        L(
          lang,
          '当社は、法令の基準に従って特定の個人を識別できないよう加工した匿名加工情報を作成し、利用又は提供することがあります。削除した情報や加工方法の漏えいを防ぐ安全管理措置を講じ、本人を識別する目的で他の情報と照合することはしません。',
          'We may create, use or provide anonymised information, processed to the legal standard so that no individual can be identified. We protect the removed information and the processing method, and never try to re-identify anyone.',
        ),
      ),
    ],
    subsections,
  );
}
