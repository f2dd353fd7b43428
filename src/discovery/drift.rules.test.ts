import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanRegister } from '../register/lint/lint.test-helpers.js';
import type { Register } from '../register/register.schema.js';
import { Taxonomy } from '../register/taxonomy/taxonomy.js';
import { TYPE_CATEGORIES } from './categories.js';
import { registerCategory } from './db-scan.js';
import type { ColumnResult, TableResult } from './db-scan.schema.js';
import {
  compatibleCategories,
  detectDrift,
  driftContext,
  MIN_VALUES_FOR_ABSENCE,
  myNumberAllowedDatasets,
} from './drift.rules.js';
import { FINDING_TYPES, type FindingType } from './finding.schema.js';

const taxonomy = new Taxonomy();

function column(
  field: string,
  found: FindingType | undefined,
  opts: { declared?: string[]; inDataset?: boolean; confidence?: number; nonEmpty?: number } = {},
): ColumnResult {
  const confidence = opts.confidence ?? (found ? 0.95 : 0);
  return {
    field,
    inDataset: opts.inDataset ?? true,
    declared: opts.declared ?? [],
    nonEmpty: opts.nonEmpty ?? 100,
    proposal: found
      ? {
          type: found,
          dataCategory: registerCategory(found),
          appiClass: found === 'MY_NUMBER' ? 'my-number' : TYPE_CATEGORIES[found].appiClass,
          confidence,
          contentShare: confidence,
          nameHint: false,
          evidence: 'test',
        }
      : null,
    personal: found !== undefined && confidence >= 0.5,
  };
}

const table = (columns: ColumnResult[], dataset = 'crm_db', collection = 'customer'): TableResult => ({
  dataset,
  collection,
  method: 'random-order',
  estimatedRows: 100,
  rowsRead: 100,
  error: null,
  columns,
});

const noRegister = driftContext(undefined);
const codes = (tables: TableResult[], ctx = noRegister) =>
  detectDrift(tables, ctx).map((d) => `${d.severity}:${d.code}:${d.collection}.${d.field}`);

/** cleanRegister plus a my-number item used for payroll tax in the system holding `hr_db`. */
function registerWithMyNumber(options: { use?: 'tax' | undefined; custom?: boolean } = {}): Register {
  const r = cleanRegister();
  const category = options.custom ? 'user.government_id.kojin_bango' : 'user.government_id.my_number';
  if (options.custom)
    r.customCategories.push({
      key: category,
      parent: 'user.government_id',
      name: { ja: '個人番号' },
      appiClass: 'my-number',
    });
  r.dataItems.push({ key: 'my-number', name: { ja: '個人番号' }, category });
  r.purposes.push({
    key: 'payroll',
    description: { ja: '源泉徴収票の作成' },
    subjectTypes: ['customers'],
    items: ['my-number'],
    holding: 'held',
    bases: { appi: 'legal-exception' },
    ...(options.use && { myNumberUse: options.use }),
  });
  r.systems.push({
    key: 'hr',
    name: { ja: '人事システム' },
    owner: { ja: '人事部' },
    hosting: [{ country: 'JP' }],
    datasets: ['hr_db'],
    items: ['my-number'],
  });
  return r;
}

describe('undeclared personal data', () => {
  it('reports a column missing from the dataset and one declared without categories, as warnings', () => {
    const t = table([column('email', 'EMAIL', { inDataset: false }), column('tel', 'PHONE')]);
    const drift = detectDrift([t], noRegister);
    expect(drift.map((d) => [d.code, d.severity, d.field, d.found])).toEqual([
      ['undeclared-personal-data', 'warning', 'email', 'user.contact.email'],
      ['undeclared-personal-data', 'warning', 'tel', 'user.contact.phone_number'],
    ]);
    expect(drift[0]?.message.en).toContain('not in the dataset');
    expect(drift[1]?.message.en).toContain('declares no category');
  });

  it('is an error for my-number data', () => {
    expect(codes([table([column('kojin_bango', 'MY_NUMBER')])])).toContain(
      'error:undeclared-personal-data:customer.kojin_bango',
    );
  });

  it('ignores weak proposals (name hints alone), non-personal types and empty columns', () => {
    const t = table([
      column('product_name', 'PERSON', { confidence: 0.3 }),
      column('houjin_bangou', 'CORPORATE_NUMBER'),
      column('quantity', undefined),
    ]);
    expect(detectDrift([t], noRegister)).toEqual([]);
  });

  it('treats a collection-level declaration as declared (the caller resolves inheritance)', () => {
    expect(codes([table([column('email', 'EMAIL', { declared: ['user.contact'] })])])).toEqual([]);
  });
});

