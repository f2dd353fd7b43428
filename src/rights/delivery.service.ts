/**
 * The answer as the person receives it: the package with exemptions applied, the letter (PDF), and the
 * expiring, audited download link (only the token's hash is stored).
 */
import { localDateOf } from '../laws/index.js';
import { hashToken, newToken } from '../platform/crypto/tokens.js';
import { AppError } from '../platform/errors.js';
import type { Acting } from './acting.js';
import { letterToPdf } from './letter.pdf.js';
import { type AnswerPackage, applyExemptions, itemCounts, packageCsv, packageJson } from './package.js';
import { groundText } from './request.rules.js';
import type { RightsService } from './rights.service.js';

/** How long a download link lives: long enough to fetch, short enough that a forwarded mail goes stale. */
export const DOWNLOAD_TTL_MS = 7 * 86_400_000;

export class DeliveryService {
  constructor(private readonly rights: RightsService) {}

  /** The package as the person receives it: exemptions applied at the time of the answer. */
  async package(id: string): Promise<AnswerPackage> {
    const sealed = await this.rights.repo.packageOf(this.rights.db, id);
    const row = await this.rights.row(id);
    const base: AnswerPackage = sealed
      ? (JSON.parse(this.rights.secrets.open(sealed, `rights_package:${id}`)) as AnswerPackage)
      : {
          reference: row.reference,
          generatedAt: this.rights.clock().toISOString(),
          collections: {},
          withheld: [],
          manualSystems: [],
          controllerSystems: [],
        };
    const exemptions = await this.rights.repo.exemptions(this.rights.db, id);
    return {
      ...base,
      collections: applyExemptions(
        base.collections,
        exemptions.map((e) => e.item),
      ),
      withheld: exemptions.map((e) => ({ item: e.item, groundId: e.ground_id })),
    };
  }

  async letter(id: string, lang?: 'ja' | 'en'): Promise<Buffer> {
    const row = await this.rights.row(id);
    const register = await this.rights.register.require();
    const language = lang ?? row.language;
    const decision = row.decision as {
      outcome: 'completed' | 'partially_refused' | 'refused';
      reason: string;
      grounds: string[];
      decidedAt: string;
    } | null;
    const pkg = await this.package(id);
    const exemptions = await this.rights.repo.exemptions(this.rights.db, id);
    const text = (g: string) => groundText(g, row.law_kinds, register.rights, language) ?? g;
    const org = register.organisation as { name?: { ja: string; en?: string } };
    return letterToPdf({
      lang: language,
      organisation: (language === 'en' ? org.name?.en : undefined) ?? org.name?.ja ?? '',
      reference: row.reference,
      recipient: this.rights.subjectOf(row).name,
      kinds: row.law_kinds,
      outcome: decision?.outcome ?? 'completed',
      receivedOn: localDateOf(row.received_at),
      dueBy: row.due_by,
      answeredOn: localDateOf(decision ? new Date(decision.decidedAt) : this.rights.clock()),
      items: itemCounts(pkg),
      withheld: exemptions.map((e) => ({ item: e.item, ground: text(e.ground_id), reason: e.reason })),
      refusal:
        decision && decision.outcome !== 'completed' && decision.grounds.length > 0
          ? { grounds: decision.grounds.map(text), reason: decision.reason }
          : undefined,
      manualSystems: pkg.manualSystems,
      controllerSystems: pkg.controllerSystems,
      provisionRecords:
        pkg.provisionRecords?.status === 'not_yet_recorded'
          ? { status: 'not_yet_recorded', note: pkg.provisionRecords.note[language] }
          : pkg.provisionRecords,
    });
  }

  /** An expiring link for the person; only the token's hash is stored. */
  async createDownload(id: string, acting: Acting): Promise<{ token: string; expiresAt: string }> {
    const token = newToken('mmd');
    const now = this.rights.clock();
    const expiresAt = new Date(now.getTime() + DOWNLOAD_TTL_MS);
    await this.rights.db.transaction().execute(async (trx) => {
      const row = await this.rights.lockRow(trx, id);
      if (!['completed', 'partially_refused', 'refused'].includes(row.status))
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'download' });
      await this.rights.repo.insertDownload(trx, {
        token_hash: hashToken(token),
        request_id: id,
        expires_at: expiresAt,
        created_at: now,
      });
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.download_created',
        object: { type: 'rights_request', id },
        details: { expiresAt: expiresAt.toISOString() },
      });
    });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  async download(
    token: string,
    file: 'json' | 'csv' | 'letter',
    acting: Acting,
  ): Promise<{ contentType: string; body: Buffer | string; filename: string }> {
    const id = await this.rights.db.transaction().execute(async (trx) => {
      const found = await this.rights.repo.download(trx, hashToken(token));
      if (!found || found.expires_at.getTime() <= this.rights.clock().getTime()) return undefined;
      await this.rights.repo.countDownload(trx, found.token_hash);
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.downloaded',
        object: { type: 'rights_request', id: found.request_id },
        origin: acting.origin,
        details: { file },
      });
      return found.request_id;
    });
    if (!id) throw new AppError('rights_download_expired', 404);
    const row = await this.rights.row(id);
    if (file === 'letter')
      return {
        contentType: 'application/pdf',
        body: await this.letter(id),
        filename: `${row.reference}.pdf`,
      };
    const pkg = await this.package(id);
    return file === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', body: packageCsv(pkg), filename: `${row.reference}.csv` }
      : {
          contentType: 'application/json; charset=utf-8',
          body: packageJson(pkg),
          filename: `${row.reference}.json`,
        };
  }
}
