import type { Processor } from '../processors.schema.js';
import type { Finding, LintContext } from './lint.types.js';

const HOME = 'JP';

function isForeign(p: Processor): boolean {
  return (p.country !== undefined && p.country !== HOME) || (p.serverCountries ?? []).some((c) => c !== HOME);
}

/**
 * APPI Art. 28(2) and Rules Art. 17: for entrustment to a foreign processor the company must know and be
 * able to tell the country, its legal system and the processor's measures; without a country it cannot.
 */
export function processorCountry(ctx: LintContext): Finding[] {
  return ctx.register.processors.flatMap((p): Finding[] => {
    if (p.country === undefined) {
      return [
        {
          code: 'processor-country-missing',
          severity: 'error',
          entity: 'processors',
          key: p.key,
          message: {
            ja: '委託先の所在国が記録されていません(外国にある第三者か判断できません)。',
            en: 'The processor has no country, so whether it is in a foreign country cannot be told.',
          },
          hint: {
            ja: 'country に国コード(例: JP, US)を記録してください。',
            en: 'Set country to a code such as JP or US.',
          },
        },
      ];
    }
    if (!isForeign(p)) return [];
    if (!p.foreign || p.foreign.countries.length === 0) {
      return [
        {
          code: 'foreign-processor-info-missing',
          severity: 'error',
          entity: 'processors',
          key: p.key,
          message: {
            ja: '外国の委託先ですが、所在国・法制度・相当措置の情報がありません(個人情報保護法28条)。',
            en: 'A foreign processor has no country, legal-system or measures information (APPI Art. 28).',
          },
          hint: {
            ja: 'foreign.countries に国と法制度の参照先を、foreign.measures に委託先の相当措置を記録してください。',
            en: 'Record the countries and legal-system references in foreign.countries and the measures in foreign.measures.',
          },
        },
      ];
    }
    return p.foreign.countries
      .filter((c) => c.legalSystemUrl === undefined)
      .map((c) => ({
        code: 'foreign-legal-system-missing',
        severity: 'warning',
        entity: 'processors',
        key: p.key,
        message: {
          ja: `${c.country} の個人情報保護制度の参照先がありません。`,
          en: `No reference for the personal-information protection system of ${c.country}.`,
        },
        hint: {
          ja: '個人情報保護委員会が公表する外国制度の調査資料などの URL を legalSystemUrl に記録してください。',
          en: "Set legalSystemUrl, e.g. to the PPC's published report on that country.",
        },
      }));
  });
}

/** The foreign-server disclosure (PPC guidelines on external environment) needs each server's country. */
export function hostingCountry(ctx: LintContext): Finding[] {
  return ctx.register.systems.flatMap((s) =>
    s.hosting
      .filter((h) => h.country === undefined)
      .map(
        (h): Finding => ({
          code: 'hosting-country-missing',
          severity: 'error',
          entity: 'systems',
          key: s.key,
          message: {
            ja: `保存先${h.provider ? `(${h.provider})` : ''}の国が記録されていません。`,
            en: `A hosting location${h.provider ? ` (${h.provider})` : ''} has no country.`,
          },
          hint: {
            ja: 'hosting の country に国コードを記録してください(外国の場合は公表対象です)。',
            en: 'Set the hosting country; a foreign country must be disclosed.',
          },
        }),
      ),
  );
}

/** APPI Art. 27: every provision needs consent (or opt-out notified to the PPC) or a legal ground. */
export function recipientWithoutGround(ctx: LintContext): Finding[] {
  return ctx.register.recipients
    .filter((r) => r.consent === undefined && r.legalGround === undefined)
    .map((r) => ({
      code: 'recipient-without-ground',
      severity: 'error',
      entity: 'recipients',
      key: r.key,
      message: {
        ja: '提供先に同意の要否も法令上の根拠もありません(個人情報保護法27条)。',
        en: 'The recipient has neither a consent requirement nor a legal ground (APPI Art. 27).',
      },
      hint: {
        ja: 'consent(prior-consent / opt-out)か legalGround を記録してください。',
        en: 'Set consent (prior-consent / opt-out) or legalGround.',
      },
    }));
}

/** APPI Art. 27(2) proviso: sensitive data may never be provided by opt-out. */
export function sensitiveOptOut(ctx: LintContext): Finding[] {
  return ctx.register.recipients
    .filter(
      (r) =>
        r.consent === 'opt-out' &&
        r.items.some((k) => {
          const item = ctx.items.get(k);
          return item !== undefined && ctx.classOf(item) === 'sensitive';
        }),
    )
    .map((r) => ({
      code: 'sensitive-opt-out',
      severity: 'error',
      entity: 'recipients',
      key: r.key,
      message: {
        ja: '要配慮個人情報はオプトアウトで提供できません(個人情報保護法27条2項)。',
        en: 'Sensitive data cannot be provided by opt-out (APPI Art. 27(2)).',
      },
      hint: { ja: 'consent を prior-consent にしてください。', en: 'Set consent to prior-consent.' },
    }));
}
