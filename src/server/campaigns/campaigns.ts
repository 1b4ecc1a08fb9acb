/**
 * Outreach campaigns of one municipality: a segment of consented residents, a text per language, a
 * moment to send, and figures. Life of a campaign:
 *
 *   draft → scheduled → sending ⇄ paused → done
 *   draft, scheduled, sending, paused → cancelled
 *
 * Sending freezes the audience (the residents the segment reaches at that moment) and hands it to the
 * send queue in rounds (dispatch.ts). Pausing stops the rounds and holds the mails that are still in
 * the queue (they are marked skipped "campaign paused" and handed over again on resume); stopping
 * skips them for good. Withdrawn residents and residents staff already contacted get no mail.
 */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import type { Language } from '../../engine/rulebook.ts';
import { audit } from '../audit/log.ts';
import { withdrawUrl } from '../consent/links.ts';
import type { Db } from '../db/client.ts';
import { campaigns, messages, takeUpEvents, type CampaignStatus, type CampaignTemplates, type Segment } from '../db/schema.ts';
import { QUEUES } from '../queue/queues.ts';
import type { Services } from '../services.ts';
import { isUuid } from '../staff/accounts.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import { ALL } from '../takeup/ledger.ts';
import { renderCampaignMail, templateProblems, type RenderedMail } from './render.ts';
import { birthdayEvents, HOUSEHOLD_TYPES, LIFE_EVENT_WINDOWS } from './segments.ts';

export type Campaign = typeof campaigns.$inferSelect;

export const SKIP_REASONS = {
  paused: 'campaign paused',
  stopped: 'campaign stopped',
  contacted: 'already contacted',
  withdrawn: 'consent withdrawn or deleted',
} as const;

export const EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];

export function dedupeKey(campaignId: string, consentId: string): string {
  return `campaign:${campaignId}:${consentId}`;
}

export async function listCampaigns(s: Services, user: ConsoleUser): Promise<(Campaign & { stats: CampaignStats })[]> {
  const rows = await s.database.db
    .select()
    .from(campaigns)
    .where(eq(campaigns.municipality, user.municipality))
    .orderBy(desc(campaigns.createdAt));
  return Promise.all(rows.map(async (c) => ({ ...c, stats: await campaignStats(s, c) })));
}

export async function getCampaign(s: Services, user: ConsoleUser, id: string): Promise<Campaign | undefined> {
  if (!isUuid(id)) return undefined;
  const [c] = await s.database.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.municipality, user.municipality)));
  return c;
}

/** Checks a segment from a form; returns it or the problem. */
export function validSegment(s: Services, municipality: string, segment: Segment): boolean {
  switch (segment.kind) {
    case 'schemes': {
      const local = s.rulebook.municipalities[municipality]?.schemes.map((x) => x.id) ?? [];
      const known = new Set([...Object.keys(s.rulebook.schemes), ...local]);
      return segment.schemeIds.length > 0 && segment.schemeIds.every((id) => known.has(id));
    }
    case 'household':
      return segment.types.length > 0 && segment.types.every((t) => (HOUSEHOLD_TYPES as readonly string[]).includes(t));
    case 'life-event':
      return (
        birthdayEvents(s.rulebook).some((e) => e.id === segment.event) &&
        (segment.months === undefined || LIFE_EVENT_WINDOWS.includes(segment.months))
      );
    case 'list':
      return segment.entries > 0;
  }
}

export async function createCampaign(
  s: Services,
  user: ConsoleUser,
  input: { name: string; segment: Segment; listHashes?: string[] | undefined; templates: CampaignTemplates },
): Promise<string> {
  const [row] = await s.database.db
    .insert(campaigns)
    .values({
      municipality: user.municipality,
      name: input.name.slice(0, 120),
      segment: input.segment,
      listHashes: input.listHashes ?? null,
      templates: input.templates,
      createdBy: user.id,
      createdAt: s.now(),
      updatedAt: s.now(),
    })
    .returning({ id: campaigns.id });
  return row!.id;
}

export type ChangeResult = 'ok' | 'not-found' | 'not-allowed' | 'invalid';

export async function updateCampaign(
  s: Services,
  user: ConsoleUser,
  id: string,
  input: { name?: string | undefined; templates?: CampaignTemplates | undefined },
): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (!EDITABLE.includes(c.status)) return 'not-allowed';
  if (input.templates && (!input.templates.nl || templateProblems(input.templates.nl).some((p) => p.problem !== 'no-way-to-respond')))
    return 'invalid';
  await s.database.db
    .update(campaigns)
    .set({
      ...(input.name ? { name: input.name.slice(0, 120) } : {}),
      ...(input.templates ? { templates: input.templates } : {}),
      updatedAt: s.now(),
    })
    .where(eq(campaigns.id, c.id));
  return 'ok';
}

