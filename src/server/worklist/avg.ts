/**
 * A resident's rights under the AVG (GDPR), exercised through staff: a copy of everything Rondkomen
 * holds about them (art. 15 and 20: the consents, the case with its notes and history, the mails, and
 * who at the municipality looked at it), and deletion (art. 17). Staff find the resident by e-mail
 * address, or by the reference number of a volunteer's referral (residents referred by phone have no
 * address), in a POST form, never in a URL, and only within their own municipality.
 *
 * Deletion goes through the same code as the resident's own withdrawal (withdrawConsent): queued mail
 * is skipped, the consents go, and with them the case and its history.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { audit } from '../audit/log.ts';
import { auditLog, caseEvents, cases, consents, messages, staff } from '../db/schema.ts';
import { withdrawConsent } from '../consent/confirm.ts';
import { keyedHash, token } from '../security/secrets.ts';
import { inTransaction, type Services } from '../services.ts';
import { isReference } from '../consent/reference.ts';
import { emailSchema, isUuid, normaliseEmail } from '../staff/accounts.ts';
import type { ConsoleUser } from '../staff/sessions.ts';

export interface RequestSummary {
  requestId: string;
  /** The contact consent (the case id), when the request has one. */
  caseId: string | undefined;
  purposes: string[];
  status: string;
  createdAt: Date;
}

/** What staff look a resident up by: an e-mail address, or a reference number such as RK-7K4M-2QXP. */
export function personKey(input: string): { email: string } | { reference: string } | undefined {
  const reference = input.trim().toUpperCase();
  if (isReference(reference)) return { reference };
  const email = normaliseEmail(input);
  return emailSchema.safeParse(email).success ? { email } : undefined;
}

/**
 * The resident's requests in the person's municipality, by e-mail address or reference number: an
 * AVG lookup, logged with it (`attempt`: what the staff member was doing when they searched).
 */
export async function findRequests(
  s: Services,
  user: ConsoleUser,
  key: string,
  attempt: 'avg.search' | 'case.export' = 'avg.search',
): Promise<RequestSummary[]> {
  return inTransaction(s, async (tx) => {
    const found = await requestsOf(tx, user, key);
    await auditAvgLookup(tx, user, key, attempt, found);
    return found;
  });
}

async function requestsOf(s: Services, user: ConsoleUser, key: string): Promise<RequestSummary[]> {
  const person = personKey(key);
  if (!person) return [];
  const rows = await s.database.db
    .select()
    .from(consents)
    .where(
      and(
        eq(consents.municipality, user.municipality),
        'reference' in person ? eq(consents.reference, person.reference) : eq(consents.email, person.email),
      ),
    )
    .orderBy(asc(consents.createdAt));
  const byRequest = new Map<string, RequestSummary>();
  for (const c of rows) {
    const r = byRequest.get(c.requestId) ?? {
      requestId: c.requestId,
      caseId: undefined,
      purposes: [],
      status: c.status,
      createdAt: c.createdAt,
    };
    r.purposes.push(c.purpose);
    if (c.purpose === 'contact') r.caseId = c.id;
    byRequest.set(c.requestId, r);
  }
  return [...byRequest.values()];
}

/**
 * Logs an AVG lookup (search, export or deletion). The person's municipality gets the entry with
 * what was found and a keyed hash of what was searched, never the address itself, so an officer can
 * see that two lookups were for the same resident. When nothing was found here but another
 * municipality holds the resident, that municipality gets an `access-denied` entry: it learns that
 * someone elsewhere looked its resident up, while the person who searched learns nothing.
 */
async function auditAvgLookup(
  s: Services,
  user: ConsoleUser,
  key: string,
  attempt: 'avg.search' | 'case.export' | 'case.delete',
  found: RequestSummary[],
): Promise<void> {
  const person = personKey(key);
  if (!person) return;
  const db = s.database.db;
  const searched = keyedHash(s.secret, `avg:${'reference' in person ? person.reference : person.email}`);
  await audit(db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'avg.search',
    details: { attempt, found: found.length, consents: found.map((r) => r.caseId).filter(Boolean), searched },
  });
  if (found.length > 0) return;
  const elsewhere = await db
    .selectDistinct({ municipality: consents.municipality })
    .from(consents)
    .where(
      and(
        ne(consents.municipality, user.municipality),
        'reference' in person ? eq(consents.reference, person.reference) : eq(consents.email, person.email),
      ),
    );
  for (const { municipality } of elsewhere) {
    await audit(db, {
      municipality,
      staffId: user.id,
      action: 'access-denied',
      details: { attempt, status: 200, from: user.municipality, searched },
    });
  }
}

/** The request a consent belongs to, if it is in the person's municipality. */
async function requestOf(s: Services, user: ConsoleUser, consentId: string): Promise<string | undefined> {
  if (!isUuid(consentId)) return undefined;
  const [c] = await s.database.db
    .select({ requestId: consents.requestId })
    .from(consents)
    .where(and(eq(consents.id, consentId), eq(consents.municipality, user.municipality)));
  return c?.requestId;
}

