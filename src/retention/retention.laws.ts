import type { Duration } from '../register/common.schema.js';
import type { HoldReason } from './retention.schema.js';

/*
 * Statutory minimum retention periods that override a shorter register rule, as holds with a period. A
 * table of data, not branches: add a row for a new statute. Each row says what to double-check, because
 * the start of the period and exceptions differ by record type; the privacy office confirms with its tax
 * accountant / labour consultant before relying on a row.
 */
export interface Statute {
  key: string;
  reason: HoldReason;
  period: Duration;
  records: { ja: string; en: string };
  citation: { ja: string; en: string };
  /** What the office must check: the law is more detailed than one number. */
  doubleCheck: { ja: string; en: string };
}

export const STATUTES: readonly Statute[] = [
  {
    key: 'jp-corporate-tax-books',
    reason: 'tax',
    period: { years: 7 },
    records: {
      ja: '帳簿書類(仕訳帳・総勘定元帳・請求書・領収書等の取引関係書類)',
      en: 'Books and records (journals, ledgers, invoices, receipts and other transaction documents)',
    },
    citation: {
      ja: '法人税法第126条第1項、法人税法施行規則第59条第1項(確定申告書の提出期限の翌日から7年間)',
      en: 'Corporation Tax Act Art. 126(1); Ordinance for Enforcement Art. 59(1): 7 years from the day after the filing deadline',
    },
    doubleCheck: {
      ja: '起算日は事業年度末ではなく申告期限の翌日(通常は事業年度末の2か月後)。欠損金が生じた事業年度は10年間(施行規則第59条第2項、2018年4月1日以後開始事業年度)。電子取引データは電子帳簿保存法の要件も確認。',
      en: 'The period starts the day after the filing deadline (usually 2 months after the year end), not at the year end. Years with a loss carried forward: 10 years (Ord. Art. 59(2), years from 1 April 2018). Electronic transaction data: check the Electronic Books Maintenance Act too.',
    },
  },
  {
    key: 'jp-companies-act-books',
    reason: 'tax',
    period: { years: 10 },
    records: {
      ja: '会計帳簿及びその事業に関する重要な資料',
      en: 'Accounting books and important materials on the business',
    },
    citation: {
      ja: '会社法第432条第2項(会計帳簿の閉鎖の時から10年間)',
      en: 'Companies Act Art. 432(2): 10 years from the closing of the accounting books',
    },
    doubleCheck: {
      ja: '対象は会計帳簿と重要資料。顧客の連絡先そのものが含まれるかは記録ごとに判断。',
      en: 'Covers accounting books and important materials; whether a customer contact record is one is decided per record type.',
    },
  },
  {
    key: 'jp-labour-records',
    reason: 'labour',
    period: { years: 5 },
    records: {
      ja: '労働者名簿、賃金台帳、雇入れ・解雇・災害補償・賃金その他労働関係に関する重要な書類',
      en: 'Worker rolls, wage ledgers, and important records on hiring, dismissal, accident compensation, wages and other labour relations',
    },
    citation: {
      ja: '労働基準法第109条(5年間。ただし附則第143条第1項により当分の間3年間)、同法施行規則第56条(起算日)',
      en: 'Labour Standards Act Art. 109 (5 years; 3 years for the time being under Supplementary Provisions Art. 143(1)); Ordinance Art. 56 (start of the period)',
    },
    doubleCheck: {
      ja: '2020年4月改正で5年に延長、経過措置で当分の間3年。本表は安全側の5年。起算日は書類ごとに異なる(労働者名簿は退職・死亡の日、賃金台帳は最後の記入の日等)。',
      en: 'Extended to 5 years from April 2020, 3 years for the time being under the transitional rule; this table takes the safe 5 years. The start differs per record (worker roll: retirement or death; wage ledger: last entry).',
    },
  },
];

export const statuteByKey = (key: string): Statute | undefined => STATUTES.find((s) => s.key === key);
