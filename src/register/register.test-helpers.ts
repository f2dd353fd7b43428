import fc from 'fast-check';
import { categoryArb, datasetArb } from '../datasets/dataset.test-helpers.js';
import {
  AppiBasis,
  AppiClass,
  Channel,
  type CountryCode,
  GdprBasis,
  MyNumberUse,
  PiplBasis,
  ProvisionGround,
  ProvisionMethod,
  Register,
  RequestKind,
  RetentionAction,
  SafeguardKind,
  SubEntrustment,
  TriggerEvent,
} from './register.schema.js';

/** Strings that YAML would misread if written bare, and Japanese text. */
const tricky = fc.constantFrom(
  'yes',
  'No',
  'null',
  '~',
  '123',
  '0x1F',
  '1e3',
  '- item',
  'key: value',
  '# not a comment',
  ' leading space',
  'trailing space ',
  'line one\nline two',
  'tab\there',
  '"quoted"',
  "'single'",
  '&anchor',
  '*alias',
  '!tag',
  '2024-04-01',
  '個人情報保護管理者',
  '株式会社テスト　全角スペース',
  '1,000円',
  '{braces}',
  '[brackets]',
  '%percent',
  '@at',
  '`backtick`',
  '|',
  '>',
  '<b>bold</b>',
);
const freeString = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' });
const nonEmpty = fc.oneof(tricky, freeString);

export const textArb = fc.record({ ja: nonEmpty, en: fc.option(nonEmpty, { nil: undefined }) });
export const keyArb = fc.stringMatching(/^[a-z0-9]{1,6}(?:[-_.][a-z0-9]{1,4}){0,2}$/);
const dateArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const countryArb = fc.constantFrom<CountryCode>(
  'JP',
  'US',
  'CN',
  'SG',
  'TW',
  'AU',
  'IN',
  'CA',
  'CL',
  'DE',
  'IE',
);
const emailArb = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z]{2,8}$/))
  .map(([local, domain]) => `${local}@${domain}.example.jp`);
const urlArb = fc.stringMatching(/^[a-z]{1,8}$/).map((p) => `https://www.example.jp/${p}`);
const durationArb = fc
  .record({
    years: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    months: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }),
    days: fc.integer({ min: 1, max: 400 }),
  })
  .map((d) => d);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const list = <T>(arb: fc.Arbitrary<T>, maxLength = 3) => fc.array(arb, { maxLength });
const keyed = <T extends { key: string }>(arb: fc.Arbitrary<T>, maxLength = 3) =>
  fc.uniqueArray(arb, { maxLength, selector: (x) => x.key });
const enumArb = <T extends string>(schema: { options: readonly T[] }) => fc.constantFrom(...schema.options);

const addressArb = fc.record({ postalCode: opt(fc.stringMatching(/^\d{3}-\d{4}$/)), text: textArb });
const contactArb = fc.record({
  email: opt(emailArb),
  phones: opt(list(fc.stringMatching(/^0\d{1,3}-\d{2,4}-\d{4}$/), 2)),
  formUrl: opt(urlArb),
  address: opt(addressArb),
});
const personArb = fc.record({ name: opt(textArb), title: textArb, department: opt(textArb) });
const deskArb = fc.record({
  key: keyArb,
  name: textArb,
  department: opt(textArb),
  contact: contactArb,
  hours: opt(textArb),
});

const organisationArb = fc.record({
  key: keyArb,
  name: textArb,
  entities: fc.uniqueArray(
    fc.record({
      key: keyArb,
      name: textArb,
      country: countryArb,
      address: opt(addressArb),
      representative: opt(personArb),
    }),
    { minLength: 1, maxLength: 3, selector: (e) => e.key },
  ),
  address: addressArb,
  representative: personArb,
  manager: fc.record({ person: personArb, contact: contactArb }),
  desks: fc.uniqueArray(deskArb, { minLength: 1, maxLength: 2, selector: (d) => d.key }),
  complaintDesk: keyArb,
  accreditedOrganisation: opt(fc.record({ name: textArb, desk: deskArb })),
  certifications: keyed(
    fc.record({
      key: keyArb,
      scheme: fc.constantFrom('privacymark', 'iso27001', 'iso27701', 'other') as fc.Arbitrary<
        'privacymark' | 'iso27001' | 'iso27701' | 'other'
      >,
      name: textArb,
      standard: opt(nonEmpty),
      registrationNumber: nonEmpty,
      certifiedOn: dateArb,
      issuer: opt(textArb),
    }),
  ),
  euRepresentative: opt(fc.record({ name: nonEmpty, address: addressArb, email: opt(emailArb) })),
  policy: opt(fc.record({ establishedOn: opt(dateArb), revisedOn: opt(dateArb) })),
  website: opt(urlArb),
});

