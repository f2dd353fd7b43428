import { describe, expect, it } from 'vitest';
import { generaliserFor, generaliseValue } from './anonymise.rules.js';
import { dataset, testRegister } from './retention.fixtures.js';
import { conditionsFor, needsApproval, planCollections } from './retention.rules.js';
import type { Hold } from './retention.schema.js';

const hold = (over: Partial<Hold>): Hold => ({
  id: 'h1',
  scope: { kind: 'collection', collection: 'shop:accounts' },
  reason: 'litigation',
  statute: null,
  period: null,
  citation: null,
  note: null,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  releasedAt: null,
  ...over,
});

describe('planCollections', () => {
  const register = testRegister([dataset('shop')]);

  it("matches rules by mapped triggers, in the rule's chain order, and erases user categories only", () => {
    const plans = planCollections(register, []);
    expect(plans.map((p) => [p.node, p.rules, p.action])).toEqual([
      ['shop:accounts', ['five-years'], 'erase'],
      ['shop:members', ['members-anonymised'], 'anonymise'],
    ]);
    const accounts = plans[0];
    expect(accounts?.chains[0]?.fields).toEqual(['contract_ended_at', 'last_contact_at']);
    expect(accounts?.pending.map((p) => p.field)).toEqual(['email', 'full_name', 'phone']);
    expect(accounts?.keyField).toBe('id');
    expect(conditionsFor(accounts as never, '2026-03-01')).toEqual([
      { fields: ['contract_ended_at', 'last_contact_at'], beforeDay: '2021-03-01' },
    ]);
  });

  it('anonymise generalises birth date, address and postal code, suppresses identifiers, keeps the rest', () => {
    const members = planCollections(register, []).find((p) => p.node === 'shop:members');
    expect(members?.generalise).toEqual([
      { field: 'name', how: 'suppress' },
      { field: 'birth_date', how: 'year' },
      { field: 'address', how: 'prefecture' },
      { field: 'postal_code', how: 'postal-area' },
    ]);
    expect(members?.pending).toEqual([{ field: 'name', masked: null }]);
  });

  it('holds: a collection or system hold blocks, a statutory one lengthens, a person one excludes, a released one does nothing', () => {
    const system = register.systems[0]?.key as string;
    const plans = planCollections(register, [
      hold({ id: 'c' }),
      hold({ id: 's', scope: { kind: 'system', system } }),
      hold({ id: 't', reason: 'tax', period: { years: 7 } }),
      hold({ id: 'p', scope: { kind: 'person', identity: 'email', value: 'a@b.jp' } }),
      hold({
        id: 'r',
        scope: { kind: 'collection', collection: 'shop:members' },
        releasedAt: '2026-01-02T00:00:00Z',
      }),
    ]);
    const accounts = plans.find((p) => p.node === 'shop:accounts');
    expect(accounts?.blockedBy.map((h) => h.id)).toEqual(['c', 's']);
    expect(accounts?.lengthenedBy.map((h) => h.id)).toEqual(['t']);
    expect(accounts?.chains[0]?.period).toEqual({ years: 7 });
    expect(accounts?.exclude).toEqual({ email: ['a@b.jp'] });
    const members = plans.find((p) => p.node === 'shop:members');
    expect(members?.blockedBy.map((h) => h.id)).toEqual(['s']);
  });

  it('rows go only when every covering rule has passed; mixed actions anonymise', () => {
    const r = testRegister([dataset('shop')]);
    r.retentionRules.push({
      key: 'contact-seven',
      subjectTypes: [],
      categories: ['user.contact'],
      triggers: ['last-contact'],
      period: { years: 7 },
      action: 'anonymise',
    });
    const accounts = planCollections(r, []).find((p) => p.node === 'shop:accounts');
    expect(accounts?.rules).toEqual(['five-years', 'contact-seven']);
    expect(accounts?.action).toBe('anonymise');
    expect(conditionsFor(accounts as never, '2026-03-01').map((c) => c.beforeDay)).toEqual([
      '2021-03-01',
      '2019-03-01',
    ]);
  });

  it('skips, with a reason, collections it cannot sweep safely', () => {
    const d = dataset('shop');
    const accounts = d.collections[0];
    if (!accounts) throw new Error('fixture');
    accounts.mamori_meta = { ...accounts.mamori_meta, masking_strategy: { strategy: 'hmac' } };
    const members = d.collections[2];
    if (!members) throw new Error('fixture');
    members.fields = members.fields.map((f) => ({ ...f, fides_meta: null }));
    const plans = planCollections(testRegister([d]), []);
    expect(plans.find((p) => p.node === 'shop:accounts')?.skipped).toContain('hmac');
    expect(plans.find((p) => p.node === 'shop:members')?.skipped).toContain('primary_key');
  });

  it('subject types must overlap when both sides name them', () => {
    const r = testRegister([dataset('shop')]);
    const rule = r.retentionRules[0];
    if (!rule) throw new Error('fixture');
    rule.subjectTypes = ['employee'];
    const d = r.datasets[0]?.collections[0];
    if (!d) throw new Error('fixture');
    d.mamori_meta = { ...d.mamori_meta, subject_types: ['customer'] };
    expect(planCollections(r, []).some((p) => p.node === 'shop:accounts')).toBe(false);
  });
});

describe('approval threshold', () => {
  it('waits above the threshold only', () => {
    expect(needsApproval(1000, 1000)).toBe(false);
    expect(needsApproval(1001, 1000)).toBe(true);
  });
});

describe('generalisation', () => {
  it('chooses by category, most specific first', () => {
    expect(generaliserFor(['user.contact.address.postal_code'])).toBe('postal-area');
    expect(generaliserFor(['user.contact.address.city'])).toBe('prefecture');
    expect(generaliserFor(['user.contact.address.state'])).toBe('keep');
    expect(generaliserFor(['user.contact.email'])).toBe('suppress');
    expect(generaliserFor(['system.operations'])).toBe('keep');
  });
  it('generalises values and is idempotent', () => {
    expect(generaliseValue('1980-07-15', 'year')).toBe('1980-01-01');
    expect(generaliseValue(generaliseValue('1980-07-15', 'year'), 'year')).toBe('1980-01-01');
    expect(generaliseValue('神奈川県横浜市中区1', 'prefecture')).toBe('神奈川県');
    expect(generaliseValue('神奈川県', 'prefecture')).toBe('神奈川県');
    expect(generaliseValue('横浜市', 'prefecture')).toBeNull();
    expect(generaliseValue('〒100-0005', 'postal-area')).toBe('100');
    expect(generaliseValue('x', 'suppress')).toBeNull();
    expect(generaliseValue(null, 'keep')).toBeNull();
  });
});
