import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import { RunRepository } from '../engine/run.repository.js';
import { RunService } from '../engine/run.service.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { KeyRing } from '../platform/crypto/keys.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import type { RegisterService } from '../register/register.service.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

/** Builds retention with the services it uses (main.ts calls this once). */
export function createRetention(deps: {
  db: Db;
  audit: AuditService;
  register: Pick<RegisterService, 'load'>;
  keys: KeyRing;
  clock?: (() => Date) | undefined;
}): RetentionService {
  const secrets = new SecretBox(deps.keys);
  return new RetentionService({
    db: deps.db,
    repo: new RetentionRepository(),
    audit: deps.audit,
    register: deps.register,
    connections: new ConnectionService(deps.db, new ConnectionRepository(), deps.audit, secrets),
    engine: new RunService(deps.db, new RunRepository(), deps.audit, secrets, deps.keys),
    secrets,
    clock: deps.clock,
  });
}
