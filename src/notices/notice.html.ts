import type { Block, Cell, NoticeDocument, Section, Span } from './notice.model.js';

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function spans(cell: Cell): Span[] {
  if (typeof cell === 'string') return [{ text: cell }];
  return Array.isArray(cell) ? cell : [cell];
}

function inline(cell: Cell): string {
  return spans(cell)
    .map((s) => {
      const text = escapeHtml(s.text).replace(/\n/g, '<br>');
      if (!s.href || !SAFE_URL.test(s.href)) return text;
      return `<a href="${escapeHtml(s.href)}" rel="noopener noreferrer">${text}</a>`;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
    }
    case 'fields':
      return `<dl>${b.rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${inline(value)}</dd>`).join('')}</dl>`;
    case 'table': {
      const head = `<thead><tr>${b.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody>`;
      return `<table>${head}${body}</table>`;
    }
  }
}

function section(s: Section, depth: number): string {
  const h = `h${Math.min(depth, 6)}`;
  const inner = [
    `<${h}>${escapeHtml(s.title)}</${h}>`,
    ...s.blocks.map(block),
    ...s.sections.map((c) => section(c, depth + 1)),
  ];
  return `<section id="${escapeHtml(s.id)}">\n${inner.join('\n')}\n</section>`;
}

const STYLE =
  'body{font-family:system-ui,"Noto Sans JP",sans-serif;line-height:1.7;max-width:60rem;margin:auto;padding:1rem}' +
  'table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}' +
  'dt{font-weight:bold}dd{margin:0 0 .5rem 1rem}';

/** A complete, self-contained HTML page; every register value is escaped. */
export function noticeToHtml(doc: NoticeDocument): string {
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>`,
    '<body><main>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...doc.intro.map(block),
    ...doc.sections.map((s) => section(s, 2)),
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
