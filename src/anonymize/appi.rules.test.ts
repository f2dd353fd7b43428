import { describe, expect, it } from 'vitest';
import { anonymizeTable } from './anonymize.js';
import { duties, exemptions, type ProcessingFacts, processingObligations } from './appi.rules.js';
import { ageHierarchy, prefectureHierarchy } from './hierarchy.japan.js';
import { anonymisationEvent, renderPublication } from './publication.js';
import { countUnusual, isExtremeAge } from './unusual.js';

const base: ProcessingFacts = {
  kind: 'anonymised',
  columns: [
    { name: 'name', category: 'identifying-description', treatment: 'deleted' },
    { name: 'my_number', category: 'identification-code', treatment: 'deleted' },
    { name: 'member_id', category: 'linking-code', treatment: 'deleted' },
    { name: 'age', category: 'quasi-identifier', treatment: 'generalised' },
  ],
  unusualAfter: [{ column: 'age', rareValues: 0, rareRecords: 0, extremeAgeRecords: 0 }],
  privacyModelMet: true,
};

describe('APPI processing standards', () => {
  it('anonymised: all five items of PPC Rules Art. 34 satisfied', () => {
    const obs = processingObligations(base);
    expect(obs.map((o) => o.article)).toEqual([1, 2, 3, 4, 5].map((i) => `PPC Rules Art. 34(${i})`));
    expect(obs.every((o) => o.satisfied)).toBe(true);
  });

  it('anonymised: a kept identification code, a keyed pseudonym and a rare value each fail their item', () => {
    const obs = processingObligations({
      ...base,
      columns: [
        { name: 'name', category: 'identifying-description', treatment: 'pseudonymised' },
        { name: 'passport', category: 'identification-code', treatment: 'kept' },
      ],
      unusualAfter: [{ column: 'occupation', rareValues: 1, rareRecords: 1, extremeAgeRecords: 0 }],
      privacyModelMet: false,
    });
    const byId = new Map(obs.map((o) => [o.id, o]));
    expect(byId.get('delete-identifiers')!.offending).toEqual(['name']);
    expect(byId.get('delete-identification-codes')!.offending).toEqual(['passport']);
    // The key is kept: the pseudonym can be recomputed from the source, i.e. it links back.
    expect(byId.get('delete-linking-codes')!.offending).toEqual(['name']);
    expect(byId.get('delete-unusual-descriptions')!.offending).toEqual(['occupation']);
    expect(byId.get('other-measures')!.satisfied).toBe(false);
    const destroyed = processingObligations({
      ...base,
      columns: [{ name: 'name', category: 'identifying-description', treatment: 'pseudonymised' }],
      pseudonymKeyDestroyed: true,
    });
    expect(destroyed.every((o) => o.satisfied)).toBe(true);
  });

  it('pseudonymised: PPC Rules Art. 31 allows replacement, demands removal of financial data', () => {
    const obs = processingObligations({
      kind: 'pseudonymised',
      columns: [
        { name: 'name', category: 'identifying-description', treatment: 'pseudonymised' },
        { name: 'card', category: 'financial', treatment: 'kept' },
        { name: 'member_id', category: 'linking-code', treatment: 'kept' },
      ],
      unusualAfter: [],
      privacyModelMet: false,
    });
    expect(obs.map((o) => o.article)).toEqual([1, 2, 3].map((i) => `PPC Rules Art. 31(${i})`));
    expect(obs.filter((o) => !o.satisfied).map((o) => o.offending)).toEqual([['card']]);
  });

  it('lists duties and exemptions with their articles', () => {
    const anon = duties('anonymised');
    expect(anon.find((d) => d.id === 'publish-items-on-creation')).toMatchObject({
      article: 'APPI Art. 43(3); PPC Rules Art. 36',
      when: 'creation',
    });
    expect(anon.find((d) => d.id === 'tell-recipient')?.when).toBe('provision');
    expect(anon.find((d) => d.id === 'keep-method-secret')?.strength).toBe('duty');
    const pseudo = duties('pseudonymised');
    expect(pseudo.map((d) => d.id)).toContain('no-third-party-provision');
    expect(pseudo.find((d) => d.id === 'protect-deleted-information')?.article).toContain('41(2)');
    expect(exemptions('pseudonymised').map((e) => e.exempted)).toEqual([
      'APPI Art. 17(2)',
      'APPI Art. 26',
      'APPI Arts. 32–39',
    ]);
    expect(exemptions('pseudonymised').every((e) => e.basis === 'APPI Art. 41(9)')).toBe(true);
    expect(exemptions('anonymised').map((e) => e.exempted)).toContain('APPI Art. 27(1)');
  });
});

