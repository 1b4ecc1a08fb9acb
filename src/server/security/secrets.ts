/**
 * The server secret, for tokens and for keyed hashes of rate-limit keys. From RONDKOMEN_SECRET,
 * which production requires: a secret kept in the same database as the token hashes and the hashed
 * addresses would let whoever holds a backup make every mail link and reverse the hashes. Only in
 * development is one created once and kept in the database, so that every instance uses the same one.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appState } from '../db/schema.ts';

export const MIN_SECRET_LENGTH = 32;

/** Why the server must not start with this environment's secret, or undefined when it may. */
export function secretProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const secret = env.RONDKOMEN_SECRET ?? '';
  const make = 'make one with `openssl rand -base64 48` and keep it outside the database';
  if (secret !== '' && secret.length < MIN_SECRET_LENGTH)
    return `RONDKOMEN_SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters (${make}).`;
  if (secret === '' && env.NODE_ENV === 'production')
    return `RONDKOMEN_SECRET is not set. In production (NODE_ENV=production) the server needs its own secret for mail links and hashed addresses: ${make}.`;
  return undefined;
}

export async function loadSecret(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const problem = secretProblem(env);
  if (problem) throw new Error(problem);
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
 * job can recreate the link. Knowing the database alone does not give the tokens (with the secret in
 * RONDKOMEN_SECRET, as production requires).
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
