/**
 * Anonymisation benchmark (issue 7). Run: node --import tsx bench/anonymize.bench.ts
 *  1. Adult (ARX anchor): k=5, no suppression, discernibility; optimal search vs a brute force over all
 *     4,320 lattice nodes, measured in the same run.
 *  2. 1M synthetic rows × 8 quasi-identifiers (seeded generator, built-in Japanese hierarchies).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { anonymizeTable } from '../src/anonymize/anonymize.js';
import type { MetricName, PrivacyModel } from '../src/anonymize/anonymize.schema.js';
import { type EncodedTable, encodeTable } from '../src/anonymize/encode.js';
import { NodeEvaluator } from '../src/anonymize/evaluate.js';
import { groupBy, type KeyPart, Renumberer } from '../src/anonymize/grouping.js';
import { parseHierarchyCsv } from '../src/anonymize/hierarchy.js';
import { Lattice } from '../src/anonymize/lattice.js';
import { compileModel } from '../src/anonymize/privacy.js';
import { bruteForceOptimum, searchOptimum } from '../src/anonymize/search.js';
import { formatTable, parseTable } from '../src/anonymize/table.js';
import { rng, synthetic, writeSyntheticCsv } from './anonymize-data.js';

const ms = (t0: number): number => performance.now() - t0;
/** CPU time of this process (user + system) in ms: the machine is shared, so wall time alone misleads. */
const cpuMs = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const fmt = (x: number): string => `${x.toFixed(1)} ms`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function adult(): void {
  const dir = new URL('../../shared/data/adult/', import.meta.url);
  const qi = [
    'sex',
    'age',
    'race',
    'marital-status',
    'education',
    'native-country',
    'workclass',
    'salary-class',
  ];
  const { table } = parseTable(readFileSync(new URL('adult.csv', dir), 'utf8'), { delimiter: ';' });
  const hierarchies = new Map(
    qi.map((q) => [q, parseHierarchyCsv(readFileSync(new URL(`adult_hierarchy_${q}.csv`, dir), 'utf8'), q)]),
  );
  const model: PrivacyModel = { k: 5, suppression: 0 };
  const metric: MetricName = 'discernibility';
  const encodeTimes: number[] = [];
  const searchTimes: number[] = [];
  let result = null as ReturnType<typeof searchOptimum>;
  for (let i = 0; i < 7; i++) {
    let t0 = performance.now();
    const enc = encodeTable(table, qi, hierarchies);
    encodeTimes.push(ms(t0));
    t0 = performance.now();
    result = searchOptimum(enc, compileModel(model, enc), metric);
    searchTimes.push(ms(t0));
  }
  const enc = encodeTable(table, qi, hierarchies);
  let t0 = performance.now();
  const brute = bruteForceOptimum(enc, compileModel(model, enc), metric)!;
  const bruteMs = ms(t0);
  t0 = performance.now();
  const bruteRoll = bruteForceOptimum(enc, compileModel(model, enc), metric, { rollUp: true })!;
  const bruteRollMs = ms(t0);
  t0 = performance.now();
  const full = anonymizeTable(table, { qi, hierarchies, model, metric });
  const fullMs = ms(t0);
  const r = result!;
  console.log('## Adult (30,162 rows, 8 QI, k=5, no suppression, discernibility)');
  console.log(
    `levels ${JSON.stringify(r.levels)}  DM ${r.evaluation.value}  classes ${r.evaluation.classes}  min ${r.evaluation.minClassSize}`,
  );
  console.log(
    `brute force agrees: ${JSON.stringify(brute.levels) === JSON.stringify(r.levels) && bruteRoll.evaluation.value === r.evaluation.value}`,
  );
  console.log(`encode (once per run): first ${fmt(encodeTimes[0]!)}, median ${fmt(median(encodeTimes))}`);
  console.log(
    `search: first ${fmt(searchTimes[0]!)}, median ${fmt(median(searchTimes))}; nodes checked ${r.nodesChecked} of ${r.latticeSize}`,
  );
  console.log(`brute force (every node from the snapshot): ${fmt(bruteMs)}; nodes ${brute.nodesChecked}`);
  console.log(`brute force (every node, with roll-up): ${fmt(bruteRollMs)}`);
  console.log(
    `ratio brute/search (median): ${(bruteMs / median(searchTimes)).toFixed(0)}x; with roll-up ${(bruteRollMs / median(searchTimes)).toFixed(0)}x`,
  );
  console.log(
    `full anonymizeTable (encode + search + output table + report): ${fmt(fullMs)}; report levels ${JSON.stringify(full.report.levels)}`,
  );
}

