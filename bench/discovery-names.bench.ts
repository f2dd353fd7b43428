/**
 * Person-name detection on ner-wikipedia-ja (stockmarkteam, CC BY-SA 3.0; read from ../shared/data, never copied).
 * Split: sentence index % 5 === 0 is the development split (the only data the weights and the PERSON threshold
 * were tuned on); the other 80 % is held out and reported. Match: a predicted span counts as correct when it
 * overlaps a gold 人名 span; a gold span counts as found when a prediction overlaps it.
 * Baseline, measured in the same run: plain kuromoji, IPADIC 名詞,固有名詞,人名 tokens, adjacent ones merged.
 *
 *   node --import tsx bench/discovery-names.bench.ts [--dev] [--errors]
 *
 * `--dev` (implied by `--errors`) runs and prints the development split only, so development never looks at the
 * held-out split; each run without it is one held-out evaluation and is recorded in bench/results/discovery.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Candidate } from '../src/discovery/finding.schema.js';
import { detectPersons } from '../src/discovery/names/person.js';
import { type JaTokenizer, loadTokenizer } from '../src/discovery/names/tokenizer.js';
import { normalizeText } from '../src/discovery/normalize.js';
import { resolveFindings } from '../src/discovery/scan.js';
import { THRESHOLDS } from '../src/discovery/thresholds.js';

interface Sentence {
  text: string;
  entities: { name: string; span: [number, number]; type: string }[];
}
type Span = [number, number];

const data: Sentence[] = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/data/ner-wikipedia-ja/ner.json'), 'utf8'),
);
export const isDev = (i: number): boolean => i % 5 === 0;

function baseline(tokenizer: JaTokenizer, text: string): Span[] {
  const out: Span[] = [];
  let cursor = 0;
  let open: Span | undefined;
  for (const t of tokenizer.tokenize(text)) {
    const at = text.indexOf(t.surface_form, cursor);
    const start = at < 0 ? cursor : at;
    cursor = start + t.surface_form.length;
    if (t.pos_detail_1 === '固有名詞' && t.pos_detail_2 === '人名') {
      if (open !== undefined && open[1] === start) open[1] = cursor;
      else {
        open = [start, cursor];
        out.push(open);
      }
    } else open = undefined;
  }
  return out;
}

interface Counts {
  tpPred: number;
  pred: number;
  tpGold: number;
  gold: number;
}
const overlaps = (a: Span, b: Span): boolean => a[0] < b[1] && b[0] < a[1];
function add(c: Counts, pred: Span[], gold: Span[]): void {
  c.pred += pred.length;
  c.gold += gold.length;
  c.tpPred += pred.filter((p) => gold.some((g) => overlaps(p, g))).length;
  c.tpGold += gold.filter((g) => pred.some((p) => overlaps(p, g))).length;
}
function prf(c: Counts) {
  const p = c.pred === 0 ? 0 : c.tpPred / c.pred;
  const r = c.gold === 0 ? 0 : c.tpGold / c.gold;
  const f2 = p + r === 0 ? 0 : (5 * p * r) / (4 * p + r);
  return { precision: p, recall: r, f2 };
}
const zero = (): Counts => ({ tpPred: 0, pred: 0, tpGold: 0, gold: 0 });
const fmt = (x: number): string => x.toFixed(3);

async function main(): Promise<void> {
  const showErrors = process.argv.includes('--errors');
  const devOnly = showErrors || process.argv.includes('--dev');
  const splits = devOnly ? (['dev'] as const) : (['dev', 'test'] as const);
  const t0 = performance.now();
  const tokenizer = await loadTokenizer();
  const loadMs = performance.now() - t0;

  const candidates: Candidate[][] = [];
  const gold: Span[][] = [];
  const base = { dev: zero(), test: zero() };
  let mamoriMs = 0;
  let baselineMs = 0;
  let chars = 0;
  data.forEach((s, i) => {
    gold.push(s.entities.filter((e) => e.type === '人名').map((e) => e.span));
    if (devOnly && !isDev(i)) {
      candidates.push([]);
      return;
    }
    chars += s.text.length;
    let t = performance.now();
    candidates.push(detectPersons(normalizeText(s.text), tokenizer));
    mamoriMs += performance.now() - t;
    t = performance.now();
    const b = baseline(tokenizer, s.text);
    baselineMs += performance.now() - t;
    add(isDev(i) ? base.dev : base.test, b, gold[i]!);
  });

  const evaluate = (threshold: number, dev: boolean): Counts => {
    const c = zero();
    data.forEach((s, i) => {
      if (isDev(i) !== dev) return;
      const doc = normalizeText(s.text);
      const pred = resolveFindings(doc, candidates[i]!, { minScore: threshold }).map(
        (f): Span => [f.start, f.end],
      );
      add(c, pred, gold[i]!);
    });
    return c;
  };

  // Threshold sweep on the development split only.
  let best = { t: 0, f2: -1, p: 0 };
  for (let t = 0.02; t <= 0.901; t += 0.01) {
    const m = prf(evaluate(t, true));
    if (m.f2 > best.f2 + 1e-9 || (Math.abs(m.f2 - best.f2) < 1e-9 && m.precision > best.p))
      best = { t: Math.round(t * 100) / 100, f2: m.f2, p: m.precision };
  }

  const threshold = THRESHOLDS.PERSON;
  const rows = [
    ['split', 'system', 'precision', 'recall', 'F2', 'gold spans'],
    ...splits.flatMap((split) => {
      const m = prf(evaluate(threshold, split === 'dev'));
      const b = prf(base[split]);
      const g = base[split].gold;
      return [
        [split, 'kuromoji baseline', fmt(b.precision), fmt(b.recall), fmt(b.f2), String(g)],
        [split, `Mamori (threshold ${threshold})`, fmt(m.precision), fmt(m.recall), fmt(m.f2), String(g)],
        ...[0.3, 0.5].map((t) => {
          const q = prf(evaluate(t, split === 'dev'));
          return [split, `Mamori (threshold ${t})`, fmt(q.precision), fmt(q.recall), fmt(q.f2), String(g)];
        }),
      ];
    }),
  ];
  for (const r of rows) console.log(r.map((c) => c.padEnd(26)).join(''));
  if (!devOnly) {
    const testM = prf(evaluate(threshold, false));
    const testB = prf(base.test);
    console.log(`\nheld-out F2 ratio Mamori/baseline: ${(testM.f2 / testB.f2).toFixed(2)}`);
  }
  console.log(
    `dev-tuned PERSON threshold: ${best.t} (dev F2 ${fmt(best.f2)}); table in thresholds.ts: ${threshold}`,
  );
  console.log(
    `dictionary load ${loadMs.toFixed(0)} ms; names stage ${(chars / (mamoriMs / 1000) / 1000).toFixed(0)}k chars/s, baseline tokenizer ${(chars / (baselineMs / 1000) / 1000).toFixed(0)}k chars/s`,
  );

  if (showErrors) {
    const fns: string[] = [];
    const fps: string[] = [];
    data.forEach((s, i) => {
      if (!isDev(i)) return;
      const doc = normalizeText(s.text);
      const pred = resolveFindings(doc, candidates[i]!, { minScore: threshold });
      for (const g of gold[i]!)
        if (!pred.some((p) => overlaps([p.start, p.end], g)))
          fns.push(`${s.text.slice(g[0], g[1])}\t| ${s.text}`);
      for (const p of pred)
        if (!gold[i]!.some((g) => overlaps([p.start, p.end], g)))
          fps.push(`${p.text} (${p.score}: ${p.explanation})\t| ${s.text}`);
    });
    console.log(`\n--- dev false negatives (${fns.length})`);
    console.log(fns.slice(0, 120).join('\n'));
    console.log(`\n--- dev false positives (${fps.length})`);
    console.log(fps.slice(0, 120).join('\n'));
  }
}

await main();
