import { z } from 'zod';
import { Key, Text } from './common.schema.js';

/**
 * APPI has no "legal basis" list like GDPR; what matters is how the use is justified:
 * a specified and published purpose (Art. 17, 21), consent (Art. 18, 20(2), 27), a law or another
 * Art. 18(3)/20(2) exception, or processing entrusted by another controller (Art. 27(5)(i)).
 */
export const AppiBasis = z.enum(['published-purpose', 'consent', 'legal-exception', 'entrusted']);
export type AppiBasis = z.infer<typeof AppiBasis>;

/** GDPR Art. 6(1)(a)–(f). */
export const GdprBasis = z.enum([
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
]);
export type GdprBasis = z.infer<typeof GdprBasis>;

/** PIPL Art. 13(1)–(7). */
export const PiplBasis = z.enum([
  'consent',
  'contract-or-hr',
  'legal-duty',
  'public-health-emergency',
  'news-reporting',
  'public-information',
  'other-law',
]);
export type PiplBasis = z.infer<typeof PiplBasis>;

/** My Number Act Art. 9: the only fields in which an Individual Number may be used. */
export const MyNumberUse = z.enum(['social-security', 'tax', 'disaster-response']);
export type MyNumberUse = z.infer<typeof MyNumberUse>;

/**
 * held: 保有個人データ, the company answers rights requests itself.
 * entrusted: processed for a customer who is the controller (not held personal data).
 */
export const Holding = z.enum(['held', 'entrusted']);
export type Holding = z.infer<typeof Holding>;

export const Purpose = z.strictObject({
  key: Key,
  description: Text,
  subjectTypes: z.array(Key),
  items: z.array(Key),
  holding: Holding,
  bases: z.strictObject({
    appi: AppiBasis,
    gdpr: z.array(GdprBasis).optional(),
    pipl: z.array(PiplBasis).optional(),
  }),
  myNumberUse: MyNumberUse.optional(),
  /** Entities of the group that use the data for this purpose; empty means all. */
  entities: z.array(Key).optional(),
});
export type Purpose = z.infer<typeof Purpose>;
