import { collectionFieldPaths, datasetFields } from './dataset.fields.js';
import type { FidesDataset } from './dataset.schema.js';

export interface DatasetProblem {
  /** Index of the dataset in the list given. */
  datasetIndex: number;
  /** Path inside that dataset. */
  path: (string | number)[];
  message: string;
}

function duplicates(names: readonly string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const [index, name] of names.entries()) seen.set(name, [...(seen.get(name) ?? []), index]);
  return new Map([...seen].filter(([, indices]) => indices.length > 1));
}

/**
 * Checks what the schema cannot: unique keys and names, and that references point at a collection and
 * field that exist when the referenced dataset is among those given (others may live elsewhere, as in Fides).
 */
export function validateDatasets(datasets: readonly FidesDataset[]): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  for (const [name, indices] of duplicates(datasets.map((d) => d.fides_key))) {
    for (const datasetIndex of indices.slice(1)) {
      problems.push({ datasetIndex, path: ['fides_key'], message: `duplicate dataset fides_key "${name}"` });
    }
  }
  const byKey = new Map(datasets.map((d) => [d.fides_key, d]));
  for (const [datasetIndex, dataset] of datasets.entries()) {
    for (const [name, indices] of duplicates(dataset.collections.map((c) => c.name))) {
      for (const i of indices.slice(1)) {
        problems.push({
          datasetIndex,
          path: ['collections', i, 'name'],
          message: `duplicate collection "${name}"`,
        });
      }
    }
    for (const [collectionIndex, collection] of dataset.collections.entries()) {
      checkSiblingNames(collection.fields, ['collections', collectionIndex], datasetIndex, problems);
    }
    for (const visit of datasetFields(dataset)) {
      for (const [refIndex, ref] of (visit.field.fides_meta?.references ?? []).entries()) {
        const target = byKey.get(ref.dataset);
        if (!target) continue;
        const [collectionName, ...rest] = ref.field.split('.');
        const collection = target.collections.find((c) => c.name === collectionName);
        const path = [...visit.path, 'fides_meta', 'references', refIndex, 'field'];
        if (!collection || rest.length === 0) {
          problems.push({
            datasetIndex,
            path,
            message: `reference to unknown collection in "${ref.dataset}.${ref.field}"`,
          });
        } else if (!collectionFieldPaths(collection).has(rest.join('.'))) {
          problems.push({
            datasetIndex,
            path,
            message: `reference to unknown field "${ref.dataset}.${ref.field}"`,
          });
        }
      }
    }
  }
  return problems;
}

function checkSiblingNames(
  fields: readonly { name: string; fields?: readonly { name: string }[] | null | undefined }[],
  basePath: (string | number)[],
  datasetIndex: number,
  problems: DatasetProblem[],
): void {
  for (const [name, indices] of duplicates(fields.map((f) => f.name))) {
    for (const i of indices.slice(1)) {
      problems.push({
        datasetIndex,
        path: [...basePath, 'fields', i, 'name'],
        message: `duplicate field "${name}"`,
      });
    }
  }
  for (const [index, field] of fields.entries()) {
    if (field.fields)
      checkSiblingNames(
        field.fields as typeof fields,
        [...basePath, 'fields', index],
        datasetIndex,
        problems,
      );
  }
}
