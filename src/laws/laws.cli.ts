/**
 * `mamori laws …`: look at the law tables and compute deadlines from the command line, e.g. to answer
 * "when is this request due?" while the console is not at hand.
 */
import type { Command } from 'commander';
import { UserError } from '../platform/errors.js';

type Lang = 'ja' | 'en';

export interface DeadlinesOptions {
  kind: string;
  received: string;
  timeZone?: string;
  yearEndClosing?: boolean;
  extensionNotice?: string;
  json?: boolean;
  lang: string;
}

export interface BusinessDaysOptions {
  from: string;
  add: string;
  calendar: string;
  yearEndClosing?: boolean;
}

function lang(value: string): Lang {
  if (value !== 'ja' && value !== 'en') throw new UserError(`--lang must be ja or en, got "${value}".`);
  return value;
}

/** An ISO instant, or a bare date taken as noon in the organisation's zone. */
function instant(
  name: string,
  value: string,
  timeZone: string,
  startOfDay: (d: string, tz: string) => Date,
): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(startOfDay(value, timeZone).getTime() + 12 * 3_600_000);
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new UserError(`--${name} must be a date (YYYY-MM-DD) or an ISO date-time, got "${value}".`);
  }
  return d;
}

async function userErrors<T>(run: () => Promise<T>): Promise<T> {
  const laws = await import('./index.js');
  try {
    return await run();
  } catch (e) {
    if (
      e instanceof laws.UnknownLawError ||
      e instanceof laws.HolidayCoverageError ||
      e instanceof laws.InvalidDateError ||
      e instanceof RangeError
    ) {
      throw new UserError(e.message);
    }
    if (e instanceof Error && e.name === 'ZodError')
      throw new UserError('The options do not form valid settings.');
    throw e;
  }
}

export async function lawsList(langOption: string): Promise<string> {
  const l = lang(langOption);
  const { LAWS, describePeriod } = await import('./index.js');
  const lines: string[] = [];
  for (const law of LAWS) {
    lines.push(`${law.id}  ${law.name[l]}`);
    for (const k of law.kinds) {
      const p = k.deadline.statutory ?? k.deadline.target;
      const limit = p ? describePeriod(p, l) : '';
      const basis = k.deadline.statutory ? '' : l === 'ja' ? '（社内目標）' : ' (internal target)';
      lines.push(`  ${k.id.padEnd(28)} ${k.name[l]} — ${limit}${basis} — ${k.citation[l]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function lawsDeadlines(o: DeadlinesOptions): Promise<string> {
  const l = lang(o.lang);
  return userErrors(async () => {
    const { computeDeadlines, getKind, startOfDay, DEFAULT_TIME_ZONE } = await import('./index.js');
    const { law } = getKind(o.kind);
    const timeZone = o.timeZone ?? DEFAULT_TIME_ZONE;
    const d = computeDeadlines({
      law: law.id,
      kind: o.kind,
      receivedAt: instant('received', o.received, timeZone, startOfDay),
      orgSettings: { timeZone, calendar: { base: 'jp', yearEndClosing: o.yearEndClosing ?? false } },
      ...(o.extensionNotice
        ? {
            extension: { noticeSentAt: instant('extension-notice', o.extensionNotice, timeZone, startOfDay) },
          }
        : {}),
    });
    if (o.json) return `${JSON.stringify(d, null, 2)}\n`;
    const rows: [string, string | undefined][] = [
      ['received', d.receivedOn],
      ['acknowledge by', d.acknowledgeBy],
      [d.dueBasis === 'statutory' ? 'due by' : 'due by (internal target)', d.dueBy],
      ['extension notice by', d.extensionNoticeBy],
      ['extended due by', d.extendedDueBy],
      ['effective due by', d.effectiveDueBy],
      ['suit possible from', d.suitPossibleFrom],
    ];
    const out = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `${k.padEnd(26)}${v}`);
    out.push(`${'wording'.padEnd(26)}${d.wording[l]} (${d.citations.deadline[l]})`);
    out.push(`${'calendar'.padEnd(26)}${d.calendarId}, ${d.timeZone}`);
    for (const w of d.warnings) out.push(`warning: ${w.code}`);
    return `${out.join('\n')}\n`;
  });
}

export async function lawsBusinessDays(o: BusinessDaysOptions): Promise<string> {
  return userErrors(async () => {
    const { addBusinessDays, buildCalendar, CalendarSpecSchema } = await import('./index.js');
    const n = Number(o.add);
    if (!Number.isInteger(n) || n < 0)
      throw new UserError(`--add must be a whole number ≥ 0, got "${o.add}".`);
    const spec = CalendarSpecSchema.safeParse({
      base: o.calendar,
      yearEndClosing: o.yearEndClosing ?? false,
    });
    if (!spec.success)
      throw new UserError(`--calendar must be jp, us-federal or weekdays, got "${o.calendar}".`);
    return `${addBusinessDays(buildCalendar(spec.data), o.from, n)}\n`;
  });
}

export function registerLawsCommands(program: Command): void {
  const laws = program
    .command('laws')
    .description('Law tables (APPI, GDPR, CCPA, PIPL), deadlines and business days');
  laws
    .command('list')
    .description('List every law and request kind with its time limit and citation')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (opts: { lang: string }) => {
      process.stdout.write(await lawsList(opts.lang));
    });
  laws
    .command('deadlines')
    .description('Compute the deadlines of a request kind received at a given moment')
    .requiredOption('--kind <id>', 'request kind, e.g. appi.disclosure, gdpr.access, ccpa.know')
    .requiredOption('--received <when>', 'ISO date-time of receipt (or a date, read as noon local time)')
    .option('--time-zone <iana>', 'time zone in which the day of receipt is read (default Asia/Tokyo)')
    .option('--year-end-closing', 'the organisation is closed 12/29–1/3')
    .option('--extension-notice <when>', 'when the person was told of an extension')
    .option('--json', 'print the full result as JSON')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (opts: DeadlinesOptions) => {
      process.stdout.write(await lawsDeadlines(opts));
    });
  laws
    .command('business-days')
    .description('The date n business days after a date on a calendar')
    .requiredOption('--from <date>', 'start date YYYY-MM-DD (not counted)')
    .requiredOption('--add <n>', 'number of business days')
    .option('--calendar <base>', 'jp, us-federal or weekdays', 'jp')
    .option('--year-end-closing', 'treat 12/29–1/3 as closed')
    .action(async (opts: BusinessDaysOptions) => {
      process.stdout.write(await lawsBusinessDays(opts));
    });
}
