import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEnvironment, cliEnvironment, startMamori } from '../cli.js';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
}, 60_000);
afterAll(() => cli.cleanup());

describe('mamori serve', () => {
  it('starts, answers health, prints the setup token once, and shuts down cleanly on SIGTERM', async () => {
    const child = startMamori(['serve'], { ...cli.env, PORT: '0' });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in time:\n${out}`)), 45_000);
      const check = setInterval(() => {
        const match = /"port":(\d+).*"Mamori is listening"/.exec(out);
        if (match) {
          clearInterval(check);
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      }, 50);
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(out).toMatch(/Setup token \(valid 24 hours, shown once\): mms_/);
    // The token goes to the terminal, never into a structured log line.
    expect(out.split('\n').filter((l) => l.startsWith('{') && l.includes('mms_'))).toEqual([]);

    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toContain('"msg":"stopped"');
  }, 90_000);
});
