/**
 * Real databases for storage tests: an in-memory PGlite, and a fresh database on the PostgreSQL
 * server of TEST_DATABASE_URL (started by `npm test`). Without that variable the PostgreSQL tests
 * fail with a clear message: they are never skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/client.ts';

export interface TestDatabase {
  name: 'PGlite' | 'PostgreSQL';
  open: () => Promise<Database & { drop: () => Promise<void> }>;
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error('TEST_DATABASE_URL is not set. Run the suite with `npm test`, which starts a PostgreSQL server, or set it yourself.');
  return url;
}

/** Creates an empty database on the test server and returns its URL. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = postgresUrl();
  const name = `rk_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const testDatabases: TestDatabase[] = [
  {
    name: 'PGlite',
    open: async () => {
      const db = await openDatabase({ dir: 'memory://' });
      return { ...db, drop: async () => undefined };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const created = await createPostgresDatabase();
      const db = await openDatabase({ url: created.url });
      return {
        ...db,
        drop: async () => {
          await db.close();
          await created.drop();
        },
      };
    },
  },
];
