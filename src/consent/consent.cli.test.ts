import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEnvironment, cliEnvironment, runMamori } from '../../test/cli.js';
import { fromRoot } from '../platform/paths.js';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
  const imported = await runMamori(
    ['register', 'import', fromRoot('examples', 'tsunagi-technology')],
    cli.env,
  );
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);
afterAll(() => cli.cleanup());

const run = (...args: string[]) => runMamori(['consent', ...args], cli.env);

describe('mamori consent', () => {
  it('records, shows state and history, withdraws, imports a CSV', async () => {
    const recorded = await run(
      'record',
      'email:Hanako@Example.jp',
      'customer-account=granted',
      'customer-enquiry=denied',
      '--lang',
      'ja',
      '--json',
    );
    expect(recorded.code, recorded.stderr).toBe(0);
    const state = JSON.parse(recorded.stdout) as {
      subjectKey: string;
      purposes: Array<{ purpose: string; status: string }>;
    };
    expect(state.purposes.map((p) => [p.purpose, p.status]).sort()).toEqual([
      ['customer-account', 'granted'],
      ['customer-enquiry', 'denied'],
    ]);

    // The same person by key or by (differently cased) address.
    const byKey = await run('state', state.subjectKey);
    expect(byKey.stdout).toMatch(/customer-account\tgranted\t/);
    const withdrawn = await run('withdraw', 'email:hanako@example.jp');
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    expect(withdrawn.stdout).toMatch(/customer-account\twithdrawn\t/);

    const csv = path.join(cli.dataDir, 'consents.csv');
    await fs.writeFile(
      csv,
      'subject_kind,subject,purpose,decision,recorded_at\nemail,hanako@example.jp,customer-enquiry,granted,2026-11-01T09:00:00+09:00\ncustomer,C-1001,customer-account,granted,2026-11-02T09:00:00+09:00\n',
    );
    const imported = await run('import', csv);
    expect(imported.stdout).toContain('2 rows, 2 recorded, 0 already in the ledger');
    const again = await run('import', csv);
    expect(again.stdout).toContain('2 rows, 0 recorded, 2 already in the ledger');

    const history = await run('history', 'email:hanako@example.jp');
    const lines = history.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t').slice(1, 4))).toEqual([
      ['customer-enquiry', 'granted', 'import'],
      ['customer-account', 'granted', 'staff'],
      ['customer-enquiry', 'denied', 'staff'],
      ['customer-account', 'withdrawn', 'staff'],
    ]);
  }, 120_000);

  it('answers bad input with one sentence and exit code 1, writing nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['record', 'phone:0312345678', 'customer-account=granted'], /is not a subject; write kind:identity/],
      [['record', 'email:a@b.jp', 'customer-account=yes'], /is not a choice; write purpose=decision/],
      [
        ['record', 'email:a@b.jp', 'no-such-purpose=granted'],
        /The purpose "no-such-purpose" is not in the register/,
      ],
      [['state', 'email:nobody@example.jp'], /not found|見つかりません/i],
      [['import', '/nonexistent/file.csv'], /Cannot read "\/nonexistent\/file.csv"/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const badCsv = path.join(cli.dataDir, 'bad.csv');
    await fs.writeFile(
      badCsv,
      'subject_kind,subject,purpose,decision,recorded_at\nemail,x@y.jp,customer-account,maybe,2026-11-01\n',
    );
    const bad = await run('import', badCsv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Line 2 of the consent import is invalid/);
    expect((await run('state', 'email:x@y.jp')).code).toBe(1);
  }, 120_000);
});
