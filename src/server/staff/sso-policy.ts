/**
 * Which municipalities let their staff in with a password: all, except those whose admin turned
 * password login off after setting up single sign-on (src/server/staff/sso.ts). Used at password
 * login, and for every request of a password session, so a session cannot switch into such a
 * municipality either.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffSsoConfigs } from '../db/schema.ts';

/** The municipalities of `municipalities` that refuse password login. */
export async function passwordLoginOff(db: Db, municipalities: readonly string[]): Promise<Set<string>> {
  if (municipalities.length === 0) return new Set();
  const rows = await db
    .select({ municipality: staffSsoConfigs.municipality })
    .from(staffSsoConfigs)
    .where(
      and(
        inArray(staffSsoConfigs.municipality, [...municipalities]),
        eq(staffSsoConfigs.enabled, true),
        eq(staffSsoConfigs.passwordLogin, false),
      ),
    );
  return new Set(rows.map((r) => r.municipality));
}