/**
 * Baseline for the class counter: the counting every node used before (group ids over the whole snapshot
 * with the generic mixed-radix groupBy, then a pass for class sizes), on the same random nodes.
 */
function genericCountPerNode(enc: EncodedTable, lattice: Lattice, nodes: number): number {
  const n = enc.snapshot.n;
  const renumberer = new Renumberer();
  const keys = new Float64Array(n);
  const out = new Int32Array(n);
  const size = new Float64Array(n);
  const levels = new Int32Array(enc.qi.length);
  const rand = rng(7);
  const t0 = performance.now();
  for (let i = 0; i < nodes; i++) {
    lattice.levelsOf(Math.floor(rand() * lattice.size), levels);
    const parts: KeyPart[] = enc.qi.map((col, j) => ({
      codes: enc.snapshot.codes[j]!,
      map: col.gen[levels[j]!]!,
      domain: col.domain[levels[j]!]!,
    }));
    const classes = groupBy(n, parts, renumberer, keys, out);
    size.fill(0, 0, classes);
    for (let x = 0; x < n; x++) size[out[x]!]! += enc.snapshot.count[x]!;
  }
  return ms(t0) / nodes;
}

function million(): void {
  const n = 1_000_000;
  let t0 = performance.now();
  const { table, qi, hierarchies } = synthetic(n);
  const genMs = ms(t0);
  console.log(
    `\n## Synthetic ${n.toLocaleString('en')} rows × ${qi.length} QI (generated in ${fmt(genMs)}, not counted)`,
  );
  for (const [model, metric] of [
    [{ k: 5, suppression: 0 }, 'discernibility'],
    [{ k: 5, suppression: 0.04 }, 'discernibility'],
    [{ k: 5, suppression: 0 }, 'entropy'],
  ] as [PrivacyModel, MetricName][]) {
    t0 = performance.now();
    const enc = encodeTable(table, qi, hierarchies);
    const encMs = ms(t0);
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const compiled = compileModel(model, enc);
    const r = searchOptimum(enc, compiled, metric)!;
    const searchMs = ms(t0);
    const searchCpu = cpuMs(c0);
    // Baseline in the same run: the search without projection bounds (every decided node counted).
    t0 = performance.now();
    const c1 = process.cpuUsage();
    const plain = searchOptimum(enc, compiled, metric, { marginals: false })!;
    const plainMs = ms(t0);
    const plainCpu = cpuMs(c1);
    const same = plain.levels.join() === r.levels.join() && plain.evaluation.value === r.evaluation.value;
    console.log(
      `  search with projection bounds ${fmt(searchMs)} (CPU ${fmt(searchCpu)}), ${r.nodesChecked} checked / ${r.nodesCounted} counted; without (baseline) ${fmt(plainMs)} (CPU ${fmt(plainCpu)}), ${plain.nodesCounted} counted; CPU ratio ${(plainCpu / searchCpu).toFixed(1)}x; same result ${same}`,
    );
    // Baseline: the cost of counting one node from the snapshot, times the lattice (a brute force would
    // take hours to run in full here), sampled on 20 nodes in this run.
    const lattice = new Lattice(enc.qi.map((c) => c.height));
    const evaluator = new NodeEvaluator(enc, compiled, metric, { rollUp: false });
    const levels = new Int32Array(qi.length);
    const rand = rng(7);
    t0 = performance.now();
    for (let i = 0; i < 20; i++)
      evaluator.evaluate(lattice.levelsOf(Math.floor(rand() * lattice.size), levels));
    const perNode = ms(t0) / 20;
    const bruteEstimate = perNode * lattice.size;
    const oldPerNode = genericCountPerNode(enc, lattice, 20);
    console.log(
      `k=${model.k} suppression=${model.suppression} ${metric}: encode ${fmt(encMs)} (snapshot ${enc.snapshot.n.toLocaleString('en')} items), search ${fmt(searchMs)} (CPU ${fmt(searchCpu)}), total ${fmt(encMs + searchMs)}`,
    );
    console.log(
      `  per node from the snapshot: counter ${fmt(perNode)}, generic groupBy + size pass (the previous counting, baseline) ${fmt(oldPerNode)}; ratio ${(oldPerNode / perNode).toFixed(1)}x`,
    );
    console.log(
      `  levels ${JSON.stringify(r.levels)} value ${r.evaluation.value} classes ${r.evaluation.classes} min ${r.evaluation.minClassSize} suppressed ${r.evaluation.suppressed}; nodes checked ${r.nodesChecked} (counted ${r.nodesCounted}) of ${r.latticeSize}`,
    );
    console.log(
      `  brute-force estimate ${(bruteEstimate / 1000).toFixed(0)} s (${fmt(perNode)}/node × ${lattice.size}); ratio ${(bruteEstimate / searchMs).toFixed(0)}x`,
    );
  }
  t0 = performance.now();
  const out = anonymizeTable(table, {
    qi,
    hierarchies,
    model: { k: 5, suppression: 0 },
    metric: 'discernibility',
    drop: ['id'],
  });
  console.log(
    `full anonymizeTable (encode + search + output table + report): ${fmt(ms(t0))}; ${out.table.rows.length} rows out`,
  );
}

