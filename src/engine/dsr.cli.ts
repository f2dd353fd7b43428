import fs from 'node:fs/promises';
import path from 'node:path';
import { type Command, Option } from 'commander';
import type { FidesDataset } from '../datasets/dataset.schema.js';
import { UserError } from '../platform/errors.js';

/*
 * `mamori dsr access|erase|rectify|restrict|resume` and `mamori dataset generate` (issue 4's CLI contract).
 * Drivers and the engine load inside the actions, never at start-up.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface CommonOptions {
  dataset: string[];
  connections?: string;
  identity: string[];
  target?: string[];
  out?: string;
  runId?: string;
  skipUnreachable?: boolean;
  testKillAfterStep?: string;
}

async function yamlFiles(entry: string): Promise<string[]> {
  const stat = await fs.stat(entry).catch(() => {
    throw new UserError(`The dataset path ${entry} does not exist.`);
  });
  if (!stat.isDirectory()) return [entry];
  const names = (await fs.readdir(entry)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  return names.map((n) => path.join(entry, n));
}

export async function loadDatasets(entries: readonly string[]): Promise<FidesDataset[]> {
  const { parseDatasetYaml } = await import('../datasets/dataset.yaml.js');
  const { validateDatasets } = await import('../datasets/dataset.validate.js');
  const datasets: FidesDataset[] = [];
  for (const entry of entries) {
    for (const file of await yamlFiles(entry))
      datasets.push(...parseDatasetYaml(await fs.readFile(file, 'utf8'), file));
  }
  const problem = validateDatasets(datasets)[0];
  if (problem) throw new UserError(`Datasets: ${problem.message}.`);
  return datasets;
}

export async function loadConnections(file: string) {
  const { parseYamlWith } = await import('../datasets/yaml.source.js');
  const { ConnectionsFile } = await import('../connectors/connections.schema.js');
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new UserError(`The connections file ${file} cannot be read.`);
  });
  return parseYamlWith(ConnectionsFile, text, file).connections;
}

function identities(pairs: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw new UserError(`--identity takes type=value, e.g. email=a@b.jp (got "${pair.slice(0, 40)}").`);
    const type = pair.slice(0, eq);
    out[type] = [...(out[type] ?? []), pair.slice(eq + 1)];
  }
  if (Object.keys(out).length === 0) throw new UserError('Give at least one --identity type=value.');
  return out;
}

function parseSet(value: string): { node: string; field: string; value: string } {
  const m = /^([^:=]+):([^.=]+)\.([^=]+)=(.*)$/s.exec(value);
  if (!m)
    throw new UserError(`--set takes <dataset>:<collection>.<field>=<value> (got "${value.split('=')[0]}").`);
  return { node: `${m[1]}:${m[2]}`, field: m[3] as string, value: m[4] as string };
}

/** Library errors become one sentence for the person at the terminal. */
async function userFacing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const known = ['SourceFormatError', 'GraphError', 'ConnectorError', 'MaskingError', 'RunNotFoundError'];
    if (error instanceof Error && known.includes(error.name)) {
      throw new UserError(error.message.endsWith('.') ? error.message : `${error.message}.`);
    }
    throw error;
  }
}

function killHook(value: string | undefined): ((label: string) => void) | undefined {
  if (!value) return undefined;
  const limit = Number(value);
  let count = 0;
  // Test hook for crash-safety tests: dies like `kill -9` would, after the n-th side effect or journal write.
  return () => {
    count += 1;
    if (count === limit) process.kill(process.pid, 'SIGKILL');
  };
}

type Kind = 'access' | 'erasure' | 'rectification' | 'restriction';

