/**
 * The campaign dispatch job (queue `campaign-dispatch`): hands a campaign's audience to the send
 * queue in rounds of `CAMPAIGN_BATCH` residents every `CAMPAIGN_INTERVAL_SECONDS`, which spreads the
 * mail over time (good for the sender's reputation) and lets a pause take effect at once.
 *
 * Exactly one chain of dispatch jobs runs per campaign: each job carries the campaign's generation
 * and, in one transaction, bumps it, hands its round to the send queue (one message per resident,
 * through the dedupe key) and queues the next job. A duplicate, or a job from before a pause, finds
 * another generation and does nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import { enqueueMessage } from '../messages/enqueue.ts';
import type { Db } from '../db/client.ts';
import { campaigns, cases, consents, messages } from '../db/schema.ts';
import { QUEUES, type CampaignJob } from '../queue/queues.ts';
import type { Services } from '../services.ts';
import { consoleSettings } from '../staff/settings.ts';
import { dedupeKey, messagedConsents, SKIP_REASONS } from './campaigns.ts';
import { campaignTemplateVersion } from './render.ts';
import { audience } from './segments.ts';

export type DispatchOutcome = 'stale' | 'waiting' | 'handed-over' | 'done';

export async function dispatchCampaign(s: Services, job: CampaignJob): Promise<DispatchOutcome> {
  const db = s.database.db;
  const [current] = await db.select().from(campaigns).where(eq(campaigns.id, job.campaign));
  if (!current || current.generation !== job.generation || (current.status !== 'scheduled' && current.status !== 'sending')) return 'stale';
  const settings = consoleSettings();
  const now = s.now();
  if (current.status === 'scheduled' && current.scheduledAt && current.scheduledAt.getTime() > now.getTime() + 1000) {
    // Too early (a clock difference between instances): try again at the planned moment.
    await s.boss.send(QUEUES.campaign, job, { startAfter: current.scheduledAt });
    return 'waiting';
  }
  // The audience is fixed when sending starts.
  const frozen =
    current.audience ?? (await audience(s, current.municipality, current.segment, current.listHashes)).recipients.map((r) => r.consentId);

  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(campaigns)
      .set({
        generation: sql`${campaigns.generation} + 1`,
        status: 'sending',
        audience: frozen,
        ...(current.status === 'scheduled' ? { startedAt: now } : {}),
        updatedAt: now,
      })
      .where(
        and(eq(campaigns.id, current.id), eq(campaigns.generation, job.generation), inArray(campaigns.status, ['scheduled', 'sending'])),
      )
      .returning();
    if (!claimed) return 'stale';
    const done = await messagedConsents(tx, claimed.id);
    const round = frozen.filter((id) => !done.has(id)).slice(0, settings.campaignBatch);
    const next = { campaign: claimed.id, generation: claimed.generation };
    if (round.length === 0) {
      const [open] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(messages)
        .where(and(eq(messages.campaignId, claimed.id), inArray(messages.status, ['queued', 'sending'])));
      if (Number(open?.n ?? 0) === 0) {
        await tx.update(campaigns).set({ status: 'done', finishedAt: now }).where(eq(campaigns.id, claimed.id));
        return 'done';
      }
      await s.boss.send(QUEUES.campaign, next, { db: fromDrizzle(tx, sql), startAfter: settings.campaignIntervalSeconds });
      return 'waiting';
    }
    const rows = await tx
      .select({ consent: consents, status: cases.status })
      .from(consents)
      .leftJoin(cases, eq(cases.consentId, consents.id))
      .where(inArray(consents.id, round));
    const found = new Map(rows.map((r) => [r.consent.id, r]));
    for (const consentId of round) {
      const row = found.get(consentId);
      const key = dedupeKey(claimed.id, consentId);
      if (!row || row.consent.status !== 'confirmed' || row.consent.purpose !== 'contact') {
        await skipped(s, tx, claimed.id, key, null, 'nl', SKIP_REASONS.withdrawn);
      } else if (row.status !== null && row.status !== 'new') {
        await skipped(s, tx, claimed.id, key, consentId, row.consent.language, SKIP_REASONS.contacted);
      } else {
        const id = await enqueueMessage(s, tx, {
          consentId,
          kind: 'campaign',
          dedupeKey: key,
          language: row.consent.language,
          template: 'outreach',
          campaignId: claimed.id,
        });
        if (id)
          await tx
            .update(messages)
            .set({ templateVersion: campaignTemplateVersion(claimed.templates, row.consent.language) })
            .where(eq(messages.id, id));
      }
    }
    await s.boss.send(QUEUES.campaign, next, { db: fromDrizzle(tx, sql), startAfter: settings.campaignIntervalSeconds });
    return 'handed-over';
  });
}

/** A resident of the audience who gets no mail: a message row that says why, so the figures add up. */
async function skipped(
  s: Services,
  tx: Db,
  campaignId: string,
  key: string,
  consentId: string | null,
  language: string,
  reason: string,
): Promise<void> {
  const id = randomUUID();
  await tx
    .insert(messages)
    .values({
      id,
      consentId,
      kind: 'campaign',
      campaignId,
      dedupeKey: key,
      status: 'skipped',
      messageId: `${id}@${s.config.mailDomain}`,
      language,
      templateVersion: 'campaign@-',
      lastError: reason,
      createdAt: s.now(),
      updatedAt: s.now(),
    })
    .onConflictDoNothing({ target: messages.dedupeKey });
}
