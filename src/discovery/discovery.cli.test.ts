import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UserError } from '../platform/errors.js';
import { registerDiscoveryCommands, runScanText } from './discovery.cli.js';
import { findingsSchema } from './finding.schema.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mamori-scan-'));
const file = path.join(dir, 'in.txt');
const text = '担当：山田太郎様\n電話 03-1234-5678\nマイナンバー 1234 5678 9018\n';
writeFileSync(file, text);

async function run(opts: Parameters<typeof runScanText>[0], stdin = ''): Promise<string> {
  let out = '';
  await runScanText(opts, { stdin: Readable.from([Buffer.from(stdin)]), write: (s) => (out += s) });
  return out;
}

describe('mamori scan text', () => {
  it('prints the findings as a JSON array (the stable contract)', async () => {
    const findings = findingsSchema.parse(JSON.parse(await run({ file })));
    expect(findings.map((f) => f.type)).toEqual(['PERSON', 'PHONE', 'MY_NUMBER']);
    expect(findings[0]!.text).toBe('山田太郎');
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('reads standard input with --file -', async () => {
    const findings = JSON.parse(await run({ file: '-' }, 'メール: a@example.jp'));
    expect(findings).toMatchObject([{ type: 'EMAIL', text: 'a@example.jp' }]);
  });

  it('prints a table without the found values', async () => {
    const out = await run({ file, format: 'table' });
    expect(out).toMatch(/^type\s+start\s+end\s+score\s+explanation/);
    expect(out).toContain('MY_NUMBER');
    expect(out).not.toContain('5678');
  });

  it('prints the redacted text', async () => {
    expect(await run({ file, redact: 'tag' })).toBe(
      '担当：[PERSON]様\n電話 [PHONE]\nマイナンバー [MY_NUMBER]\n',
    );
    expect(await run({ file, redact: 'mask' })).toBe(
      '担当：****様\n電話 ************\nマイナンバー **************\n',
    );
  });

  it('lowers the floor with --min-score', async () => {
    const strict = JSON.parse(await run({ file: '-' }, '値 123456789018'));
    const loose = JSON.parse(await run({ file: '-', minScore: '0' }, '値 123456789018'));
    expect(strict).toEqual([]);
    expect(loose).toMatchObject([{ type: 'MY_NUMBER' }]);
  });

  it('answers bad input with one-sentence user errors', async () => {
    const cases: Array<[Parameters<typeof runScanText>[0], RegExp]> = [
      [{ file: path.join(dir, 'missing.txt') }, /does not exist\.$/],
      [{ file: dir }, /is a directory/],
      [{}, /--file/],
      [{ file, format: 'xml' }, /--format must be json or table/],
      [{ file, redact: 'blur' }, /--redact must be mask, tag or hash/],
      [{ file, minScore: '2' }, /--min-score must be a number between 0 and 1/],
      [{ file, minScore: 'abc' }, /--min-score/],
    ];
    for (const [opts, message] of cases) {
      const err = await run(opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
    }
  });

  it('registers `scan text` on a program, reusing an existing `scan` command', () => {
    const program = new Command();
    program.command('scan').command('db');
    registerDiscoveryCommands(program);
    const scan = program.commands.filter((c) => c.name() === 'scan');
    expect(scan).toHaveLength(1);
    expect(scan[0]!.commands.map((c) => c.name()).sort()).toEqual(['db', 'text']);
    const fresh = new Command();
    registerDiscoveryCommands(fresh);
    const textCmd = fresh.commands[0]!.commands[0]!;
    expect(textCmd.options.map((o) => o.long)).toEqual(['--file', '--format', '--min-score', '--redact']);
  });
});
