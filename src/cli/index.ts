import { Command, CommanderError } from 'commander';
import { registerAnonymizeCommands } from '../anonymize/anonymize.cli.js';
import { registerConnectionCommands } from '../connectors/connections.cli.js';
import { registerConsentCommands } from '../consent/consent.cli.js';
import { registerDiscoveryCommands } from '../discovery/discovery.cli.js';
import { registerDsrCommands } from '../engine/dsr.cli.js';
import { registerLawsCommands } from '../laws/laws.cli.js';
import { version } from '../main.js';
import { registerNoticeCommands } from '../notices/notice.cli.js';
import { AppError, UserError } from '../platform/errors.js';
import { translate } from '../platform/i18n/i18n.js';
import { registerRegisterCommands } from '../register/register.cli.js';
import { registerRetentionCommands } from '../retention/retention.cli.js';
import { registerRightsCommands } from '../rights/rights.cli.js';
import { registerAdminCommands } from './admin.cli.js';
import { registerServeCommands } from './serve.cli.js';

export function buildProgram(): Command {
  const program = new Command()
    .name('mamori')
    .description(
      'Mamori (守り): privacy operations — register, notices, consent, rights requests, retention, audit',
    )
    .version(version)
    .showHelpAfterError()
    .exitOverride();
  registerServeCommands(program);
  registerAdminCommands(program);
  registerLawsCommands(program);
  registerAnonymizeCommands(program);
  registerDiscoveryCommands(program);
  registerRegisterCommands(program);
  registerNoticeCommands(program);
  registerDsrCommands(program);
  registerConnectionCommands(program);
  registerRetentionCommands(program);
  registerRightsCommands(program);
  registerConsentCommands(program);
  return program;
}

/** Bad input ends with one sentence on stderr and exit code 1; a crash never reaches the person. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UserError) {
      process.stderr.write(`mamori: ${error.message}\n`);
      return 1;
    }
    if (error instanceof AppError) {
      process.stderr.write(`mamori: ${translate(error.code, 'en', error.params)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mamori: unexpected failure: ${message}\n`);
    return 2;
  }
}
