/** A reminder, a few days after the request, for a request that is still not confirmed. One per request. */
import { and, eq } from 'drizzle-orm';
import { consents } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { enqueueMessage } from '../messages/enqueue.ts';

export async function remind(s: Services, requestId: string): Promise<boolean> {
  const db = s.database.db;
  const [c] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.requestId, requestId), eq(consents.status, 'pending')));
  if (!c || c.confirmBefore < s.now()) return false;
  const id = await db.transaction((tx) =>
    enqueueMessage(s, tx, {
      consentId: c.id,
      kind: 'reminder',
      dedupeKey: `reminder:${requestId}`,
      language: c.language,
      template: 'reminder',
    }),
  );
  return id !== undefined;
}
