import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { EXAMPLES, readExampleFiles } from './examples.test-helpers.js';
import { COLLECTIONS, SINGLETONS } from './register.collections.js';
import { englishLabel, enumFields, REFERENCE_FIELDS, registerForms } from './register.forms.js';
import { registerToYamlDocument } from './register.io.js';
import { registerFromYamlFiles } from './register.yaml.js';

/** Field names of a JSON Schema, with `$ref`s into `$defs` followed once. */
function fields(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) fields(s, into);
  else if (schema && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      for (const name of Object.keys(record.properties)) into.add(name);
    }
    for (const [name, value] of Object.entries(record))
      if (name !== 'properties' || value) fields(value, into);
  }
  return into;
}

describe('register editor descriptions (pure)', () => {
  const forms = registerForms();

  it('describes every section once, singletons marked', () => {
    expect(forms.sections.map((s) => s.section).sort()).toEqual([...SINGLETONS, ...COLLECTIONS].sort());
    for (const s of forms.sections)
      expect(s.singleton).toBe((SINGLETONS as readonly string[]).includes(s.section));
  });

  it('names only reference fields that exist in their section’s schema', () => {
    for (const [section, refs] of Object.entries(REFERENCE_FIELDS)) {
      const form = forms.sections.find((s) => s.section === section);
      const names = fields(form?.schema);
      for (const field of Object.keys(refs ?? {})) expect(names, `${section}.${field}`).toContain(field);
    }
  });

  it('gives every field a Japanese and an English label; known fields use the ledger’s words', () => {
    for (const s of forms.sections) {
      for (const name of fields(s.schema)) {
        expect(forms.labels[name]?.ja, name).toBeTruthy();
        expect(forms.labels[name]?.en, name).toBeTruthy();
      }
    }
    expect(forms.labels.reviewCycleMonths).toEqual({ ja: '見直し周期（月）', en: 'Review cycle months' });
    expect(forms.labels.subjectTypes?.ja).toBe('個人情報の類型');
  });

  it('gives every fixed value of every section words in Japanese and English, none left as a bare key', () => {
    let checked = 0;
    for (const s of forms.sections) {
      for (const [field, values] of enumFields(s.schema)) {
        for (const value of values) {
          const words = forms.values[s.section]?.[field]?.[value];
          expect(words?.ja, `${s.section}.${field} = ${value}`).toBeTruthy();
          expect(words?.en, `${s.section}.${field} = ${value}`).toMatch(/^[A-Z]/);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(80);
    // The words follow the field: the same value reads differently where it means something else.
    expect(forms.values.processors?.subEntrustment?.['with-prior-consent']).toEqual({
      ja: '事前の承諾がある場合に限り可',
      en: 'Only with prior consent',
    });
    expect(forms.values.rights?.channels?.email?.ja).toBe('電子メール');
    expect(forms.values.anonymised?.methods?.email?.ja).toBe('電子メールによる提供');
    expect(forms.values.rights?.kind?.parent?.ja).toBe('親権者(未成年者の法定代理人)');
    expect(forms.values.safeguards?.kind?.policy?.ja).toBe('基本方針の策定');
    // The console and the published notice use the same words.
    expect(forms.values.retentionRules?.triggers?.['contract-end']).toEqual({
      ja: '契約終了',
      en: 'The contract ends',
    });
  });

  it('turns field names into English words', () => {
    expect(englishLabel('serverCountries')).toBe('Server countries');
    expect(englishLabel('fides_key')).toBe('Fides key');
    expect(englishLabel('key')).toBe('Key');
  });

  it('describes the purpose body as the API validates it (required fields, enum of APPI bases)', () => {
    const purposes = forms.sections.find((s) => s.section === 'purposes')?.schema as {
      required: string[];
      properties: { bases: { properties: { appi: { enum: string[] } } } };
    };
    expect(purposes.required).toEqual(
      expect.arrayContaining(['key', 'description', 'subjectTypes', 'items', 'holding', 'bases']),
    );
    expect(purposes.properties.bases.properties.appi.enum).toContain('published-purpose');
  });
});

describe('register editor API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  }, 60_000);
  afterAll(() => t.close());

  it('serves the forms and the taxonomy to every register reader, to no one signed out', async () => {
    for (const url of ['/api/register/forms', '/api/register/taxonomy']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: t.cookies.auditor } });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('lists built-in categories with their APPI class before any register exists, then the register’s own', async () => {
    const before = (
      await t.app.inject({
        method: 'GET',
        url: '/api/register/taxonomy',
        headers: { cookie: t.cookies.engineer },
      })
    ).json() as { key: string; appiClass: string; source: string }[];
    expect(before.find((c) => c.key === 'user.contact.email')).toMatchObject({
      appiClass: 'personal',
      source: 'fideslang',
    });
    expect(before.find((c) => c.key === 'user.health')?.appiClass).toBe('sensitive');
    expect(before.map((c) => c.key)).toEqual([...before.map((c) => c.key)].sort());

    const register = registerFromYamlFiles(readExampleFiles(EXAMPLES[0] as string));
    register.customCategories = [
      { key: 'user.custom.loyalty_rank', parent: 'user', name: { ja: '会員ランク' }, appiClass: 'related' },
    ];
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/register/import',
      payload: registerToYamlDocument(register),
      headers: { cookie: t.cookies.privacy_officer, 'content-type': 'application/yaml' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const after = (
      await t.app.inject({
        method: 'GET',
        url: '/api/register/taxonomy',
        headers: { cookie: t.cookies.handler },
      })
    ).json() as { key: string; appiClass: string; source: string; name: { ja: string; en: string } }[];
    expect(after.find((c) => c.key === 'user.custom.loyalty_rank')).toMatchObject({
      source: 'custom',
      appiClass: 'related',
      name: { ja: '会員ランク', en: '会員ランク' },
    });
  });
});