async function execute(
  kind: Kind,
  options: CommonOptions & {
    strategy?: string;
    dryRun?: boolean;
    skipShared?: boolean;
    set?: string[];
    format?: string;
  },
): Promise<void> {
  await userFacing(async () => {
    const { randomBytes } = await import('node:crypto');
    const { withMamori } = await import('../cli/context.js');
    const { RunSpec } = await import('./engine.schema.js');
    const datasets = await loadDatasets(options.dataset);
    const fromFile = options.connections ? await loadConnections(options.connections) : undefined;
    const build = (connections: unknown) =>
      RunSpec.parse({
        kind,
        datasets,
        connections,
        identities: identities(options.identity),
        targets: options.target?.length ? options.target : ['user'],
        strategy: { strategy: options.strategy ?? 'null_rewrite' },
        skipShared: options.skipShared ?? false,
        skipUnreachable: options.skipUnreachable ?? false,
        rectify: (options.set ?? []).map(parseSet),
        salt: randomBytes(16).toString('hex'),
      });
    // Checked before the database opens: bad arguments fail fast.
    const draft = build(fromFile ?? {});
    if (kind === 'rectification' && draft.rectify.length === 0)
      throw new UserError('Give at least one --set.');
    await withMamori(async (mamori) => {
      const spec = fromFile ? draft : build(await storedConnections(mamori));
      const result = await (await service(mamori)).execute({
        spec,
        runId: options.runId,
        dryRun: options.dryRun,
        actor: { type: 'system', label: 'cli' },
        checkpoint: killHook(options.testKillAfterStep),
      });
      await emit(result, options.out, options.format);
    });
  });
}

/** Without --connections: the connections stored in Mamori's database (`mamori connections add`). */
async function storedConnections(
  mamori: import('../main.js').Mamori,
): Promise<Record<string, import('../connectors/connections.schema.js').ConnectionSpec>> {
  const { ConnectionService } = await import('../connectors/connection.service.js');
  const { ConnectionRepository } = await import('../connectors/connection.repository.js');
  const stored = await new ConnectionService(
    mamori.database.db,
    new ConnectionRepository(),
    mamori.audit,
    mamori.secrets,
  ).specs();
  if (Object.keys(stored).length === 0)
    throw new UserError(
      'No --connections file was given and no connections are stored; add them with `mamori connections add`.',
    );
  return stored;
}

async function service(mamori: import('../main.js').Mamori) {
  const { RunService } = await import('./run.service.js');
  const { RunRepository } = await import('./run.repository.js');
  return new RunService(mamori.database.db, new RunRepository(), mamori.audit, mamori.secrets, mamori.keys);
}

