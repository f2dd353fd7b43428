import type { FidesCollection, FidesDataset, FidesField } from './dataset.schema.js';

export interface FieldVisit {
  collection: FidesCollection;
  collectionIndex: number;
  /** Dotted path of the field inside its collection (`address.city`). */
  fieldPath: string;
  field: FidesField;
  /** Structural path inside the dataset, for error locations. */
  path: (string | number)[];
}

function* visitFields(
  fields: readonly FidesField[],
  prefix: string,
  basePath: (string | number)[],
  collection: FidesCollection,
  collectionIndex: number,
): Generator<FieldVisit> {
  for (const [index, field] of fields.entries()) {
    const fieldPath = prefix ? `${prefix}.${field.name}` : field.name;
    const path = [...basePath, 'fields', index];
    yield { collection, collectionIndex, fieldPath, field, path };
    if (field.fields) yield* visitFields(field.fields, fieldPath, path, collection, collectionIndex);
  }
}

/** Every field of a dataset, nested fields included, depth first in file order. */
export function* datasetFields(dataset: FidesDataset): Generator<FieldVisit> {
  for (const [collectionIndex, collection] of dataset.collections.entries()) {
    yield* visitFields(collection.fields, '', ['collections', collectionIndex], collection, collectionIndex);
  }
}

export function collectionFieldPaths(collection: FidesCollection): Set<string> {
  const paths = new Set<string>();
  for (const visit of visitFields(collection.fields, '', [], collection, 0)) paths.add(visit.fieldPath);
  return paths;
}

/** Categories used anywhere in the dataset (dataset, collection and field level). */
export function datasetCategories(dataset: FidesDataset): Set<string> {
  const categories = new Set<string>(dataset.data_categories ?? []);
  for (const collection of dataset.collections)
    for (const c of collection.data_categories ?? []) categories.add(c);
  for (const { field } of datasetFields(dataset))
    for (const c of field.data_categories ?? []) categories.add(c);
  return categories;
}
