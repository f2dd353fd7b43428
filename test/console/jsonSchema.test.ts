import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerForms } from '../../src/register/register.forms.js';
import { type DatasetDoc, datasetGraph } from '../../web/console/src/pages/register/datasetGraph.js';
import {
  emptyValue,
  fixedValueWords,
  type JsonSchema,
  kindOf,
  resolve,
  setIn,
  unwrapNullable,
} from '../../web/console/src/pages/register/jsonSchema.js';
import { searchTaxonomy } from '../../web/console/src/pages/register/taxonomy.search.js';

const forms = registerForms();
const schemaOf = (section: string) => forms.sections.find((s) => s.section === section)?.schema as JsonSchema;

describe('register editor: reading the API’s JSON Schemas', () => {
  it('classifies the fields of a processor as the form draws them', () => {
    const root = schemaOf('processors');
    const field = (name: string) => kindOf(root.properties?.[name] as JsonSchema, root).kind;
    expect(field('name')).toBe('text');
    expect(field('contract')).toBe('object');
    expect(field('serverCountries')).toBe('array');
    expect(field('reviewCycleMonths')).toBe('number');
    expect(field('key')).toBe('string');
    const contract = resolve(root.properties?.contract as JsonSchema, root);
    expect(kindOf(contract.properties?.subEntrustment as JsonSchema, root)).toEqual({
      kind: 'enum',
      values: ['prohibited', 'with-prior-consent', 'allowed-with-equal-terms'],
    });
    expect(kindOf(contract.properties?.safetyMeasures as JsonSchema, root).kind).toBe('boolean');
  });

  it('shows fixed values in words and leaves keys and free text as they are', () => {
    const root = schemaOf('recipients');
    const field = (name: string) => root.properties?.[name] as JsonSchema;
    const say = (name: string, value: unknown, lang: 'ja' | 'en') =>
      fixedValueWords(value, field(name), root, forms.values.recipients?.[name] ?? {}, lang);
    expect(say('kind', 'joint-use', 'ja')).toBe('共同利用');
    expect(say('kind', 'third-party', 'en')).toBe('Provision to a third party');
    expect(say('consent', 'opt-out', 'en')).toBe('Opt-out');
    const rights = schemaOf('rights');
    expect(
      fixedValueWords(
        ['post', 'email'],
        rights.properties?.channels as JsonSchema,
        rights,
        forms.values.rights?.channels ?? {},
        'ja',
      ),
    ).toBe('郵送、電子メール');
    // `items` holds keys of data items: a data item keyed `email` is not the channel "email".
    expect(say('items', ['email'], 'ja')).toBeUndefined();
    expect(say('key', 'email', 'ja')).toBeUndefined();
    // A value the table does not know is shown as itself, never dropped.
    expect(say('kind', 'something-new', 'en')).toBe('something-new');
  });

  it('treats nullable fideslang fields as optional values of their type', () => {
    const root = schemaOf('datasets');
    const name = unwrapNullable(root.properties?.name as JsonSchema, root);
    expect(name.type).toBe('string');
    expect(kindOf(root.properties?.data_categories as JsonSchema, root).kind).toBe('array');
  });

  it('starts a new entry of every section with exactly its required fields', () => {
    for (const { section, schema } of forms.sections) {
      const root = schema as JsonSchema;
      const value = emptyValue(root, root) as Record<string, unknown>;
      expect(Object.keys(value).sort(), section).toEqual([...(root.required ?? [])].sort());
    }
    const purpose = emptyValue(schemaOf('purposes'), schemaOf('purposes'));
    expect(purpose).toMatchObject({
      key: '',
      description: { ja: '' },
      subjectTypes: [],
      items: [],
      holding: 'held',
    });
  });

  it('sets a value at a path without touching the original, and removes a field set to undefined', () => {
    const path = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.nat(3)), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.jsonValue(), path, fc.string(), (doc, at, value) => {
        const before = JSON.stringify(doc);
        const next = setIn(doc, at, value);
        expect(JSON.stringify(doc)).toBe(before);
        let cursor: unknown = next;
        for (const step of at) cursor = (cursor as Record<string | number, unknown>)[step];
        expect(cursor).toBe(value);
      }),
    );
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  });
});

describe('register editor: dataset reference graph', () => {
  const datasets: DatasetDoc[] = [
    {
      fides_key: 'shop',
      collections: [
        { name: 'customers', fields: [{ name: 'id' }, { name: 'email', fides_meta: { identity: 'email' } }] },
        {
          name: 'orders',
          fields: [
            { name: 'id' },
            {
              name: 'customer_id',
              fides_meta: { references: [{ dataset: 'shop', field: 'customers.id', direction: 'from' }] },
            },
          ],
        },
        { name: 'audit', fields: [{ name: 'x' }] },
      ],
    },
    {
      fides_key: 'crm',
      collections: [
        {
          name: 'notes',
          fields: [
            { name: 'order_id', fides_meta: { references: [{ dataset: 'shop', field: 'orders.id' }] } },
          ],
        },
      ],
    },
  ];

  it('places collections by distance from an identity and sets the unreachable apart', () => {
    const graph = datasetGraph(datasets);
    const level = (id: string) => graph.nodes.find((n) => n.id === id)?.level;
    expect(level('shop.customers')).toBe(0);
    expect(level('shop.orders')).toBe(1);
    expect(level('crm.notes')).toBe(2);
    expect(level('shop.audit')).toBeNull();
    expect(graph.edges).toEqual([
      {
        from: 'shop.customers',
        to: 'shop.orders',
        label: 'orders.customer_id ↔ customers.id',
        directed: true,
      },
      { from: 'shop.orders', to: 'crm.notes', label: 'notes.order_id ↔ orders.id', directed: false },
    ]);
    const audit = graph.nodes.find((n) => n.id === 'shop.audit');
    const notes = graph.nodes.find((n) => n.id === 'crm.notes');
    expect(audit && notes && audit.x > notes.x).toBe(true);
    for (const n of graph.nodes) {
      expect(n.x + 200).toBeLessThanOrEqual(graph.width);
      expect(n.y + n.height).toBeLessThanOrEqual(graph.height);
    }
  });
});

describe('register editor: taxonomy search', () => {
  const entries = [
    {
      key: 'user.contact.email',
      parent: 'user.contact',
      name: { ja: 'メールアドレス', en: 'Email' },
      source: 'fideslang',
      appiClass: 'personal',
      replacedBy: null,
    },
    {
      key: 'user.contact.old',
      parent: 'user.contact',
      name: { ja: '旧メール', en: 'Old email' },
      source: 'fideslang',
      appiClass: 'personal',
      replacedBy: 'user.contact.email',
    },
    {
      key: 'user.health',
      parent: 'user',
      name: { ja: '健康', en: 'Health' },
      source: 'fideslang',
      appiClass: 'sensitive',
      replacedBy: null,
    },
  ] as const;

  it('finds by key, Japanese or English words, every word must match, deprecated last', () => {
    expect(searchTaxonomy(entries, 'メール').map((e) => e.key)).toEqual([
      'user.contact.email',
      'user.contact.old',
    ]);
    expect(searchTaxonomy(entries, 'email').map((e) => e.key)).toEqual([
      'user.contact.email',
      'user.contact.old',
    ]);
    expect(searchTaxonomy(entries, 'contact old').map((e) => e.key)).toEqual(['user.contact.old']);
    expect(searchTaxonomy(entries, 'HEALTH')[0]?.appiClass).toBe('sensitive');
    expect(searchTaxonomy(entries, 'nothing-like-this')).toEqual([]);
  });
});
