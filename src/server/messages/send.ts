/**
 * The send job: loads the message and its consent, checks that sending is still allowed (the consent
 * exists, is confirmed for anything but the confirmation itself), renders the mail in the resident's
 * language and sends it with the message's fixed Message-ID.
 *
 * A message moves queued → sending → sent, each step a conditional update (the claim for sending is
 * committed on its own, before the SMTP conversation), so a retry of a sent message does nothing.
 * Retryable SMTP failures are retried by the queue with backoff; a final failure marks the message
 * failed, visible to staff. A crash between the SMTP server's acceptance and the database update
 * resends the messages in flight at that instant: at most the send concurrency per worker, each once
 * more, with the same Message-ID so receivers can drop the copy (test/server/crash-campaign.test.ts).
 *
 * Campaign mails (kind `campaign`) are also skipped when their campaign is paused or stopped, or when
 * staff contacted the resident meanwhile; they are written from the campaign's own text in the
 * resident's language, and the transaction that marks them sent also marks the case contacted
 * (src/server/campaigns/mail.ts), so a crash cannot separate the two.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Language } from '../../engine/rulebook.ts';
import { consents, messages } from '../db/schema.ts';
import { isRetryable } from '../mail/mailer.ts';
import { renderMail, type TemplateKind } from '../mail/templates.ts';
import { campaignMailSent, campaignSendCheck, renderForConsent } from '../campaigns/mail.ts';
import type { Services } from '../services.ts';
import { checkUrl, confirmUrl, oneClickUrl, schemeNames, withdrawUrl } from '../consent/links.ts';

export type SendOutcome = 'sent' | 'already-sent' | 'skipped' | 'failed' | 'missing';

export class RetryableSendError extends Error {}

export async function sendMessage(s: Services, messageRowId: string, attempt: { last: boolean }): Promise<SendOutcome> {
  const db = s.database.db;
  const [m] = await db.select().from(messages).where(eq(messages.id, messageRowId));
  if (!m) return 'missing';
  if (m.status === 'sent') return 'already-sent';
  if (m.status === 'skipped' || m.status === 'failed') return m.status;
  const skip = async (reason: string): Promise<SendOutcome> => {
    await db.update(messages).set({ status: 'skipped', lastError: reason, updatedAt: s.now() }).where(eq(messages.id, m.id));
    return 'skipped';
  };
  const consent = m.consentId ? (await db.select().from(consents).where(eq(consents.id, m.consentId)))[0] : undefined;
  if (!consent) return skip('consent withdrawn or deleted');
  if (consent.email === null) return skip('no e-mail address (referred by phone)');
  if (m.kind !== 'confirmation' && m.kind !== 'reminder' && consent.status !== 'confirmed') return skip('consent not confirmed');
  if ((m.kind === 'confirmation' || m.kind === 'reminder') && (consent.status !== 'pending' || consent.confirmBefore < s.now())) {
    return skip('request already confirmed or expired');
  }
  const campaign = m.kind === 'campaign' ? await campaignSendCheck(s, m.campaignId, consent.id) : undefined;
  if (campaign && 'skip' in campaign) return skip(campaign.skip);

  const claimed = await db
    .update(messages)
    .set({ status: 'sending', attempts: m.attempts + 1, updatedAt: s.now() })
    .where(and(eq(messages.id, m.id), inArray(messages.status, ['queued', 'sending'])))
    .returning({ id: messages.id });
  if (claimed.length === 0) return 'already-sent';

  const language = consent.language as Language;
  const requests = await db.select({ purpose: consents.purpose }).from(consents).where(eq(consents.requestId, consent.requestId));
  const kind: TemplateKind =
    m.kind === 'rule-change' ? 'ruleChange' : m.kind === 'reminder' ? 'reminder' : m.kind === 'outreach' ? 'outreach' : 'confirmation';
  const municipality = s.rulebook.places[consent.municipality]?.name ?? consent.municipality;
  const changed = m.kind === 'rule-change' ? (consent.result?.changed ?? []) : consent.schemeIds;
  const fromCampaign = campaign ? renderForConsent(s, campaign.campaign, consent) : undefined;
  const mail =
    fromCampaign ??
    renderMail(kind, {
      language,
      municipality,
      schemes: schemeNames(s, consent.municipality, changed, language),
      actionUrl: kind === 'ruleChange' || kind === 'outreach' ? checkUrl(s, language) : confirmUrl(s, consent.requestId, language),
      withdrawUrl: withdrawUrl(s, consent.requestId, language),
      contact: requests.some((r) => r.purpose === 'contact'),
      ruleChanges: requests.some((r) => r.purpose === 'rule-changes'),
    });
  try {
    await s.mailer.send({
      to: consent.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: m.messageId,
      language: fromCampaign?.language ?? language,
      unsubscribeUrl: oneClickUrl(s, consent.requestId),
    });
  } catch (e) {
    const message = (e as Error).message.slice(0, 300);
    if (isRetryable(e) && !attempt.last) {
      await db.update(messages).set({ lastError: message, updatedAt: s.now() }).where(eq(messages.id, m.id));
      throw new RetryableSendError(message);
    }
    await db.update(messages).set({ status: 'failed', lastError: message, updatedAt: s.now() }).where(eq(messages.id, m.id));
    return 'failed';
  }
  // The mail is out: mark it sent and, for a campaign, the resident contacted, in one transaction.
  const now = s.now();
  await db.transaction(async (tx) => {
    const marked = await tx
      .update(messages)
      .set({ status: 'sent', sentAt: now, updatedAt: now, templateVersion: mail.templateVersion, lastError: null })
      .where(and(eq(messages.id, m.id), eq(messages.status, 'sending')))
      .returning({ id: messages.id });
    if (campaign && marked.length > 0) await campaignMailSent(tx, consent.id, campaign.campaign.id, now);
  });
  return 'sent';
}
