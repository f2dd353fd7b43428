import type { Command } from 'commander';
import { UserError } from '../platform/errors.js';

/*
 * `mamori retention run [--dry-run] [--as-of YYYY-MM-DD]`, `mamori retention approve <id> --as <login>`,
 * `mamori retention resume <id>`. The engine and drivers load inside the actions.
 */

const CLI_ACTOR = { type: 'system', label: 'cli' } as const;

function asOfOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UserError(`--as-of takes a day as YYYY-MM-DD (got "${value}").`);
  return value;
}

async function userFacing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const known = ['ConnectorError', 'GraphError', 'MaskingError', 'SweepError', 'RunNotFoundError'];
    if (error instanceof Error && known.includes(error.name)) throw new UserError(error.message);
    if (error instanceof Error && error.name === 'AppError') {
      const e = error as Error & { code: string; params: Record<string, string> };
      throw new UserError(`${e.code}: ${Object.values(e.params).join(' ')}`.trim());
    }
    throw error;
  }
}

export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command('retention')
    .description("Retention rules executed on the company's stores");
  retention
    .command('run')
    .description(
      "Sweep rows past their retention period (large sweeps wait for a privacy officer's approval)",
    )
    .option('--dry-run', 'only count rows due now / in 30 / 90 days and show holds and SQL')
    .option('--as-of <day>', 'the Tokyo day to sweep as of (default: today)')
    .action(async (options: { dryRun?: boolean; asOf?: string }) => {
      const asOf = asOfOption(options.asOf);
      const { withMamori } = await import('../cli/context.js');
      await userFacing(() =>
        withMamori(async (mamori) => {
          if (options.dryRun) {
            process.stdout.write(
              `${JSON.stringify(await mamori.retention.dryRun(CLI_ACTOR, asOf), null, 2)}\n`,
            );
            return;
          }
          let sweep = await mamori.retention.request(CLI_ACTOR, { trigger: 'cli', ...(asOf && { asOf }) });
          if (sweep.status === 'approved') sweep = await mamori.retention.execute(CLI_ACTOR, sweep.id);
          process.stdout.write(`${JSON.stringify(sweep, null, 2)}\n`);
        }),
      );
    });
  retention
    .command('resume [id]')
    .description(
      'Run an approved sweep, or resume one that was interrupted or failed (without an id: every approved or running sweep)',
    )
    .option(
      '--take-over',
      'resume a sweep still marked running without waiting for its 30-minute lease (only when its process is dead)',
    )
    .action(async (id: string | undefined, options: { takeOver?: boolean }) => {
      const { withMamori } = await import('../cli/context.js');
      const takeOver = options.takeOver === true;
      await userFacing(() =>
        withMamori(async (mamori) => {
          if (id === undefined) {
            const done = await mamori.retention.runApproved(CLI_ACTOR, { takeOver });
            process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
            return;
          }
          const current = await mamori.retention.sweep(id);
          const sweep =
            current.status === 'failed'
              ? await mamori.retention.retry(CLI_ACTOR, id)
              : await mamori.retention.execute(CLI_ACTOR, id, { takeOver });
          process.stdout.write(`${JSON.stringify(sweep, null, 2)}\n`);
        }),
      );
    });
}
