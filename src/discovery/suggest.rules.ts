import type { CollectionDescription } from '../connectors/connector.js';
import type { FidesDataset, FidesField } from '../datasets/dataset.schema.js';
import { draftDataset } from '../engine/dataset-generate.js';
import type { TableResult } from './db-scan.schema.js';

/**
 * Suggested dataset annotations (issue 8), pure. The given datasets are copied and only completed: a column
 * with personal data found and no declared category gets the proposed category, a column missing from the
 * dataset is added with it. Declared categories are never overwritten — a contradiction is for a person to
 * settle, and the drift report names it. Stores scanned without a dataset are drafted from their live schema.
 */
export function suggestDatasets(
  given: readonly FidesDataset[],
  tables: readonly TableResult[],
  described: ReadonlyMap<string, CollectionDescription[]>,
): FidesDataset[] {
  const keys = [...new Set(tables.map((t) => t.dataset))];
  return keys.map((key) => {
    const source = given.find((d) => d.fides_key === key);
    const draft = draftDataset(key, described.get(key) ?? []);
    const dataset: FidesDataset = structuredClone(source ?? draft);
    for (const table of tables.filter((t) => t.dataset === key)) {
      let collection = dataset.collections.find((c) => c.name === table.collection);
      if (!collection) {
        // A table the dataset does not list: added as the live schema describes it.
        const drafted = draft.collections.find((c) => c.name === table.collection);
        collection = drafted
          ? structuredClone(drafted)
          : { name: table.collection, fields: table.columns.map((c) => ({ name: c.field })) };
        dataset.collections.push(collection);
      }
      for (const column of table.columns) {
        const p = column.proposal;
        if (!column.personal || !p?.dataCategory || p.appiClass === 'none' || column.declared.length > 0)
          continue;
        let field = collection.fields.find((f) => f.name === column.field);
        if (!field) {
          field = { name: column.field } as FidesField;
          collection.fields.push(field);
        }
        field.data_categories = [p.dataCategory];
        field.description ??= `Proposed by mamori scan db: ${p.type}, confidence ${p.confidence} (${p.evidence}).`;
      }
    }
    return dataset;
  });
}
