import { runCli } from './index.js';

// The process entry: bin/mamori.js loads the compiled form of this file.
const code = await runCli(process.argv.slice(2));
// Commands that keep running (serve, worker) return 0 and leave the event loop alive; others end here.
if (code !== 0) process.exitCode = code;