describe('unusual descriptions', () => {
  it('flags uncapped high ages but not top-coded ones', () => {
    expect(isExtremeAge('116')).toBe(true);
    expect(isExtremeAge('115-119歳')).toBe(true);
    expect(isExtremeAge('90歳以上')).toBe(false);
    expect(isExtremeAge('100歳以上')).toBe(false);
    expect(isExtremeAge('45')).toBe(false);
  });

  it('counts rare values before and none after a k-anonymous generalisation', () => {
    const ages = ['31', '32', '33', '34', '36', '37', '38', '116'];
    const table = { header: ['age', 'pref'], rows: ages.map((a, i) => [a, i < 4 ? '東京都' : '神奈川県']) };
    const before = countUnusual(table, ['age', 'pref'], { k: 2, ageColumns: ['age'] });
    expect(before).toEqual([
      { column: 'age', rareValues: 8, rareRecords: 8, extremeAgeRecords: 1 },
      { column: 'pref', rareValues: 0, rareRecords: 0, extremeAgeRecords: 0 },
    ]);
    const { table: out } = anonymizeTable(table, {
      qi: ['age', 'pref'],
      hierarchies: new Map([
        ['age', ageHierarchy()],
        ['pref', prefectureHierarchy()],
      ]),
      model: { k: 2, suppression: 0.2 },
      metric: 'discernibility',
    });
    const after = countUnusual(out, ['age', 'pref'], { k: 2, ageColumns: ['age'] });
    expect(after.every((c) => c.rareRecords === 0 && c.extremeAgeRecords === 0)).toBe(true);
  });
});

describe('publication text', () => {
  const items = [
    { ja: '性別', en: 'gender' },
    { ja: '年代', en: 'age band' },
    { ja: '住所（都道府県のみ）', en: 'address (prefecture only)' },
  ];

  it('renders the item list and provision methods like seed 001', () => {
    const ja = renderPublication({ items, methods: ['media', 'email', 'server-upload'] }, 'ja');
    expect(ja).toBe(
      [
        '当社が作成する匿名加工情報に含まれる個人に関する情報の項目及び第三者への提供方法は以下のとおりです。',
        '[項目]',
        '・性別',
        '・年代',
        '・住所（都道府県のみ）',
        '[提供方法]',
        '・記録媒体による提供',
        '・電子メールによる提供',
        '・サーバへのアップロードによる提供',
        '',
      ].join('\n'),
    );
    const en = renderPublication({ items, methods: ['email'] }, 'en');
    expect(en).toContain(
      'Items:\n- gender\n- age band\n- address (prefecture only)\nMethod of provision:\n- by e-mail\n',
    );
  });

  it('renders creation-only text without methods and records events', () => {
    expect(renderPublication({ items }, 'ja')).not.toContain('[提供方法]');
    const ev = anonymisationEvent({
      event: 'provided',
      at: '2026-11-23T00:00:00Z',
      dataset: 'usage',
      items,
      rows: 10,
      methods: ['media'],
    });
    expect(ev.publication.ja).toContain('・記録媒体による提供');
  });

  it('derives items from the chosen levels of built-in hierarchies', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [
      String(30 + (i % 10)),
      i % 2 ? '東京都' : '大阪府',
      'x',
    ]);
    const { items: derived } = anonymizeTable(
      { header: ['age', 'pref', 'usage'], rows },
      {
        qi: ['age', 'pref'],
        hierarchies: new Map([
          ['age', ageHierarchy()],
          ['pref', prefectureHierarchy()],
        ]),
        model: { k: 10, suppression: 0 },
        metric: 'discernibility',
        itemLabels: new Map([['usage', { ja: 'サービス利用状況／履歴', en: 'service usage' }]]),
      },
    );
    expect(derived.map((i) => i.ja)).toEqual(['年代', '住所（都道府県のみ）', 'サービス利用状況／履歴']);
  });
});
