import { z } from 'zod';
import { CountryCode, IsoDate, Key, Text, Url } from './common.schema.js';

export const SubEntrustment = z.enum(['prohibited', 'with-prior-consent', 'allowed-with-equal-terms']);

/** APPI Art. 25: the contract terms by which a processor is supervised. */
export const ProcessorContract = z.strictObject({
  safetyMeasures: z.boolean(),
  confidentiality: z.boolean(),
  subEntrustment: SubEntrustment,
  notes: Text.optional(),
});

/** APPI Art. 28 and Rules Art. 17: what must be known (and told) about a processor in a foreign country. */
export const ForeignCountry = z.strictObject({
  country: CountryCode,
  legalSystemUrl: Url.optional(),
});

export const ForeignTransfer = z.strictObject({
  countries: z.array(ForeignCountry),
  /** 体制整備の方法 (Rules Art. 16). */
  framework: Text.optional(),
  /** 相当措置: the measures the processor itself takes. */
  measures: Text,
  /** How and how often the company confirms the measures are kept. */
  checkMethod: Text.optional(),
  /** Foreign rules that may hinder the measures, or a statement that there are none. */
  foreignRulesImpact: Text.optional(),
  impediments: Text.optional(),
  responseOnImpediment: Text.optional(),
});
export type ForeignTransfer = z.infer<typeof ForeignTransfer>;

export const Processor = z.strictObject({
  key: Key,
  name: Text,
  service: Text,
  /** Country where the processor is established. */
  country: CountryCode.optional(),
  /** Countries where it stores the data, when known. */
  serverCountries: z.array(CountryCode).optional(),
  contract: ProcessorContract,
  selectionCheck: z.strictObject({ criteria: Text, checkedOn: IsoDate.optional() }).optional(),
  reviewCycleMonths: z.number().int().positive().optional(),
  foreign: ForeignTransfer.optional(),
  purposes: z.array(Key).optional(),
  items: z.array(Key).optional(),
  note: Text.optional(),
});
export type Processor = z.infer<typeof Processor>;
