import type { TestApp } from '../../test/app.js';
import { readExampleFiles } from '../register/examples.test-helpers.js';
import type { Purpose, Register } from '../register/register.schema.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';

const purpose = (key: string, ja: string, en: string): Purpose => ({
  key,
  description: { ja, en },
  subjectTypes: ['customers'],
  items: ['cookie'],
  holding: 'held',
  bases: { appi: 'consent', gdpr: ['consent'] },
});

/** The tsunagi example register plus three purposes that rest on consent (one of them ad targeting). */
export function consentRegister(): Register {
  const register = registerFromYamlFiles(readExampleFiles('tsunagi-technology'));
  return {
    ...register,
    purposes: [
      ...register.purposes,
      purpose('analytics', 'アクセス解析のため', 'To analyse how the site is used'),
      purpose('ads', '興味・関心に応じた広告配信のため', 'To show advertising based on your interests'),
      purpose('newsletter', 'メールマガジンの配信のため', 'To send newsletters'),
    ],
  };
}

export const SYSTEM = { type: 'system', label: 'test' } as const;

/** Loads the register, marks `ads` as sale/share (GPC opt-out) with TCF purposes 1, 3, 4. */
export async function seedConsent(t: TestApp): Promise<Register> {
  const register = consentRegister();
  await t.mamori.register.import(SYSTEM, register);
  await t.mamori.consent.putSettings(
    SYSTEM,
    'ads',
    { inBanner: true, gpcOptOut: true, tcfPurposes: [1, 3, 4] },
    {},
  );
  return register;
}
