import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import type { Connector } from '../connectors/connector.js';
import type { FidesDataset } from '../datasets/dataset.schema.js';
import { UserError } from '../platform/errors.js';
import type { Register } from '../register/register.schema.js';
import type { ScanReport } from './db-scan.schema.js';

export interface ScanDbOptions {
  dataset?: string[];
  connections?: string;
  register?: string;
  sample?: string;
  format?: string;
  suggest?: string;
}

export interface ScanDbIo {
  write: (s: string) => void;
  /** Progress lines (stderr, TTY only); absent when nobody watches. */
  progress?: ((s: string) => void) | undefined;
  /** Tests pass a connector factory with prefixes; the CLI opens the connections file's stores. */
  open?: (key: string, spec: ConnectionSpec) => Promise<Connector>;
}

function parseSample(raw: string | undefined): number {
  if (raw === undefined) return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new UserError(`--sample must be a whole number between 1 and 1000000, not "${raw}".`);
  return n;
}

/** Human output: where and what, never a value (terminals end up in screenshots). */
export function formatScanTable(report: ScanReport): string {
  const rows = [['column', 'declared', 'proposed', 'class', 'confidence', 'rows']];
  for (const t of report.tables) {
    if (t.error) rows.push([`${t.dataset}.${t.collection}`, '', `error: ${t.error}`, '', '', '0']);
    for (const c of t.columns) {
      const p = c.personal ? c.proposal : null;
      rows.push([
        `${t.dataset}.${t.collection}.${c.field}${c.inDataset ? '' : ' (not in dataset)'}`,
        c.declared.join(',') || '-',
        p?.dataCategory ?? '-',
        p?.appiClass ?? '-',
        p ? p.confidence.toFixed(2) : '-',
        String(t.rowsRead),
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  lines.push('', report.drift.length === 0 ? 'No drift against the register.' : 'Drift:');
  for (const d of report.drift) lines.push(`  ${d.severity.padEnd(7)} ${d.code}  ${d.message.en}`);
  return `${lines.join('\n')}\n`;
}

/** The `scan db` action, separate from commander so that it can be tested without a process. */
export async function runScanDb(opts: ScanDbOptions, io: ScanDbIo): Promise<ScanReport> {
  if (!opts.connections) throw new UserError('Give the stores to scan with --connections <file>.');
  const format = opts.format ?? 'json';
  if (format !== 'json' && format !== 'table')
    throw new UserError(`--format must be json or table, not "${format}".`);
  const sample = parseSample(opts.sample);
  const { loadConnections, loadDatasets } = await import('../engine/dsr.cli.js');
  const connections = await loadConnections(opts.connections);
  let register: Register | undefined;
  if (opts.register) {
    const { readRegisterPath } = await import('../register/register.files.js');
    register = await readRegisterPath(opts.register).catch((error: unknown) => {
      throw new UserError(`The register ${opts.register} cannot be read: ${(error as Error).message}`);
    });
  }
  let datasets: FidesDataset[] =
    opts.dataset && opts.dataset.length > 0 ? await loadDatasets(opts.dataset) : [];
  // With a register and no --dataset, the register's own datasets are what is declared.
  if (datasets.length === 0 && register)
    datasets = register.datasets.filter((d) => d.fides_key in connections);
  for (const d of datasets)
    if (!connections[d.fides_key])
      throw new UserError(`The connections file has no connection "${d.fides_key}" for that dataset.`);

  const [
    { scanDatabases },
    { detectDrift, driftContext },
    { scanText, scanTextRegex },
    { loadTokenizer },
    factory,
  ] = await Promise.all([
    import('./db-scan.js'),
    import('./drift.rules.js'),
    import('./scan.js'),
    import('./names/tokenizer.js'),
    import('../connectors/factory.js'),
  ]);
  const tokenizer = await loadTokenizer();
  const result = await scanDatabases({
    datasets,
    connections,
    open: io.open ?? factory.openConnector,
    scan: (text) => scanText(text, tokenizer),
    fastScan: (text) => scanTextRegex(text),
    sample,
    onTable: io.progress
      ? (p) => io.progress?.(`[${p.index + 1}/${p.total}] ${p.dataset}.${p.collection}`)
      : undefined,
  });
  const report: ScanReport = {
    sample,
    tables: result.tables,
    drift: detectDrift(result.tables, driftContext(register)),
  };
  if (opts.suggest) {
    const [{ suggestDatasets }, { datasetsToYaml }] = await Promise.all([
      import('./suggest.rules.js'),
      import('../datasets/dataset.yaml.js'),
    ]);
    const suggested = suggestDatasets(datasets, result.tables, result.described);
    await fs.writeFile(opts.suggest, datasetsToYaml(suggested));
  }
  io.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatScanTable(report));
  return report;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerScanDbCommand(scan: Command): void {
  if (scan.commands.some((c) => c.name() === 'db')) return;
  scan
    .command('db')
    .description(
      'Sample the columns of connected stores, classify them and report drift against the register',
    )
    .option(
      '--dataset <file|dir>',
      'fideslang dataset file or folder (repeatable); default: the live schema',
      collect,
    )
    .option('--connections <file>', 'connections file: connections: { <dataset fides_key>: { type, url } }')
    .option('--register <path>', 'register folder or file, for the My Number purposes (and datasets)')
    .option('--sample <rows>', 'rows sampled per table (never the whole table)', '1000')
    .option('--format <format>', 'json or table', 'json')
    .option('--suggest <out.yaml>', 'write the datasets completed with the proposed categories')
    .action(async (opts: ScanDbOptions) => {
      const tty = process.stderr.isTTY === true;
      await runScanDb(opts, {
        write: (s) => process.stdout.write(s),
        progress: tty ? (s) => process.stderr.write(`\r\x1b[2K${s}`) : undefined,
      });
      if (tty) process.stderr.write('\r\x1b[2K');
    });
}
