import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import { hasErrors, lintRegister } from '../register/register.rules.js';
import { Register } from '../register/register.schema.js';
import type { RegisterService } from '../register/register.service.js';
import { buildNotice } from './notice.build.js';
import { diffNotices, formatNoticeDiff, type NoticeDiff } from './notice.diff.js';
import type { Lang } from './notice.model.js';
import { renderNotice } from './notice.render.js';
import type { NoticeMeta, NoticeRecord, NoticeRepository } from './notice.repository.js';

export type OutputFormat = 'md' | 'html' | 'pdf';

/** The calendar day in Japan: notices take effect on a Japanese date (the policy's 施行日). */
export function japanDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

/** Renders a register as text (md, html) or as a PDF with Japanese glyphs. pdfkit loads only when needed. */
export async function renderAny(
  register: Register,
  lang: Lang,
  format: OutputFormat,
): Promise<string | Buffer> {
  if (format !== 'pdf') return renderNotice(register, { lang, format });
  const { noticeToPdf } = await import('./notice.pdf.js');
  return noticeToPdf(buildNotice(register, lang));
}

/** Published privacy notices: each version keeps its text in both languages and the register it came from. */
export class NoticeService {
  constructor(
    private readonly db: Db,
    private readonly repo: NoticeRepository,
    private readonly register: RegisterService,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The notice the current register would publish. */
  async preview(lang: Lang, format: OutputFormat): Promise<string | Buffer> {
    return renderAny(await this.register.require(), lang, format);
  }

  async publish(
    actor: Actor,
    input: { effectiveOn: string; note?: string | undefined },
    origin: Origin = {},
  ): Promise<NoticeMeta> {
    const register = await this.register.require();
    // A published notice is a promise to the public; one generated from a register lint calls wrong is not made.
    const errors = lintRegister(register).filter((f) => f.severity === 'error');
    if (hasErrors(errors)) throw new AppError('register_has_errors', 409, { count: errors.length });
    const texts = {
      ja: {
        markdown: renderNotice(register, { lang: 'ja', format: 'md' }),
        html: renderNotice(register, { lang: 'ja', format: 'html' }),
      },
      en: {
        markdown: renderNotice(register, { lang: 'en', format: 'md' }),
        html: renderNotice(register, { lang: 'en', format: 'html' }),
      },
    };
    return this.db.transaction().execute(async (trx) => {
      await this.repo.lock(trx);
      const record: NoticeRecord = {
        version: await this.repo.nextVersion(trx),
        effectiveOn: input.effectiveOn,
        publishedAt: this.clock(),
        publishedBy: actor.label ?? actor.id ?? actor.type,
        note: input.note ?? null,
        register,
        ...texts,
      };
      await this.repo.insert(trx, record);
      await this.audit.record(trx, {
        actor,
        action: 'notice.published',
        object: { type: 'notice', id: String(record.version) },
        origin,
        details: { version: record.version, effectiveOn: record.effectiveOn },
      });
      const { register: _snapshot, ja: _ja, en: _en, ...meta } = record;
      return meta;
    });
  }

  list(): Promise<NoticeMeta[]> {
    return this.repo.list(this.db);
  }

  async get(version: number): Promise<NoticeRecord> {
    const record = await this.repo.get(this.db, version);
    if (!record) throw notFound(`notice v${version}`);
    return { ...record, register: Register.parse(record.register) };
  }

  /** A published version as a PDF, rebuilt from the register snapshot stored with it. */
  async pdf(version: number, lang: Lang): Promise<Buffer> {
    const record = await this.get(version);
    return (await renderAny(record.register as Register, lang, 'pdf')) as Buffer;
  }

  async diff(from: number, to: number, lang: Lang): Promise<{ diff: NoticeDiff; text: string }> {
    const [a, b] = [await this.get(from), await this.get(to)];
    const diff = diffNotices(a[lang].markdown, b[lang].markdown);
    return { diff, text: formatNoticeDiff(diff) };
  }

  /** The notice in force today (Japan time), if any has taken effect. */
  async current(): Promise<NoticeRecord | undefined> {
    const version = await this.repo.inForce(this.db, japanDay(this.clock()));
    return version === undefined ? undefined : this.get(version);
  }
}
