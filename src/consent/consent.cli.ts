import type { Command } from 'commander';
import type { Mamori } from '../main.js';
import { UserError } from '../platform/errors.js';
import type { Decision, SubjectKind } from './consent.schema.js';

/*
 * `mamori consent record|state|history|withdraw|import`: the ledger from a terminal, acting as the CLI
 * (audited as such). A subject is written `<kind>:<identity>` (visitor, email, customer) or as its 64-hex key.
 */

const ACTOR = { type: 'system', label: 'cli' } as const;
const ORIGIN = { userAgent: 'mamori-cli' };
const KINDS = ['visitor', 'email', 'customer'] as const;
const DECISIONS = ['granted', 'denied', 'withdrawn'] as const;

export function parseSubject(text: string): { kind: SubjectKind; value: string } | { key: string } {
  if (/^[0-9a-f]{64}$/.test(text)) return { key: text };
  const at = text.indexOf(':');
  const kind = text.slice(0, at) as SubjectKind;
  const value = text.slice(at + 1).trim();
  if (at < 0 || !KINDS.includes(kind) || value === '')
    throw new UserError(
      `"${text}" is not a subject; write kind:identity with kind one of ${KINDS.join(', ')} (e.g. email:hanako@example.jp), or a 64-hex subject key.`,
    );
  return { kind, value };
}

export function parseChoice(text: string): { purpose: string; decision: Decision } {
  const [purpose, decision] = text.split('=');
  if (!purpose || !decision || !(DECISIONS as readonly string[]).includes(decision))
    throw new UserError(
      `"${text}" is not a choice; write purpose=decision with decision one of ${DECISIONS.join(', ')} (e.g. newsletter=granted).`,
    );
  return { purpose, decision: decision as Decision };
}

const keyOf = (mamori: Mamori, s: ReturnType<typeof parseSubject>) =>
  'key' in s ? s.key : mamori.consent.keyOf(s.kind, s.value);

const out = (line: string) => process.stdout.write(`${line}\n`);

function printState(
  state: { subjectKey: string; canonicalKey: string; purposes: ReadonlyArray<Record<string, unknown>> },
  json: boolean,
) {
  if (json) return out(JSON.stringify(state));
  out(
    `subject ${state.subjectKey}${state.canonicalKey !== state.subjectKey ? ` (linked to ${state.canonicalKey})` : ''}`,
  );
  if (state.purposes.length === 0) out('no decisions recorded');
  for (const p of state.purposes)
    out(
      [
        p.purpose,
        p.status,
        p.recordedAt,
        p.noticeVersion === null ? '-' : `notice v${p.noticeVersion}`,
        p.needsRenewal ? 'NEEDS RENEWAL' : '',
        p.gpc ? 'GPC' : '',
      ]
        .join('\t')
        .trimEnd(),
    );
}

