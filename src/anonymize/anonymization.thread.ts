import { Worker } from 'node:worker_threads';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { UserError } from '../platform/errors.js';
import type { EngineOutput, RunConfig } from './anonymization.engine.js';
import type { InputSource } from './anonymization.schema.js';

type Reply = { ok: true; output: EngineOutput } | { ok: false; userError: boolean; message: string };

/**
 * Runs the engine in a worker thread and resolves with its output; a UserError in the worker is thrown
 * again as a UserError here. From the TypeScript sources (tests, tsx) the worker loads through tsx (a dev
 * dependency); the built package runs the compiled .js.
 */
export function runEngineInThread(
  input: InputSource,
  config: RunConfig,
  connection?: ConnectionSpec,
): Promise<EngineOutput> {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./anonymization.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  return new Promise((resolve, reject) => {
    // From source, the worker first registers tsx's loader in its own thread, then loads the entry.
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true, workerData: { input, config, connection } },
        )
      : new Worker(url, { workerData: { input, config, connection } });
    let settled = false;
    worker.once('message', (reply: Reply) => {
      settled = true;
      if (reply.ok) resolve(reply.output);
      else reject(reply.userError ? new UserError(reply.message) : new Error(reply.message));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The anonymisation worker stopped with exit code ${code}.`));
    });
  });
}
