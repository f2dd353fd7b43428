import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectionFieldPaths, datasetCategories, datasetFields } from './dataset.fields.js';
import { datasetsToYaml, parseDatasetYaml } from './dataset.yaml.js';
import { SourceFormatError } from './yaml.source.js';

/** Shaped like a dataset a Fides user keeps in git, with keys Mamori does not use. */
const FIDES_DATASET = `dataset:
  - fides_key: postgres_shop
    name: Shop database
    description: Orders and customers
    organization_fides_key: default_organization
    tags: [prod]
    data_qualifier: aggregated.anonymized.unlinked_pseudonymized.pseudonymized.identified
    retention: No retention or erasure policy
    fides_meta:
      namespace:
        schema: public
    collections:
      - name: customer
        description: One row per customer
        fides_meta:
          after: [postgres_shop.login]
          erase_after: []
          skip_processing: false
        fields:
          - name: id
            data_categories: [user.unique_id]
            fides_meta:
              primary_key: true
              data_type: integer
          - name: email
            data_categories: [user.contact.email]
            fides_meta:
              identity: email
              data_type: string
          - name: address
            fides_meta:
              data_type: object
            fields:
              - name: city
                data_categories: [user.contact.address.city]
              - name: zip
                data_categories: [user.contact.address.postal_code]
                fides_meta:
                  length: 8
                  custom_request_field: null
      - name: login
        fields:
          - name: customer_id
            data_categories: [user.unique_id]
            fides_meta:
              references:
                - dataset: postgres_shop
                  field: customer.id
                  direction: from
              read_only: true
          - name: time
            data_categories: [user.behavior.access_log]
        mamori_meta:
          erase_by_delete: true
          retention_trigger_fields:
            last-contact: time
`;

function errorOf(fn: () => unknown): SourceFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SourceFormatError) return error;
    throw error;
  }
  throw new Error('expected a SourceFormatError');
}

describe('fideslang datasets', () => {
  it("imports a Fides user's dataset unchanged, unknown keys included", () => {
    const [dataset] = parseDatasetYaml(FIDES_DATASET, 'shop.yml');
    expect({ dataset: [dataset] }).toEqual(parse(FIDES_DATASET));
    expect(dataset?.data_qualifier).toBe(
      'aggregated.anonymized.unlinked_pseudonymized.pseudonymized.identified',
    );
  });

  it('writes datasets back in the same format', () => {
    const datasets = parseDatasetYaml(FIDES_DATASET, 'shop.yml');
    expect(parse(datasetsToYaml(datasets))).toEqual(parse(FIDES_DATASET));
  });

  it('walks nested fields with their dotted paths', () => {
    const [dataset] = parseDatasetYaml(FIDES_DATASET, 'shop.yml');
    if (!dataset) throw new Error('no dataset');
    expect([...datasetFields(dataset)].map((v) => `${v.collection.name}.${v.fieldPath}`)).toEqual([
      'customer.id',
      'customer.email',
      'customer.address',
      'customer.address.city',
      'customer.address.zip',
      'login.customer_id',
      'login.time',
    ]);
    expect(collectionFieldPaths(dataset.collections[0] as never)).toEqual(
      new Set(['id', 'email', 'address', 'address.city', 'address.zip']),
    );
    expect(datasetCategories(dataset)).toEqual(
      new Set([
        'user.unique_id',
        'user.contact.email',
        'user.contact.address.city',
        'user.contact.address.postal_code',
        'user.behavior.access_log',
      ]),
    );
  });

  it('reports a wrong type with file, line and path', () => {
    const bad = FIDES_DATASET.replace('primary_key: true', 'primary_key: maybe');
    const error = errorOf(() => parseDatasetYaml(bad, 'shop.yml'));
    const line = bad.split('\n').findIndex((l) => l.includes('primary_key: maybe')) + 1;
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      file: 'shop.yml',
      line,
      path: 'dataset[0].collections[0].fields[0].fides_meta.primary_key',
    });
  });

  it('rejects unknown keys inside mamori_meta, pointing at the key', () => {
    const bad = FIDES_DATASET.replace(
      'erase_by_delete: true',
      'erase_by_delete: true\n          erase_by_fire: true',
    );
    const error = errorOf(() => parseDatasetYaml(bad, 'shop.yml'));
    const line = bad.split('\n').findIndex((l) => l.includes('erase_by_fire')) + 1;
    expect(error.issues[0]).toMatchObject({
      line,
      path: 'dataset[0].collections[1].mamori_meta.erase_by_fire',
    });
  });

  it('rejects retention triggers Mamori does not know', () => {
    const bad = FIDES_DATASET.replace('last-contact: time', 'birthday: time');
    expect(errorOf(() => parseDatasetYaml(bad, 'shop.yml')).issues[0]?.path).toContain(
      'retention_trigger_fields',
    );
  });

  it('reports references to a missing field of a dataset in the same file', () => {
    const bad = FIDES_DATASET.replace('field: customer.id', 'field: customer.nope');
    const error = errorOf(() => parseDatasetYaml(bad, 'shop.yml'));
    const line = bad.split('\n').findIndex((l) => l.includes('customer.nope')) + 1;
    expect(error.issues[0]).toMatchObject({
      line,
      path: 'dataset[0].collections[1].fields[0].fides_meta.references[0].field',
      message: 'reference to unknown field "postgres_shop.customer.nope"',
    });
  });

  it('reports references to a missing collection', () => {
    const bad = FIDES_DATASET.replace('field: customer.id', 'field: clients.id');
    expect(errorOf(() => parseDatasetYaml(bad, 'shop.yml')).issues[0]?.message).toContain(
      'unknown collection',
    );
  });

  it('accepts references to datasets kept elsewhere', () => {
    const other = FIDES_DATASET.replace('dataset: postgres_shop\n', 'dataset: mongo_crm\n');
    expect(parseDatasetYaml(other, 'shop.yml')).toHaveLength(1);
  });

  it('reports duplicate collection and field names', () => {
    const dupField = FIDES_DATASET.replace('- name: zip', '- name: city');
    expect(errorOf(() => parseDatasetYaml(dupField, 'a.yml')).issues[0]).toMatchObject({
      path: 'dataset[0].collections[0].fields[2].fields[1].name',
      message: 'duplicate field "city"',
    });
    const dupCollection = FIDES_DATASET.replace('- name: login', '- name: customer');
    expect(errorOf(() => parseDatasetYaml(dupCollection, 'a.yml')).issues[0]?.message).toBe(
      'duplicate collection "customer"',
    );
  });

  it('reports duplicate dataset keys', () => {
    const body = FIDES_DATASET.replace('dataset:\n', '');
    const error = errorOf(() => parseDatasetYaml(`dataset:\n${body}${body}`, 'a.yml'));
    expect(error.issues.map((i) => i.message)).toContain('duplicate dataset fides_key "postgres_shop"');
  });

  it('reports YAML syntax errors and a missing dataset list', () => {
    expect(errorOf(() => parseDatasetYaml('dataset: [', 'a.yml')).issues[0]?.file).toBe('a.yml');
    expect(errorOf(() => parseDatasetYaml('collections: []', 'a.yml')).issues[0]?.path).toBe('dataset');
  });
});
