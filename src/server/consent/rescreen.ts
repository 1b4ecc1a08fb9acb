/**
 * Re-screening: when the rulebook changes (a new parameter set), every confirmed "tell me when the
 * rules change" consent is checked again from its stored answers, as of today. The resident gets a
 * mail only if something changed for them: a scheme that is now eligible or maybe and was not before,
 * or a monthly amount that went up. One mail per consent per rulebook version.
 */
import { and, eq } from 'drizzle-orm';
import { runCheck } from '../../contract/check.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import { appState, consents, type ResultSnapshot } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { enqueueMessage } from '../messages/enqueue.ts';

export interface RescreenReport {
  version: string;
  checked: number;
  changed: number;
  skipped: boolean;
}

/** Schemes that are new or better in `after` than in `before`. */
export function improvements(before: ResultSnapshot | null, after: ResultSnapshot): string[] {
  const old = new Map((before?.schemes ?? []).map((x) => [x.id, x]));
  return after.schemes
    .filter((x) => x.status === 'eligible' || x.status === 'maybe')
    .filter((x) => {
      const was = old.get(x.id);
      return !was || was.status === 'not-eligible' || x.monthly > was.monthly + 0.99 || x.yearly > was.yearly + 11.99;
    })
    .map((x) => x.id);
}

export async function rescreen(s: Services, options: { force?: boolean } = {}): Promise<RescreenReport> {
  const db = s.database.db;
  const version = s.rulebook.version;
  const [state] = await db.select().from(appState).where(eq(appState.key, 'rescreened-version'));
  if (state && state.value === version && !options.force) return { version, checked: 0, changed: 0, skipped: true };
  const rows = await db
    .select()
    .from(consents)
    .where(and(eq(consents.purpose, 'rule-changes'), eq(consents.status, 'confirmed')));
  let changed = 0;
  for (const c of rows) {
    if (!c.household) continue;
    const household = { ...(c.household as Record<string, unknown>) };
    delete household['referenceDate'];
    const r = runCheck(household, s.rulebook, { today: todayInNetherlands(s.now()), computedAt: s.now().toISOString() });
    if (!r.ok) continue;
    const after: ResultSnapshot = {
      referenceDate: r.result.referenceDate,
      schemes: r.result.schemes.map((x) => ({ id: x.id, status: x.status, monthly: x.amount.monthly, yearly: x.amount.yearly })),
    };
    const better = improvements(c.result, after);
    await db.transaction(async (tx) => {
      await tx
        .update(consents)
        .set({
          result: {
            referenceDate: after.referenceDate,
            schemes: after.schemes.filter((x) => x.status !== 'not-eligible'),
            changed: better,
          },
          rulebookVersion: version,
        })
        .where(eq(consents.id, c.id));
      if (better.length > 0) {
        const queued = await enqueueMessage(s, tx, {
          consentId: c.id,
          kind: 'rule-change',
          dedupeKey: `rule-change:${c.id}:${version}`,
          language: c.language,
          template: 'ruleChange',
        });
        if (queued) changed++;
      }
    });
  }
  await db
    .insert(appState)
    .values({ key: 'rescreened-version', value: version })
    .onConflictDoUpdate({ target: appState.key, set: { value: version, updatedAt: s.now() } });
  return { version, checked: rows.length, changed, skipped: false };
}
