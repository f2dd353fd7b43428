import { z } from 'zod';

/** A stable slug that other entities use to refer to this one (kept across renames and translations). */
export const Key = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/,
    'must be a slug: lower-case letters, digits, and single - _ . between them',
  );
export type Key = z.infer<typeof Key>;

/** Japanese is the language of record (APPI notices are published in Japanese); English is optional. */
export const Text = z.strictObject({
  ja: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type Text = z.infer<typeof Text>;

export const IsoDate = z.iso.date();

/** ISO 3166-1 alpha-2, upper case (JP, US, CN, SG, TW …). */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP or US');
export type CountryCode = z.infer<typeof CountryCode>;

export const Url = z.url();

export const Duration = z
  .strictObject({
    years: z.number().int().min(0).optional(),
    months: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
  })
  .refine(
    (d) => (d.years ?? 0) + (d.months ?? 0) + (d.days ?? 0) > 0,
    'a duration needs years, months or days',
  );
export type Duration = z.infer<typeof Duration>;

export const Address = z.strictObject({
  postalCode: z.string().optional(),
  text: Text,
});
export type Address = z.infer<typeof Address>;

export const Contact = z.strictObject({
  email: z.email().optional(),
  phones: z.array(z.string().min(1)).optional(),
  formUrl: Url.optional(),
  address: Address.optional(),
});
export type Contact = z.infer<typeof Contact>;
