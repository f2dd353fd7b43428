import { z } from 'zod';
import { TriggerEvent } from '../register/retention.schema.js';

/*
 * The fideslang dataset format. Objects are loose on purpose: a Fides user's dataset must import
 * unchanged, so keys Mamori does not use (tags, retention, custom fides_meta keys …) are kept as they are.
 */

export const FidesReference = z.looseObject({
  dataset: z.string().min(1),
  /** `collection.field[.subfield]` inside `dataset`. */
  field: z.string().min(1),
  direction: z.enum(['from', 'to']).optional(),
});
export type FidesReference = z.infer<typeof FidesReference>;

export const FidesFieldMeta = z.looseObject({
  references: z.array(FidesReference).nullish(),
  identity: z.string().min(1).nullish(),
  primary_key: z.boolean().nullish(),
  data_type: z.string().min(1).nullish(),
  length: z.number().int().nonnegative().nullish(),
  return_all_elements: z.boolean().nullish(),
  read_only: z.boolean().nullish(),
  custom_request_field: z.string().nullish(),
});
export type FidesFieldMeta = z.infer<typeof FidesFieldMeta>;

export interface FidesField {
  name: string;
  description?: string | null | undefined;
  data_categories?: string[] | null | undefined;
  fides_meta?: FidesFieldMeta | null | undefined;
  fields?: FidesField[] | null | undefined;
  [extra: string]: unknown;
}

export const FidesField: z.ZodType<FidesField> = z
  .looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    data_categories: z.array(z.string().min(1)).nullish(),
    fides_meta: FidesFieldMeta.nullish(),
    get fields() {
      return z.array(FidesField).nullish();
    },
    // A registered id makes the recursive schema a named component in the OpenAPI document (otherwise its
    // self-reference points at nothing and generated clients refuse the document).
  })
  .meta({ id: 'FidesField' });

/** Mamori's extension to a collection: what the erasure and retention engines need beyond fideslang. */
export const MamoriCollectionMeta = z.strictObject({
  /** For Redis collections: the key pattern whose values hold the collection's records (`user:{id}`). */
  redis_key_pattern: z.string().min(1).optional(),
  masking_strategy: z
    .strictObject({
      strategy: z.string().min(1),
      configuration: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  /** Erase whole records instead of masking fields (e.g. rows that are meaningless without the person). */
  erase_by_delete: z.boolean().optional(),
  /** APPI Art. 35: field set when use is stopped (利用停止) instead of erasing. */
  restriction_flag_field: z.string().min(1).optional(),
  /** Field holding the date of each retention trigger event, as a path inside the collection. */
  retention_trigger_fields: z.partialRecord(TriggerEvent, z.string().min(1)).optional(),
  subject_types: z.array(z.string().min(1)).optional(),
});
export type MamoriCollectionMeta = z.infer<typeof MamoriCollectionMeta>;

export const FidesCollection = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  data_categories: z.array(z.string().min(1)).nullish(),
  fides_meta: z.looseObject({}).nullish(),
  fields: z.array(FidesField),
  mamori_meta: MamoriCollectionMeta.optional(),
});
export type FidesCollection = z.infer<typeof FidesCollection>;

export const FidesDataset = z.looseObject({
  fides_key: z.string().regex(/^[A-Za-z0-9_.<>-]+$/, 'fides_key may hold letters, digits, _ . - < > only'),
  name: z.string().nullish(),
  description: z.string().nullish(),
  organization_fides_key: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  data_categories: z.array(z.string().min(1)).nullish(),
  fides_meta: z.looseObject({}).nullish(),
  collections: z.array(FidesCollection),
});
export type FidesDataset = z.infer<typeof FidesDataset>;

/** A YAML file as Fides writes it: `dataset:` holding one or more datasets. */
export const FidesDatasetFile = z.looseObject({
  dataset: z.array(FidesDataset).min(1),
});
export type FidesDatasetFile = z.infer<typeof FidesDatasetFile>;
