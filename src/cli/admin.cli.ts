import type { Command } from 'commander';
import type { Principal } from '../accounts/accounts.service.js';
import { type Role, role, roles } from '../accounts/roles.js';
import type { Mamori } from '../main.js';
import { UserError } from '../platform/errors.js';
import { readStdin, withMamori } from './context.js';

const parseRoles = (value: string): Role[] =>
  value.split(',').map((r) => {
    const parsed = role.safeParse(r.trim());
    if (!parsed.success) throw new UserError(`Unknown role "${r.trim()}"; roles are ${roles.join(', ')}.`);
    return parsed.data;
  });

/**
 * The CLI acts with the server's own authority (whoever can run it can read the database anyway), but as a
 * named account, so that the audit log says who did it.
 */
async function principalFor(mamori: Mamori, login: string): Promise<Principal> {
  const user = (await mamori.accounts.listUsers()).find((u) => u.login.toLowerCase() === login.toLowerCase());
  if (!user) throw new UserError(`There is no account "${login}".`);
  if (user.disabled) throw new UserError(`The account "${login}" is disabled.`);
  return {
    userId: user.id,
    login: user.login,
    displayName: user.displayName,
    roles: user.roles,
    language: user.language,
    via: 'session',
  };
}

const CLI_ORIGIN = { userAgent: 'mamori-cli' };

export function registerAdminCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and create the first administrator if there is none')
    .action(async () => {
      await withMamori(async (mamori, config) => {
        const setup = await mamori.accounts.bootstrap(config.adminLogin, config.adminPassword);
        process.stdout.write('Database is up to date.\n');
        if (setup.setupToken) {
          process.stdout.write(
            `Administrator "${config.adminLogin}" has no password yet. Setup token (24 hours, shown once): ${setup.setupToken}\n`,
          );
        }
      });
    });

  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description('Check the whole hash chain; exit 1 and name the first broken link if it is broken')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      await withMamori(async (mamori) => {
        const result = await mamori.audit.verify();
        await mamori.audit.recordAlone({
          actor: { type: 'system', label: 'cli' },
          action: 'audit.verified',
          details: {
            ok: result.ok,
            checked: result.checked,
            firstProblemSeq: result.firstProblem?.seq ?? null,
          },
        });
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        if (!result.ok) {
          throw new UserError(
            `Audit chain broken at event #${result.firstProblem?.seq}: ${result.firstProblem?.message}`,
          );
        }
        if (!options.json) process.stdout.write(`Audit chain intact: ${result.checked} events verified.\n`);
      });
    });

  const user = program.command('user').description('Accounts');
  user
    .command('create')
    .description('Create an account; the password is read from standard input')
    .requiredOption('--login <login>', 'login ID')
    .requiredOption('--roles <roles>', `comma-separated: ${roles.join(', ')}`)
    .option('--name <name>', 'display name')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--as <login>', 'the administrator on whose authority (audited)', 'admin')
    .action(async (o: { login: string; roles: string; name?: string; lang: string; as: string }) => {
      const parsedRoles = parseRoles(o.roles);
      const language = o.lang === 'ja' || o.lang === 'en' ? o.lang : undefined;
      if (!language) throw new UserError('--lang must be ja or en.');
      const password = await readStdin();
      await withMamori(async (mamori) => {
        const admin = await principalFor(mamori, o.as);
        if (!admin.roles.includes('admin')) throw new UserError(`"${o.as}" is not an administrator.`);
        const created = await mamori.accounts.createUser(
          admin,
          { login: o.login, displayName: o.name ?? o.login, roles: parsedRoles, language, password },
          CLI_ORIGIN,
        );
        process.stdout.write(`Created account ${created.login} (${created.roles.join(', ')}).\n`);
      });
    });

  const token = program.command('token').description('API tokens for machines');
  token
    .command('create')
    .description('Create an API token for an account and print it once')
    .requiredOption('--login <login>', 'the account that owns the token')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('--roles <roles>', "comma-separated roles (a subset of the account's)")
    .option('--days <n>', 'expiry in days')
    .action(async (o: { login: string; name: string; roles: string; days?: string }) => {
      const parsedRoles = parseRoles(o.roles);
      const days = o.days === undefined ? undefined : Number(o.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1))
        throw new UserError('--days must be a whole number of days.');
      await withMamori(async (mamori) => {
        const owner = await principalFor(mamori, o.login);
        const created = await mamori.accounts.createToken(
          owner,
          { name: o.name, roles: parsedRoles, expiresInDays: days },
          CLI_ORIGIN,
        );
        process.stdout.write(`${created.token}\n`);
      });
    });
}
