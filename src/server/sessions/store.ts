/**
 * Astro sessions in the database, so web instances keep no state on local disk (the adapter's
 * default would be files under node_modules/.cache). Rows live in `app_state` under the key
 * `astro-session:<id>`, with their last write; the daily purge removes the ones older than
 * SESSION_MAX_AGE_HOURS.
 */
import { and, eq, like, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appState } from '../db/schema.ts';

const PREFIX = 'astro-session:';
export const SESSION_MAX_AGE_HOURS = 12;

export interface SessionStore {
  getItem: (key: string) => Promise<unknown>;
  setItem: (key: string, value: unknown) => Promise<void>;
  removeItem: (key: string) => Promise<void>;
}

export function sessionStore(db: () => Promise<Db>, now: () => Date = () => new Date()): SessionStore {
  return {
    async getItem(key) {
      const [row] = await (
        await db()
      )
        .select({ value: appState.value })
        .from(appState)
        .where(eq(appState.key, PREFIX + key));
      return row ? (row.value as { value: unknown }).value : null;
    },
    async setItem(key, value) {
      const updatedAt = now();
      await (
        await db()
      )
        .insert(appState)
        .values({ key: PREFIX + key, value: { value }, updatedAt })
        .onConflictDoUpdate({ target: appState.key, set: { value: { value }, updatedAt } });
    },
    async removeItem(key) {
      await (await db()).delete(appState).where(eq(appState.key, PREFIX + key));
    },
  };
}

/** Deletes sessions not written to for SESSION_MAX_AGE_HOURS; returns how many. */
export async function purgeSessions(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(appState)
    .where(and(like(appState.key, `${PREFIX}%`), lt(appState.updatedAt, new Date(now.getTime() - SESSION_MAX_AGE_HOURS * 3_600_000))))
    .returning({ key: appState.key });
  return deleted.length;
}
