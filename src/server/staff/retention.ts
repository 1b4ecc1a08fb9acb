/**
 * Retention of what the staff console keeps, run by the daily purge (src/server/consent/retention.ts):
 * ended sessions, audit entries past AUDIT_RETENTION_MONTHS, screening imports past their expiry (with
 * their rows), and the address hashes of campaign lists 30 days after the campaign ended. Cases and
 * their history go with their consent (foreign keys), so the consent purge covers them.
 */
import { and, isNotNull, lt } from 'drizzle-orm';
import { purgeAudit } from '../audit/log.ts';
import { campaigns } from '../db/schema.ts';
import { purgeImports } from '../screening/imports.ts';
import type { Services } from '../services.ts';
import { purgeSessions } from './sessions.ts';
import { consoleSettings } from './settings.ts';

export interface ConsolePurgeReport {
  sessions: number;
  audit: number;
  screeningImports: number;
  campaignLists: number;
}

export const CAMPAIGN_LIST_DAYS = 30;

export async function purgeConsole(s: Services): Promise<ConsolePurgeReport> {
  const now = s.now();
  const before = new Date(now);
  before.setMonth(before.getMonth() - consoleSettings().auditRetentionMonths);
  const lists = await s.database.db
    .update(campaigns)
    .set({ listHashes: null })
    .where(
      and(
        isNotNull(campaigns.listHashes),
        isNotNull(campaigns.finishedAt),
        lt(campaigns.finishedAt, new Date(now.getTime() - CAMPAIGN_LIST_DAYS * 86_400_000)),
      ),
    )
    .returning({ id: campaigns.id });
  return {
    sessions: await purgeSessions(s),
    audit: await purgeAudit(s.database.db, before),
    screeningImports: await purgeImports(s),
    campaignLists: lists.length,
  };
}
