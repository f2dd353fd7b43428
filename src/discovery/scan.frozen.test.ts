import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/discovery-corpus.js';
import type { Candidate, Finding } from './finding.schema.js';
import { normalizeText } from './normalize.js';
import { regexCandidates, resolveFindings, scanTextRegex } from './scan.js';

/**
 * The regex stage must not change what it finds when it is made faster: the thresholds of thresholds.ts were tuned
 * on these scores (every candidate's, also those below the threshold), and callers compare findings across runs.
 * The expectation was recorded from the stage before its performance rework, on a corpus split used by nothing
 * else (seed 3): per type, the number of findings and a hash of their type, offsets, text, score and explanation.
 * A deliberate change of a detector re-records it with MAMORI_UPDATE_FROZEN=1 and says so in its commit.
 */
const FIXTURE = new URL('./scan.frozen.fixture.json', import.meta.url);

type Row = Pick<Finding, 'type' | 'start' | 'end' | 'score' | 'explanation'> & { text?: string };
type Digest = Record<string, { count: number; sha256: string }>;

function digest(rows: readonly Row[]): Digest {
  const byType = new Map<string, string[]>();
  for (const r of rows) {
    const lines = byType.get(r.type) ?? [];
    lines.push([r.start, r.end, r.score, r.explanation, r.text ?? ''].join('\t'));
    byType.set(r.type, lines);
  }
  const out: Digest = {};
  for (const type of [...byType.keys()].sort()) {
    const lines = byType.get(type)!;
    out[type] = {
      count: lines.length,
      sha256: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 24),
    };
  }
  return out;
}

/** Candidates in a canonical order: the detectors' order among themselves is not part of the contract. */
const canonical = (cs: readonly Candidate[]): Candidate[] =>
  [...cs].sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      a.type.localeCompare(b.type) ||
      a.score - b.score ||
      a.explanation.localeCompare(b.explanation),
  );

function observe(): Record<string, Digest> {
  const docs = generateCorpus(3, 1200);
  const joined = docs.map((d) => d.text).join('\n');
  const doc = normalizeText(joined);
  const candidates = regexCandidates(doc);
  return {
    'findings, joined corpus': digest(scanTextRegex(joined)),
    'findings at minScore 0, joined corpus': digest(resolveFindings(doc, candidates, { minScore: 0 })),
    'findings, one document at a time': digest(docs.flatMap((d) => scanTextRegex(d.text))),
    'every candidate, joined corpus': digest(canonical(candidates)),
  };
}

describe('regex stage against its frozen expectation (synthetic corpus, seed 3)', () => {
  const observed = observe();
  if (process.env.MAMORI_UPDATE_FROZEN === '1')
    writeFileSync(FIXTURE, `${JSON.stringify(observed, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Digest>;

  for (const view of Object.keys(expected))
    it(`finds the same ${view} (count and hash per type)`, () => {
      expect(observed[view]).toEqual(expected[view]);
    });

  it('covers every regex type in the recorded corpus', () => {
    expect(Object.keys(expected['findings, joined corpus']!)).toHaveLength(13);
  });
});
