/**
 * The written answer (APPI Arts. 32(3), 33(3), 34(3), 35(7): the person is told the outcome; Art. 36:
 * reasons when refused) as an A4 PDF in Noto Sans JP, in Japanese or English.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getKind } from '../laws/index.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
const REGULAR = path.join(FONT_DIR, '400Regular', 'NotoSansJP_400Regular.ttf');
const BOLD = path.join(FONT_DIR, '700Bold', 'NotoSansJP_700Bold.ttf');

export interface LetterInput {
  lang: 'ja' | 'en';
  organisation: string;
  reference: string;
  recipient: string;
  kinds: string[];
  outcome: 'completed' | 'partially_refused' | 'refused';
  receivedOn: string;
  dueBy: string;
  answeredOn: string;
  items: { collection: string; rows: number }[];
  withheld: { item: string; ground: string; reason: string }[];
  refusal?: { grounds: string[]; reason: string } | undefined;
  manualSystems: string[];
  controllerSystems: string[];
  /** APPI Art. 33(5), when asked for: the records, or the plain statement that none are kept yet. */
  provisionRecords?:
    | { status: 'recorded'; records: { providedOn: string; recipient: string; items: string[] }[] }
    | { status: 'not_yet_recorded'; note: string }
    | undefined;
}

const T = {
  ja: {
    title: '開示等の請求に対する回答書',
    refusedTitle: '不開示等決定通知書',
    to: (n: string) => `${n} 様`,
    reference: '受付番号',
    kinds: '請求の種類',
    received: '請求の受付日',
    due: '回答期限',
    answered: '回答日',
    outcome: '結果',
    outcomes: {
      completed: '請求に応じました',
      partially_refused: '一部について応じられません',
      refused: '請求に応じられません',
    },
    items: '対象となった記録',
    rows: (n: number) => `${n}件`,
    none: '該当する保有個人データはありませんでした。',
    withheld: '開示しない項目とその理由',
    refusal: '応じられない理由（根拠）',
    reasons: '理由の説明',
    manual: '担当者が個別に対応したシステム',
    controller: '委託を受けて取り扱う情報（委託元へ請求を回付しました）',
    attached: '保有個人データは、電磁的記録（JSON 及び CSV）にて提供します。',
    provision: '第三者提供記録（法第33条第5項）',
    noProvision: '第三者への提供の記録はありません。',
    appeal: 'この決定に不服がある場合は、当社の相談窓口までお問い合わせください。',
  },
  en: {
    title: 'Answer to your request about your personal data',
    refusedTitle: 'Notice of refusal',
    to: (n: string) => `To ${n}`,
    reference: 'Reference',
    kinds: 'Kind of request',
    received: 'Received on',
    due: 'Due by',
    answered: 'Answered on',
    outcome: 'Outcome',
    outcomes: {
      completed: 'We have acted on your request',
      partially_refused: 'We cannot act on part of your request',
      refused: 'We cannot act on your request',
    },
    items: 'Records concerned',
    rows: (n: number) => `${n} record(s)`,
    none: 'We hold no personal data about you.',
    withheld: 'Items not disclosed and why',
    refusal: 'Grounds for refusal',
    reasons: 'Reasons',
    manual: 'Systems handled by our staff',
    controller: 'Data we process for a customer (your request was passed to that customer, the controller)',
    attached: 'Your data is provided as an electronic record (JSON and CSV).',
    provision: 'Records of provision to third parties (APPI Art. 33(5))',
    noProvision: 'There is no record of provision to third parties.',
    appeal: 'If you disagree with this decision, please contact our enquiry desk.',
  },
} as const;

export async function letterToPdf(input: LetterInput): Promise<Buffer> {
  // Loaded when a PDF is asked for: pdfkit and its font engine cost ~30 MB of a server that may never need them.
  const { default: PDFDocument } = await import('pdfkit');
  const t = T[input.lang];
  const title = input.outcome === 'refused' ? t.refusedTitle : t.title;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    lang: input.lang,
    info: { Title: title, Creator: 'Mamori' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const heading = (s: string) => {
    doc.moveDown(0.6);
    doc.font('bold').fontSize(11).text(s);
    doc.moveDown(0.2);
  };
  const body = (s: string) => doc.font('regular').fontSize(10).text(s, { lineGap: 2 });
  const field = (label: string, value: string) => {
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('regular').text(value);
  };

  doc.font('regular').fontSize(10).text(input.answeredOn, { align: 'right' });
  body(t.to(input.recipient));
  doc.font('regular').fontSize(10).text(input.organisation, { align: 'right' });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(16).text(title, { align: 'center' });
  doc.moveDown(0.8);
  field(t.reference, input.reference);
  field(
    t.kinds,
    input.kinds
      .map((k) => `${getKind(k).kind.name[input.lang]}（${getKind(k).kind.citation[input.lang]}）`)
      .join('、'),
  );
  field(t.received, input.receivedOn);
  field(t.due, input.dueBy);
  field(t.answered, input.answeredOn);
  field(t.outcome, t.outcomes[input.outcome]);

  if (input.outcome !== 'refused') {
    heading(t.items);
    if (input.items.length === 0) body(t.none);
    for (const i of input.items) body(`・${i.collection}（${t.rows(i.rows)}）`);
    if (input.items.length > 0) body(t.attached);
  }
  if (input.withheld.length > 0) {
    heading(t.withheld);
    for (const w of input.withheld) body(`・${w.item}: ${w.ground} — ${w.reason}`);
  }
  if (input.refusal) {
    heading(t.refusal);
    for (const g of input.refusal.grounds) body(`・${g}`);
    heading(t.reasons);
    body(input.refusal.reason);
  }
  if (input.provisionRecords && input.outcome !== 'refused') {
    heading(t.provision);
    const p = input.provisionRecords;
    if (p.status === 'not_yet_recorded') body(p.note);
    else if (p.records.length === 0) body(t.noProvision);
    else for (const r of p.records) body(`・${r.providedOn} ${r.recipient}: ${r.items.join('、')}`);
  }
  if (input.manualSystems.length > 0) {
    heading(t.manual);
    body(input.manualSystems.join('、'));
  }
  if (input.controllerSystems.length > 0) {
    heading(t.controller);
    body(input.controllerSystems.join('、'));
  }
  doc.moveDown(1);
  body(t.appeal);
  doc.end();
  return done;
}