export async function deleteCampaign(s: Services, user: ConsoleUser, id: string): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (c.status !== 'draft') return 'not-allowed';
  await s.database.db.delete(campaigns).where(eq(campaigns.id, c.id));
  return 'ok';
}

/** Whether the Dutch text is complete enough to send. */
export function readyToSend(c: Campaign): boolean {
  const nl = c.templates.nl;
  return nl !== undefined && templateProblems(nl).filter((p) => p.problem !== 'no-way-to-respond').length === 0;
}

/** Bumps the generation and queues a dispatch job for it, in one transaction with `change`. */
async function restartChain(
  s: Services,
  c: Campaign,
  set: Partial<Campaign>,
  startAfter?: Date,
  more?: (tx: Db) => Promise<void>,
): Promise<void> {
  await s.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ ...set, generation: sql`${campaigns.generation} + 1`, updatedAt: s.now() })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.status, c.status)))
      .returning({ generation: campaigns.generation });
    if (!row) throw new Error('campaign changed meanwhile');
    await more?.(tx);
    await s.boss.send(
      QUEUES.campaign,
      { campaign: c.id, generation: row.generation },
      { db: fromDrizzle(tx, sql), ...(startAfter ? { startAfter } : {}) },
    );
  });
}

/** Sends now, or at `at` (a moment in the future). */
export async function startCampaign(s: Services, user: ConsoleUser, id: string, at?: Date): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (!EDITABLE.includes(c.status)) return 'not-allowed';
  if (!readyToSend(c)) return 'invalid';
  if (at && at.getTime() > s.now().getTime()) {
    await restartChain(s, c, { status: 'scheduled', scheduledAt: at }, at);
  } else {
    await restartChain(s, c, { status: 'scheduled', scheduledAt: s.now() });
  }
  return 'ok';
}

/** Back to draft from scheduled (the dispatch job of the old generation will do nothing). */
export async function unschedule(s: Services, user: ConsoleUser, id: string): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (c.status !== 'scheduled') return 'not-allowed';
  await s.database.db
    .update(campaigns)
    .set({ status: 'draft', scheduledAt: null, generation: sql`${campaigns.generation} + 1`, updatedAt: s.now() })
    .where(and(eq(campaigns.id, c.id), eq(campaigns.status, 'scheduled')));
  return 'ok';
}

/** Mails of the campaign still waiting in the queue get `reason`; the send job then leaves them alone. */
async function holdQueued(tx: Db, campaignId: string, reason: string, now: Date): Promise<void> {
  await tx
    .update(messages)
    .set({ status: 'skipped', lastError: reason, updatedAt: now })
    .where(and(eq(messages.campaignId, campaignId), eq(messages.status, 'queued')));
}

export async function pauseCampaign(s: Services, user: ConsoleUser, id: string): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (c.status !== 'sending') return 'not-allowed';
  const now = s.now();
  const changed = await s.database.db.transaction(async (tx) => {
    const rows = await tx
      .update(campaigns)
      .set({ status: 'paused', generation: sql`${campaigns.generation} + 1`, updatedAt: now })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.status, 'sending')))
      .returning({ id: campaigns.id });
    if (rows.length === 0) return false;
    await holdQueued(tx, c.id, SKIP_REASONS.paused, now);
    return true;
  });
  return changed ? 'ok' : 'not-allowed';
}

export async function resumeCampaign(s: Services, user: ConsoleUser, id: string): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (c.status !== 'paused') return 'not-allowed';
  // The held mails are handed over again as new messages (their old send jobs find them skipped).
  await restartChain(s, c, { status: 'sending' }, undefined, async (tx) => {
    await tx
      .delete(messages)
      .where(and(eq(messages.campaignId, c.id), eq(messages.status, 'skipped'), eq(messages.lastError, SKIP_REASONS.paused)));
  });
  return 'ok';
}

export async function cancelCampaign(s: Services, user: ConsoleUser, id: string): Promise<ChangeResult> {
  const c = await getCampaign(s, user, id);
  if (!c) return 'not-found';
  if (c.status === 'done' || c.status === 'cancelled') return 'not-allowed';
  const now = s.now();
  await s.database.db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({ status: 'cancelled', finishedAt: now, generation: sql`${campaigns.generation} + 1`, updatedAt: now })
      .where(eq(campaigns.id, c.id));
    await holdQueued(tx, c.id, SKIP_REASONS.stopped, now);
    await tx
      .update(messages)
      .set({ lastError: SKIP_REASONS.stopped, updatedAt: now })
      .where(and(eq(messages.campaignId, c.id), eq(messages.status, 'skipped'), eq(messages.lastError, SKIP_REASONS.paused)));
  });
  return 'ok';
}

export interface CampaignStats {
  audience: number;
  queued: number;
  sent: number;
  failed: number;
  paused: number;
  skippedContacted: number;
  skippedWithdrawn: number;
  skippedStopped: number;
  /** Residents of the audience not handed to the queue yet. */
  waiting: number;
  appointment: number;
  applied: number;
  granted: number;
  /** Granted support per year, in cents. */
  grantedYearly: number;
}

