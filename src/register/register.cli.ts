import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { withMamori } from '../cli/context.js';
import { SourceFormatError } from '../datasets/yaml.source.js';
import type { Actor } from '../platform/audit/audit.schema.js';
import { UserError } from '../platform/errors.js';
import { formatIssue, readRegisterPath, writeYamlDir } from './register.files.js';
import { registerToYamlDocument } from './register.io.js';
import { type Finding, hasErrors, lintRegister } from './register.rules.js';
import type { Register } from './register.schema.js';

/** The CLI acts with the server's authority (whoever runs it can read the database); the log says so. */
export const CLI_ACTOR: Actor = { type: 'system', label: 'cli' };
export const CLI_ORIGIN = { userAgent: 'mamori-cli' };

/** Reads a register source, turning located problems into one line each on stderr and one sentence. */
export async function readOrExplain(target: string): Promise<Register> {
  try {
    return await readRegisterPath(target);
  } catch (error) {
    if (!(error instanceof SourceFormatError)) throw error;
    for (const issue of error.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    throw new UserError(
      `${target} has ${error.issues.length} problem(s) (listed above); nothing was imported or changed.`,
    );
  }
}

function printFindings(findings: readonly Finding[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
    return;
  }
  for (const f of findings) {
    process.stdout.write(
      `${f.severity.padEnd(7)} ${f.code} ${f.entity}/${f.key}: ${f.message.en}\n        hint: ${f.hint.en}\n`,
    );
  }
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  process.stdout.write(
    `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s).\n`,
  );
}

async function currentRegister(): Promise<Register> {
  return withMamori(async (mamori) => {
    const register = await mamori.register.load();
    if (!register)
      throw new UserError('There is no register yet; run `mamori register import <dir|file>` first.');
    return register;
  });
}

export function registerRegisterCommands(program: Command): void {
  const register = program.command('register').description('The register (個人情報管理台帳) as code');

  register
    .command('export')
    .description('Write the register as YAML files (a folder, or one .yaml file) or as an Excel 台帳 (.xlsx)')
    .option('--format <format>', 'yaml or xlsx', 'yaml')
    .requiredOption('--out <path>', 'folder (yaml), or file ending in .yaml / .xlsx')
    .action(async (o: { format: string; out: string }) => {
      if (o.format !== 'yaml' && o.format !== 'xlsx') throw new UserError('--format must be yaml or xlsx.');
      await withMamori(async (mamori) => {
        const current = await mamori.register.load();
        if (!current) throw new UserError('There is no register yet; nothing to export.');
        if (o.format === 'xlsx') {
          const { registerToXlsx } = await import('./register.xlsx.js');
          const file = o.out.toLowerCase().endsWith('.xlsx') ? o.out : path.join(o.out, 'register.xlsx');
          await fs.mkdir(path.dirname(file), { recursive: true });
          await fs.writeFile(file, await registerToXlsx(current));
          process.stdout.write(`Wrote ${file}.\n`);
        } else if (/\.ya?ml$/i.test(o.out)) {
          await fs.mkdir(path.dirname(o.out), { recursive: true });
          await fs.writeFile(o.out, registerToYamlDocument(current));
          process.stdout.write(`Wrote ${o.out}.\n`);
        } else {
          const files = await writeYamlDir(o.out, current);
          process.stdout.write(`Wrote ${files.length} files to ${o.out}.\n`);
        }
        await mamori.register.recordExport(CLI_ACTOR, o.format, CLI_ORIGIN);
      });
    });

  register
    .command('import')
    .description(
      'Replace the register with a folder of YAML files, a .yaml/.json file or an .xlsx workbook (all or nothing)',
    )
    .argument('<path>', 'folder, .yaml, .json or .xlsx')
    .action(async (target: string) => {
      // Everything is read and validated before the database is even opened.
      const parsed = await readOrExplain(target);
      await withMamori(async (mamori) => {
        const s = await mamori.register.import(CLI_ACTOR, parsed, CLI_ORIGIN, {
          format: path.extname(target).slice(1) || 'yaml-dir',
          name: path.basename(target),
        });
        process.stdout.write(
          `Imported ${target}: ${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${s.unchanged} unchanged.\n`,
        );
      });
    });

  register
    .command('check')
    .description('Lint the register (in the database, or the files given); exit 1 when there are errors')
    .argument('[path]', 'check these files instead of the database')
    .option('--json', 'print the findings as JSON')
    .action(async (target: string | undefined, o: { json?: boolean }) => {
      const current = target ? await readOrExplain(target) : await currentRegister();
      const findings = lintRegister(current);
      printFindings(findings, Boolean(o.json));
      if (hasErrors(findings)) {
        throw new UserError(
          `The register has ${findings.filter((f) => f.severity === 'error').length} error(s).`,
        );
      }
    });
}
