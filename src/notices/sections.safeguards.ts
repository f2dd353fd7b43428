import type { Register } from '../register/register.schema.js';
import { SafeguardKind } from '../register/safeguards.schema.js';
import { SAFEGUARD_KINDS } from './notice.labels.js';
import { L, type Lang, list, type Section, section, tr } from './notice.model.js';

/** APPI Art. 23 and 32(1)(iv) with Cabinet Order Art. 10(i): the security measures taken, by kind. */
export function safeguardsSection(register: Register, lang: Lang): Section {
  const subsections = SafeguardKind.options
    .map((kind) => {
      const measures = register.safeguards.filter((s) => s.kind === kind);
      if (measures.length === 0) return undefined;
      return section(`safeguards-${kind}`, SAFEGUARD_KINDS[kind][lang], [
        list(measures.map((m) => `${tr(m.title, lang)}: ${tr(m.description, lang)}`)),
      ]);
    })
    .filter((s): s is Section => s !== undefined);
  return section('safeguards', L(lang, '安全管理措置', 'Security measures'), [], subsections);
}
