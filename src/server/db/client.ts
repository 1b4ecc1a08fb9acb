/**
 * Opens the database: a PostgreSQL server when a URL is given, otherwise embedded PGlite in a data
 * directory (or in memory for tests). Both get the same drizzle schema and the same committed
 * migrations, applied at start.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { projectRoot } from '../config.ts';
import { lockDataFolder } from './lock.ts';
import * as schema from './schema.ts';

/**
 * What both drivers answer a raw query with (node-postgres a `QueryResult`, PGlite a `Results`): rows.
 * Naming it lets `execute` results and the queue's transaction adapter be typed without escapes.
 */
export interface RowsQueryResultHKT extends PgQueryResultHKT {
  readonly type: QueryRows<this['row']>;
}

export interface QueryRows<Row> {
  rows: Row[];
}

/**
 * Where queries run: the database, or one of its transactions (a transaction is a `Db` too, so a
 * function that takes a `Db` runs inside the caller's transaction when given one).
 */
export type Db = PgDatabase<RowsQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance (embedded mode), for the queue adapter. */
  pglite: PGlite | undefined;
  /** The connection string (server mode), for the queue. */
  url: string | undefined;
  close: () => Promise<void>;
}

export function migrationsFolder(): string {
  return join(projectRoot(), 'src', 'server', 'db', 'migrations');
}

/** `target` is a postgres:// URL, a directory for PGlite, or `memory://` for an in-memory PGlite. */
export async function openDatabase(target: { url: string } | { dir: string }): Promise<Database> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection that the server ends (a restart, a failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`database: idle connection closed: ${error.message}`));
    const db = drizzleNodePg(pool, { schema });
    await migrateNodePg(db, { migrationsFolder: migrationsFolder() });
    return { db: db as unknown as Db, kind: 'postgres', pglite: undefined, url: target.url, close: () => pool.end() };
  }
  const inMemory = target.dir.startsWith('memory://');
  // One process per data folder (lock.ts): a second one is refused before it touches the folder.
  const release = inMemory ? () => undefined : lockDataFolder(target.dir);
  try {
    if (!inMemory) mkdirSync(target.dir, { recursive: true });
    const pglite = new PGlite(target.dir);
    const db = drizzlePglite(pglite, { schema });
    await migratePglite(db, { migrationsFolder: migrationsFolder() });
    const close = async (): Promise<void> => {
      try {
        await pglite.close();
      } finally {
        release();
      }
    };
    return { db: db as unknown as Db, kind: 'pglite', pglite, url: undefined, close };
  } catch (e) {
    release();
    throw e;
  }
}
