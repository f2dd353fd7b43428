import { describe, expect, it } from 'vitest';
import { renderNotice } from '../notices/notice.render.js';
import { EXAMPLES, readExampleFiles } from './examples.test-helpers.js';
import { hasErrors, lintRegister } from './register.rules.js';
import type { Register } from './register.schema.js';
import { registerFromYamlFiles, registerToYamlFiles } from './register.yaml.js';

/** The text a reader sees in the HTML notice (tags dropped, entities decoded). */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/[ \t]+/g, ' ');
}

function load(example: string): Register {
  return registerFromYamlFiles(readExampleFiles(example));
}

/** Both renderings in one language, so every fact is checked in Markdown and in HTML. */
function notices(register: Register, lang: 'ja' | 'en'): string[] {
  return [
    renderNotice(register, { lang, format: 'md' }),
    htmlText(renderNotice(register, { lang, format: 'html' })),
  ];
}

function expectFacts(register: Register, lang: 'ja' | 'en', facts: readonly string[]): void {
  for (const text of notices(register, lang)) {
    for (const fact of facts) expect(text, `${lang}: ${fact}`).toContain(fact);
  }
}

describe('the four example registers', () => {
  it('are four, one per seed', () => {
    expect(EXAMPLES).toEqual([
      'hibiki-cloud-comms',
      'hitomiru-hr-cloud',
      'tsudoi-membership',
      'tsunagi-technology',
    ]);
  });

  for (const example of EXAMPLES) {
    describe(example, () => {
      const register = load(example);

      it('passes lint with no errors', () => {
        const findings = lintRegister(register);
        expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(hasErrors(findings)).toBe(false);
      });

      it('round-trips through YAML export and import', () => {
        const back = registerFromYamlFiles(registerToYamlFiles(register));
        expect(back).toEqual(register);
        for (const lang of ['ja', 'en'] as const) {
          expect(renderNotice(back, { lang, format: 'md' })).toBe(
            renderNotice(register, { lang, format: 'md' }),
          );
        }
      });

      it('gives every subject type at least one purpose', () => {
        expect(register.subjectTypes.length).toBeGreaterThanOrEqual(3);
        for (const s of register.subjectTypes) {
          expect(
            register.purposes.some((p) => p.subjectTypes.includes(s.key)),
            s.key,
          ).toBe(true);
        }
      });
    });
  }
});

describe('seed 000: data-integration group (tsunagi-technology)', () => {
  const r = load('tsunagi-technology');

  it('keeps the seven subject types, the entrusted one not held', () => {
    expect(r.subjectTypes).toHaveLength(7);
    expectFacts(r, 'ja', [
      'お客様',
      '株主様',
      '投資家様、アナリスト様',
      '採用応募者様',
      '派遣等労働者様',
      '従業員・役員',
      '処理を委託された個人情報',
      '当社の保有個人データではありません',
    ]);
    expectFacts(r, 'en', [
      'Investors and analysts',
      'Dispatched and contract workers',
      'it is not held personal data of ours',
    ]);
  });

  it('keeps 5 years after the contract ends, otherwise after the last contact, unless a law needs longer', () => {
    expectFacts(r, 'ja', [
      '契約終了後5年間、それ以外の場合は最後のご連絡後5年間保有し、その後消去します。',
      'より長期の保有',
    ]);
    expectFacts(r, 'en', [
      'Kept for 5 years after the contract ends; otherwise 5 years after the last contact',
      'A longer period when a law or contract requires or allows it',
    ]);
  });

  it('names the group companies in four countries and the policy dates', () => {
    expectFacts(r, 'ja', [
      '中華人民共和国',
      'シンガポール共和国',
      'アメリカ合衆国',
      '制定: 1999年7月5日',
      '最終改定: 2024年4月1日',
    ]);
    expectFacts(r, 'en', ['Established: 5 July 1999', 'Last revised: 1 April 2024']);
  });

  it('publishes the PrivacyMark registration under JIS Q 15001:2017', () => {
    expectFacts(r, 'ja', [
      'JIS Q 15001:2017',
      '10899999(13)',
      '1999年12月3日',
      '一般社団法人情報サービス産業協会',
    ]);
    expectFacts(r, 'en', ['since 3 December 1999']);
  });

  it('lists the four statutory grounds for provision without consent', () => {
    expect(r.provisionExceptions.map((e) => e.ground)).toEqual([
      'law',
      'life-body-property',
      'public-health-or-children',
      'public-authority',
    ]);
    expectFacts(r, 'ja', ['法令に基づく場合', '公衆衛生の向上又は児童の健全な育成']);
  });

  it('carries the GDPR annex: bases, withdrawal, transfers, EU representative', () => {
    expectFacts(r, 'en', [
      'Annex: residents of the EEA (GDPR)',
      'Legitimate interests (Art. 6(1)(f))',
      'Performance of a contract (Art. 6(1)(b))',
      'to withdraw consent at any time (Art. 7(3))',
      'to complain to a supervisory authority (Art. 77)',
      'including Japan and the United States',
      'Hamburg, Germany',
    ]);
    expectFacts(r, 'ja', ['EEA 域外への移転', '監督機関に苦情を申し立てる権利']);
  });

  it('carries the CCPA annex: 12-month categories, no sale or sharing, agents', () => {
    expectFacts(r, 'en', [
      'In the past 12 months we collected',
      'Identifiers',
      'Commercial information',
      'Internet or other electronic network activity',
      'Professional or employment-related information',
      'Sensitive personal information',
      'Request history',
      'We have not sold or shared personal information in the past 12 months',
      'To comply with the California Electronic Communications Privacy Act',
      'an authorised agent',
    ]);
    expectFacts(r, 'ja', ['過去12か月間', '識別子', '商業的情報', 'センシティブ個人情報']);
  });

  it('carries the PIPL annex and its rights', () => {
    expectFacts(r, 'ja', [
      '中国に在住する個人のお客様',
      '閲覧及び複製を請求する権利(45条)',
      '中国国内外の第三者',
    ]);
    expectFacts(r, 'en', ['to access and copy it (Art. 45)', 'Consent (Art. 13(1))']);
  });
});