async function emit(
  result: import('./run.service.js').ExecuteResult,
  out: string | undefined,
  format: string | undefined,
): Promise<void> {
  const { access, ...summary } = result;
  if (access !== undefined) {
    // The package holds personal data: it goes to the file asked for, never to the terminal's scrollback.
    if (!out) throw new UserError('dsr access needs --out <file> for the package.');
    const csv = format === 'csv' || (!format && out.toLowerCase().endsWith('.csv'));
    const { accessPackageCsv } = await import('./access.rules.js');
    await fs.writeFile(out, csv ? accessPackageCsv(access) : `${JSON.stringify(access, null, 2)}\n`, {
      mode: 0o600,
    });
  } else if (out) {
    await fs.writeFile(out, `${JSON.stringify(summary, null, 2)}\n`);
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (summary.verification && !summary.verification.ok) {
    throw new UserError(
      `Erasure could not be verified: targeted values remain in ${summary.verification.remaining.map((r) => r.collection).join(', ') || 'rewritten rows'}.`,
    );
  }
}

function common(command: Command, targetHelp: string): Command {
  return command
    .requiredOption('--dataset <file|dir>', 'fideslang dataset file or folder (repeatable)', collect)
    .option(
      '--connections <file>',
      'connections file: connections: { <dataset fides_key>: { type, url } } (default: the stored connections)',
    )
    .requiredOption(
      '--identity <type=value>',
      'identity of the person, e.g. email=a@b.jp (repeatable)',
      collect,
    )
    .option('--target <category>', targetHelp, collect)
    .option(
      '--run-id <id>',
      'journal id: an interrupted run with this id is resumed, a finished one is not redone',
    )
    .option('--skip-unreachable', 'leave out collections the identities cannot reach instead of failing')
    .addOption(new Option('--test-kill-after-step <n>').hideHelp());
}

export function registerDsrCommands(program: Command): void {
  const dsr = program
    .command('dsr')
    .description("Find, export, correct, restrict and erase one person's data");
  common(
    dsr.command('access').description('Export the data of one person (JSON or CSV)'),
    'data category to disclose (default user)',
  )
    .requiredOption('--out <file>', 'file for the package (.json or .csv)')
    .option('--format <format>', 'json or csv (default from --out)')
    .action((o: CommonOptions & { format?: string }) => execute('access', o));
  common(
    dsr.command('erase').description("Mask or delete one person's data, then verify"),
    'data category to erase (default user)',
  )
    .option(
      '--strategy <name>',
      'default masking strategy (null_rewrite, string_rewrite, random_string_rewrite, hash, hmac, aes_encrypt)',
    )
    .option('--dry-run', 'show the statements and row counts without changing anything')
    .option('--skip-shared', 'leave rows that other people also point at (a shared address) untouched')
    .option('--out <file>', 'also write the summary here')
    .action((o: CommonOptions & { strategy?: string; dryRun?: boolean; skipShared?: boolean }) =>
      execute('erasure', o),
    );
  common(dsr.command('rectify').description("Correct fields of one person's rows"), 'unused')
    .requiredOption('--set <dataset:collection.field=value>', 'corrected value (repeatable)', collect)
    .option('--dry-run', 'show the statements without changing anything')
    .option('--out <file>', 'also write the summary here')
    .action((o: CommonOptions & { set: string[]; dryRun?: boolean }) => execute('rectification', o));
  common(
    dsr.command('restrict').description("Mark one person's rows as restricted (APPI Art. 35 利用停止)"),
    'unused',
  )
    .option('--dry-run', 'show the statements without changing anything')
    .option('--out <file>', 'also write the summary here')
    .action((o: CommonOptions & { dryRun?: boolean }) => execute('restriction', o));
  dsr
    .command('resume <run-id>')
    .description('Finish an interrupted run from its journal')
    .option('--out <file>', 'file for the package or summary')
    .addOption(new Option('--test-kill-after-step <n>').hideHelp())
    .action(async (runId: string, o: { out?: string; testKillAfterStep?: string }) => {
      await userFacing(async () => {
        const { withMamori } = await import('../cli/context.js');
        await withMamori(async (mamori) => {
          const result = await service(mamori).then((s) =>
            s.execute({
              runId,
              actor: { type: 'system', label: 'cli' },
              checkpoint: killHook(o.testKillAfterStep),
            }),
          );
          await emit(result, o.out, undefined);
        });
      });
    });

  const dataset =
    program.commands.find((c) => c.name() === 'dataset') ??
    program.command('dataset').description('fideslang datasets');
  dataset
    .command('generate')
    .description('Draft a dataset from a live store (categories left for a person or discovery)')
    .option('--connections <file>', 'connections file (default: the stored connections)')
    .requiredOption('--connection <key>', 'which connection to read')
    .requiredOption('--out <file>', 'dataset YAML to write')
    .action(async (o: { connections?: string; connection: string; out: string }) => {
      await userFacing(async () => {
        const connections = o.connections
          ? await loadConnections(o.connections)
          : await (await import('../cli/context.js')).withMamori((mamori) => storedConnections(mamori));
        const conn = connections[o.connection];
        if (!conn)
          throw new UserError(
            o.connections
              ? `The connections file has no connection "${o.connection}".`
              : `There is no stored connection "${o.connection}".`,
          );
        const { openConnector } = await import('../connectors/factory.js');
        const { draftDataset } = await import('./dataset-generate.js');
        const { datasetsToYaml } = await import('../datasets/dataset.yaml.js');
        const connector = await openConnector(o.connection, conn);
        try {
          const dataset = draftDataset(o.connection, await connector.describe());
          await fs.writeFile(o.out, datasetsToYaml([dataset]));
          process.stdout.write(
            `${JSON.stringify({ out: o.out, collections: dataset.collections.length })}\n`,
          );
        } finally {
          await connector.close();
        }
      });
    });
}
