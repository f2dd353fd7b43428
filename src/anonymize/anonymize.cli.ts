import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../platform/errors.js';
import { MetricName, PrivacyModel } from './anonymize.schema.js';
import type { Hierarchy } from './hierarchy.js';
import { ProvisionMethod } from './publication.js';

export interface AnonymizeOptions {
  input: string;
  delimiter?: string;
  qi: string;
  hierarchy?: string[];
  builtin?: string[];
  sensitive?: string;
  k: string;
  l?: string;
  lVariant: string;
  t?: string;
  suppression: string;
  metric: string;
  drop?: string;
  pseudonymize?: string;
  pseudonymKeyFile?: string;
  out: string;
  report: string;
  publication?: string;
  methods?: string;
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UserError(`--${name} must be a number, got "${value}".`);
  return n;
}

function splitSpec(option: string, spec: string): [string, string] {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new UserError(
      `--${option} takes <column>=<${option === 'hierarchy' ? 'file.csv' : 'kind'}>, got "${spec}".`,
    );
  }
  return [spec.slice(0, eq), spec.slice(eq + 1)];
}

function parseModel(o: AnonymizeOptions): PrivacyModel {
  const l = number('l', o.l);
  if (o.lVariant !== 'distinct' && o.lVariant !== 'entropy') {
    throw new UserError(`--l-variant must be distinct or entropy, got "${o.lVariant}".`);
  }
  const parsed = PrivacyModel.safeParse({
    k: number('k', o.k),
    ...(l !== undefined ? { lDiversity: { variant: o.lVariant, l } } : {}),
    ...(o.t !== undefined ? { tCloseness: number('t', o.t) } : {}),
    suppression: number('suppression', o.suppression),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`Invalid privacy model: ${issue.path.join('.') || 'model'} ${issue.message}.`);
  }
  return parsed.data;
}

async function loadHierarchies(o: AnonymizeOptions): Promise<Map<string, Hierarchy>> {
  const { parseHierarchyCsv } = await import('./hierarchy.js');
  const japan = await import('./hierarchy.japan.js');
  const { readTextFile, parseRows } = await import('./table.js');
  const out = new Map<string, Hierarchy>();
  const add = (column: string, h: Hierarchy): void => {
    if (out.has(column)) throw new UserError(`The column "${column}" has more than one hierarchy.`);
    out.set(column, h);
  };
  for (const spec of o.hierarchy ?? []) {
    const [column, file] = splitSpec('hierarchy', spec);
    add(column, parseHierarchyCsv(await readTextFile(file, 'hierarchy file'), file));
  }
  for (const spec of o.builtin ?? []) {
    const [column, kindSpec] = splitSpec('builtin', spec);
    const { kind, arg } = japan.parseBuiltinSpec(kindSpec);
    if (kind === 'map') {
      const rows = parseRows(await readTextFile(arg!, 'map file'), { source: `The map ${arg}` });
      if ((rows[0]?.length ?? 0) < 2)
        throw new UserError(`The map ${arg} needs two columns: value and category.`);
      add(column, japan.mapHierarchy(new Map(rows.map((r) => [r[0]!, r[1]!])), arg!));
    } else add(column, japan.builtinHierarchy(kind, arg));
  }
  return out;
}

