import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FidesDataset } from '../datasets/dataset.schema.js';
import { filterToTargets, inputsFor } from './access.rules.js';
import { buildGraph, GraphError, launchOrder, traverse, underTargets } from './graph.js';

const f = (
  name: string,
  meta: Record<string, unknown> = {},
  categories: string[] = ['system.operations'],
) => ({
  name,
  data_categories: categories,
  fides_meta: meta,
});
const ds = (collections: FidesDataset['collections'], key = 'db'): FidesDataset => ({
  fides_key: key,
  collections,
});

describe('graph edges follow Fides direction semantics', () => {
  it('from: the referenced field feeds this one; to: this one feeds it; none: both', () => {
    const g = buildGraph([
      ds([
        { name: 'a', fields: [f('id')] },
        {
          name: 'b',
          fields: [f('a_id', { references: [{ dataset: 'db', field: 'a.id', direction: 'from' }] })],
        },
        {
          name: 'c',
          fields: [f('a_id', { references: [{ dataset: 'db', field: 'a.id', direction: 'to' }] })],
        },
        { name: 'd', fields: [f('a_id', { references: [{ dataset: 'db', field: 'a.id' }] })] },
      ]),
    ]);
    const pairs = g.edges.map((e) => `${e.from.node}.${e.from.field}>${e.to.node}.${e.to.field}`).sort();
    expect(pairs).toEqual([
      'db:a.id>db:b.a_id',
      'db:a.id>db:d.a_id',
      'db:c.a_id>db:a.id',
      'db:d.a_id>db:a.id',
    ]);
  });

  it('names the field whose reference points nowhere', () => {
    expect(() =>
      buildGraph([
        ds([{ name: 'a', fields: [f('x', { references: [{ dataset: 'other', field: 't.id' }] })] }]),
      ]),
    ).toThrow(
      new GraphError('Field db.a.x references other.t.id, a collection that is not in the datasets given.'),
    );
    expect(() =>
      buildGraph([
        ds([{ name: 'a', fields: [f('id'), f('x', { references: [{ dataset: 'db', field: 'a.nope' }] })] }]),
      ]),
    ).toThrow(/Field db\.a\.x references db\.a\.nope, which does not exist/);
  });
});

