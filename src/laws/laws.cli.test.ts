import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../platform/errors.js';
import { lawsBusinessDays, lawsDeadlines, lawsList, registerLawsCommands } from './laws.cli.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('mamori laws', () => {
  it('lists the kinds with their limits in Japanese and English', async () => {
    const ja = await lawsList('ja');
    expect(ja).toContain('appi.disclosure');
    expect(ja).toContain('14日（社内目標）');
    const en = await lawsList('en');
    expect(en).toContain('gdpr.access');
    expect(en).toContain('Right of access — 1 month — GDPR Art. 15');
    await expect(lawsList('fr')).rejects.toThrow(UserError);
  });

  it('computes deadlines from an instant or a bare date', async () => {
    const out = await lawsDeadlines({ kind: 'ccpa.know', received: '2026-03-31T16:00:00Z', lang: 'en' });
    expect(out).toMatch(/received\s+2026-04-01/);
    expect(out).toMatch(/acknowledge by\s+2026-04-15/);
    expect(out).toMatch(/due by\s+2026-05-15/);
    expect(out).toMatch(/extended due by\s+2026-06-29/);
    const json = JSON.parse(
      await lawsDeadlines({
        kind: 'appi.disclosure',
        received: '2026-12-20',
        yearEndClosing: true,
        json: true,
        lang: 'ja',
      }),
    ) as { dueBy: string; suitPossibleFrom: string };
    expect(json.dueBy).toBe('2026-12-28');
    expect(json.suitPossibleFrom).toBe('2027-01-04');
  });

  it('turns bad input into one-sentence user errors', async () => {
    await expect(lawsDeadlines({ kind: 'gdpr.nothing', received: '2026-04-01', lang: 'en' })).rejects.toThrow(
      UserError,
    );
    await expect(lawsDeadlines({ kind: 'gdpr.access', received: 'yesterday', lang: 'en' })).rejects.toThrow(
      /--received must be a date/,
    );
    await expect(
      lawsDeadlines({ kind: 'appi.disclosure', received: '2051-01-10', lang: 'en' }),
    ).rejects.toThrow(UserError);
    await expect(lawsBusinessDays({ from: '2026-05-01', add: 'x', calendar: 'jp' })).rejects.toThrow(/--add/);
    await expect(lawsBusinessDays({ from: '2026-05-01', add: '1', calendar: 'mars' })).rejects.toThrow(
      /--calendar/,
    );
    await expect(lawsBusinessDays({ from: '2026-02-30', add: '1', calendar: 'jp' })).rejects.toThrow(
      UserError,
    );
  });

  it('is wired into commander', async () => {
    const program = new Command().exitOverride();
    registerLawsCommands(program);
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    await program.parseAsync(['laws', 'business-days', '--from', '2026-05-01', '--add', '1'], {
      from: 'user',
    });
    expect(written.join('')).toBe('2026-05-07\n');
  });
});
