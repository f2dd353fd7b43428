import { formatDate } from './public/request.pages.js';

/**
 * The acknowledgement of receipt sent once the person's e-mail address is proved: the reference and the date
 * the answer is due, in the request's language (CCPA regs §7021(a) asks for a confirmation of receipt; APPI
 * and the seeds promise an answer "without delay", so the date the office holds itself to is stated).
 */
export function acknowledgement(
  reference: string,
  dueBy: string,
  lang: 'ja' | 'en',
): { subject: string; body: string } {
  return lang === 'en'
    ? {
        subject: `We have received your request (${reference})`,
        body: `We have received your request ${reference} and confirmed your e-mail address. We will answer by ${formatDate(dueBy, 'en')}.`,
      }
    : {
        subject: `ご請求受付のお知らせ（${reference}）`,
        body: `ご請求（受付番号 ${reference}）を受け付け、メールアドレスを確認しました。${formatDate(dueBy, 'ja')}までに回答いたします。`,
      };
}