/** Runs `mamori anonymize`: reads the files, anonymises (pure), writes the table, report and texts. */
export async function runAnonymize(
  o: AnonymizeOptions,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<void> {
  const { readTableFile, normalizeDelimiter, readTextFile } = await import('./table.js');
  const { formatChunks } = await import('./delimited.js');
  const { anonymizeTable } = await import('./anonymize.js');
  const metric = MetricName.safeParse(o.metric);
  if (!metric.success) throw new UserError(`--metric must be one of ${MetricName.options.join(', ')}.`);
  const model = parseModel(o);
  const methods = list(o.methods).map((m) => {
    const p = ProvisionMethod.safeParse(m);
    if (!p.success)
      throw new UserError(`Unknown provision method "${m}": use ${ProvisionMethod.options.join(', ')}.`);
    return p.data;
  });
  const hierarchies = await loadHierarchies(o);
  const { table, format } = await readTableFile(
    o.input,
    o.delimiter ? normalizeDelimiter(o.delimiter) : undefined,
  );
  const pseudonymize = list(o.pseudonymize);
  let pseudonymKey: Buffer | undefined;
  if (pseudonymize.length > 0) {
    if (o.pseudonymKeyFile === undefined) throw new UserError('--pseudonymize needs --pseudonym-key-file.');
    // Read from a file, never from the command line: arguments end up in shell history and process lists.
    pseudonymKey = Buffer.from((await readTextFile(o.pseudonymKeyFile, 'key file')).trim(), 'utf8');
    if (pseudonymKey.length < 16) throw new UserError('The pseudonym key must be at least 16 bytes long.');
  }
  const started = Date.now();
  const outcome = anonymizeTable(table, {
    qi: list(o.qi),
    hierarchies,
    ...(o.sensitive !== undefined ? { sensitive: o.sensitive } : {}),
    drop: list(o.drop),
    pseudonymize,
    ...(pseudonymKey !== undefined ? { pseudonymKey } : {}),
    model,
    metric: metric.data,
    ...(stderr.isTTY
      ? {
          onProgress: (p) => {
            if (Date.now() - started > 500) {
              stderr.write(`\ranonymize: ${p.checked} nodes checked, ${p.resolved}/${p.total} decided`);
            }
          },
        }
      : {}),
  });
  if (stderr.isTTY && Date.now() - started > 500) stderr.write('\n');
  const out = outcome.output;
  await writeChunks(
    o.out,
    formatChunks(out.header, out.count, out.row, format.delimiter, format.recordDelimiter),
  );
  await writeFile(o.report, `${JSON.stringify(outcome.report, null, 2)}\n`, 'utf8');
  if (o.publication !== undefined) {
    const { renderPublication } = await import('./publication.js');
    const input = { items: outcome.items, methods };
    await writeFile(
      o.publication,
      `${renderPublication(input, 'ja')}\n${renderPublication(input, 'en')}`,
      'utf8',
    );
  }
}

/** Writes the chunks to a file as they are produced, waiting when the stream's buffer is full. */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } catch (e) {
    stream.destroy();
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`Cannot write the output ${path}${code ? ` (${code})` : ''}.`);
  }
}

export function registerAnonymizeCommands(program: Command): void {
  program
    .command('anonymize')
    .description(
      'Anonymise a table (匿名加工情報): optimal full-domain generalisation to k-anonymity (and l-diversity / t-closeness) with suppression; writes the table, a report JSON and optionally the publication text.',
    )
    .requiredOption('--input <csv>', 'input table with a header row')
    .option('--delimiter <char>', "field delimiter of the input (e.g. ';', ',', tab); detected when omitted")
    .requiredOption(
      '--qi <columns>',
      'quasi-identifiers, comma separated; the report lists levels in this order',
    )
    .option('--hierarchy <specs...>', 'ARX hierarchy files: <column>=<file.csv> (value; coarser levels …; *)')
    .option(
      '--builtin <specs...>',
      'built-in hierarchies: <column>=<kind>, kind one of flat (value→*), age (→5-year band→年代→*), date (→year-month→year→*), address (→市区町村→都道府県→地方→*), prefecture (→地方→*), postal (→3 digits→*), interval:<w1>,<w2>… (numbers), map:<file.csv> (value;category →*)',
    )
    .option('--sensitive <column>', 'sensitive column protected by l-diversity / t-closeness')
    .option('--k <n>', 'k of k-anonymity', '5')
    .option('--l <n>', 'l of l-diversity (needs --sensitive)')
    .option('--l-variant <variant>', 'distinct or entropy', 'distinct')
    .option('--t <x>', 't of t-closeness, equal-distance EMD (needs --sensitive)')
    .option('--suppression <fraction>', 'largest fraction of records that may be suppressed, e.g. 0.04', '0')
    .option('--metric <metric>', 'discernibility, aecs or entropy (non-uniform entropy)', 'discernibility')
    .option('--drop <columns>', 'identifier columns to delete')
    .option('--pseudonymize <columns>', 'identifier columns to replace with a keyed HMAC-SHA256 pseudonym')
    .option('--pseudonym-key-file <path>', 'file holding the pseudonym key (keep it apart from the output)')
    .requiredOption('--out <csv>', 'anonymised table (same header order and delimiter as the input)')
    .requiredOption(
      '--report <json>',
      'report: levels, discernibility, classes, minClassSize, suppressed, risk …',
    )
    .option('--publication <txt>', 'write the item list to publish (Japanese and English)')
    .option(
      '--methods <list>',
      `provision methods for the publication: ${ProvisionMethod.options.join(', ')}`,
    )
    .action(async (opts: AnonymizeOptions) => {
      await runAnonymize(opts);
    });
}