describe('declared categories the content contradicts', () => {
  it('reports a different kind of data', () => {
    const drift = detectDrift(
      [table([column('contact', 'PHONE', { declared: ['user.contact.address'] })])],
      noRegister,
    );
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({
      code: 'category-contradicted',
      severity: 'warning',
      declared: ['user.contact.address'],
      found: 'user.contact.phone_number',
    });
  });

  it('accepts ancestors, descendants and the national-ID / My Number equivalence', () => {
    expect(compatibleCategories(taxonomy, 'user.name.last', 'user.name')).toBe(true);
    expect(compatibleCategories(taxonomy, 'user.contact.address', 'user.contact.address.postal_code')).toBe(
      true,
    );
    expect(compatibleCategories(taxonomy, 'user', 'user.contact.email')).toBe(true);
    expect(
      compatibleCategories(
        taxonomy,
        'user.government_id.national_identification_number',
        'user.government_id.my_number',
      ),
    ).toBe(true);
    expect(compatibleCategories(taxonomy, 'user.contact.email', 'user.contact.phone_number')).toBe(false);
    expect(compatibleCategories(taxonomy, 'system.operations', 'user.contact.email')).toBe(false);
    expect(
      compatibleCategories(taxonomy, 'user.government_id.passport_number', 'user.government_id.my_number'),
    ).toBe(false);
  });

  it('is not reported when one of several declared categories fits', () => {
    const t = table([
      column('c', 'EMAIL', { declared: ['user.contact.phone_number', 'user.contact.email'] }),
    ]);
    expect(detectDrift([t], noRegister)).toEqual([]);
  });

  it('reports a declared detectable category absent from enough sampled values, as information', () => {
    const declared = { declared: ['user.contact.email'] };
    expect(
      codes([table([column('mail', undefined, { ...declared, nonEmpty: MIN_VALUES_FOR_ABSENCE })])]),
    ).toEqual(['info:declared-not-found:customer.mail']);
    expect(
      codes([table([column('mail', undefined, { ...declared, nonEmpty: MIN_VALUES_FOR_ABSENCE - 1 })])]),
    ).toEqual([]);
    // A weak name-only proposal is not content: absence is still reported.
    expect(
      codes([table([column('mail', 'EMAIL', { ...declared, confidence: 0.3 })])]).map((c) => c.split(':')[1]),
    ).toEqual(['declared-not-found']);
    // Categories the classifier cannot see (salary, free text) are never "not found".
    expect(codes([table([column('pay', undefined, { declared: ['user.financial.salary'] })])])).toEqual([]);
  });
});

describe('My Number stored where no purpose allows it (My Number Act Art. 9)', () => {
  const hr = (declared: string[] = ['user.government_id.my_number']) =>
    table([column('my_number', 'MY_NUMBER', { declared })], 'hr_db', 'employee');
  const shop = table(
    [column('my_number', 'MY_NUMBER', { declared: ['user.government_id.my_number'] })],
    'shop_db',
  );

  it('lists the datasets of systems storing a my-number item some purpose uses under Art. 9', () => {
    expect([...myNumberAllowedDatasets(registerWithMyNumber({ use: 'tax' }))]).toEqual(['hr_db']);
    expect([...myNumberAllowedDatasets(registerWithMyNumber({ use: undefined }))]).toEqual([]);
    expect([...myNumberAllowedDatasets(registerWithMyNumber({ use: 'tax', custom: true }))]).toEqual([
      'hr_db',
    ]);
    expect([...myNumberAllowedDatasets(cleanRegister())]).toEqual([]);
  });

  it('is silent where a purpose allows it, an error elsewhere', () => {
    const ctx = driftContext(registerWithMyNumber({ use: 'tax' }));
    expect(codes([hr()], ctx)).toEqual([]);
    expect(codes([shop], ctx)).toEqual(['error:my-number-without-legal-use:customer.my_number']);
  });

  it('is an error when the purpose records no Art. 9 use', () => {
    expect(codes([hr()], driftContext(registerWithMyNumber({ use: undefined })))).toEqual([
      'error:my-number-without-legal-use:employee.my_number',
    ]);
  });

  it('is a warning without a register, and comes with the undeclared finding when undeclared', () => {
    expect(codes([hr([])])).toEqual([
      'error:undeclared-personal-data:employee.my_number',
      'warning:my-number-without-legal-use:employee.my_number',
    ]);
  });

  it('holds for a column declared with the fideslang national ID key', () => {
    const ctx = driftContext(registerWithMyNumber({ use: 'tax' }));
    expect(codes([hr(['user.government_id.national_identification_number'])], ctx)).toEqual([]);
  });
});

describe('detectDrift invariants', () => {
  const columnArb = fc.record({
    type: fc.option(fc.constantFrom(...FINDING_TYPES), { nil: undefined }),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    declared: fc.subarray([
      'user.contact.email',
      'user.name',
      'user.government_id.my_number',
      'user.financial.salary',
      'system.operations',
    ]),
    nonEmpty: fc.integer({ min: 0, max: 50 }),
    dataset: fc.constantFrom('hr_db', 'shop_db'),
  });

  it('reports undeclared data exactly when personal data sits in an undeclared column, and My Number only where not allowed', () => {
    const ctx = driftContext(registerWithMyNumber({ use: 'tax' }));
    fc.assert(
      fc.property(fc.array(columnArb, { maxLength: 8 }), (specs) => {
        const tables = specs.map((s, i) =>
          table(
            [
              column(`c${i}`, s.type, {
                confidence: s.confidence,
                declared: s.declared,
                nonEmpty: s.nonEmpty,
              }),
            ],
            s.dataset,
            `t${i}`,
          ),
        );
        const drift = detectDrift(tables, ctx);
        specs.forEach((s, i) => {
          const mine = drift.filter((d) => d.collection === `t${i}`).map((d) => d.code);
          const personal =
            s.type !== undefined && s.confidence >= 0.5 && TYPE_CATEGORIES[s.type].appiClass !== 'none';
          expect(mine.includes('undeclared-personal-data')).toBe(personal && s.declared.length === 0);
          expect(mine.includes('my-number-without-legal-use')).toBe(
            personal && s.type === 'MY_NUMBER' && s.dataset !== 'hr_db',
          );
          if (!personal) expect(mine.filter((c) => c !== 'declared-not-found')).toEqual([]);
          if (mine.includes('category-contradicted')) expect(s.declared.length).toBeGreaterThan(0);
        });
        const severities = drift.map((d) => ({ error: 0, warning: 1, info: 2 })[d.severity]);
        expect(severities).toEqual([...severities].sort((a, b) => a - b));
      }),
    );
  });
});
