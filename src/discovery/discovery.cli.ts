import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../platform/errors.js';
import { registerScanDbCommand } from './db-scan.cli.js';
import { type Finding, type RedactMode, redactModeSchema } from './finding.schema.js';

export interface ScanTextOptions {
  file?: string;
  format?: string;
  minScore?: string;
  redact?: string;
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`The file ${file} does not exist.`);
    if (code === 'EISDIR') throw new UserError(`${file} is a directory, not a file.`);
    if (code === 'EACCES') throw new UserError(`The file ${file} cannot be read (permission denied).`);
    throw err;
  }
}

function parseMinScore(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UserError(`--min-score must be a number between 0 and 1, not "${raw}".`);
  return n;
}

/** The table shows where and what was found, never the value itself: terminals end up in screenshots and logs. */
export function formatTable(findings: readonly Finding[]): string {
  const rows = [['type', 'start', 'end', 'score', 'explanation']];
  for (const f of findings)
    rows.push([f.type, String(f.start), String(f.end), f.score.toFixed(2), f.explanation]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '))
    .join('\n');
}

export interface ScanIo {
  stdin: NodeJS.ReadableStream;
  write: (s: string) => void;
}

/** The `scan text` action, separate from commander so that it can be tested without a process. */
export async function runScanText(opts: ScanTextOptions, io: ScanIo): Promise<void> {
  if (opts.file === undefined)
    throw new UserError('Give the text to scan with --file <path>, or --file - for standard input.');
  const format = opts.format ?? 'json';
  if (format !== 'json' && format !== 'table')
    throw new UserError(`--format must be json or table, not "${format}".`);
  let redact: RedactMode | undefined;
  if (opts.redact !== undefined) {
    const parsed = redactModeSchema.safeParse(opts.redact);
    if (!parsed.success) throw new UserError(`--redact must be mask, tag or hash, not "${opts.redact}".`);
    redact = parsed.data;
  }
  const minScore = parseMinScore(opts.minScore);
  const text = await readInput(opts.file, io.stdin);
  // The dictionary (~300 MB) and the detectors load only when a scan actually runs.
  const [{ scanText }, { loadTokenizer }] = await Promise.all([
    import('./scan.js'),
    import('./names/tokenizer.js'),
  ]);
  const tokenizer = await loadTokenizer();
  const findings = scanText(text, tokenizer, minScore === undefined ? {} : { minScore });
  if (redact !== undefined) {
    const { redactText } = await import('./redact.js');
    // A fresh key per run: tokens link repeated values within this output and nothing else.
    io.write(redactText(text, findings, { mode: redact, hashKey: randomBytes(32).toString('hex') }));
    return;
  }
  io.write(format === 'json' ? `${JSON.stringify(findings, null, 2)}\n` : `${formatTable(findings)}\n`);
}

export function registerDiscoveryCommands(program: Command): void {
  const scan =
    program.commands.find((c) => c.name() === 'scan') ??
    program.command('scan').description('Find personal data in text and stores');
  scan
    .command('text')
    .description('Find personal data in a text file (Japanese-first detectors)')
    .option('--file <path>', 'file to scan, or - for standard input')
    .option('--format <format>', 'json (array of findings) or table', 'json')
    .option(
      '--min-score <score>',
      'report every finding scoring at least this (0–1) instead of the tuned thresholds',
    )
    .option('--redact <mode>', 'print the text redacted instead: mask, tag or hash')
    .action(async (opts: ScanTextOptions) => {
      await runScanText(opts, { stdin: process.stdin, write: (s) => process.stdout.write(s) });
    });
  registerScanDbCommand(scan);
}
