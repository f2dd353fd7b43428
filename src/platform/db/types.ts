import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
/** Repository functions that must run inside a transaction take this, so the type system enforces it. */
export type Trx = Transaction<Database>;
