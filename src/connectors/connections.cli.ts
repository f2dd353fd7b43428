import type { Command } from 'commander';
import { UserError } from '../platform/errors.js';

/*
 * `mamori connections add|list|test|remove`: the stores the rights engine, retention and discovery work on,
 * kept in Mamori's database with their URLs sealed. `mamori dsr …` uses them when no --connections file
 * is given. Nothing here prints a password or a query-string secret.
 */

const TYPES = ['postgres', 'mysql', 'mariadb', 'redis', 'http'] as const;
type ConnectionKind = (typeof TYPES)[number];

/** URL schemes each type accepts. */
const SCHEMES: Record<ConnectionKind, readonly string[]> = {
  postgres: ['postgres:', 'postgresql:'],
  mysql: ['mysql:'],
  mariadb: ['mysql:', 'mariadb:'],
  redis: ['redis:', 'rediss:'],
  http: ['http:', 'https:'],
};

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/** Pure check of `add`'s input; returns the problem as a sentence, or undefined. */
export function connectionInputProblem(key: string, type: string, url: string): string | undefined {
  if (!KEY.test(key))
    return `The connection key "${key.slice(0, 40)}" must be letters, digits, "_", "." or "-" (the dataset's fides_key).`;
  if (!(TYPES as readonly string[]).includes(type))
    return `The connection type "${type.slice(0, 20)}" is not one of ${TYPES.join(', ')}.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The URL cannot be parsed; give it as scheme://user:password@host:port/database.';
  }
  const schemes = SCHEMES[type as ConnectionKind];
  if (!schemes.includes(parsed.protocol))
    return `A ${type} connection needs a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}, not ${parsed.protocol}//.`;
  return undefined;
}

async function connectionService() {
  const { withMamori } = await import('../cli/context.js');
  const { ConnectionService } = await import('./connection.service.js');
  const { ConnectionRepository } = await import('./connection.repository.js');
  return <T>(fn: (service: import('./connection.service.js').ConnectionService) => Promise<T>) =>
    withMamori((mamori) =>
      fn(new ConnectionService(mamori.database.db, new ConnectionRepository(), mamori.audit, mamori.secrets)),
    );
}

const actor = { type: 'system' as const, label: 'cli' };
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

export function registerConnectionCommands(program: Command): void {
  const connections = program
    .command('connections')
    .description("The company's stores the rights engine works on (URLs stored encrypted)");

  connections
    .command('add <key>')
    .description('Store a connection under the fides_key of the dataset it serves')
    .requiredOption('--type <type>', TYPES.join(' | '))
    .requiredOption(
      '--url <url>',
      'connection URL; "-" reads it from standard input (keeps the password out of ps)',
    )
    .option('--read-only', 'only ever read: refused for erasure, rectification and restriction')
    .option('--key-prefix <prefix>', 'redis: prefix added to every key pattern')
    .option('--replace', 'overwrite a connection stored under the same key')
    .action(
      async (
        key: string,
        o: { type: string; url: string; readOnly?: boolean; keyPrefix?: string; replace?: boolean },
      ) => {
        let url = o.url;
        if (url === '-') {
          const { readStdin } = await import('../cli/context.js');
          url = (await readStdin()).trim();
        }
        const problem = connectionInputProblem(key, o.type, url);
        if (problem) throw new UserError(problem);
        if (o.keyPrefix !== undefined && o.type !== 'redis')
          throw new UserError('--key-prefix applies to redis connections only.');
        await (await connectionService())(async (service) => {
          if (!o.replace && (await service.list()).some((c) => c.key === key))
            throw new UserError(`A connection "${key}" is already stored; pass --replace to overwrite it.`);
          await service.save(actor, key, {
            type: o.type as ConnectionKind,
            url,
            read_only: o.readOnly ?? false,
            ...(o.keyPrefix !== undefined && { key_prefix: o.keyPrefix }),
          });
          const saved = (await service.list()).find((c) => c.key === key);
          print({ saved: saved ?? { key } });
        });
      },
    );

  connections
    .command('list')
    .description('Stored connections (passwords and query-string values shown as ***)')
    .action(async () => {
      await (await connectionService())(async (service) => {
        print(await service.list());
      });
    });

  connections
    .command('test <key>')
    .description('Connect to a stored connection and run a trivial query')
    .action(async (key: string) => {
      await (await connectionService())(async (service) => {
        const spec = await service.spec(key);
        if (!spec) throw new UserError(`There is no stored connection "${key}".`);
        const { openConnector } = await import('./factory.js');
        const started = performance.now();
        const connector = await openConnector(key, spec);
        try {
          await connector.test();
        } catch (error) {
          const reason = error instanceof Error ? error.message.replace(/^connection "[^"]*": /, '') : '';
          throw new UserError(`Connection "${key}" cannot be reached: ${reason.replace(/\.$/, '')}.`);
        } finally {
          await connector.close().catch(() => {});
        }
        print({ key, type: spec.type, ok: true, ms: Math.round(performance.now() - started) });
      });
    });

  connections
    .command('remove <key>')
    .description('Delete a stored connection')
    .action(async (key: string) => {
      await (await connectionService())(async (service) => {
        if (!(await service.remove(actor, key)))
          throw new UserError(`There is no stored connection "${key}".`);
        print({ removed: key });
      });
    });
}
