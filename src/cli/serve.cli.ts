import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createMamori, createServer } from '../main.js';
import { UserError } from '../platform/errors.js';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the API, console and privacy centre on one port (and the job worker unless MAMORI_RUN_WORKER=false)',
    )
    .action(async () => {
      const config = loadConfig();
      const mamori = await createMamori(config);
      const { logger } = mamori;
      const setup = await mamori.accounts.bootstrap(config.adminLogin, config.adminPassword);
      let shuttingDown = false;
      const { app } = await createServer(mamori, { isShuttingDown: () => shuttingDown });
      await app.listen({ port: config.port, host: config.host });
      if (config.runWorker) await mamori.jobs.start();
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      logger.info({ port, database: mamori.database.kind }, 'Mamori is listening');
      if (setup.setupToken) {
        // A one-time secret for the operator at the terminal, deliberately not sent to the log stream.
        process.stdout.write(
          `\nMamori first start: set the password of administrator "${config.adminLogin}" at\n` +
            `  http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/console/ \n` +
            `or with: curl -X POST -H 'content-type: application/json' ` +
            `-d '{"token":"${setup.setupToken}","password":"…"}' http://localhost:${port}/api/auth/setup\n` +
            `Setup token (valid 24 hours, shown once): ${setup.setupToken}\n\n`,
        );
      }
      const stop = async (signal: string) => {
        if (shuttingDown) {
          logger.warn('second signal: exiting now');
          process.exit(1);
        }
        shuttingDown = true;
        logger.info({ signal }, 'shutting down');
        // Stop accepting, let in-flight requests finish, then finish running jobs and close the database.
        await app.close();
        await mamori.close();
        logger.info('stopped');
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('worker')
    .description('Run only the job worker (PostgreSQL mode: any number of workers share the queue)')
    .action(async () => {
      const config = loadConfig();
      if (!config.databaseUrl) {
        throw new UserError(
          'The embedded database runs its jobs inside `mamori serve`; set DATABASE_URL to run separate workers.',
        );
      }
      const mamori = await createMamori(config);
      await mamori.jobs.start();
      mamori.logger.info('worker started');
      const stop = async () => {
        await mamori.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
