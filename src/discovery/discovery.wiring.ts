import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import type { JobDefinition, JobQueue } from '../platform/jobs/job.js';
import type { RegisterService } from '../register/register.service.js';
import { discoveryJobs } from './discovery.jobs.js';
import { DiscoveryRepository } from './discovery.repository.js';
import { DiscoveryService } from './discovery.service.js';

export { discoveryRoutes } from './discovery.routes.js';
export type { DiscoveryService } from './discovery.service.js';

/** Builds discovery with the services it uses (main.ts calls this once, then hands it the queue). */
export function createDiscovery(deps: {
  db: Db;
  audit: AuditService;
  register: Pick<RegisterService, 'load' | 'create' | 'update'>;
  secrets: SecretBox;
  clock?: (() => Date) | undefined;
}): { service: DiscoveryService; jobs: JobDefinition[]; attachQueue(queue: JobQueue): void } {
  const service = new DiscoveryService({
    db: deps.db,
    repo: new DiscoveryRepository(),
    audit: deps.audit,
    register: deps.register,
    connections: new ConnectionService(deps.db, new ConnectionRepository(), deps.audit, deps.secrets),
    clock: deps.clock,
  });
  const jobs = discoveryJobs(service);
  return {
    service,
    jobs: jobs.all as JobDefinition[],
    attachQueue(queue) {
      service.attachQueue((id) => queue.enqueue(jobs.scan, { id }));
    },
  };
}
