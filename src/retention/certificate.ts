import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type { Certificate, ErasureCertificate } from './retention.schema.js';

/*
 * The deletion certificate (廃棄証明書) of a sweep: a JSON record whose SHA-256 (over its RFC 8785
 * canonical form, like audit events) is written into the audit chain, and a PDF rendering in Japanese or
 * English of the same record.
 */

export function certificateHash(certificate: Certificate | ErasureCertificate): string {
  const text = canonicalize(certificate);
  if (text === undefined) throw new Error('The certificate cannot be canonicalised.');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
const REGULAR = path.join(FONT_DIR, '400Regular', 'NotoSansJP_400Regular.ttf');
const BOLD = path.join(FONT_DIR, '700Bold', 'NotoSansJP_700Bold.ttf');

const LABELS = {
  ja: {
    title: '個人データ廃棄証明書',
    intro: '保存期間を経過した個人データを、以下のとおり消去又は匿名化したことを証明します。',
    sweep: '処理ID',
    asOf: '基準日(日本時間)',
    period: '実施日時',
    requested: '実施者',
    approved: '承認者',
    total: '処理件数合計',
    collection: '対象',
    systems: 'システム',
    rules: '保存期間ルール',
    method: '方法',
    rows: '件数',
    children: '関連データ',
    verification: '検証(再照会)',
    remaining: '残存件数',
    held: '保全により保持',
    ok: '結果',
    pass: '期間経過データの残存なし',
    fail: '残存あり(要確認)',
    hash: 'SHA-256(JSON記録、監査ログに記録済み)',
    none: 'なし',
    erasureTitle: '個人データ消去証明書',
    erasureIntro: '本人からの消去等の請求に基づき、保有個人データを以下のとおり消去したことを証明します。',
    request: '請求番号',
    run: '処理ID',
    rowsChecked: '再照会した行数',
    writesChecked: '書込みの再確認(件数/不一致)',
    erasurePass: '消去した値の再検出なし',
  },
  en: {
    title: 'Certificate of deletion of personal data',
    intro: 'Personal data past its retention period was erased or anonymised as follows.',
    sweep: 'Sweep ID',
    asOf: 'As of (Tokyo day)',
    period: 'Carried out',
    requested: 'Requested by',
    approved: 'Approved by',
    total: 'Rows processed',
    collection: 'Collection',
    systems: 'Systems',
    rules: 'Retention rules',
    method: 'Method',
    rows: 'Rows',
    children: 'Related data',
    verification: 'Verification (re-query)',
    remaining: 'Rows remaining',
    held: 'Kept by holds',
    ok: 'Result',
    pass: 'No expired rows remain',
    fail: 'Rows remain (check)',
    hash: 'SHA-256 (JSON record, written to the audit log)',
    none: 'none',
    erasureTitle: 'Certificate of erasure of personal data',
    erasureIntro: "Personal data was erased as follows on the data subject's request.",
    request: 'Request',
    run: 'Run ID',
    rowsChecked: 'Rows re-read',
    writesChecked: 'Writes re-checked (count / mismatched)',
    erasurePass: 'No erased value found again',
  },
} as const;

type Labels = (typeof LABELS)[keyof typeof LABELS];
type Line = (label: string, value: string) => void;

/** One A4 document in Noto Sans JP: a title, an introduction, then what `body` writes with `line`. */
async function renderPdf(
  title: string,
  intro: string,
  body: (line: Line, doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line: Line = (label, value) => {
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('regular').text(value);
  };
  doc.font('bold').fontSize(18).text(title, { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(10).text(intro);
  doc.moveDown();
  body(line, doc);
  doc.end();
  return done;
}

export function certificatePdf(
  certificate: Certificate,
  sha256: string,
  language: 'ja' | 'en',
): Promise<Buffer> {
  const l: Labels = LABELS[language];
  return renderPdf(l.title, l.intro, (line, doc) => {
    line(l.sweep, certificate.sweepId);
    line(l.asOf, certificate.asOf);
    line(l.period, `${certificate.startedAt} – ${certificate.finishedAt}`);
    line(l.requested, certificate.requestedBy ?? l.none);
    line(
      l.approved,
      certificate.approvedBy ? `${certificate.approvedBy} (${certificate.approvedAt})` : l.none,
    );
    line(l.total, String(certificate.totalRows));
    for (const c of certificate.collections) {
      doc.moveDown();
      line(l.collection, c.collection);
      line(l.systems, c.systems.join(', ') || l.none);
      line(l.rules, c.rules.join(', '));
      line(l.method, c.method);
      line(l.rows, String(c.rows));
      const children = Object.entries(c.childRows);
      line(l.children, children.length > 0 ? children.map(([k, v]) => `${k}: ${v}`).join(', ') : l.none);
      line(l.verification, c.verification.query);
      line(l.remaining, String(c.verification.remaining));
      line(l.held, String(c.verification.heldRows));
      line(l.ok, c.verification.ok ? l.pass : l.fail);
    }
    doc.moveDown();
    line(l.hash, sha256);
  });
}

/** The certificate of a rights-request erasure: one person, every collection the engine reached. */
export function erasureCertificatePdf(
  certificate: ErasureCertificate,
  sha256: string,
  language: 'ja' | 'en',
): Promise<Buffer> {
  const l: Labels = LABELS[language];
  return renderPdf(l.erasureTitle, l.erasureIntro, (line, doc) => {
    line(l.request, certificate.reference);
    line(l.run, certificate.runId);
    line(l.period, `${certificate.startedAt} – ${certificate.finishedAt}`);
    line(l.approved, `${certificate.approvedBy ?? l.none} (${certificate.approvedAt})`);
    line(l.systems, certificate.systems.join(', ') || l.none);
    line(l.total, String(certificate.totalRows));
    for (const c of certificate.collections) {
      doc.moveDown();
      line(l.collection, c.collection);
      line(l.method, c.method);
      line(l.rows, String(c.rows));
    }
    doc.moveDown();
    const v = certificate.verification;
    line(l.verification, v.method);
    line(l.rowsChecked, String(v.rowsChecked));
    line(l.writesChecked, `${v.writesChecked} / ${v.writesMismatched}`);
    line(l.remaining, String(v.remaining.reduce((n, r) => n + r.count, 0)));
    line(l.ok, v.ok ? l.erasurePass : l.fail);
    doc.moveDown();
    line(l.hash, sha256);
  });
}
