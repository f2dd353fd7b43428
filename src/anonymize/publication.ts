import { z } from 'zod';
import type { Bilingual } from './appi.rules.js';
import type { EncodedColumn } from './encode.js';

/**
 * Publication texts for anonymised information: the item list published after creation (APPI Art. 43(3))
 * and, before a provision, the items with the method of provision (Art. 43(4)). The Japanese layout
 * follows what privacy policies publish (e.g. seed 001: [項目] … [提供方法] …).
 */
export const ProvisionMethod = z.enum(['media', 'email', 'server-upload', 'api', 'paper']);
export type ProvisionMethod = z.infer<typeof ProvisionMethod>;

export const PROVISION_METHODS: Record<ProvisionMethod, Bilingual> = {
  media: { ja: '記録媒体による提供', en: 'on a recording medium' },
  email: { ja: '電子メールによる提供', en: 'by e-mail' },
  'server-upload': { ja: 'サーバへのアップロードによる提供', en: 'by upload to a server' },
  api: { ja: 'APIによる提供', en: 'through an API' },
  paper: { ja: '書面による提供', en: 'on paper' },
};

export interface PublicationInput {
  /** The items of personal information contained, in publication order. */
  readonly items: readonly Bilingual[];
  /** Present when the text announces a provision to third parties. */
  readonly methods?: readonly ProvisionMethod[];
  /** Who publishes, e.g. 当社 / we. */
  readonly publisher?: Bilingual;
}

export function renderPublication(input: PublicationInput, lang: 'ja' | 'en'): string {
  const who = input.publisher ?? { ja: '当社', en: 'We' };
  const methods = input.methods ?? [];
  const lines: string[] = [];
  if (lang === 'ja') {
    lines.push(
      methods.length > 0
        ? `${who.ja}が作成する匿名加工情報に含まれる個人に関する情報の項目及び第三者への提供方法は以下のとおりです。`
        : `${who.ja}が作成した匿名加工情報に含まれる個人に関する情報の項目は以下のとおりです。`,
    );
    lines.push('[項目]', ...input.items.map((i) => `・${i.ja}`));
    if (methods.length > 0) lines.push('[提供方法]', ...methods.map((m) => `・${PROVISION_METHODS[m].ja}`));
  } else {
    lines.push(
      methods.length > 0
        ? `${who.en} create anonymised information containing the following items of personal information, and provide it to third parties as follows.`
        : `${who.en} have created anonymised information containing the following items of personal information.`,
    );
    lines.push('Items:', ...input.items.map((i) => `- ${i.en}`));
    if (methods.length > 0)
      lines.push('Method of provision:', ...methods.map((m) => `- ${PROVISION_METHODS[m].en}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The item of a released column: for a generalised quasi-identifier the meaning of its chosen level
 * (年代, 住所（都道府県のみ）…); a quasi-identifier shown only as `*` is not an item. `labels` overrides
 * or supplies the names of other columns.
 */
export function publicationItems(
  header: readonly string[],
  qi: readonly EncodedColumn[],
  levels: readonly number[],
  labels: ReadonlyMap<string, Bilingual> = new Map(),
): Bilingual[] {
  const items: Bilingual[] = [];
  for (const name of header) {
    const j = qi.findIndex((c) => c.name === name);
    if (j < 0) {
      items.push(labels.get(name) ?? { ja: name, en: name });
      continue;
    }
    const col = qi[j]!;
    const level = levels[j]!;
    if (level === col.height - 1 && col.domain[level] === 1) continue;
    const label = col.levelLabels?.[level];
    const base = labels.get(name) ?? { ja: name, en: name };
    items.push(
      label ?? (level === 0 ? base : { ja: `${base.ja}（一般化）`, en: `${base.en} (generalised)` }),
    );
  }
  return items;
}

/** A record of one creation or provision, kept as evidence of the Art. 43 publications. */
export interface AnonymisationEvent {
  readonly event: 'created' | 'provided';
  readonly at: string;
  readonly dataset: string;
  readonly items: readonly Bilingual[];
  readonly rows: number;
  readonly methods?: readonly ProvisionMethod[];
  readonly recipient?: string;
}

export function anonymisationEvent(e: AnonymisationEvent): AnonymisationEvent & { publication: Bilingual } {
  const input = { items: e.items, ...(e.event === 'provided' ? { methods: e.methods ?? [] } : {}) };
  return { ...e, publication: { ja: renderPublication(input, 'ja'), en: renderPublication(input, 'en') } };
}