console.log(
  `# anonymize bench — ${new Date().toISOString()} — ${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
);
/**
 * The whole CLI path on a 1M-row CSV file (70 MB): read, parse, encode, search, suppress, write. Baselines
 * measured in the same run: the generic csv-parse / csv-stringify the CLI used before the hand-written
 * reader and the streamed writer.
 */
function cliPath(): void {
  const n = 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'anonymize-bench-'));
  try {
    const { csv, args } = writeSyntheticCsv(n, dir);
    const text = readFileSync(csv, 'utf8');
    let t0 = performance.now();
    const ours = parseTable(text, { delimiter: ',' }).table;
    const parseMs = ms(t0);
    t0 = performance.now();
    const theirs = parse(text, {
      delimiter: ',',
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    const csvParseMs = ms(t0);
    const same = theirs.length === ours.rows.length + 1 && theirs[n]!.join() === ours.rows[n - 1]!.join();
    t0 = performance.now();
    const written = formatTable(ours, { delimiter: ',', recordDelimiter: '\n' });
    const formatMs = ms(t0);
    t0 = performance.now();
    const generic = stringify([ours.header as string[], ...(ours.rows as string[][])], { delimiter: ',' });
    const stringifyMs = ms(t0);
    console.log(
      `\n## CLI path, ${n.toLocaleString('en')} rows × 8 QI from a CSV of ${(text.length / 1e6).toFixed(0)} M characters`,
    );
    console.log(
      `parse: hand-written ${fmt(parseMs)}, csv-parse (baseline) ${fmt(csvParseMs)}; ratio ${(csvParseMs / parseMs).toFixed(1)}x; same rows ${same}`,
    );
    console.log(
      `write: chunked writer ${fmt(formatMs)}, csv-stringify (baseline) ${fmt(stringifyMs)}; ratio ${(stringifyMs / formatMs).toFixed(1)}x; same text ${written === generic}`,
    );
    const cli = fileURLToPath(new URL('../src/cli/run.ts', import.meta.url));
    const out = join(dir, 'out.csv');
    const report = join(dir, 'report.json');
    const times = join(dir, 'time.txt');
    for (const suppression of ['0', '0.04']) {
      t0 = performance.now();
      // /usr/bin/time reports the child's CPU time (user + system) and peak RSS.
      const run = spawnSync(
        '/usr/bin/time',
        [
          '-f',
          '%U %S %M',
          '-o',
          times,
          process.execPath,
          '--import',
          'tsx',
          cli,
          'anonymize',
          '--input',
          csv,
          ...args,
          '--k',
          '5',
          '--suppression',
          suppression,
          '--out',
          out,
          '--report',
          report,
        ],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      const wall = ms(t0);
      const [user, system, rssKb] = readFileSync(times, 'utf8')
        .trim()
        .split('\n')
        .pop()!
        .split(' ')
        .map(Number);
      const r = JSON.parse(readFileSync(report, 'utf8')) as {
        levels: number[];
        nodesChecked: number;
        latticeSize: number;
        classes: number;
        suppressed: number;
        discernibility: number;
      };
      console.log(
        `mamori anonymize (k=5, DM, suppression ${suppression}, process start to exit): wall ${fmt(wall)}, CPU ${(user! + system!).toFixed(1)} s, peak RSS ${(rssKb! / 1024).toFixed(0)} MB; exit ${run.status}; levels ${JSON.stringify(r.levels)} DM ${r.discernibility} classes ${r.classes} suppressed ${r.suppressed}; nodes checked ${r.nodesChecked} of ${r.latticeSize}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ANONYMIZE_BENCH=adult,cli runs only those parts (default: all three).
const parts = new Set((process.env.ANONYMIZE_BENCH ?? 'adult,million,cli').split(','));
if (parts.has('adult')) adult();
if (parts.has('million')) million();
if (parts.has('cli')) cliPath();