/** Everything held about the requests, in a form the resident can read and take elsewhere (JSON). */
async function exportRequests(s: Services, user: ConsoleUser, requestIds: string[]): Promise<Record<string, unknown>> {
  const db = s.database.db;
  const rows =
    requestIds.length === 0
      ? []
      : await db
          .select()
          .from(consents)
          .where(and(eq(consents.municipality, user.municipality), inArray(consents.requestId, requestIds)))
          .orderBy(asc(consents.createdAt));
  const ids = rows.map((c) => c.id);
  const caseRows = ids.length ? await db.select().from(cases).where(inArray(cases.consentId, ids)) : [];
  const events = ids.length
    ? await db
        .select({ consentId: caseEvents.consentId, at: caseEvents.at, by: staff.name, type: caseEvents.type, data: caseEvents.data })
        .from(caseEvents)
        .leftJoin(staff, eq(staff.id, caseEvents.staffId))
        .where(inArray(caseEvents.consentId, ids))
        .orderBy(asc(caseEvents.at))
    : [];
  const mails = ids.length
    ? await db
        .select({
          consentId: messages.consentId,
          kind: messages.kind,
          status: messages.status,
          language: messages.language,
          createdAt: messages.createdAt,
          sentAt: messages.sentAt,
        })
        .from(messages)
        .where(inArray(messages.consentId, ids))
        .orderBy(asc(messages.createdAt))
    : [];
  const access = ids.length
    ? await db
        .select({ at: auditLog.at, by: staff.name, action: auditLog.action, subject: auditLog.subjectId })
        .from(auditLog)
        .leftJoin(staff, eq(staff.id, auditLog.staffId))
        .where(and(eq(auditLog.municipality, user.municipality), inArray(auditLog.subjectId, ids)))
        .orderBy(asc(auditLog.at))
    : [];
  const municipality = s.rulebook.places[user.municipality]?.name ?? user.municipality;
  return {
    about: `Gegevens die Rondkomen namens de gemeente ${municipality} over u bewaart (AVG artikel 15 en 20).`,
    exportedAt: s.now().toISOString(),
    municipality: { code: user.municipality, name: municipality },
    consents: rows.map((c) => ({
      id: c.id,
      requestId: c.requestId,
      purpose: c.purpose,
      status: c.status,
      email: c.email,
      phone: c.phone,
      language: c.language,
      schemes: c.schemeIds,
      source: c.source,
      organisation: c.organisation,
      consentTextVersion: c.consentTextVersion,
      household: c.household,
      result: c.result,
      rulebookVersion: c.rulebookVersion,
      createdAt: c.createdAt,
      confirmedAt: c.confirmedAt,
      closedAt: c.closedAt,
      deleteAtLatest: c.expiresAt,
    })),
    cases: caseRows.map((k) => ({
      id: k.consentId,
      status: k.status,
      outcomes: k.outcomes,
      openedAt: k.createdAt,
      updatedAt: k.updatedAt,
      history: events.filter((e) => e.consentId === k.consentId).map((e) => ({ at: e.at, by: e.by, type: e.type, data: e.data })),
    })),
    mails: mails.map(({ consentId, ...m }) => ({ consent: consentId, ...m })),
    access: access.map((a) => ({ at: a.at, by: a.by, action: a.action, record: a.subject })),
  };
}

/** Everything held about the request a case belongs to (AVG access); the export is logged with it. */
export async function exportCase(s: Services, user: ConsoleUser, consentId: string): Promise<Record<string, unknown> | undefined> {
  return inTransaction(s, async (tx) => {
    const requestId = await requestOf(tx, user, consentId);
    if (!requestId) return undefined;
    const data = await exportRequests(tx, user, [requestId]);
    await audit(tx.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'case.export',
      subjectType: 'consent',
      subjectId: consentId,
    });
    return data;
  });
}

/** Everything held about a person (by e-mail address or reference number); the export is logged with it. */
export async function exportPerson(s: Services, user: ConsoleUser, email: string): Promise<Record<string, unknown> | undefined> {
  return inTransaction(s, async (tx) => {
    const requests = await requestsOf(tx, user, email);
    if (requests.length === 0) return undefined;
    const data = await exportPersonRequests(tx, user, requests);
    const ids = (data.consents as { id: string }[]).map((c) => c.id);
    await audit(tx.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'case.export',
      subjectType: 'consent',
      subjectId: ids[0],
      details: { consents: ids },
    });
    return data;
  });
}

function exportPersonRequests(s: Services, user: ConsoleUser, requests: RequestSummary[]): Promise<Record<string, unknown>> {
  return exportRequests(
    s,
    user,
    requests.map((r) => r.requestId),
  );
}

/** Deletes every consent of the request (and so the case); returns the ids that went. */
export async function deleteCase(s: Services, user: ConsoleUser, consentId: string): Promise<string[] | undefined> {
  const requestId = await requestOf(s, user, consentId);
  if (!requestId) return undefined;
  const ids = (await s.database.db.select({ id: consents.id }).from(consents).where(eq(consents.requestId, requestId))).map((r) => r.id);
  await withdrawConsent(s, token(s.secret, 'withdraw', requestId));
  await audit(s.database.db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'case.delete',
    subjectType: 'consent',
    subjectId: consentId,
    details: { consents: ids },
  });
  return ids;
}

export async function deletePerson(s: Services, user: ConsoleUser, email: string): Promise<string[]> {
  const deleted: string[] = [];
  for (const r of await requestsOf(s, user, email)) {
    const ids = (await s.database.db.select({ id: consents.id }).from(consents).where(eq(consents.requestId, r.requestId))).map(
      (x) => x.id,
    );
    await withdrawConsent(s, token(s.secret, 'withdraw', r.requestId));
    deleted.push(...ids);
  }
  if (deleted.length > 0)
    await audit(s.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'case.delete',
      subjectType: 'consent',
      subjectId: deleted[0],
      details: { consents: deleted },
    });
  else await auditAvgLookup(s, user, email, 'case.delete', []);
  return deleted;
}
