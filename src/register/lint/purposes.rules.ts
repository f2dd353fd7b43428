import type { Finding, LintContext } from './lint.types.js';

/** APPI Art. 20(2): sensitive personal information is acquired only with prior consent (or a listed exception). */
export function sensitiveWithoutConsent(ctx: LintContext): Finding[] {
  return ctx.register.purposes.flatMap((purpose) => {
    // Entrusted data is received under Art. 27(5)(i); the controller obtained the consent.
    if (purpose.holding === 'entrusted') return [];
    if (purpose.bases.appi === 'consent' || purpose.bases.appi === 'legal-exception') return [];
    const sensitive = purpose.items.filter((k) => {
      const item = ctx.items.get(k);
      return item !== undefined && ctx.classOf(item) === 'sensitive';
    });
    if (sensitive.length === 0) return [];
    return [
      {
        code: 'sensitive-without-consent',
        severity: 'error',
        entity: 'purposes',
        key: purpose.key,
        message: {
          ja: `要配慮個人情報(${sensitive.join(', ')})を同意以外の根拠で取り扱っています(個人情報保護法20条2項)。`,
          en: `Sensitive data (${sensitive.join(', ')}) is used without a consent basis (APPI Art. 20(2)).`,
        },
        hint: {
          ja: 'bases.appi を consent にするか、法令上の例外なら legal-exception にしてください。',
          en: 'Set bases.appi to consent, or to legal-exception when a statutory exception applies.',
        },
      },
    ];
  });
}

const MY_NUMBER_USES = 'social-security / tax / disaster-response';

/** My Number Act Art. 9 lists the only uses of an Individual Number; Art. 19 forbids other provision. */
export function myNumberOutsideLegalUse(ctx: LintContext): Finding[] {
  const isMyNumber = (key: string) => {
    const item = ctx.items.get(key);
    return item !== undefined && ctx.classOf(item) === 'my-number';
  };
  const purposes = ctx.register.purposes
    .filter((p) => p.myNumberUse === undefined && p.items.some(isMyNumber))
    .map(
      (p): Finding => ({
        code: 'my-number-outside-legal-use',
        severity: 'error',
        entity: 'purposes',
        key: p.key,
        message: {
          ja: '特定個人情報を番号法9条の事務(社会保障・税・災害対策)以外の目的で利用しています。',
          en: 'My-number data is used for a purpose outside My Number Act Art. 9 (social security, tax, disaster response).',
        },
        hint: {
          ja: `この目的から個人番号を外すか、myNumberUse に該当する事務(${MY_NUMBER_USES})を記録してください。`,
          en: `Remove the Individual Number from this purpose, or record the Art. 9 use in myNumberUse (${MY_NUMBER_USES}).`,
        },
      }),
    );
  const recipients = ctx.register.recipients
    .filter((r) => r.items.some(isMyNumber) && r.legalGround !== 'law')
    .map(
      (r): Finding => ({
        code: 'my-number-provision',
        severity: 'error',
        entity: 'recipients',
        key: r.key,
        message: {
          ja: '特定個人情報を法令の根拠なく提供しています(番号法19条)。',
          en: 'My-number data is provided without a statutory ground (My Number Act Art. 19).',
        },
        hint: {
          ja: '提供項目から個人番号を外すか、legalGround を law にして根拠法令を note に記録してください。',
          en: 'Remove the Individual Number from the items, or set legalGround to law and cite the law in note.',
        },
      }),
    );
  return [...purposes, ...recipients];
}

/** APPI Art. 17(1): a purpose is specified for someone's data — it needs whose and what. */
export function purposeWithoutSubjectsOrItems(ctx: LintContext): Finding[] {
  return ctx.register.purposes.flatMap((p) => {
    const findings: Finding[] = [];
    if (p.subjectTypes.length === 0) {
      findings.push({
        code: 'purpose-without-subject-type',
        severity: 'error',
        entity: 'purposes',
        key: p.key,
        message: { ja: '利用目的に個人情報の類型がありません。', en: 'The purpose names no subject type.' },
        hint: {
          ja: 'subjectTypes に、この目的で扱う本人の類型を追加してください。',
          en: 'Add the subject types whose data this purpose uses to subjectTypes.',
        },
      });
    }
    if (p.items.length === 0) {
      findings.push({
        code: 'purpose-without-items',
        severity: 'error',
        entity: 'purposes',
        key: p.key,
        message: { ja: '利用目的にデータ項目がありません。', en: 'The purpose names no data item.' },
        hint: {
          ja: 'items に、この目的で利用する項目を追加してください。',
          en: 'Add the data items this purpose uses to items.',
        },
      });
    }
    return findings;
  });
}

/** GDPR Art. 13(1)(c): when a GDPR annex is published, each held purpose states its Art. 6 basis. */
export function gdprBasisMissing(ctx: LintContext): Finding[] {
  if (!ctx.register.annexes.gdpr) return [];
  return ctx.register.purposes
    .filter((p) => p.holding === 'held' && (p.bases.gdpr ?? []).length === 0)
    .map((p) => ({
      code: 'gdpr-basis-missing',
      severity: 'warning',
      entity: 'purposes',
      key: p.key,
      message: {
        ja: 'GDPR の附則がありますが、この利用目的に GDPR 6条の法的根拠がありません。',
        en: 'The register publishes a GDPR annex but this purpose has no Art. 6 basis.',
      },
      hint: {
        ja: 'bases.gdpr に consent / contract / legitimate-interests などを記録してください。',
        en: 'Record consent, contract, legitimate-interests … in bases.gdpr.',
      },
    }));
}
