/**
 * The message log's door: every mail to a resident (confirmation, reminder, rule change, outreach,
 * campaign) is a `messages` row with a send job, made here in the caller's transaction; send.ts sends
 * it from the queue.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import { LANGUAGES } from '../../contract/household.ts';
import type { Db } from '../db/client.ts';
import { messages } from '../db/schema.ts';
import { templateVersion } from '../mail/templates.ts';
import { QUEUES } from '../queue/queues.ts';
import type { Services } from '../services.ts';

/**
 * Creates a message row and its send job in the caller's transaction. The unique dedupe key makes a
 * second call for the same consent and purpose a no-op: one mail per consent per purpose or campaign.
 */
export async function enqueueMessage(
  s: Services,
  tx: Db,
  m: {
    consentId: string;
    kind: 'confirmation' | 'reminder' | 'rule-change' | 'outreach' | 'campaign';
    dedupeKey: string;
    language: string;
    template: Parameters<typeof templateVersion>[0];
    campaignId?: string;
  },
): Promise<string | undefined> {
  // The consent's language came through the request schema; a row that holds another is corrupt.
  const language = LANGUAGES.find((l) => l === m.language);
  if (!language) throw new Error(`message for consent ${m.consentId}: unknown language ${m.language}`);
  const id = randomUUID();
  const inserted = await tx
    .insert(messages)
    .values({
      id,
      consentId: m.consentId,
      kind: m.kind,
      campaignId: m.campaignId ?? null,
      dedupeKey: m.dedupeKey,
      messageId: `${id}@${s.config.mailDomain}`,
      language: m.language,
      templateVersion: templateVersion(m.template, language),
    })
    .onConflictDoNothing({ target: messages.dedupeKey })
    .returning({ id: messages.id });
  if (inserted.length === 0) return undefined;
  await s.boss.send(QUEUES.send, { message: id }, { db: fromDrizzle(tx, sql) });
  return id;
}
