/**
 * Who must hear of a deletion (pure). CCPA/CPRA: a business that deletes a consumer's personal information
 * on a verified request notifies its service providers and contractors to delete it too, and every third
 * party to whom it sold or shared it, unless that proves impossible or takes disproportionate effort
 * (Cal. Civ. Code §1798.105(c)(1); CCPA Regulations, 11 CCR §7022(b)(2)–(3)). Processors in the register
 * are service providers or contractors; recipients (third-party provision, joint use) are third parties.
 */
import type { Register } from '../register/register.schema.js';

export type RecipientRole = 'service_provider' | 'third_party';

export interface RecipientNotice {
  /** The register key of the processor or recipient. */
  key: string;
  role: RecipientRole;
  name: { ja: string; en?: string | undefined };
  citation: string;
  /** The notice to send, without the person's identity (the handler attaches it through a secure channel). */
  text: { ja: string; en: string };
}

interface Rule {
  law: string;
  /** Run kinds that trigger the notice. */
  on: readonly string[];
  citation: string;
  text: Record<RecipientRole, (reference: string) => { ja: string; en: string }>;
}

const RULES: readonly Rule[] = [
  {
    law: 'ccpa',
    on: ['erasure'],
    citation: 'Cal. Civ. Code §1798.105(c)(1); 11 CCR §7022(b)',
    text: {
      service_provider: (ref) => ({
        en:
          `Deletion notice (Cal. Civ. Code §1798.105(c)(1)), our reference ${ref}. We have received and verified a ` +
          'consumer request to delete. Please delete the personal information of the consumer we identify to you ' +
          'under this reference from your records, have your own service providers and contractors do the same ' +
          '(§1798.105(c)(3)), and confirm the deletion to us in writing.',
        ja:
          `削除の通知（カリフォルニア州民法 §1798.105(c)(1)）受付番号 ${ref}。消費者から削除の請求を受け、本人確認を` +
          '完了しました。本受付番号によりお知らせする消費者の個人情報を貴社の記録から削除し、貴社の委託先にも同様の' +
          '削除を求め（§1798.105(c)(3)）、削除の完了を書面でご連絡ください。',
      }),
      third_party: (ref) => ({
        en:
          `Deletion notice (Cal. Civ. Code §1798.105(c)(1)), our reference ${ref}. We have received and verified a ` +
          'consumer request to delete. We sold or shared this consumer’s personal information with you: please ' +
          'delete the personal information of the consumer we identify to you under this reference and confirm ' +
          'the deletion to us in writing.',
        ja:
          `削除の通知（カリフォルニア州民法 §1798.105(c)(1)）受付番号 ${ref}。消費者から削除の請求を受け、本人確認を` +
          '完了しました。当社が貴社に販売又は共有した当該消費者の個人情報について、本受付番号によりお知らせする' +
          '消費者の個人情報を削除し、削除の完了を書面でご連絡ください。',
      }),
    },
  },
];

/** One notice per processor and recipient, for each law of the request that asks for it on these run kinds. */
export function recipientNotices(
  register: Pick<Register, 'processors' | 'recipients'>,
  laws: readonly string[],
  runKinds: readonly string[],
  reference: string,
): RecipientNotice[] {
  const out: RecipientNotice[] = [];
  for (const rule of RULES) {
    if (!laws.includes(rule.law) || !runKinds.some((k) => rule.on.includes(k))) continue;
    for (const p of register.processors)
      out.push({
        key: p.key,
        role: 'service_provider',
        name: p.name,
        citation: rule.citation,
        text: rule.text.service_provider(reference),
      });
    for (const r of register.recipients)
      out.push({
        key: r.key,
        role: 'third_party',
        name: r.name,
        citation: rule.citation,
        text: rule.text.third_party(reference),
      });
  }
  return out;
}
