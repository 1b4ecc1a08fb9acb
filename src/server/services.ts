/** What the server's features need, opened once per process (src/server/app.ts). */
import type { PgBoss } from 'pg-boss';
import type { Rulebook } from '../engine/rulebook.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Mailer } from './mail/mailer.ts';

export interface Services {
  config: Config;
  database: Database;
  boss: PgBoss;
  mailer: Mailer;
  rulebook: Rulebook;
  secret: Buffer;
  /** The clock; tests move it. */
  now: () => Date;
}

/**
 * Runs `work` in one database transaction, with services whose database is that transaction: a
 * function that reads personal data and logs the view (src/server/audit/log.ts) does both or neither.
 */
export function inTransaction<T>(s: Services, work: (tx: Services) => Promise<T>): Promise<T> {
  return s.database.db.transaction((tx) => work({ ...s, database: { ...s.database, db: tx } }));
}
