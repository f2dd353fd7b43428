import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '../finding.schema.js';
import { normalizeText } from '../normalize.js';
import { detectPersons, type PersonCandidate, personCandidates } from './person.js';
import { type JaTokenizer, loadTokenizer } from './tokenizer.js';

/**
 * The person-name stage must not change what it proposes when it is made faster: the model of person-model.ts was
 * fitted on these features, and the threshold on these scores. The expectation was recorded from the stage before
 * its performance rework, on every sentence of ner-wikipedia-ja (joined, and every fifth one alone) and on some
 * business-like sentences: the number of candidates and a hash of their offsets, score (rounded to 1e-9),
 * explanation and active features in order. A deliberate change of a feature, list or weight re-records it with
 * MAMORI_UPDATE_FROZEN=1 and says so in its commit.
 */
const FIXTURE = new URL('./person.frozen.fixture.json', import.meta.url);
const NER = path.resolve(process.cwd(), '../shared/data/ner-wikipedia-ja/ner.json');

const BUSINESS = [
  '山田太郎様へのご案内：ご契約の更新について、担当の鈴木までご連絡ください。',
  '代表取締役 佐藤健一、取締役 高橋　美咲、監査役 ジョン・スミス。',
  'お問い合わせ：営業部 田中さん（内線 1234）またはカスタマーサポートの中村花子まで。',
  '株式会社松下電器の本田部長と、本田技研工業の渡辺課長が会議に出席した。',
  'ひろみ様、さくらさん、たろうくん、ご来店ありがとうございました。',
  'Mr. John Smith と Dr. Yuki Tanaka 様が東京本社を訪問。Windows NT の件は Forza Horizon と無関係。',
  '担当者：小林 誠（こばやし まこと）、連絡先 03-1234-5678、メール kobayashi@example.co.jp',
  '袁世凱と鄧小平、朴普煕について調べた資料を伊藤先生に送付しました。',
  '新規顧客：マイケル・ジョーダン氏、マリー・キュリー氏、ウィリアムズ様、ボーマン様。',
  '2018年春、建久2年の記録によれば、吉田内閣は村山線と田口鉄道を視察した。',
  '「松本」さんは大阪支店長です。加藤・斎藤・吉田の三名が出張します。',
  '人事部より：山本一郎、井上綾子、木村竜樹の異動を通知します。前任の林さんから引き継ぎ。',
  'アイゼンハワー米大統領とニミッツ提督、チャーチル英首相が会談した。',
  '請求書送付先：大阪府大阪市北区梅田1-2-3 清水工業株式会社 経理課 森様',
];

type Row = { start: number; end: number; score: number; explanation: string; features?: string };
type Digest = { count: number; sha256: string };

const row = (c: Candidate & { features?: PersonCandidate['features'] }): Row => ({
  start: c.start,
  end: c.end,
  score: Math.round(c.score * 1e9) / 1e9,
  explanation: c.explanation,
  ...(c.features === undefined ? {} : { features: [...c.features].join(',') }),
});

function digest(rows: readonly Row[]): Digest {
  const lines = rows.map((r) => [r.start, r.end, r.score, r.explanation, r.features ?? ''].join('\t'));
  return {
    count: lines.length,
    sha256: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 24),
  };
}

let tokenizer: JaTokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

function observe(): Record<string, Digest> {
  const sentences = (JSON.parse(readFileSync(NER, 'utf8')) as { text: string }[]).map((s) => s.text);
  const joined = normalizeText(sentences.join('\n'));
  const business = normalizeText(BUSINESS.join('\n'));
  const alone = sentences.filter((_, i) => i % 5 === 0);
  return {
    'candidates with features, ner-wikipedia-ja joined': digest(personCandidates(joined, tokenizer).map(row)),
    'candidates with features, every fifth sentence alone': digest(
      alone.flatMap((s) => personCandidates(normalizeText(s), tokenizer).map(row)),
    ),
    'detectPersons, ner-wikipedia-ja joined': digest(detectPersons(joined, tokenizer).map(row)),
    'candidates with features, business sentences': digest(personCandidates(business, tokenizer).map(row)),
    'detectPersons, business sentences': digest(detectPersons(business, tokenizer).map(row)),
  };
}

describe('person-name stage against its frozen expectation (ner-wikipedia-ja and business sentences)', () => {
  it('has the corpus', () => {
    expect(existsSync(NER)).toBe(true);
  });

  it('proposes the same candidates, scores, explanations and features (count and hash per view)', () => {
    const observed = observe();
    if (process.env.MAMORI_UPDATE_FROZEN === '1')
      writeFileSync(FIXTURE, `${JSON.stringify(observed, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Digest>;
    expect(observed).toEqual(expected);
    expect(expected['candidates with features, ner-wikipedia-ja joined']!.count).toBeGreaterThan(1000);
    expect(expected['candidates with features, business sentences']!.count).toBeGreaterThan(20);
  });
});
