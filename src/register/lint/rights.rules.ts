import type { Finding, LintContext } from './lint.types.js';

const CHARGEABLE = new Set(['notify-purpose', 'disclose']);

/** APPI Art. 38(1): a fee may be charged only for purpose notification and disclosure (incl. provision records). */
export function feeOutsideChargeableRequests(ctx: LintContext): Finding[] {
  return ctx.register.rights.fees.flatMap((fee) =>
    fee.appliesTo
      .filter((kind) => !CHARGEABLE.has(kind) && kind !== 'disclose-provision-records')
      .map(
        (kind): Finding => ({
          code: 'fee-not-allowed',
          severity: 'error',
          entity: 'rights',
          key: 'rights',
          message: {
            ja: `「${kind}」の請求には手数料を求められません(個人情報保護法38条1項)。`,
            en: `No fee may be charged for "${kind}" requests (APPI Art. 38(1)).`,
          },
          hint: {
            ja: '手数料の対象は利用目的の通知と開示に限ってください。',
            en: 'Limit fees to purpose notification and disclosure.',
          },
        }),
      ),
  );
}
