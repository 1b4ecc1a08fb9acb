/**
 * Reference numbers (RK-XXXX-XXXX) a resident quotes on the phone: given for a volunteer's referral
 * and for a request to be called without an e-mail address. No 0/O, 1/I/L; 31^8 possibilities.
 */
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { consents } from '../db/schema.ts';

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newReference(): string {
  const part = () => Array.from({ length: 4 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  return `RK-${part()}-${part()}`;
}

export function isReference(value: string): boolean {
  return /^RK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/.test(value);
}

/** A reference no consent holds yet (a clash in 31^8 is rare; after a few tries the unique index decides). */
export async function freeReference(db: Db): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const [taken] = await db.select({ id: consents.id }).from(consents).where(eq(consents.reference, reference));
    if (!taken || attempt >= 5) return reference;
  }
}
