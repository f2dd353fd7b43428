import { z } from 'zod';
import { AnonymizeReport, MetricName, PrivacyModel } from './anonymize.schema.js';
import { ProvisionMethod } from './publication.js';

/** Largest CSV accepted in one request (the route's body limit is set a little above it). */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

const identifier = z.string().min(1).max(128);

/**
 * Where the table to anonymise comes from: CSV text in the request, or a table of a stored connection
 * (PostgreSQL, MySQL, MariaDB) read in full when the run starts. The stored run keeps the source sealed;
 * for a connection that is only its reference (connection, table, columns), never rows.
 */
export const InputSource = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('csv'),
    text: z.string().min(1).max(MAX_CSV_BYTES),
    /** One character; detected from the header line when omitted. */
    delimiter: z.string().min(1).max(3).optional(),
  }),
  z.strictObject({
    kind: z.literal('connection'),
    /** The key of a stored connection (src/connectors). */
    connection: identifier,
    table: identifier,
    /** PostgreSQL schema; the search path when omitted. */
    schema: identifier.optional(),
    /** The columns to read, in this order: the released table's columns. */
    columns: z.array(identifier).min(1).max(100),
  }),
]);
export type InputSource = z.infer<typeof InputSource>;

/**
 * A hierarchy for one quasi-identifier: a built-in kind (`age`, `date`, `address`, `prefecture`, `postal`,
 * `interval:10,50`, `flat`), an ARX hierarchy file's text, or a value → category map (occupations …).
 */
export const HierarchySpec = z.union([
  z.strictObject({ builtin: z.string().min(1).max(200) }),
  z.strictObject({
    csv: z
      .string()
      .min(1)
      .max(8 * 1024 * 1024),
  }),
  z.strictObject({ map: z.record(z.string(), z.string()) }),
]);
export type HierarchySpec = z.infer<typeof HierarchySpec>;

const Bilingual = z.object({ ja: z.string(), en: z.string() });

const columnName = z.string().min(1).max(200);

export const AnonymizationRequest = z.strictObject({
  /** The dataset's name in the creation and provision records (e.g. "会員利用履歴 2026-10"). */
  dataset: z.string().min(1).max(200),
  input: InputSource,
  qi: z.array(columnName).min(1).max(20),
  hierarchies: z.record(columnName, HierarchySpec),
  sensitive: columnName.optional(),
  /**
   * Identifier columns, deleted (PPC Rules Art. 34(1)–(3)). Replacing them with a keyed pseudonym is not
   * offered here: whoever holds the key could link records back, which anonymised information forbids.
   */
  drop: z.array(columnName).max(100).default([]),
  model: PrivacyModel,
  metric: MetricName.default('discernibility'),
  /** Names of the released columns in the published item list (default: the column name). */
  itemLabels: z.record(columnName, Bilingual).optional(),
});
export type AnonymizationRequest = z.input<typeof AnonymizationRequest>;
export type ParsedAnonymizationRequest = z.output<typeof AnonymizationRequest>;

export const AnonymizationStatus = z.enum(['queued', 'running', 'completed', 'failed']);
export type AnonymizationStatus = z.infer<typeof AnonymizationStatus>;

export const Anonymization = z.object({
  id: z.string(),
  dataset: z.string(),
  status: AnonymizationStatus,
  qi: z.array(z.string()),
  model: PrivacyModel,
  metric: MetricName,
  report: AnonymizeReport.nullable(),
  /** The items of the released table (APPI Art. 43(3)), once created. */
  items: z.array(Bilingual).nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Anonymization = z.infer<typeof Anonymization>;

export const ProvisionInput = z.strictObject({
  /** The third party receiving the dataset (a company name, normally). */
  recipient: z.string().min(1).max(300),
  methods: z.array(ProvisionMethod).min(1),
  /** Date of the provision (YYYY-MM-DD). */
  date: z.iso.date(),
});
export type ProvisionInput = z.infer<typeof ProvisionInput>;

export const Provision = z.object({
  id: z.string(),
  anonymizationId: z.string(),
  recipient: z.string(),
  methods: z.array(ProvisionMethod),
  date: z.string(),
  /** Items and method to publish before the provision (Art. 43(4)). */
  publication: Bilingual,
  /** The statement to the recipient that the data is anonymised information (Art. 43(4)). */
  notice: Bilingual,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Provision = z.infer<typeof Provision>;

export const Language = z.enum(['ja', 'en']);

export const Publication = z.object({
  lang: Language,
  items: z.array(z.string()),
  /** Published without delay after creation (Art. 43(3)). */
  creation: z.string(),
  /** Items and methods of the recorded provisions (Art. 43(4)); null before any provision. */
  provision: z.string().nullable(),
});
export type Publication = z.infer<typeof Publication>;

/** A SQL connection a run can read, with its tables (console form). */
export const Source = z.object({
  connection: z.string(),
  type: z.string(),
  tables: z.array(
    z.object({
      name: z.string(),
      schema: z.string().optional(),
      columns: z.array(z.object({ name: z.string(), dataType: z.string() })),
    }),
  ),
  /** Why the store could not be described (unreachable, refused); null when it was. */
  error: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;
