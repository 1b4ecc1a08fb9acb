/**
 * Helpers for the console's server tests: residents who ask to be contacted through the real consent
 * code (request, then confirmation), and signed-in staff through the real account and session code.
 */
import { confirmConsent, withdrawConsent } from '../../src/server/consent/confirm.ts';
import { requestConsent } from '../../src/server/consent/request.ts';
import { token } from '../../src/server/security/secrets.ts';
import { CONSENT_TEXT_VERSION, type ConsentRequest } from '../../src/contract/consent.ts';
import { consents } from '../../src/server/db/schema.ts';
import type { StaffRole } from '../../src/server/db/schema.ts';
import type { Services } from '../../src/server/services.ts';
import { addStaff } from '../../src/server/staff/accounts.ts';
import { createSession, loadSession, type ConsoleUser } from '../../src/server/staff/sessions.ts';
import { eq } from 'drizzle-orm';

let ip = 0;
let mail = 0;

/** A single parent in Assen with two children (8 and 14), low income: many schemes flagged. */
export const ankHousehold = (municipality = 'GM0106', overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  municipality,
  people: [
    { id: 'ank', role: 'applicant', age: 38 },
    { id: 'c1', role: 'child', age: 8 },
    { id: 'c2', role: 'child', age: 14 },
  ],
  incomes: [
    { person: 'ank', type: 'wages', amount: 900, period: 'month', basis: 'net' },
    { person: 'ank', type: 'bijstand', amount: 420, period: 'month', basis: 'net' },
  ],
  housing: { type: 'rent', rent: 650 },
  ...overrides,
});

export interface Resident {
  requestId: string;
  consentId: string;
  email: string;
}

/** A resident who asked to be contacted and confirmed it. */
export async function resident(s: Services, overrides: Partial<ConsentRequest> = {}, confirm = true): Promise<Resident> {
  const email = overrides.email ?? `resident${++mail}@example.org`;
  const request: ConsentRequest = {
    email,
    purposes: ['contact'],
    schemeIds: ['individuele-inkomenstoeslag', 'kwijtschelding'],
    municipality: 'GM0106',
    language: 'nl',
    shareHousehold: false,
    consentTextVersion: CONSENT_TEXT_VERSION,
    source: 'resident',
    ...overrides,
  };
  const r = await requestConsent(s, request, { ip: `198.51.100.${++ip % 250}-${ip}` });
  if (!r.ok) throw new Error(`request refused: ${JSON.stringify(r)}`);
  if (confirm) await confirmConsent(s, token(s.secret, 'confirm', r.requestId));
  const rows = await s.database.db.select().from(consents).where(eq(consents.requestId, r.requestId));
  const contact = rows.find((c) => c.purpose === 'contact') ?? rows[0]!;
  return { requestId: r.requestId, consentId: contact.id, email };
}

/** A resident who asked on the site to be called, with only a phone number (pending until the call). */
export async function caller(
  s: Services,
  phone: string,
  overrides: Partial<ConsentRequest> = {},
): Promise<Resident & { reference: string }> {
  const r = await requestConsent(
    s,
    {
      phone,
      purposes: ['contact'],
      schemeIds: ['individuele-inkomenstoeslag', 'kwijtschelding'],
      municipality: 'GM0106',
      language: 'nl',
      shareHousehold: false,
      consentTextVersion: CONSENT_TEXT_VERSION,
      source: 'resident',
      ...overrides,
    },
    { ip: `198.51.100.${++ip % 250}-${ip}` },
  );
  if (!r.ok || r.channel !== 'phone') throw new Error(`call request refused: ${JSON.stringify(r)}`);
  const [row] = await s.database.db.select().from(consents).where(eq(consents.requestId, r.requestId));
  return { requestId: r.requestId, consentId: row!.id, email: '', reference: r.reference };
}

export async function withdraw(s: Services, r: Resident): Promise<void> {
  await withdrawConsent(s, token(s.secret, 'withdraw', r.requestId));
}

/** A member of staff with a role in a municipality, signed in. */
export async function staffUser(s: Services, municipality: string, role: StaffRole, email?: string): Promise<ConsoleUser> {
  const address = email ?? `${role}.${municipality.toLowerCase()}.${++mail}@gemeente.example`;
  const added = await addStaff(s, municipality, {
    email: address,
    name: `${role} ${municipality}`,
    role,
    password: 'een lange zin als wachtwoord',
  });
  if (!added.ok) throw new Error(`staff refused: ${JSON.stringify(added)}`);
  const session = await createSession(s, added.staffId, municipality);
  const user = await loadSession(s, session.token);
  if (!user) throw new Error('session did not load');
  return user;
}
