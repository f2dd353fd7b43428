/**
 * Every string the console shows, in Japanese (the default) and English, one file per area (`<area>.dict.ts`).
 * Each area's English is typed against its Japanese keys, so a string missing in one language is a compile error.
 * `{name}` marks a parameter. A new page adds its own file here.
 */

import * as accounts from './accounts.dict';
import * as anonymize from './anonymize.dict';
import * as audit from './audit.dict';
import * as common from './common.dict';
import * as consent from './consent.dict';
import * as dashboard from './dashboard.dict';
import * as discovery from './discovery.dict';
import * as notices from './notices.dict';
import * as register from './register.dict';
import * as requests from './requests.dict';
import * as retention from './retention.dict';

const ja = {
  ...common.ja,
  ...accounts.ja,
  ...dashboard.ja,
  ...requests.ja,
  ...register.ja,
  ...notices.ja,
  ...consent.ja,
  ...retention.ja,
  ...anonymize.ja,
  ...discovery.ja,
  ...audit.ja,
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  ...common.en,
  ...accounts.en,
  ...dashboard.en,
  ...requests.en,
  ...register.en,
  ...notices.en,
  ...consent.en,
  ...retention.en,
  ...anonymize.en,
  ...discovery.en,
  ...audit.en,
};

export type Lang = 'ja' | 'en';
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { ja, en };
