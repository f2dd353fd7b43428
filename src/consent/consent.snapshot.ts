import type { NoticeService } from '../notices/notice.service.js';
import type { Db } from '../platform/db/types.js';
import type { Register } from '../register/register.schema.js';
import type { RegisterService } from '../register/register.service.js';
import type { ConsentRepository } from './consent.repository.js';
import { bannerPurposes, purposeRev } from './consent.rules.js';
import type { ConsentConfig } from './consent.schema.js';

/** The banner configuration is read on every page view; the notice in force changes at most daily. */
const CONFIG_TTL_MS = 30_000;

export interface ConfigSnapshot {
  config: ConsentConfig;
  /** Digest of every purpose in force (banner or not), for re-consent checks and staff records. */
  revs: Map<string, string>;
  gpcPurposes: string[];
  at: number;
}

/** Purposes as published in the notice in force (or the register before any notice), cached briefly. */
export class ConfigSnapshots {
  private snapshot: ConfigSnapshot | undefined;
  private snapshotLoad: { generation: number; promise: Promise<ConfigSnapshot> } | undefined;
  private snapshotGeneration = 0;

  constructor(
    private readonly db: Db,
    private readonly repo: ConsentRepository,
    private readonly register: RegisterService,
    private readonly notices: NoticeService,
  ) {}

  async get(fresh = false): Promise<ConfigSnapshot> {
    const now = Date.now();
    if (!fresh && this.snapshot && now - this.snapshot.at < CONFIG_TTL_MS) return this.snapshot;
    // One reading at a time: when the snapshot ages out under load, the requests that arrive while it is
    // read again share that reading instead of each reading the notice, register and settings (measured:
    // up to 3.7 % of the banner's CPU, bench/results/consent.md). A settings change starts a new generation,
    // so no request joins, and no reading stores, what was read before it.
    if (!fresh && this.snapshotLoad?.generation === this.snapshotGeneration) return this.snapshotLoad.promise;
    const generation = this.snapshotGeneration;
    const promise = this.read(now).then((snap) => {
      if (generation === this.snapshotGeneration) this.snapshot = snap;
      return snap;
    });
    this.snapshotLoad = { generation, promise };
    const done = () => {
      if (this.snapshotLoad?.promise === promise) this.snapshotLoad = undefined;
    };
    void promise.then(done, done);
    return promise;
  }

  /** After a settings change: a new generation, so readings begun before it are neither joined nor kept. */
  invalidate(): void {
    this.snapshotGeneration += 1;
    this.snapshot = undefined;
  }

  private async read(now: number): Promise<ConfigSnapshot> {
    const notice = await this.notices.current();
    const register: Pick<Register, 'purposes'> | undefined = notice
      ? (notice.register as Register)
      : await this.register.load();
    const purposes = register?.purposes ?? [];
    const settings = await this.repo.settings(this.db);
    const banner = bannerPurposes({ purposes }, settings);
    return {
      config: { noticeVersion: notice?.version ?? null, purposes: banner },
      revs: new Map(purposes.map((p) => [p.key, purposeRev(p)])),
      gpcPurposes: banner.filter((p) => p.gpcOptOut).map((p) => p.key),
      at: now,
    };
  }
}
