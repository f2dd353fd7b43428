import type { Text } from '../register/common.schema.js';

export type Lang = 'ja' | 'en';

/** A piece of inline text; `href` makes it a link (only http(s) URLs are rendered as links). */
export interface Span {
  text: string;
  href?: string;
}
export type Cell = string | Span | Span[];

export type Block =
  | { kind: 'paragraph'; text: Cell }
  | { kind: 'list'; ordered: boolean; items: Cell[] }
  | { kind: 'table'; headers: string[]; rows: Cell[][] }
  | { kind: 'fields'; rows: [label: string, value: Cell][] };

/** Notices are a tree of sections so that Markdown, HTML and the diff share one structure. */
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  sections: Section[];
}

export interface NoticeDocument {
  lang: Lang;
  title: string;
  intro: Block[];
  sections: Section[];
}

export function tr(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' ? (text.en ?? text.ja) : text.ja;
}

export function section(id: string, title: string, blocks: Block[], sections: Section[] = []): Section {
  return { id, title, blocks, sections };
}

export const para = (text: Cell): Block => ({ kind: 'paragraph', text });
export const list = (items: Cell[], ordered = false): Block => ({ kind: 'list', ordered, items });
export const table = (headers: string[], rows: Cell[][]): Block => ({ kind: 'table', headers, rows });
export const fields = (rows: [string, Cell][]): Block => ({ kind: 'fields', rows });

/** Picks the phrase for the language: `L(lang, '日本語', 'English')`. */
export function L(lang: Lang, ja: string, en: string): string {
  return lang === 'ja' ? ja : en;
}

/** Joins list values in the language's way. */
export function joinList(lang: Lang, values: readonly string[]): string {
  return values.join(lang === 'ja' ? '、' : ', ');
}
