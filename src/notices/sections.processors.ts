import type { Processor } from '../register/processors.schema.js';
import type { Register } from '../register/register.schema.js';
import { country } from './notice.labels.js';
import {
  type Cell,
  joinList,
  L,
  type Lang,
  list,
  para,
  type Section,
  type Span,
  section,
  table,
  tr,
} from './notice.model.js';

const SUB: Record<Processor['contract']['subEntrustment'], { ja: string; en: string }> = {
  prohibited: { ja: '再委託禁止', en: 'no sub-entrustment' },
  'with-prior-consent': { ja: '再委託は事前承諾制', en: 'sub-entrustment only with our prior approval' },
  'allowed-with-equal-terms': { ja: '再委託先にも同等の義務', en: 'sub-processors bound by equal terms' },
};

function contractSummary(p: Processor, lang: Lang): string {
  const parts = [];
  if (p.contract.safetyMeasures) parts.push(L(lang, '安全管理措置', 'security measures'));
  if (p.contract.confidentiality) parts.push(L(lang, '秘密保持', 'confidentiality'));
  parts.push(SUB[p.contract.subEntrustment][lang]);
  return joinList(lang, parts);
}

function legalSystemCell(p: Processor, lang: Lang): Cell {
  const spans: Span[] = [];
  for (const c of p.foreign?.countries ?? []) {
    if (spans.length > 0) spans.push({ text: ' / ' });
    spans.push(
      c.legalSystemUrl
        ? { text: country(c.country, lang), href: c.legalSystemUrl }
        : { text: country(c.country, lang) },
    );
  }
  return spans.length > 0 ? spans : '—';
}

/** APPI Art. 25 (supervision of processors), Art. 28 and Rules Art. 17 (foreign processors), and where data is stored. */
export function processorsSection(register: Register, lang: Lang): Section {
  const blocks = [
    para(
      L(
        lang,
        '当社は、利用目的の達成に必要な範囲で個人情報の取扱いを委託することがあります。委託先は当社の基準により選定し、契約を締結した上で、必要かつ適切な監督を行います。',
        'We may entrust the handling of personal information to processors as the purposes require. We select them by our criteria, bind them by contract and supervise them.',
      ),
    ),
  ];
  if (register.processors.length > 0) {
    blocks.push(
      table(
        [
          L(lang, '委託先', 'Processor'),
          L(lang, '委託する業務', 'Service'),
          L(lang, '所在国', 'Country'),
          L(lang, '契約で定める事項', 'Contract terms'),
        ],
        register.processors.map((p) => [
          tr(p.name, lang),
          tr(p.service, lang),
          country(p.country, lang),
          contractSummary(p, lang),
        ]),
      ),
    );
  }
  const subsections: Section[] = [];
  const foreign = register.processors.filter((p) => (p.foreign?.countries.length ?? 0) > 0);
  if (foreign.length > 0) {
    const fblocks = [
      table(
        [
          L(lang, 'サービス', 'Service'),
          L(lang, '提供法人', 'Provider'),
          L(lang, 'サーバ所在国', 'Server countries'),
          L(lang, '外国の制度に関する情報', 'Legal system information'),
        ],
        foreign.map((p) => [
          tr(p.service, lang),
          tr(p.name, lang),
          joinList(
            lang,
            (p.serverCountries ?? (p.country ? [p.country] : [])).map((c) => country(c, lang)),
          ),
          legalSystemCell(p, lang),
        ]),
      ),
    ];
    const notes = foreign.filter((p) => p.note).map((p) => `${tr(p.service, lang)}: ${tr(p.note, lang)}`);
    if (notes.length > 0) fblocks.push(list(notes));
    // Measures are usually shared by all foreign processors; print each distinct text once.
    const seen = new Set<string>();
    const measureRows: [string, string][] = [];
    const add = (label: string, text: string) => {
      const key = `${label}\u0000${text}`;
      if (text && !seen.has(key)) {
        seen.add(key);
        measureRows.push([label, text]);
      }
    };
    for (const p of foreign) {
      const f = p.foreign;
      if (!f) continue;
      add(L(lang, '体制整備の方法', 'How we ensure the framework'), tr(f.framework, lang));
      add(L(lang, '委託先が講じる相当措置', "The processor's measures"), tr(f.measures, lang));
      add(L(lang, '確認の頻度及び方法', 'How and how often we check'), tr(f.checkMethod, lang));
      add(
        L(lang, '相当措置に影響を及ぼす外国の制度', 'Foreign rules affecting the measures'),
        tr(f.foreignRulesImpact, lang),
      );
      add(L(lang, '相当措置の実施に関する支障', 'Impediments to the measures'), tr(f.impediments, lang));
      add(
        L(lang, '支障が生じた場合の対応', 'What we do if the measures are impeded'),
        tr(f.responseOnImpediment, lang),
      );
    }
    if (measureRows.length > 0) fblocks.push({ kind: 'fields', rows: measureRows });
    subsections.push(
      section(
        'foreign',
        L(lang, '外国にある委託先及び外国サーバ', 'Foreign processors and servers'),
        fblocks,
      ),
    );
  }
  if (register.systems.length > 0) {
    subsections.push(
      section('systems', L(lang, '個人データの保存場所', 'Where personal data is stored'), [
        table(
          [
            L(lang, 'システム', 'System'),
            L(lang, '保存先', 'Hosting'),
            L(lang, '国・地域', 'Country / region'),
            L(lang, '備考', 'Notes'),
          ],
          register.systems.map((s) => [
            tr(s.name, lang),
            joinList(
              lang,
              s.hosting.map((h) => h.provider ?? '—'),
            ),
            joinList(
              lang,
              s.hosting.map((h) => `${country(h.country, lang)}${h.region ? ` (${h.region})` : ''}`),
            ),
            tr(s.description, lang),
          ]),
        ),
      ]),
    );
  }
  return section(
    'processors',
    L(lang, '個人情報の取扱いの委託', 'Entrustment to processors'),
    blocks,
    subsections,
  );
}
