/** Fixed-window rate limits in the database, so they hold across instances. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Counts one hit on `key`; true while the count in the current window is within `limit`. */
export async function allow(db: Db, key: string, limit: number, windowSeconds: number, now: Date = new Date()): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${new Date(now.getTime() - windowSeconds * 1000).toISOString()}::timestamptz then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${new Date(now.getTime() - windowSeconds * 1000).toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else rate_limits.window_start end
    returning count`);
  const rows = result.rows;
  return Number(rows[0]!.count) <= limit;
}
