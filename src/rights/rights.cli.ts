import type { Command } from 'commander';
import { UserError } from '../platform/errors.js';

/*
 * `mamori requests list|close-unpaid|reminders`: the queue and the scheduled work from a terminal. Output is
 * references, states and dates only — never the person's name or e-mail.
 */
export function registerRightsCommands(program: Command): void {
  const requests = program.command('requests').description('Rights requests (開示等の請求)');
  requests
    .command('list')
    .description('Open requests, earliest deadline first (reference, state, due date, overdue)')
    .option('--status <status>', 'only requests in this state')
    .action(async (o: { status?: string }) => {
      const { status } = await import('./rights.schema.js');
      const parsed = o.status === undefined ? undefined : status.safeParse(o.status);
      if (parsed && !parsed.success)
        throw new UserError(`Unknown state "${o.status}"; use one of ${status.options.join(', ')}.`);
      const { withMamori } = await import('../cli/context.js');
      const { QueueService } = await import('./queue.service.js');
      await withMamori(async (mamori) => {
        const queue = new QueueService(mamori.rights, mamori.answers, mamori.accounts);
        const rows = await queue.list({ status: parsed?.data, limit: 200 });
        for (const r of rows)
          process.stdout.write(
            `${r.reference}\t${r.status}\t${r.dueBy}\t${r.overdue ? 'OVERDUE' : ''}\t${r.lawKinds.join(',')}\n`,
          );
      });
    });
  requests
    .command('close-unpaid')
    .description('Close requests whose fee was not paid by its deadline (what the hourly job does)')
    .action(async () => {
      const { withMamori } = await import('../cli/context.js');
      await withMamori(async (mamori) => {
        process.stdout.write(`${JSON.stringify({ closed: await mamori.rights.closeUnpaid() })}\n`);
      });
    });
  requests
    .command('reminders')
    .description('Count open requests overdue or due within three days')
    .action(async () => {
      const { withMamori } = await import('../cli/context.js');
      await withMamori(async (mamori) => {
        process.stdout.write(`${JSON.stringify(await mamori.rights.reminders())}\n`);
      });
    });
}
