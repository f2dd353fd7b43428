import type { Db, Trx } from '../db/types.js';
import type { AuditRepository } from './audit.repository.js';
import { ChainVerifier } from './audit.rules.js';
import type { AuditEventInput, AuditQuery, AuditRecord, VerificationResult } from './audit.schema.js';

const VERIFY_PAGE = 2000;

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly repo: AuditRepository,
    private readonly headKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Records an event inside the transaction of the change it describes. */
  record(trx: Trx, input: AuditEventInput): Promise<AuditRecord> {
    return this.repo.append(trx, input, this.clock());
  }

  /** For events that are not part of a change (a failed login, a view): their own small transaction. */
  recordAlone(input: AuditEventInput): Promise<AuditRecord> {
    return this.db.transaction().execute((trx) => this.record(trx, input));
  }

  async verify(): Promise<VerificationResult> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const page = await this.repo.pageAscending(this.db, after, VERIFY_PAGE);
      for (const record of page) if (!verifier.push(record)) break;
      const last = page.at(-1);
      if (!last || page.length < VERIFY_PAGE || verifier.failed) break;
      after = last.seq;
    }
    const head = await this.repo.head(this.db);
    const problem = verifier.finish(head, this.headKey);
    return {
      ok: problem === null,
      checked: verifier.checked,
      headSeq: head?.seq ?? 0,
      firstProblem: problem,
    };
  }

  search(query: AuditQuery): Promise<AuditRecord[]> {
    return this.repo.search(this.db, query);
  }

  /** Every event in seq order, a page at a time, for exports that must not hold the whole log in memory. */
  async *all(): AsyncGenerator<AuditRecord> {
    let after = 0;
    for (;;) {
      const page = await this.repo.pageAscending(this.db, after, VERIFY_PAGE);
      yield* page;
      const last = page.at(-1);
      if (!last || page.length < VERIFY_PAGE) return;
      after = last.seq;
    }
  }
}
