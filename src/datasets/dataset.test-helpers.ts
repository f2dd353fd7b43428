import fc from 'fast-check';
import { TriggerEvent } from '../register/retention.schema.js';
import type { FidesDataset, FidesField } from './dataset.schema.js';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const list = <T>(arb: fc.Arbitrary<T>, maxLength = 3) => fc.array(arb, { maxLength });
const nonEmpty = fc.oneof(
  fc.constantFrom('yes', 'null', '- x', 'a: b', '# c', '個人情報', '<b>bold</b>'),
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
);

/** Categories known to the taxonomy, plus one only a register's customCategories define. */
export const categoryArb = fc.constantFrom(
  'user.contact.email',
  'user.name',
  'user.health',
  'user.government_id.my_number',
  'user.device.cookie_id',
  'custom.thing',
);

const fieldArb: fc.Arbitrary<FidesField> = fc.letrec<{ field: FidesField }>((tie) => ({
  field: fc.record({
    name: fc.stringMatching(/^[a-z_]{1,8}$/),
    description: opt(nonEmpty),
    data_categories: opt(list(categoryArb, 2)),
    fides_meta: opt(
      fc.record({
        identity: opt(fc.constantFrom('email', 'phone_number', 'user_id')),
        primary_key: opt(fc.boolean()),
        data_type: opt(fc.constantFrom('string', 'integer', 'object', 'string[]')),
        read_only: opt(fc.boolean()),
        references: opt(
          list(
            fc.record({
              dataset: fc.constant('external_db'),
              field: fc.constantFrom('users.id', 'orders.user_id'),
              direction: opt(fc.constantFrom<'from' | 'to'>('from', 'to')),
            }),
            1,
          ),
        ),
      }),
    ),
    fields: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(undefined),
      fc.uniqueArray(tie('field'), { maxLength: 2, selector: (f) => f.name }),
    ),
  }),
})).field;

/** Any valid fideslang dataset with Mamori's collection extension; references point outside the set. */
export const datasetArb: fc.Arbitrary<FidesDataset> = fc.record({
  fides_key: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
  name: opt(nonEmpty),
  description: opt(nonEmpty),
  tags: opt(list(fc.stringMatching(/^[a-z]{1,6}$/), 2)),
  collections: fc.uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[a-z_]{1,10}$/),
      description: opt(nonEmpty),
      fields: fc.uniqueArray(fieldArb, { maxLength: 3, selector: (f) => f.name }),
      mamori_meta: opt(
        fc.record({
          redis_key_pattern: opt(fc.constant('user:{id}')),
          erase_by_delete: opt(fc.boolean()),
          restriction_flag_field: opt(fc.constant('restricted')),
          retention_trigger_fields: opt(
            fc.dictionary(fc.constantFrom(...TriggerEvent.options), fc.stringMatching(/^[a-z_]{1,8}$/), {
              maxKeys: 2,
            }),
          ),
        }),
      ),
    }),
    { maxLength: 2, selector: (c) => c.name },
  ),
});