describe('seed 001: cloud communications (hibiki-cloud-comms)', () => {
  const r = load('hibiki-cloud-comms');

  it('keeps purposes A–G for customers and A–E for partner-sourced data', () => {
    const letters = (subject: string) =>
      r.purposes
        .filter((p) => p.subjectTypes.includes(subject) && /^[A-G] /.test(p.description.ja))
        .map((p) => p.description.ja[0]);
    expect(letters('customers')).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(letters('partner-sourced')).toEqual(['A', 'B', 'C', 'D', 'E']);
    expectFacts(r, 'ja', [
      'G メールマガジン・ダイレクトメール・ファクシミリ等による各種案内の送付',
      'C 契約締結・取引先審査',
    ]);
  });

  it('publishes the anonymised items and the three methods of provision', () => {
    expectFacts(r, 'ja', [
      '性別',
      '年代',
      '業種／職種',
      '住所(都道府県のみ)',
      'ご利用年月',
      'サービス利用状況／履歴',
      '記録媒体による提供',
      '電子メールによる提供',
      'サーバへのアップロードによる提供',
    ]);
    expectFacts(r, 'en', [
      'Age band',
      'Address (prefecture only)',
      'Month of use',
      'on recording media',
      'by email',
      'by upload to a server',
    ]);
  });

  it('lists the thirteen grounds for disclosure', () => {
    expect(r.provisionExceptions).toHaveLength(13);
    expectFacts(r, 'ja', [
      '実施の2か月前までに全ユーザーに事前通知',
      'M 個人情報保護法その他の法令により認められた場合',
    ]);
  });

  it('checks identity with two items, then documents, and answers by post', () => {
    expectFacts(r, 'ja', [
      '2項目程度(例:電話番号と生年月日)',
      '運転免許証',
      'パスポート',
      '住民基本台帳カード',
      '健康保険の被保険者証',
      '郵送(封書)',
    ]);
    expectFacts(r, 'en', ['two items', 'letter by post']);
  });

  it('collects sensitive data only with consent and records access logs and cookies', () => {
    expectFacts(r, 'ja', ['要配慮個人情報を取得しません', 'アクセスログ', 'IPアドレス']);
  });
});