const purposeArb = fc.record({
  key: keyArb,
  description: textArb,
  subjectTypes: list(keyArb),
  items: list(keyArb),
  holding: fc.constantFrom<'held' | 'entrusted'>('held', 'entrusted'),
  bases: fc.record({
    appi: enumArb(AppiBasis),
    gdpr: opt(list(enumArb(GdprBasis))),
    pipl: opt(list(enumArb(PiplBasis))),
  }),
  myNumberUse: opt(enumArb(MyNumberUse)),
  entities: opt(list(keyArb)),
});

const processorArb = fc.record({
  key: keyArb,
  name: textArb,
  service: textArb,
  country: opt(countryArb),
  serverCountries: opt(list(countryArb)),
  contract: fc.record({
    safetyMeasures: fc.boolean(),
    confidentiality: fc.boolean(),
    subEntrustment: enumArb(SubEntrustment),
    notes: opt(textArb),
  }),
  selectionCheck: opt(fc.record({ criteria: textArb, checkedOn: opt(dateArb) })),
  reviewCycleMonths: opt(fc.integer({ min: 1, max: 36 })),
  foreign: opt(
    fc.record({
      countries: list(fc.record({ country: countryArb, legalSystemUrl: opt(urlArb) })),
      framework: opt(textArb),
      measures: textArb,
      checkMethod: opt(textArb),
      foreignRulesImpact: opt(textArb),
      impediments: opt(textArb),
      responseOnImpediment: opt(textArb),
    }),
  ),
  purposes: opt(list(keyArb)),
  items: opt(list(keyArb)),
  note: opt(textArb),
});

const rightsArb = fc.record({
  desk: keyArb,
  channels: fc.uniqueArray(enumArb(Channel), { minLength: 1, maxLength: 3 }),
  requestKinds: fc.uniqueArray(enumArb(RequestKind), { minLength: 1, maxLength: 7 }),
  steps: list(textArb),
  form: opt(fc.record({ name: textArb, url: opt(urlArb) })),
  identity: fc.record({
    knowledgeCheck: opt(textArb),
    selfDocuments: list(textArb),
    agents: list(
      fc.record({
        kind: fc.constantFrom<'parent' | 'guardian' | 'proxy'>('parent', 'guardian', 'proxy'),
        documents: fc.array(textArb, { minLength: 1, maxLength: 3 }),
      }),
    ),
    acceptedDocumentsNote: opt(textArb),
  }),
  fees: list(
    fc.record({
      amount: fc.integer({ min: 1, max: 100_000 }),
      currency: fc.constant('JPY' as const),
      appliesTo: fc.uniqueArray(enumArb(RequestKind), { minLength: 1, maxLength: 2 }),
      paymentMethod: opt(textArb),
      paymentDeadline: opt(fc.record({ days: opt(fc.integer({ min: 1, max: 60 })), text: textArb })),
      chargedWhenRefused: fc.boolean(),
    }),
    2,
  ),
  refusalGrounds: keyed(fc.record({ key: keyArb, text: textArb })),
  replyMethods: fc.uniqueArray(fc.constantFrom<'post' | 'email' | 'written'>('post', 'email', 'written'), {
    minLength: 1,
    maxLength: 3,
  }),
  notes: list(textArb),
});

