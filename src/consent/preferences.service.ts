import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { safeEqual } from '../platform/crypto/tokens.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError } from '../platform/errors.js';
import type { ConfigPurpose, StateEntryView } from './consent.schema.js';
import type { ConsentService } from './consent.service.js';
import type { PreferencesRepository, VerificationRow } from './preferences.repository.js';
import {
  type CheckResult,
  CODE_TTL_MS,
  checkCode,
  mayIssueCode,
  SESSION_TTL_MS,
} from './preferences.rules.js';

type Lang = 'ja' | 'en';

/** Decisions from the preference centre are the person's own: no staff account made them. */
const PERSON: Actor = { type: 'public', label: 'preference-centre' };

const MAIL = {
  ja: {
    subject: '同意設定の確認コード',
    body: (code: string, link: string) =>
      `同意の設定を開くための確認コードは ${code} です。\n次のリンクからも開けます: ${link}\n有効期限は15分間で、1回のみ使用できます。心当たりがない場合はこのメールを破棄してください。`,
  },
  en: {
    subject: 'Your code for consent preferences',
    body: (code: string, link: string) =>
      `Your code to open your consent preferences is ${code}.\nOr open this link: ${link}\nIt is valid for 15 minutes and works once. If you did not ask for it, ignore this message.`,
  },
} as const;

export interface PreferenceSession {
  subjectKey: string;
  email: string;
  language: Lang;
}

/**
 * The preference centre for identified people: an e-mail address is proved by a one-time code (or the
 * link in the same message) sent through the outbox; the person then sees and changes the consents filed
 * under that address, recorded in the ledger with channel `form`.
 */
export class PreferencesService {
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly repo: PreferencesRepository,
    private readonly consent: ConsentService,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly key: Buffer,
    clock?: (() => Date) | undefined,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  /** Queues a code for the address; the answer is the same whether or not the ledger knows it. */
  async requestCode(email: string, language: Lang, linkBase: string, origin: Origin): Promise<string> {
    const now = this.clock();
    const subjectKey = this.consent.keyOf('email', email);
    const id = randomBytes(12).toString('hex');
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    const link = randomBytes(32).toString('base64url');
    await this.db.transaction().execute(async (trx) => {
      if (!mayIssueCode(await this.repo.issuedSince(trx, subjectKey, new Date(now.getTime() - 3_600_000))))
        throw new AppError('rate_limited', 429, { after: '1 h' });
      await this.repo.retire(trx, subjectKey, now);
      await this.repo.insert(trx, {
        id,
        subject_key: subjectKey,
        email_sealed: this.secrets.seal(email, `consent-pref:${id}`),
        language,
        code_hash: this.mac(`code:${id}:${code}`),
        link_hash: this.mac(`link:${link}`),
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
        created_at: now,
      });
      const mailId = randomUUID();
      const url = `${linkBase}/privacy/preferences/verify?t=${link}&lang=${language}`;
      await this.repo.queueMail(trx, {
        id: mailId,
        to_sealed: this.secrets.seal(email, `outbox:${mailId}:to`),
        subject: MAIL[language].subject,
        body_sealed: this.secrets.seal(MAIL[language].body(code, url), `outbox:${mailId}:body`),
        related: `consent-pref:${id}`,
        created_at: now,
      });
      await this.audit.record(trx, {
        actor: PERSON,
        action: 'consent.code_sent',
        object: { type: 'consent_subject', id: subjectKey },
        origin,
        details: { channel: 'email' },
      });
    });
    return id;
  }

  /** Checks a typed code; on success returns the session token for the cookie. */
  async verifyCode(
    id: string,
    code: string,
    origin: Origin,
  ): Promise<{ result: CheckResult; session?: string }> {
    return this.verify(
      (trx) => this.repo.lock(trx, id),
      (row) => this.matches(row, code),
      origin,
    );
  }

  /** The link in the message: as good as the code, and as single-use. */
  async verifyLink(token: string, origin: Origin): Promise<{ result: CheckResult; session?: string }> {
    return this.verify(
      (trx) => this.repo.lockByLink(trx, this.mac(`link:${token}`)),
      () => true,
      origin,
    );
  }

  async session(token: string | undefined): Promise<PreferenceSession | undefined> {
    if (!token || token.length > 100) return undefined;
    const row = await this.repo.session(this.db, this.mac(`session:${token}`), this.clock());
    if (!row) return undefined;
    return {
      subjectKey: row.subject_key,
      email: this.secrets.open(row.email_sealed, `consent-pref:${row.id}`),
      language: row.language,
    };
  }

  async endSession(token: string): Promise<void> {
    await this.repo.endSession(this.db, this.mac(`session:${token}`));
  }

  /** The purposes the person is asked about, with their current state (none yet for a new address). */
  async view(session: PreferenceSession): Promise<{ purposes: ConfigPurpose[]; state: StateEntryView[] }> {
    const config = await this.consent.config();
    const state = await this.consent.state(session.subjectKey).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) return undefined;
      throw e;
    });
    return { purposes: config.purposes, state: state?.purposes ?? [] };
  }

  async save(
    session: PreferenceSession,
    choices: ReadonlyArray<{ purpose: string; decision: 'granted' | 'denied' }>,
    language: Lang,
    origin: Origin,
  ): Promise<void> {
    if (choices.length === 0) return;
    await this.consent.record(
      PERSON,
      {
        subject: { kind: 'email', value: session.email },
        choices: [...choices],
        channel: 'form',
        language,
        shown: 'preference-centre:email',
      },
      origin,
    );
  }

  private async verify(
    find: (trx: Trx) => Promise<VerificationRow | undefined>,
    matches: (row: VerificationRow) => boolean,
    origin: Origin,
  ): Promise<{ result: CheckResult; session?: string }> {
    const now = this.clock();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await find(trx);
      const result = checkCode(
        row && { expiresAt: row.expires_at, attempts: row.attempts, usedAt: row.used_at },
        row ? matches(row) : false,
        now,
      );
      if (!row) return { result };
      if (result !== 'ok') {
        if (result === 'wrong') await this.repo.countAttempt(trx, row.id);
        await this.audit.record(trx, {
          actor: PERSON,
          action: 'consent.code_failed',
          object: { type: 'consent_subject', id: row.subject_key },
          origin,
          details: { result },
        });
        return { result };
      }
      const session = randomBytes(32).toString('base64url');
      await this.repo.succeed(
        trx,
        row.id,
        this.mac(`session:${session}`),
        now,
        new Date(now.getTime() + SESSION_TTL_MS),
      );
      return { result, session };
    });
    return outcome;
  }

  private matches(row: VerificationRow, code: string): boolean {
    return /^\d{6}$/.test(code) && safeEqual(row.code_hash, this.mac(`code:${row.id}:${code}`));
  }

  private mac(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex');
  }
}
