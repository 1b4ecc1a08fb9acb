/**
 * The server secret, for tokens and for keyed hashes of rate-limit keys. From RONDKOMEN_SECRET, or
 * created once and kept in the database so that every instance uses the same one.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appState } from '../db/schema.ts';

export async function loadSecret(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  if (env.RONDKOMEN_SECRET) return Buffer.from(env.RONDKOMEN_SECRET, 'utf8');
  await db
    .insert(appState)
    .values({ key: 'secret', value: randomBytes(32).toString('base64') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appState).where(eq(appState.key, 'secret'));
  return Buffer.from(String(row!.value), 'base64');
}

export type TokenPurpose = 'confirm' | 'withdraw';

/**
 * A token derived from the secret and the request id: the database keeps only its hash, yet a mail
 * job can recreate the link. Knowing the database alone does not give the tokens.
 */
export function token(secret: Buffer, purpose: TokenPurpose, requestId: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${requestId}`).digest('base64url');
}

export function hashToken(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A keyed hash for rate-limit keys, so the table never holds an address or an IP. */
export function keyedHash(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url').slice(0, 32);
}
