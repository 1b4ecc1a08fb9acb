/**
 * The campaign part of the send job (src/server/messages/send.ts): just before a campaign mail goes
 * out, check that the campaign still runs and that staff have not contacted the resident meanwhile;
 * render the mail from the campaign's own text; afterwards record the first contact in the case.
 */
import { eq } from 'drizzle-orm';
import type { Language } from '../../engine/rulebook.ts';
import { withdrawUrl } from '../consent/links.ts';
import type { Db } from '../db/client.ts';
import { campaigns, cases, type consents } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { markContactedByCampaign } from '../worklist/cases.ts';
import { caseSchemes } from '../worklist/cases.ts';
import { SKIP_REASONS, type Campaign } from './campaigns.ts';
import { renderCampaignMail, type RenderedMail } from './render.ts';
import { flaggedSchemes } from './segments.ts';

export async function campaignSendCheck(
  s: Services,
  campaignId: string | null,
  consentId: string,
): Promise<{ campaign: Campaign } | { skip: string }> {
  const db = s.database.db;
  const [campaign] = campaignId ? await db.select().from(campaigns).where(eq(campaigns.id, campaignId)) : [];
  if (!campaign || campaign.status === 'cancelled') return { skip: SKIP_REASONS.stopped };
  if (campaign.status === 'paused') return { skip: SKIP_REASONS.paused };
  const [kase] = await db.select({ status: cases.status }).from(cases).where(eq(cases.consentId, consentId));
  if (kase && kase.status !== 'new') return { skip: SKIP_REASONS.contacted };
  return { campaign };
}

/** The schemes this resident's mail names: the campaign's schemes that concern them, or all of theirs. */
export function recipientSchemes(campaign: Campaign, consent: typeof consents.$inferSelect): string[] {
  if (campaign.segment.kind === 'schemes') {
    const flagged = flaggedSchemes(consent);
    return campaign.segment.schemeIds.filter((id) => flagged.has(id));
  }
  return caseSchemes(consent);
}

export function renderForConsent(s: Services, campaign: Campaign, consent: typeof consents.$inferSelect): RenderedMail {
  return renderCampaignMail(s, campaign.templates, {
    municipalityCode: consent.municipality,
    language: consent.language as Language,
    schemeIds: recipientSchemes(campaign, consent),
    withdrawUrl: withdrawUrl(s, consent.requestId, consent.language),
  });
}

/** Records the first contact of a sent campaign mail, in the caller's transaction (the one that marks the mail sent). */
export async function campaignMailSent(tx: Db, consentId: string, campaignId: string, now: Date): Promise<void> {
  await markContactedByCampaign(tx, consentId, campaignId, now);
}