export function registerConsentCommands(program: Command): void {
  const consent = program.command('consent').description('The consent ledger (同意の記録)');

  consent
    .command('record')
    .description(
      'Record decisions for a subject, e.g. `consent record email:a@example.jp newsletter=granted`',
    )
    .argument('<subject>', 'kind:identity or a subject key')
    .argument('<choices...>', 'purpose=granted|denied|withdrawn')
    .option('--channel <channel>', 'staff, form or api', 'staff')
    .option('--lang <lang>', 'language the person saw (ja, en)')
    .option('--notice-version <n>', 'notice version the decision was made under (default: the one in force)')
    .option('--json', 'print the resulting state as JSON')
    .action(
      async (
        subjectText: string,
        choiceTexts: string[],
        o: { channel: string; lang?: string; noticeVersion?: string; json?: boolean },
      ) => {
        const subject = parseSubject(subjectText);
        if ('key' in subject)
          throw new UserError(
            'Recording needs the identity (kind:identity), not a key: the ledger seals it.',
          );
        const choices = choiceTexts.map(parseChoice);
        if (!['staff', 'form', 'api'].includes(o.channel))
          throw new UserError(`Unknown channel "${o.channel}"; use staff, form or api.`);
        if (o.lang !== undefined && o.lang !== 'ja' && o.lang !== 'en')
          throw new UserError(`Unknown language "${o.lang}"; use ja or en.`);
        const version = o.noticeVersion === undefined ? undefined : Number(o.noticeVersion);
        if (version !== undefined && !(Number.isInteger(version) && version > 0))
          throw new UserError(`"${o.noticeVersion}" is not a notice version (a positive whole number).`);
        const { withMamori } = await import('../cli/context.js');
        await withMamori(async (mamori) => {
          const state = await mamori.consent.record(
            ACTOR,
            {
              subject,
              choices,
              channel: o.channel as 'staff' | 'form' | 'api',
              ...(o.lang && { language: o.lang as 'ja' | 'en' }),
              ...(version && { noticeVersion: version }),
            },
            ORIGIN,
          );
          printState(state, o.json === true);
        });
      },
    );

  consent
    .command('state')
    .description('Current decision per purpose (expired and needing renewal shown)')
    .argument('<subject>', 'kind:identity or a subject key')
    .option('--json', 'print JSON')
    .action(async (subjectText: string, o: { json?: boolean }) => {
      const subject = parseSubject(subjectText);
      const { withMamori } = await import('../cli/context.js');
      await withMamori(async (mamori) => {
        printState(await mamori.consent.viewState(ACTOR, keyOf(mamori, subject), ORIGIN), o.json === true);
      });
    });

  consent
    .command('history')
    .description('Every decision of the subject and of the ids linked to it, oldest first')
    .argument('<subject>', 'kind:identity or a subject key')
    .option('--json', 'print JSON lines')
    .action(async (subjectText: string, o: { json?: boolean }) => {
      const subject = parseSubject(subjectText);
      const { withMamori } = await import('../cli/context.js');
      await withMamori(async (mamori) => {
        const rows = await mamori.consent.history(ACTOR, keyOf(mamori, subject), ORIGIN);
        for (const r of rows)
          out(
            o.json
              ? JSON.stringify({
                  ...r,
                  recordedAt: r.recordedAt.toISOString(),
                  expiresAt: r.expiresAt?.toISOString() ?? null,
                })
              : [
                  r.recordedAt.toISOString(),
                  r.purpose,
                  r.decision,
                  r.channel,
                  r.noticeVersion === null ? '-' : `notice v${r.noticeVersion}`,
                  r.gpc ? 'GPC' : '',
                ]
                  .join('\t')
                  .trimEnd(),
          );
      });
    });

  consent
    .command('withdraw')
    .description('Withdraw the given purposes, or every purpose currently granted')
    .argument('<subject>', 'kind:identity or a subject key')
    .argument('[purposes...]', 'purposes to withdraw (default: all granted)')
    .option('--json', 'print the resulting state as JSON')
    .action(async (subjectText: string, purposes: string[], o: { json?: boolean }) => {
      const subject = parseSubject(subjectText);
      const { withMamori } = await import('../cli/context.js');
      await withMamori(async (mamori) => {
        const state = await mamori.consent.withdraw(
          ACTOR,
          keyOf(mamori, subject),
          { ...(purposes.length > 0 && { purposes }) },
          ORIGIN,
        );
        printState(state, o.json === true);
      });
    });

  consent
    .command('import')
    .description(
      'Import decisions from a CSV (subject_kind, subject, purpose, decision, recorded_at, …); all or nothing',
    )
    .argument('<csv>', 'path of the CSV file')
    .action(async (file: string) => {
      const { readFile } = await import('node:fs/promises');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new UserError(`Cannot read "${file}": no such file or not readable.`);
      }
      // Parsed (and refused, with the line) before the database is opened.
      const { parseConsentCsv } = await import('./consent.import.js');
      const rows = parseConsentCsv(text);
      const { withMamori } = await import('../cli/context.js');
      await withMamori(async (mamori) => {
        const r = await mamori.consent.importRows(ACTOR, rows, ORIGIN);
        out(
          `Imported ${file}: ${r.rows} rows, ${r.recorded} recorded, ${r.duplicates} already in the ledger.`,
        );
      });
    });
}
