import type { Block, Cell, NoticeDocument, Section, Span } from './notice.model.js';

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/**
 * Escapes every character Markdown could read as syntax, so register text is shown, never interpreted.
 * `lineStart`: the text begins a line, where `-`, `+`, `=` and `1.` would start a list or a heading.
 */
export function escapeMarkdown(text: string, lineStart = false): string {
  const escaped = text.replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);
  if (!lineStart) return escaped;
  return escaped.replace(/^(\s*)([-+=])/gm, '$1\\$2').replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

function spans(cell: Cell): Span[] {
  if (typeof cell === 'string') return [{ text: cell }];
  return Array.isArray(cell) ? cell : [cell];
}

function inline(cell: Cell, flat: boolean, lineStart = false): string {
  return spans(cell)
    .map((s, i) => {
      const raw = flat ? s.text.replace(/\s*\n\s*/g, ' ') : s.text;
      const text = escapeMarkdown(raw, (lineStart && i === 0) || !flat).replace(/\n/g, '  \n');
      if (!s.href || !SAFE_URL.test(s.href)) return text;
      return `[${text}](${encodeURI(s.href).replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return inline(b.text, false, true);
    case 'list':
      return b.items
        .map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(item, true, true)}`)
        .join('\n');
    case 'fields':
      return b.rows
        .map(([label, value]) => `- **${escapeMarkdown(label)}**: ${inline(value, true)}`)
        .join('\n');
    case 'table': {
      const row = (cells: Cell[]) => `| ${cells.map((c) => inline(c, true) || ' ').join(' | ')} |`;
      return [row(b.headers), `|${b.headers.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
  }
}

function section(s: Section, depth: number): string {
  const parts = [`${'#'.repeat(Math.min(depth, 6))} ${escapeMarkdown(s.title)}`, ...s.blocks.map(block)];
  for (const child of s.sections) parts.push(section(child, depth + 1));
  return parts.join('\n\n');
}

export function noticeToMarkdown(doc: NoticeDocument): string {
  return `${[`# ${escapeMarkdown(doc.title)}`, ...doc.intro.map(block), ...doc.sections.map((s) => section(s, 2))].join('\n\n')}\n`;
}
