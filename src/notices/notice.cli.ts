import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { withMamori } from '../cli/context.js';
import { UserError } from '../platform/errors.js';
import { CLI_ACTOR, CLI_ORIGIN, readOrExplain } from '../register/register.cli.js';
import { IsoDate } from '../register/register.schema.js';
import type { Lang } from './notice.model.js';
import { type OutputFormat, renderAny } from './notice.service.js';

function parseLang(value: string): Lang {
  if (value !== 'ja' && value !== 'en') throw new UserError('--lang must be ja or en.');
  return value;
}

function parseVersion(value: string): number {
  const n = Number(value.replace(/^v/i, ''));
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`"${value}" is not a notice version (1, 2, … or v1, v2, …).`);
  return n;
}

async function output(content: string | Buffer, out: string | undefined): Promise<void> {
  if (!out) {
    process.stdout.write(content);
    return;
  }
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, content);
  process.stdout.write(`Wrote ${out}.\n`);
}

export function registerNoticeCommands(program: Command): void {
  const notice = program.command('notice').description('Privacy notices generated from the register');

  notice
    .command('render')
    .description('Render the privacy notice from the register (in the database, or --from files)')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--format <format>', 'html, md or pdf', 'html')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--from <path>', 'render from register files (folder, .yaml or .xlsx) instead of the database')
    .action(async (o: { lang: string; format: string; out?: string; from?: string }) => {
      const lang = parseLang(o.lang);
      if (!['html', 'md', 'pdf'].includes(o.format)) throw new UserError('--format must be html, md or pdf.');
      const format = o.format as OutputFormat;
      if (format === 'pdf' && !o.out && process.stdout.isTTY) {
        throw new UserError('A PDF is not written to a terminal; give --out <file>.');
      }
      const content = o.from
        ? await renderAny(await readOrExplain(o.from), lang, format)
        : await withMamori((mamori) => mamori.notices.preview(lang, format));
      await output(content, o.out);
    });

  notice
    .command('publish')
    .description('Publish the current register as a new notice version (refused while lint finds errors)')
    .requiredOption('--effective <date>', 'effective date, YYYY-MM-DD (施行日)')
    .option('--note <text>', 'what this version changes, for the record')
    .action(async (o: { effective: string; note?: string }) => {
      if (!IsoDate.safeParse(o.effective).success)
        throw new UserError('--effective must be a date such as 2026-04-01.');
      await withMamori(async (mamori) => {
        const published = await mamori.notices.publish(
          CLI_ACTOR,
          { effectiveOn: o.effective, note: o.note },
          CLI_ORIGIN,
        );
        process.stdout.write(
          `Published notice version ${published.version}, effective ${published.effectiveOn}.\n`,
        );
      });
    });

  notice
    .command('list')
    .description('Published notice versions, newest first')
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }) => {
      await withMamori(async (mamori) => {
        const versions = await mamori.notices.list();
        if (o.json) {
          process.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
          return;
        }
        if (versions.length === 0) process.stdout.write('No notice has been published yet.\n');
        for (const v of versions) {
          process.stdout.write(
            `v${v.version}\teffective ${v.effectiveOn}\tpublished ${v.publishedAt.toISOString()} by ${v.publishedBy}${v.note ? `\t${v.note}` : ''}\n`,
          );
        }
      });
    });

  notice
    .command('diff')
    .description('What changed between two published versions')
    .argument('<from>', 'older version')
    .argument('<to>', 'newer version')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (from: string, to: string, o: { lang: string }) => {
      const lang = parseLang(o.lang);
      const [a, b] = [parseVersion(from), parseVersion(to)];
      await withMamori(async (mamori) => {
        const { diff, text } = await mamori.notices.diff(a, b, lang);
        process.stdout.write(diff.changed ? `${text}\n` : `v${a} and v${b} are the same.\n`);
      });
    });
}
