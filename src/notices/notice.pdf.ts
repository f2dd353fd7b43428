import { createRequire } from 'node:module';
import path from 'node:path';
import type { Block, Cell, NoticeDocument, Section, Span } from './notice.model.js';

// The fonts ship inside an npm package, so a PDF renders the same on every machine with no system fonts.
const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
const REGULAR = path.join(FONT_DIR, '400Regular', 'NotoSansJP_400Regular.ttf');
const BOLD = path.join(FONT_DIR, '700Bold', 'NotoSansJP_700Bold.ttf');

const SIZE = { title: 18, h2: 14, h3: 12, h4: 11, body: 9.5 } as const;

function text(cell: Cell): string {
  const spans: Span[] =
    typeof cell === 'string' ? [cell].map((t) => ({ text: t })) : Array.isArray(cell) ? cell : [cell];
  return spans.map((s) => (s.href && s.href !== s.text ? `${s.text} (${s.href})` : s.text)).join('');
}

type Doc = PDFKit.PDFDocument;

function body(doc: Doc, value: string, options: PDFKit.Mixins.TextOptions = {}): void {
  doc
    .font('regular')
    .fontSize(SIZE.body)
    .text(value, { lineGap: 2, ...options });
}

function block(doc: Doc, b: Block): void {
  switch (b.kind) {
    case 'paragraph':
      body(doc, text(b.text));
      break;
    case 'list':
      b.items.forEach((item, i) => {
        body(doc, `${b.ordered ? `${i + 1}.` : '・'} ${text(item)}`, { indent: 0 });
      });
      break;
    case 'fields':
      for (const [label, value] of b.rows) {
        doc.font('bold').fontSize(SIZE.body).text(label, { lineGap: 1 });
        body(doc, text(value), { indent: 12 });
      }
      break;
    case 'table':
      // A table becomes one framed record per row ("heading: value" lines): it reads well at any column count
      // and keeps every cell's text whole, which a fixed-width grid on A4 cannot.
      for (const row of b.rows) {
        const top = doc.y;
        row.forEach((cell, i) => {
          const value = text(cell);
          if (!value) return;
          doc
            .font('bold')
            .fontSize(SIZE.body)
            .text(`${b.headers[i] ?? ''}: `, { continued: true, lineGap: 2 });
          doc.font('regular').text(value);
        });
        doc
          .moveTo(doc.page.margins.left, Math.max(doc.y + 2, top))
          .lineTo(doc.page.width - doc.page.margins.right, Math.max(doc.y + 2, top))
          .strokeColor('#bbbbbb')
          .lineWidth(0.5)
          .stroke();
        doc.moveDown(0.4);
      }
      break;
  }
  doc.moveDown(0.4);
}

function section(doc: Doc, s: Section, depth: number): void {
  const size = depth === 2 ? SIZE.h2 : depth === 3 ? SIZE.h3 : SIZE.h4;
  doc.moveDown(0.5);
  doc.font('bold').fontSize(size).text(s.title, { lineGap: 3 });
  doc.moveDown(0.3);
  for (const b of s.blocks) block(doc, b);
  for (const child of s.sections) section(doc, child, depth + 1);
}

/** The notice as an A4 PDF in Noto Sans JP (text, not outlines: it can be searched and read aloud). */
export async function noticeToPdf(notice: NoticeDocument): Promise<Buffer> {
  // Loaded when a PDF is asked for: pdfkit and its font engine cost ~30 MB of a server that may never need them.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    lang: notice.lang,
    displayTitle: true,
    info: { Title: notice.title, Creator: 'Mamori' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('bold').fontSize(SIZE.title).text(notice.title, { lineGap: 4 });
  doc.moveDown(0.5);
  for (const b of notice.intro) block(doc, b);
  for (const s of notice.sections) section(doc, s, 2);
  doc.end();
  return done;
}