/** Any structurally valid register (references are not required to resolve). */
export const registerArb: fc.Arbitrary<Register> = fc
  .record({
    organisation: organisationArb,
    subjectTypes: keyed(fc.record({ key: keyArb, name: textArb, description: opt(textArb) })),
    customCategories: list(
      fc.record({
        key: fc.constant('custom.thing'),
        parent: fc.constant('user'),
        name: textArb,
        appiClass: opt(enumArb(AppiClass)),
      }),
      1,
    ),
    dataItems: keyed(
      fc.record({
        key: keyArb,
        name: textArb,
        category: categoryArb,
        appiClass: opt(enumArb(AppiClass)),
        description: opt(textArb),
      }),
    ),
    purposes: keyed(purposeArb),
    systems: keyed(
      fc.record({
        key: keyArb,
        name: textArb,
        owner: textArb,
        description: opt(textArb),
        hosting: fc.array(
          fc.record({ provider: opt(nonEmpty), country: opt(countryArb), region: opt(nonEmpty) }),
          { minLength: 1, maxLength: 2 },
        ),
        connector: opt(keyArb),
        datasets: list(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/)),
        items: list(keyArb),
        processor: opt(keyArb),
      }),
    ),
    processors: keyed(processorArb),
    recipients: keyed(
      fc.record({
        key: keyArb,
        kind: fc.constantFrom<'third-party' | 'joint-use'>('third-party', 'joint-use'),
        name: textArb,
        purposesAtRecipient: fc.array(textArb, { minLength: 1, maxLength: 2 }),
        items: list(keyArb),
        itemsNote: opt(textArb),
        method: textArb,
        consent: opt(fc.constantFrom<'prior-consent' | 'opt-out'>('prior-consent', 'opt-out')),
        legalGround: opt(enumArb(ProvisionGround)),
        subjectTypes: opt(list(keyArb)),
        country: opt(countryArb),
        jointUseManager: opt(textArb),
        note: opt(textArb),
      }),
    ),
    provisionExceptions: keyed(fc.record({ key: keyArb, ground: enumArb(ProvisionGround), text: textArb })),
    retentionRules: keyed(
      fc.record({
        key: keyArb,
        description: opt(textArb),
        subjectTypes: list(keyArb),
        categories: list(categoryArb),
        triggers: fc.uniqueArray(enumArb(TriggerEvent), { minLength: 1, maxLength: 3 }),
        period: opt(durationArb),
        longerLegalPeriod: opt(fc.record({ period: opt(durationArb), basis: textArb })),
        action: enumArb(RetentionAction),
      }),
    ),
    safeguards: keyed(
      fc.record({
        key: keyArb,
        kind: enumArb(SafeguardKind),
        title: textArb,
        description: textArb,
        reviewCycleMonths: opt(fc.integer({ min: 1, max: 24 })),
      }),
    ),
    rights: rightsArb,
    anonymised: keyed(
      fc.record({
        key: keyArb,
        kind: fc.constantFrom<'anonymised' | 'pseudonymised'>('anonymised', 'pseudonymised'),
        description: opt(textArb),
        items: fc.array(fc.record({ label: textArb, sourceItem: opt(keyArb) }), {
          minLength: 1,
          maxLength: 3,
        }),
        providedToThirdParties: fc.boolean(),
        methods: fc.uniqueArray(enumArb(ProvisionMethod), { maxLength: 3 }),
        publishedOn: opt(dateArb),
      }),
    ),
    annexes: fc.record({
      gdpr: opt(
        fc.record({
          scope: textArb,
          consentWithdrawal: fc.boolean(),
          mandatoryDataNote: opt(textArb),
          intraGroupSharing: opt(textArb),
          transferNotes: list(textArb),
          rightsLimitations: opt(textArb),
        }),
      ),
      ccpa: opt(
        fc.record({
          lookbackMonths: fc.constant(12),
          disclosedTo: list(textArb),
          sells: fc.boolean(),
          shares: fc.boolean(),
          sensitiveUses: list(textArb),
          retentionCriteria: list(textArb),
          deletionExceptions: list(textArb),
          authorisedAgents: fc.boolean(),
        }),
      ),
      pipl: opt(
        fc.record({
          scope: textArb,
          collectedItems: list(textArb),
          purposes: list(textArb),
          crossBorderWithConsentOnly: fc.boolean(),
          changeNotice: opt(textArb),
        }),
      ),
    }),
    statements: keyed(fc.record({ key: keyArb, title: textArb, body: textArb })),
    datasets: fc.uniqueArray(datasetArb, { maxLength: 3, selector: (d) => d.fides_key }),
  })
  .map((candidate) => Register.parse(candidate));
