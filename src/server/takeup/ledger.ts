/**
 * The take-up figures, kept without people in them so they survive the deletion of the data they
 * came from: `check_counts` (checks run and schemes flagged, per day) and `take_up_events` (the
 * stages of the worklist: consented, contacted, appointment, applied, granted, rejected).
 *
 * A case records which stages it has already counted (`cases.counted`), so a case that goes back and
 * forth counts each stage once; a grant that is undone is counted back with -1.
 */
import { sql } from 'drizzle-orm';
import { todayInNetherlands } from '../../contract/today.ts';
import type { Db } from '../db/client.ts';
import { checkCounts, takeUpEvents, type TakeUpStage } from '../db/schema.ts';

/** Scheme id of the rows that count residents rather than schemes. */
export const ALL = '*';

export interface Origin {
  municipality: string;
  source: 'resident' | 'volunteer';
  organisation: string | null;
  campaignId: string | null;
}

export async function recordStage(
  db: Db,
  origin: Origin,
  stage: TakeUpStage,
  schemeIds: readonly string[],
  now: Date,
  options: { count?: number; amounts?: Record<string, number> } = {},
): Promise<void> {
  const day = todayInNetherlands(now);
  const count = options.count ?? 1;
  const rows = schemeIds.map((schemeId) => ({
    municipality: origin.municipality,
    day,
    stage,
    schemeId,
    source: origin.source,
    organisation: origin.organisation ?? '',
    campaignId: origin.campaignId,
    count,
    amount: options.amounts?.[schemeId] ?? 0,
  }));
  if (rows.length > 0) await db.insert(takeUpEvents).values(rows);
}

/** A change of a granted amount without a change of stage: a row with count 0. */
export async function recordAmountChange(db: Db, origin: Origin, schemeId: string, delta: number, now: Date): Promise<void> {
  if (delta === 0) return;
  await db.insert(takeUpEvents).values({
    municipality: origin.municipality,
    day: todayInNetherlands(now),
    stage: 'granted',
    schemeId,
    source: origin.source,
    organisation: origin.organisation ?? '',
    campaignId: origin.campaignId,
    count: 0,
    amount: delta,
  });
}

export interface CheckTally {
  municipality: string;
  source: 'site' | 'api' | 'volunteer' | 'screening';
  organisation?: string | undefined;
  /** Checks run. */
  checks: number;
  /** Checks with at least one scheme flagged (eligible or maybe). */
  flaggedAny: number;
  /** Per scheme: how many checks flagged it. */
  flagged: Record<string, number>;
}

/**
 * Adds checks to the daily counters. The public site and the API call this for each check they run
 * (anonymously: only the municipality, the source and the flagged scheme ids); screening calls it
 * once per import.
 */
export async function recordChecks(db: Db, tally: CheckTally, now: Date): Promise<void> {
  const day = todayInNetherlands(now);
  const organisation = tally.organisation ?? '';
  const rows = [
    { schemeId: ALL, checks: tally.checks, flagged: tally.flaggedAny },
    ...Object.entries(tally.flagged).map(([schemeId, n]) => ({ schemeId, checks: 0, flagged: n })),
  ].filter((r) => r.checks > 0 || r.flagged > 0);
  if (rows.length === 0) return;
  await db
    .insert(checkCounts)
    .values(rows.map((r) => ({ day, municipality: tally.municipality, source: tally.source, organisation, ...r })))
    .onConflictDoUpdate({
      target: [checkCounts.day, checkCounts.municipality, checkCounts.source, checkCounts.organisation, checkCounts.schemeId],
      set: { checks: sql`${checkCounts.checks} + excluded.checks`, flagged: sql`${checkCounts.flagged} + excluded.flagged` },
    });
}