describe('traversal', () => {
  const shop = [
    ds([
      {
        name: 'customer',
        fields: [
          f('id'),
          f('email', { identity: 'email' }),
          f('address_id', { references: [{ dataset: 'db', field: 'address.id', direction: 'to' }] }),
        ],
      },
      {
        name: 'orders',
        fields: [
          f('id'),
          f('customer_id', { references: [{ dataset: 'db', field: 'customer.id', direction: 'from' }] }),
          f('address_id', { references: [{ dataset: 'db', field: 'address.id', direction: 'to' }] }),
        ],
      },
      { name: 'address', fields: [f('id')] },
      { name: 'island', fields: [f('id')] },
    ]),
  ];

  it('orders nodes so every input comes earlier, and collects all inputs of a node', () => {
    const t = traverse(buildGraph(shop), ['email']);
    expect(t.waves).toEqual([['db:customer'], ['db:orders'], ['db:address']]);
    expect(
      t.inputs
        .get('db:address')
        ?.map((e) => e.from.node)
        .sort(),
    ).toEqual(['db:customer', 'db:orders']);
    expect(t.unreachable).toEqual(['db:island']);
  });

  it('starts the reads heading the longest chain first within a wave', () => {
    const ref = (field: string) => ({ references: [{ dataset: 'db', field, direction: 'from' }] });
    const t = traverse(
      buildGraph([
        ds([
          { name: 'customer', fields: [f('id'), f('email', { identity: 'email' })] },
          { name: 'cart', fields: [f('customer_id', ref('customer.id'))] },
          { name: 'loyalty', fields: [f('customer_id', ref('customer.id'))] },
          { name: 'orders', fields: [f('id'), f('customer_id', ref('customer.id'))] },
          { name: 'order_item', fields: [f('order_id', ref('orders.id'))] },
        ]),
      ]),
      ['email'],
    );
    expect(t.waves[1]).toEqual(['db:cart', 'db:loyalty', 'db:orders']);
    expect(launchOrder(t)).toEqual(['db:customer', 'db:orders', 'db:cart', 'db:loyalty', 'db:order_item']);
  });

  it('property: the launch order is the waves reordered, each read after every read feeding it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            // Node i may reference any earlier node: a random DAG rooted at node 0 (the identity holder).
            fc.array(fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.nat()), { maxLength: 14 }),
          ),
        ),
        ([n, links]) => {
          const refs = new Map<number, Set<number>>();
          for (const [to, r] of links) refs.set(to, (refs.get(to) ?? new Set()).add(r % to));
          const collections = Array.from({ length: n }, (_, i) => ({
            name: `c${i}`,
            fields: [
              f('id', i === 0 ? { identity: 'email' } : {}),
              ...[...(refs.get(i) ?? [])].map((p) =>
                f(`p${p}`, { references: [{ dataset: 'db', field: `c${p}.id`, direction: 'from' }] }),
              ),
            ],
          }));
          const t = traverse(buildGraph([ds(collections)]), ['email']);
          const order = launchOrder(t);
          expect([...order].sort()).toEqual(t.waves.flat().sort());
          const at = new Map(order.map((id, i) => [id, i]));
          for (const [to, edges] of t.inputs)
            for (const e of edges) expect(at.get(e.from.node) as number).toBeLessThan(at.get(to) as number);
        },
      ),
    );
  });

  it('cuts a cycle at the collection reached first', () => {
    const g = buildGraph([
      ds([
        {
          name: 'a',
          fields: [
            f('id', { identity: 'user_id' }),
            f('b_id', { references: [{ dataset: 'db', field: 'b.id' }] }),
          ],
        },
        { name: 'b', fields: [f('id')] },
      ]),
    ]);
    const t = traverse(g, ['user_id']);
    expect(t.waves).toEqual([['db:a'], ['db:b']]);
    expect(t.inputs.get('db:a')).toEqual([]);
  });

  it('skip_processing collections are neither traversed nor unreachable', () => {
    const skipped = structuredClone(shop);
    const island = skipped[0]?.collections.find((c) => c.name === 'island');
    if (island) island.fides_meta = { skip_processing: true };
    expect(traverse(buildGraph(skipped), ['email']).unreachable).toEqual([]);
  });

  it('identity values and parent values are combined per field, deduplicated', () => {
    const g = buildGraph(shop);
    const t = traverse(g, ['email']);
    expect(inputsFor('db:customer', t, { email: ['a@b.jp', 'a@b.jp', 'c@d.jp'] }, new Map())).toEqual({
      email: ['a@b.jp', 'c@d.jp'],
    });
    const found = new Map([
      ['db:customer', [{ id: 1, address_id: 7 }]],
      [
        'db:orders',
        [
          { id: 10, customer_id: 1, address_id: 7 },
          { id: 11, customer_id: 1, address_id: 8 },
          { id: 12, customer_id: 1, address_id: null },
        ],
      ],
    ]);
    expect(inputsFor('db:address', t, {}, found)).toEqual({ id: [7, 8] });
  });

  it('a field named "__proto__" stays a field, in the query values and in the package', () => {
    const g = buildGraph([
      ds([{ name: 't', fields: [f('__proto__', { identity: 'email' }, ['user.contact.email'])] }]),
    ]);
    const where = inputsFor('db:t', traverse(g, ['email']), { email: ['a@b.jp'] }, new Map());
    expect(Object.hasOwn(where, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(where)).toBe(Object.prototype);
    const row = JSON.parse('{"__proto__": "a@b.jp"}') as Record<string, unknown>;
    const pkg = filterToTargets(g, new Map([['db:t', [row]]]), ['user']);
    const kept = pkg['db:t']?.[0] ?? {};
    expect(Object.hasOwn(kept, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
  });
});

describe('target categories', () => {
  it('match by taxonomy prefix, not by string prefix', () => {
    expect(underTargets(['user.contact.email'], ['user'])).toBe(true);
    expect(underTargets(['user.contact.email'], ['user.contact.email'])).toBe(true);
    expect(underTargets(['username'], ['user'])).toBe(false);
    expect(underTargets(['system.operations'], ['user'])).toBe(false);
  });

  it('property: access never returns a field outside the targets', () => {
    const category = fc.constantFrom(
      'user',
      'user.contact',
      'user.contact.email',
      'user.name',
      'system.operations',
      'user.financial.credit_card',
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ name: fc.stringMatching(/^[a-z]{1,6}$/), cats: fc.array(category, { maxLength: 2 }) }),
          { minLength: 1, maxLength: 6, selector: (x) => x.name },
        ),
        fc.array(category, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 0, max: 4 }),
        (fields, targets, rowCount) => {
          const g = buildGraph([ds([{ name: 't', fields: fields.map((x) => f(x.name, {}, x.cats)) }])]);
          const rows = Array.from({ length: rowCount }, (_, i) =>
            Object.fromEntries(fields.map((x) => [x.name, `${x.name}${i}`])),
          );
          const pkg = filterToTargets(g, new Map([['db:t', rows]]), targets);
          for (const row of pkg['db:t'] ?? []) {
            for (const key of Object.keys(row)) {
              const cats = fields.find((x) => x.name === key)?.cats ?? [];
              expect(underTargets(cats, targets)).toBe(true);
            }
          }
          const anyTargeted = fields.some((x) => underTargets(x.cats, targets));
          expect('db:t' in pkg).toBe(anyTargeted && rowCount > 0);
        },
      ),
    );
  });
});
