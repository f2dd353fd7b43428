import { describe, expect, it } from 'vitest';
import { cleanRegister } from './lint/lint.test-helpers.js';
import { Duration, Key, Register, Text } from './register.schema.js';

function paths(value: unknown): string[] {
  const result = Register.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('register schema', () => {
  it('accepts slugs and rejects other keys', () => {
    for (const ok of ['a', 'customers', 'five-years', 'user.x', 'a_b-c.d1'])
      expect(Key.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'A', 'with space', '-lead', 'trail-', 'a--b', '顧客'])
      expect(Key.safeParse(bad).success, bad).toBe(false);
  });

  it('requires Japanese text and allows English', () => {
    expect(Text.safeParse({ ja: '氏名' }).success).toBe(true);
    expect(Text.safeParse({ ja: '氏名', en: 'Name' }).success).toBe(true);
    expect(Text.safeParse({ en: 'Name' }).success).toBe(false);
    expect(Text.safeParse({ ja: '' }).success).toBe(false);
    expect(Text.safeParse({ ja: '氏名', fr: 'Nom' }).success).toBe(false);
  });

  it('requires a non-zero duration', () => {
    expect(Duration.safeParse({ years: 5 }).success).toBe(true);
    expect(Duration.safeParse({}).success).toBe(false);
    expect(Duration.safeParse({ years: 0, days: 0 }).success).toBe(false);
    expect(Duration.safeParse({ years: 1.5 }).success).toBe(false);
  });

  it('names the field of each problem', () => {
    const r = cleanRegister() as unknown as Record<string, unknown> & { purposes: Record<string, unknown>[] };
    (r.purposes[0] as Record<string, unknown>).holding = 'owned';
    (r.organisation as Record<string, unknown>).certifications = [
      {
        key: 'pm',
        scheme: 'privacymark',
        name: { ja: 'P' },
        registrationNumber: '1',
        certifiedOn: '1999-02-30',
      },
    ];
    (r.rights as Record<string, unknown>).fees = [
      { amount: 1000, currency: 'USD', appliesTo: ['disclose'], chargedWhenRefused: true },
    ];
    expect(paths(r)).toEqual([
      'organisation.certifications.0.certifiedOn',
      'purposes.0.holding',
      'rights.fees.0.currency',
    ]);
  });

  it('rejects unknown keys so typos surface', () => {
    const r = cleanRegister() as unknown as { systems: Record<string, unknown>[] };
    (r.systems[0] as Record<string, unknown>).hostng = [];
    const result = Register.safeParse(r);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['hostng'],
      path: ['systems', 0],
    });
  });

  it('requires a country code in upper case', () => {
    const r = cleanRegister();
    const bad = { ...r, processors: [{ ...r.processors[0], country: 'jp' }] };
    expect(paths(bad)).toEqual(['processors.0.country']);
  });
});
