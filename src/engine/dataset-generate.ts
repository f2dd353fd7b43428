import type { CollectionDescription } from '../connectors/connector.js';
import type { FidesDataset, FidesField } from '../datasets/dataset.schema.js';

/**
 * Drafts a fideslang dataset from a live store's schema (pure). Data categories are left out on purpose:
 * a person or discovery assigns them. Foreign keys become references with `direction: from` (the
 * referenced key feeds the referencing column), the way Fides' own examples annotate them.
 */
export function draftDataset(key: string, collections: readonly CollectionDescription[]): FidesDataset {
  return {
    fides_key: key,
    name: key,
    description: `Drafted by mamori dataset generate from connection ${key}; assign data_categories before use.`,
    collections: collections.map((c) => ({
      name: c.name,
      ...(c.keyPattern && { mamori_meta: { redis_key_pattern: c.keyPattern } }),
      fields: c.fields.map((f): FidesField => {
        const meta: Record<string, unknown> = { data_type: dataType(f.dataType) };
        if (f.primaryKey) meta.primary_key = true;
        if (f.references.length > 0) {
          meta.references = f.references.map((r) => ({
            dataset: key,
            field: `${r.collection}.${r.field}`,
            direction: 'from',
          }));
        }
        return { name: f.name, fides_meta: meta };
      }),
    })),
  };
}

/** Fideslang data types: string, integer, float, boolean, object_id, object (and arrays of them). */
function dataType(native: string): string {
  const t = native.toLowerCase();
  if (/int|serial/.test(t)) return 'integer';
  if (/numeric|decimal|real|double|float/.test(t)) return 'float';
  if (/bool|bit/.test(t)) return 'boolean';
  if (/json/.test(t)) return 'object';
  return 'string';
}
