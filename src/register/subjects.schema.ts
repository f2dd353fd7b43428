import { z } from 'zod';
import { Key, Text } from './common.schema.js';

/** 個人情報の類型: a free list (customers, shareholders, applicants, employees' families …). */
export const SubjectType = z.strictObject({
  key: Key,
  name: Text,
  description: Text.optional(),
});
export type SubjectType = z.infer<typeof SubjectType>;

/** APPI classes an item can belong to beyond plain personal information. */
export const AppiClass = z.enum(['personal', 'sensitive', 'my-number', 'related']);
export type AppiClass = z.infer<typeof AppiClass>;

export const DataItem = z.strictObject({
  key: Key,
  name: Text,
  /** A key of the data-category taxonomy (fideslang keys, Mamori's extensions, or the register's own). */
  category: z.string().min(1),
  /** Overrides the class the taxonomy gives the category (e.g. a free-text note that holds health data). */
  appiClass: AppiClass.optional(),
  description: Text.optional(),
});
export type DataItem = z.infer<typeof DataItem>;

/** A register may add its own categories below an existing one, as fideslang allows. */
export const CustomCategory = z.strictObject({
  key: z.string().min(1),
  parent: z.string().min(1),
  name: Text,
  appiClass: AppiClass.optional(),
});
export type CustomCategory = z.infer<typeof CustomCategory>;