describe('seed 002: HR cloud (hitomiru-hr-cloud)', () => {
  const r = load('hitomiru-hr-cloud');

  it('keeps the ten numbered kinds, with entrusted employee data not held', () => {
    expect(r.subjectTypes.filter((s) => /^\d+ /.test(s.name.ja) || /^\d\.\d /.test(s.name.ja))).toHaveLength(
      12,
    );
    const entrusted = r.purposes.filter((p) => p.holding === 'entrusted').flatMap((p) => p.subjectTypes);
    expect(entrusted).toEqual(['customer-employee-data']);
    expectFacts(r, 'ja', [
      '1.2 お客様がヒトミルを通じて当社に提供したお客様の従業者情報',
      '受託(保有個人データではありません)',
    ]);
    expectFacts(r, 'en', ['Entrusted (not held personal data)']);
  });

  it('charges 1,000 yen per notice or disclosure request, even when refused', () => {
    expectFacts(r, 'ja', [
      '利用目的の通知、開示のご請求には、1件につき1,000円の手数料',
      '定額小為替',
      '所定の期間内',
      '不開示の場合も手数料をいただきます',
    ]);
    expectFacts(r, 'en', ['cost a fee of 1,000 yen per request', 'The fee is charged even when we refuse.']);
  });

  it('lists the five refusal grounds and the documents for self, parent, guardian and proxy', () => {
    expect(r.rights.refusalGrounds).toHaveLength(5);
    expectFacts(r, 'ja', [
      '手数料が不足していた場合',
      '本人の公的証明書(写し)',
      '親権者(未成年者の法定代理人)',
      '戸籍謄本(全部事項証明)1通のコピー',
      '成年後見人',
      '登記事項証明書',
      '委任による代理人',
      '当社指定の委任状',
    ]);
    expectFacts(r, 'en', ['Adult guardian', 'Proxy with power of attorney']);
  });

  it('publishes the foreign processors with server countries and legal-system links', () => {
    expectFacts(r, 'ja', [
      'Meta Platforms, Inc.',
      'Google Workspace',
      'チリ共和国',
      'Marketo Engage',
      'オーストラリア連邦',
      'リクルートダイレクトスカウト',
      'インド',
      'カナダ',
    ]);
    const html = renderNotice(r, { lang: 'en', format: 'html' });
    for (const report of ['USA', 'taiwan', 'singapore', 'australia', 'india', 'canada']) {
      expect(html).toContain(`href="https://www.ppc.go.jp/files/pdf/${report}_report.pdf"`);
    }
    expectFacts(r, 'en', ['Chile', 'no data is handled on foreign servers']);
  });

  it('publishes the safeguards, the event co-host provision and call recording', () => {
    expectFacts(r, 'ja', [
      '個人データベースの利用・出力状況のログを取得しています',
      '少なくとも1年に1回',
      '廃棄証明書',
      'イベント・セミナーの共催企業等',
      'あらかじめご本人の同意を得て提供します',
      '書面又はデータにて提供',
      '通話内容の録音について',
      '03-5860-7565',
      '0120-700-779',
    ]);
    expectFacts(r, 'en', [
      'Organisational measures',
      'Human measures',
      'Physical measures',
      'Technical measures',
      'External environment',
    ]);
  });
});

describe('seed 003: membership SaaS (tsudoi-membership)', () => {
  const r = load('tsudoi-membership');

  it('handles member data as entrusted, not held', () => {
    expect(r.purposes.filter((p) => p.subjectTypes.includes('member-entrusted'))).toHaveLength(11);
    expectFacts(r, 'ja', ['会員から委託された個人情報の本人', '当社の保有個人データではありません']);
  });

  it('keeps use within the purposes in force when the data was entrusted', () => {
    expectFacts(r, 'ja', ['委託時点のプライバシーポリシーに記載されている利用目的の範囲を超えて']);
    expectFacts(r, 'en', ['in force when it was entrusted to us']);
  });

  it('binds processors by contract on safety, confidentiality and sub-entrustment', () => {
    expect(r.processors[0]?.contract).toMatchObject({ safetyMeasures: true, confidentiality: true });
    expectFacts(r, 'ja', ['安全管理措置、秘密保持、再委託は事前承諾制']);
  });

  it('takes requests through the web form with an identity check', () => {
    expectFacts(r, 'ja', ['ウェブフォーム', 'ご本人であることを確認した上で対応します']);
  });

  it('publishes log files, cookies and joint use with subsidiaries', () => {
    expectFacts(r, 'ja', ['ログファイル・クッキー等', '当社及び当社子会社', '共同利用']);
  });
});
