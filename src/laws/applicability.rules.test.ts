import { describe, expect, it } from 'vitest';
import { chooseLaws } from './applicability.rules.js';

const ids = (input: Parameters<typeof chooseLaws>[0], settings?: Parameters<typeof chooseLaws>[1]) =>
  chooseLaws(input, settings).laws.map((l) => l.law);

describe('choosing the laws of a request', () => {
  it('always includes APPI for a Japanese business', () => {
    expect(ids({ residence: { country: 'JP' } })).toEqual(['appi']);
    expect(ids({})).toEqual(['appi']);
    expect(chooseLaws({}).laws[0]?.reasons).toEqual(['organisation']);
  });

  it('adds the law of the residence', () => {
    expect(ids({ residence: { country: 'DE' } })).toEqual(['appi', 'gdpr']);
    expect(ids({ residence: { country: 'no' } })).toEqual(['appi', 'gdpr']);
    expect(ids({ residence: { country: 'US', region: 'CA' } })).toEqual(['appi', 'ccpa']);
    expect(ids({ residence: { country: 'CN' } })).toEqual(['appi', 'pipl']);
  });

  it('does not stretch a regional law to the whole country or to neighbouring jurisdictions', () => {
    expect(ids({ residence: { country: 'US', region: 'NY' } })).toEqual(['appi']);
    expect(ids({ residence: { country: 'US' } })).toEqual(['appi']);
    expect(ids({ residence: { country: 'HK' } })).toEqual(['appi']);
    expect(ids({ residence: { country: 'CH' } })).toEqual(['appi']);
    expect(ids({ residence: { country: 'GB' } })).toEqual(['appi']);
  });

  it('honours a regime the person invokes', () => {
    const choice = chooseLaws({ residence: { country: 'JP' }, declared: ['gdpr'] });
    expect(choice.laws).toEqual([
      { law: 'appi', reasons: ['organisation', 'residence'] },
      { law: 'gdpr', reasons: ['declared'] },
    ]);
  });

  it('keeps to the laws the organisation is subject to and says which invoked ones it is not', () => {
    const choice = chooseLaws(
      { residence: { country: 'US', region: 'CA' }, declared: ['ccpa'] },
      { enabledLaws: ['appi'] },
    );
    expect(choice.laws.map((l) => l.law)).toEqual(['appi']);
    expect(choice.notEnabled).toEqual(['ccpa']);
  });

  it('rejects unknown regimes and malformed countries', () => {
    expect(() => chooseLaws({ declared: ['lgpd'] })).toThrow(/No law table "lgpd"/);
    expect(() => chooseLaws({ residence: { country: 'Japan' } })).toThrow();
  });
});
