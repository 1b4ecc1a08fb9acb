/**
 * Desk codes: a municipality's admins issue a code to a partner organisation's desk (a library, a
 * welfare organisation) and can revoke it. A referral that carries a valid code for its organisation
 * is taken as consent given in person; without one, the resident confirms by mail like on the site
 * (referral.ts). The code is shown once; only a keyed hash is kept. Issuing, revoking and every use
 * are in the issuing municipality's audit log.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { audit } from '../audit/log.ts';
import type { Organisations } from '../../content/organisations.ts';
import { keyedHash } from '../security/secrets.ts';
import { deskCodes } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { isUuid } from '../staff/accounts.ts';
import { temporaryPassword } from '../staff/passwords.ts';
import type { ConsoleUser } from '../staff/sessions.ts';

export type DeskCode = Omit<typeof deskCodes.$inferSelect, 'codeHash'>;

const codeHash = (s: Services, code: string): string => keyedHash(s.secret, `desk-code:${code.trim().toLowerCase()}`);

export type IssueOutcome = { ok: true; id: string; code: string } | { ok: false; fields: ('organisation' | 'label')[] };

/** Issues a code for one of the municipality's own organisations; the code is returned once. */
export async function issueDeskCode(
  s: Services,
  user: ConsoleUser,
  organisations: Organisations,
  input: { organisation: string; label: string },
): Promise<IssueOutcome> {
  const fields: ('organisation' | 'label')[] = [];
  const organisation = Object.hasOwn(organisations, input.organisation) ? organisations[input.organisation] : undefined;
  if (!organisation || organisation.municipality !== user.municipality) fields.push('organisation');
  const label = input.label.trim();
  if (label.length < 2 || label.length > 100) fields.push('label');
  if (fields.length > 0 || !organisation) return { ok: false, fields };
  const code = temporaryPassword();
  const now = s.now();
  const id = await s.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deskCodes)
      .values({
        municipality: user.municipality,
        organisation: organisation.code,
        label,
        codeHash: codeHash(s, code),
        createdBy: user.id,
        createdAt: now,
      })
      .returning({ id: deskCodes.id });
    await audit(tx, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'desk-code.create',
      subjectType: 'desk-code',
      subjectId: row!.id,
      details: { organisation: organisation.code },
      at: now,
    });
    return row!.id;
  });
  return { ok: true, id, code };
}

/** The codes of the municipality, newest first, without their hashes. */
export async function listDeskCodes(s: Services, user: ConsoleUser): Promise<DeskCode[]> {
  return s.database.db
    .select({
      id: deskCodes.id,
      municipality: deskCodes.municipality,
      organisation: deskCodes.organisation,
      label: deskCodes.label,
      createdBy: deskCodes.createdBy,
      createdAt: deskCodes.createdAt,
      lastUsedAt: deskCodes.lastUsedAt,
      revokedAt: deskCodes.revokedAt,
    })
    .from(deskCodes)
    .where(eq(deskCodes.municipality, user.municipality))
    .orderBy(desc(deskCodes.createdAt));
}

/** Revokes a code of the municipality at once; false when there is no such open code. */
export async function revokeDeskCode(s: Services, user: ConsoleUser, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const now = s.now();
  return s.database.db.transaction(async (tx) => {
    const revoked = await tx
      .update(deskCodes)
      .set({ revokedAt: now })
      .where(and(eq(deskCodes.id, id), eq(deskCodes.municipality, user.municipality), isNull(deskCodes.revokedAt)))
      .returning({ id: deskCodes.id });
    if (revoked.length === 0) return false;
    await audit(tx, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'desk-code.revoke',
      subjectType: 'desk-code',
      subjectId: id,
      at: now,
    });
    return true;
  });
}

/**
 * The open code for `organisation` that matches `code`, marked as used and logged (in the issuing
 * municipality, with the municipality the referral went to); undefined for a wrong, revoked or other
 * organisation's code.
 */
export async function useDeskCode(
  s: Services,
  organisation: string,
  code: string,
  referral: { municipality: string },
): Promise<DeskCode | undefined> {
  const db = s.database.db;
  const now = s.now();
  const [row] = await db
    .update(deskCodes)
    .set({ lastUsedAt: now })
    .where(
      and(eq(deskCodes.codeHash, codeHash(s, code.slice(0, 100))), eq(deskCodes.organisation, organisation), isNull(deskCodes.revokedAt)),
    )
    .returning();
  if (!row) return undefined;
  await audit(db, {
    municipality: row.municipality,
    staffId: null,
    action: 'desk-code.used',
    subjectType: 'desk-code',
    subjectId: row.id,
    details: { organisation, referredTo: referral.municipality },
    at: now,
  });
  return {
    id: row.id,
    municipality: row.municipality,
    organisation: row.organisation,
    label: row.label,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
