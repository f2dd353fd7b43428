import { parentPort, workerData } from 'node:worker_threads';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { UserError } from '../platform/errors.js';
import { type RunConfig, runEngine } from './anonymization.engine.js';
import type { InputSource } from './anonymization.schema.js';

/**
 * Worker thread entry: the search is CPU-bound for seconds on large tables, and jobs run inside the server
 * process (embedded mode, or `serve` with a worker), so it must not run on the event loop that answers
 * requests. Messages carry no personal data beyond the input and output themselves.
 */
const { input, config, connection } = workerData as {
  input: InputSource;
  config: RunConfig;
  connection?: ConnectionSpec;
};
try {
  parentPort?.postMessage({ ok: true, output: await runEngine(input, config, connection) });
} catch (error) {
  parentPort?.postMessage({
    ok: false,
    userError: error instanceof UserError,
    message: error instanceof Error ? error.message : String(error),
  });
}
