import { z } from 'zod';
import { FidesDataset } from '../datasets/dataset.schema.js';
import { Annexes } from './annexes.schema.js';
import { AnonymisedPublication } from './anonymised.schema.js';
import { Organisation } from './organisation.schema.js';
import { Processor } from './processors.schema.js';
import { Purpose } from './purposes.schema.js';
import { ProvisionException, Recipient } from './recipients.schema.js';
import { RetentionRule } from './retention.schema.js';
import { RightsProcedure } from './rights.schema.js';
import { Safeguard } from './safeguards.schema.js';
import { Statement } from './statements.schema.js';
import { CustomCategory, DataItem, SubjectType } from './subjects.schema.js';
import { System } from './systems.schema.js';

export * from './annexes.schema.js';
export * from './anonymised.schema.js';
export * from './common.schema.js';
export * from './organisation.schema.js';
export * from './processors.schema.js';
export * from './purposes.schema.js';
export * from './recipients.schema.js';
export * from './retention.schema.js';
export * from './rights.schema.js';
export * from './safeguards.schema.js';
export * from './statements.schema.js';
export * from './subjects.schema.js';
export * from './systems.schema.js';

/** The whole 個人情報管理台帳. Entities refer to each other by `key`; lint checks that the keys exist. */
export const Register = z.strictObject({
  organisation: Organisation,
  subjectTypes: z.array(SubjectType),
  customCategories: z.array(CustomCategory),
  dataItems: z.array(DataItem),
  purposes: z.array(Purpose),
  systems: z.array(System),
  processors: z.array(Processor),
  recipients: z.array(Recipient),
  provisionExceptions: z.array(ProvisionException),
  retentionRules: z.array(RetentionRule),
  safeguards: z.array(Safeguard),
  rights: RightsProcedure,
  anonymised: z.array(AnonymisedPublication),
  annexes: Annexes,
  statements: z.array(Statement),
  datasets: z.array(FidesDataset),
});
export type Register = z.infer<typeof Register>;

/** Entity collections of the register that hold keyed entities (used by lint, YAML and the API). */
export const ENTITY_LISTS = [
  'subjectTypes',
  'customCategories',
  'dataItems',
  'purposes',
  'systems',
  'processors',
  'recipients',
  'provisionExceptions',
  'retentionRules',
  'safeguards',
  'anonymised',
  'statements',
] as const;
export type EntityList = (typeof ENTITY_LISTS)[number];

/** The schema of one entity of each list, for per-entity create/update validation (API, console). */
export const ENTITY_SCHEMAS = {
  subjectTypes: SubjectType,
  customCategories: CustomCategory,
  dataItems: DataItem,
  purposes: Purpose,
  systems: System,
  processors: Processor,
  recipients: Recipient,
  provisionExceptions: ProvisionException,
  retentionRules: RetentionRule,
  safeguards: Safeguard,
  anonymised: AnonymisedPublication,
  statements: Statement,
} as const satisfies Record<EntityList, unknown>;