export async function campaignStats(s: Services, c: Campaign): Promise<CampaignStats> {
  const db = s.database.db;
  const byStatus = await db
    .select({ status: messages.status, reason: messages.lastError, n: count() })
    .from(messages)
    .where(eq(messages.campaignId, c.id))
    .groupBy(messages.status, messages.lastError);
  const n = (pred: (r: (typeof byStatus)[number]) => boolean): number => byStatus.filter(pred).reduce((sum, r) => sum + Number(r.n), 0);
  const total = n(() => true);
  const stages = await db
    .select({
      stage: takeUpEvents.stage,
      schemeId: takeUpEvents.schemeId,
      n: sql<number>`sum(${takeUpEvents.count})`,
      amount: sql<number>`sum(${takeUpEvents.amount})`,
    })
    .from(takeUpEvents)
    .where(and(eq(takeUpEvents.campaignId, c.id), inArray(takeUpEvents.stage, ['appointment', 'applied', 'granted'])))
    .groupBy(takeUpEvents.stage, takeUpEvents.schemeId);
  const resident = (stage: string): number => Number(stages.find((r) => r.stage === stage && r.schemeId === ALL)?.n ?? 0);
  const audience = c.audience?.length ?? 0;
  return {
    audience,
    queued: n((r) => r.status === 'queued' || r.status === 'sending'),
    sent: n((r) => r.status === 'sent'),
    failed: n((r) => r.status === 'failed'),
    paused: n((r) => r.status === 'skipped' && r.reason === SKIP_REASONS.paused),
    skippedContacted: n((r) => r.status === 'skipped' && r.reason === SKIP_REASONS.contacted),
    skippedWithdrawn: n(
      (r) =>
        r.status === 'skipped' &&
        r.reason !== SKIP_REASONS.paused &&
        r.reason !== SKIP_REASONS.contacted &&
        r.reason !== SKIP_REASONS.stopped,
    ),
    skippedStopped: n((r) => r.status === 'skipped' && r.reason === SKIP_REASONS.stopped),
    waiting: Math.max(0, audience - total),
    appointment: resident('appointment'),
    applied: resident('applied'),
    granted: resident('granted'),
    grantedYearly: stages.filter((r) => r.stage === 'granted' && r.schemeId !== ALL).reduce((sum, r) => sum + Number(r.amount ?? 0), 0),
  };
}

/** Example schemes for a preview: the campaign's own, else the municipality's own schemes. */
function exampleSchemes(s: Services, c: Campaign): string[] {
  if (c.segment.kind === 'schemes') return c.segment.schemeIds;
  const own = s.rulebook.municipalities[c.municipality]?.schemes.map((x) => x.id).slice(0, 3) ?? [];
  return own.length > 0 ? own : ['zorgtoeslag', 'kwijtschelding'];
}

/** The mail as a resident in `language` would get it, with example schemes and a link that withdraws nobody. */
/** The campaign and its mail in `language` with example schemes (no resident's data), for the preview page; logged. */
export async function previewCampaign(
  s: Services,
  user: ConsoleUser,
  id: string,
  language: Language,
): Promise<{ campaign: Campaign; mail: RenderedMail } | undefined> {
  const campaign = await getCampaign(s, user, id);
  if (!campaign) return undefined;
  const mail = previewMail(s, campaign, language);
  await audit(s.database.db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'campaign.preview',
    subjectType: 'campaign',
    subjectId: id,
    details: { language },
  });
  return { campaign, mail };
}

export function previewMail(s: Services, c: Campaign, language: Language): RenderedMail {
  return renderCampaignMail(s, c.templates, {
    municipalityCode: c.municipality,
    language,
    schemeIds: exampleSchemes(s, c),
    withdrawUrl: withdrawUrl(s, randomUUID(), language),
  });
}

/** Sends the preview to the signed-in person's own address, marked as a test; nothing is recorded as sent. */
export async function testSend(s: Services, user: ConsoleUser, c: Campaign, language: Language): Promise<void> {
  const mail = previewMail(s, c, language);
  const id = randomUUID();
  await s.mailer.send({
    to: user.email,
    subject: `[TEST] ${mail.subject}`,
    text: mail.text,
    html: mail.html,
    messageId: `test-${id}@${s.config.mailDomain}`,
    language: mail.language,
    unsubscribeUrl: `${s.config.publicUrl}/beheer/campagnes/${c.id}`,
  });
}

/** Ids of consents that already have a message of this campaign (from the dedupe key, which outlives the consent). */
export async function messagedConsents(db: Db, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: messages.dedupeKey })
    .from(messages)
    .where(and(eq(messages.campaignId, campaignId), like(messages.dedupeKey, `campaign:${campaignId}:%`)));
  return new Set(rows.map((r) => r.key.slice(`campaign:${campaignId}:`.length)));
}
