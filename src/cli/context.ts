import { type Config, loadConfig } from '../config.js';
import { createMamori, type Mamori } from '../main.js';
import { createLogger } from '../platform/logger.js';

/**
 * Opens Mamori for one CLI command and closes it afterwards. Command output goes to stdout; logs go to
 * stderr at warn level so that they never mix into JSON a script is reading.
 */
export async function withMamori<T>(fn: (mamori: Mamori, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  const mamori = await createMamori(config, { logger });
  try {
    return await fn(mamori, config);
  } finally {
    await mamori.close();
  }
}

/** Reads all of standard input (for secrets that must not appear in the shell history or `ps`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
