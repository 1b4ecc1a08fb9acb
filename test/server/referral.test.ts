/**
 * Warm referrals against real databases: a volunteer's referral with the desk code of their
 * organisation lands in the worklist of the resident's municipality and nowhere else, with the
 * household, the contact details and the reference number; without a valid code it is a contact
 * request the resident confirms by mail, like on the site; organisations see only counts of
 * referrals made with a code, with small counts suppressed.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadOrganisations, type Organisations } from '../../src/content/organisations.ts';
import { auditLog, cases, consents, deskCodes, messages, staff, takeUpEvents } from '../../src/server/db/schema.ts';
import { confirmConsent } from '../../src/server/consent/confirm.ts';
import { token } from '../../src/server/security/secrets.ts';
import { issueDeskCode, revokeDeskCode } from '../../src/server/referral/desk-codes.ts';
import { syncCases } from '../../src/server/worklist/cases.ts';
import { createReferral as createAnyReferral, isReference, organisationFigures, SMALL_COUNT } from '../../src/server/referral/referral.ts';
import type { ConsoleUser } from '../../src/server/staff/sessions.ts';
import { deletePerson, exportPerson, findRequests } from '../../src/server/worklist/avg.ts';
import { getCase, listCases, setStatus } from '../../src/server/worklist/cases.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { ankHousehold, resident, staffUser } from './console-support.ts';

const organisations = loadOrganisations(new Set(['GM0106', 'GM0267', 'GM1680', 'GM1708', 'GM1730']));
const page = { offset: 0, limit: 50 };
let ip = 0;
const desk = () => ({ ip: `203.0.113.${++ip}` });

describe.each(testDatabases)('warm referrals on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let assen: ConsoleUser;
  let nijkerk: ConsoleUser;

  let codes: Record<string, string>;

  servicesPerBlock(target, { empty: [messages, consents, takeUpEvents, deskCodes, staff, auditLog] }, (f) => ({ db, s } = f));
  beforeEach(async () => {
    assen = await staffUser(s, 'GM0106', 'caseworker');
    nijkerk = await staffUser(s, 'GM0267', 'caseworker');
    codes = {};
    for (const organisation of ['bibliotheek-assen', 'humanitas-assen']) {
      const issued = await issueDeskCode(s, assen, organisations, { organisation, label: 'Balie' });
      if (!issued.ok) throw new Error(JSON.stringify(issued));
      codes[organisation] = issued.code;
    }
  });

  /** A referral at the desk, with the organisation's code: confirmed at once. */
  const createReferral = async (sv: TestServices, input: Record<string, unknown>, orgs: Organisations, client: { ip: string }) => {
    const r = await createAnyReferral(sv, { deskCode: codes[String(input.organisation)] ?? 'geen-code', ...input }, orgs, client);
    if (r.ok && !r.confirmed) throw new Error('a referral with a desk code was not confirmed');
    return r as Exclude<typeof r, { confirmed: false }>;
  };

  it('puts the referral in the worklist of the resident’s municipality only, with a reference and without e-mail', async () => {
    const r = await createReferral(
      s,
      {
        organisation: 'bibliotheek-assen',
        household: ankHousehold('GM0106'),
        phone: '06 12345678',
        language: 'ar',
        schemeIds: [],
        consent: true,
      },
      organisations,
      desk(),
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.municipality).toBe('GM0106');
    expect(isReference(r.reference)).toBe(true);

    const mine = await listCases(s, assen, { status: 'open', sort: 'oldest' }, page);
    expect(mine.rows.map((x) => x.consentId)).toEqual([r.consentId]);
    expect(mine.rows[0]).toMatchObject({ source: 'volunteer', organisation: 'bibliotheek-assen', language: 'ar', status: 'new' });
    const other = await listCases(s, nijkerk, { status: 'all', sort: 'oldest' }, page);
    expect(other.rows).toEqual([]);
    expect(await getCase(s, nijkerk, r.consentId)).toBeUndefined();

    const detail = await getCase(s, assen, r.consentId);
    expect(detail?.consent).toMatchObject({
      email: null,
      phone: '06 12345678',
      reference: r.reference,
      status: 'confirmed',
      channel: 'phone',
      source: 'volunteer',
    });
    expect(detail?.consent.household).toMatchObject({ municipality: 'GM0106' });
    // Flagged schemes of the snapshot become the case's schemes.
    expect((detail?.consent.result?.schemes ?? []).length).toBeGreaterThan(0);
    // No mail is queued for a referral without an e-mail address.
    expect(await db.db.select().from(messages)).toEqual([]);
  });

  it('lets staff find, export and delete a referral without e-mail by its reference number, in their own municipality only', async () => {
    const r = await createReferral(
      s,
      {
        organisation: 'bibliotheek-assen',
        household: ankHousehold('GM0106'),
        phone: '06 12345678',
        language: 'nl',
        schemeIds: [],
        consent: true,
      },
      organisations,
      desk(),
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    const typed = ` ${r.reference.toLowerCase()} `;
    expect((await findRequests(s, assen, typed)).map((x) => x.caseId)).toEqual([r.consentId]);
    expect(await findRequests(s, nijkerk, r.reference)).toEqual([]);
    expect(await findRequests(s, assen, 'RK-2222-2222')).toEqual([]);
    const exported = await exportPerson(s, assen, r.reference);
    expect((exported!.consents as { phone: string | null }[]).map((c) => c.phone)).toEqual(['06 12345678']);
    expect(await deletePerson(s, nijkerk, r.reference)).toEqual([]);
    expect(await deletePerson(s, assen, r.reference)).toEqual([r.consentId]);
    expect(await findRequests(s, assen, r.reference)).toEqual([]);
  });

  it('sends a resident of another municipality to that municipality, whoever referred them', async () => {
    const r = await createReferral(
      s,
      {
        organisation: 'bibliotheek-assen',
        household: ankHousehold('GM0267'),
        email: 'Ank@Example.org',
        language: 'nl',
        schemeIds: [],
        consent: true,
      },
      organisations,
      desk(),
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.municipality).toBe('GM0267');
    expect((await listCases(s, nijkerk, { status: 'open', sort: 'oldest' }, page)).rows.map((x) => x.consentId)).toEqual([r.consentId]);
    expect((await listCases(s, assen, { status: 'all', sort: 'oldest' }, page)).rows).toEqual([]);
    const [row] = await db.db.select().from(consents).where(eq(consents.id, r.consentId));
    expect(row?.email).toBe('ank@example.org');
  });

  it('refuses a referral without consent, without a way to reach the resident, or from an unknown organisation', async () => {
    const base = {
      organisation: 'humanitas-assen',
      household: ankHousehold(),
      phone: '0612345678',
      language: 'nl',
      schemeIds: [],
      consent: true,
    };
    expect(await createReferral(s, { ...base, consent: false }, organisations, desk())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['consent'],
    });
    expect(await createReferral(s, { ...base, phone: undefined }, organisations, desk())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['phone'],
    });
    expect(await createReferral(s, { ...base, phone: 'call me' }, organisations, desk())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['phone'],
    });
    expect(await createReferral(s, { ...base, organisation: 'nobody' }, organisations, desk())).toEqual({
      ok: false,
      reason: 'unknown-organisation',
    });
    expect(await db.db.select().from(cases)).toEqual([]);
  });

  it('gives organisations counts only: no personal data, small counts suppressed, other organisations apart', async () => {
    const ids: string[] = [];
    for (let i = 0; i < SMALL_COUNT + 1; i++) {
      const r = await createReferral(
        s,
        {
          organisation: 'humanitas-assen',
          household: ankHousehold(),
          phone: `06 1234 56${10 + i}`,
          email: `buddy${i}@example.org`,
          language: 'tr',
          schemeIds: [],
          consent: true,
        },
        organisations,
        desk(),
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      ids.push(r.consentId);
    }
    await setStatus(s, assen, ids[0]!, 'contacted');
    await setStatus(s, assen, ids[1]!, 'contacted');
    // A resident who came alone does not count for the organisation.
    await resident(s);
    const figures = await organisationFigures(s, 'humanitas-assen');
    expect(figures.stages.find((f) => f.stage === 'consented')).toEqual({ stage: 'consented', count: SMALL_COUNT + 1, suppressed: false });
    expect(figures.stages.find((f) => f.stage === 'contacted')).toEqual({ stage: 'contacted', count: undefined, suppressed: true });
    expect(figures.stages.find((f) => f.stage === 'granted')).toEqual({ stage: 'granted', count: 0, suppressed: false });
    const text = JSON.stringify(figures);
    for (const needle of ['@', '06 1234', 'RK-', ...ids]) expect(text).not.toContain(needle);
    expect(Object.keys(figures).sort()).toEqual(['organisation', 'stages']);
    expect((await organisationFigures(s, 'bibliotheek-assen')).stages.every((f) => f.count === 0)).toBe(true);
  });
  it('takes a referral without a desk code as a contact request the resident confirms by mail, for no organisation', async () => {
    const input = {
      organisation: 'bibliotheek-assen',
      household: ankHousehold('GM0106'),
      email: 'someone-else@victim.example',
      language: 'nl',
      schemeIds: [],
      consent: true,
    };
    const r = await createAnyReferral(s, input, organisations, desk());
    if (!r.ok || r.confirmed) throw new Error(JSON.stringify(r));
    const [row] = await db.db.select().from(consents).where(eq(consents.requestId, r.requestId));
    expect(row).toMatchObject({ status: 'pending', source: 'resident', organisation: null, municipality: 'GM0106' });
    expect((await db.db.select().from(messages)).map((m) => m.kind)).toEqual(['confirmation']);
    await syncCases(s);
    expect(await db.db.select().from(cases)).toEqual([]);
    expect((await organisationFigures(s, 'bibliotheek-assen')).stages.every((f) => f.count === 0)).toBe(true);
    // Only the resident's own confirmation opens the case.
    await confirmConsent(s, token(s.secret, 'confirm', r.requestId));
    await syncCases(s);
    expect((await listCases(s, assen, { status: 'open', sort: 'oldest' }, page)).rows).toHaveLength(1);
    expect((await organisationFigures(s, 'bibliotheek-assen')).stages.every((f) => f.count === 0)).toBe(true);
    // Without a code and without an e-mail address there is no way to confirm.
    expect(await createAnyReferral(s, { ...input, email: undefined, phone: '0612345678' }, organisations, desk())).toEqual({
      ok: false,
      reason: 'email-needed',
    });
  });

  it('refuses a wrong, revoked or other organisation’s desk code, and logs issuing, use and revocation', async () => {
    const input = {
      organisation: 'bibliotheek-assen',
      household: ankHousehold('GM0106'),
      phone: '0612345678',
      language: 'nl',
      schemeIds: [],
      consent: true,
    };
    for (const deskCode of ['aaaa-bbbb-cccc-dddd', codes['humanitas-assen']!]) {
      expect(await createAnyReferral(s, { ...input, deskCode }, organisations, desk())).toEqual({ ok: false, reason: 'desk-code' });
    }
    const ok = await createAnyReferral(s, { ...input, deskCode: codes['bibliotheek-assen']! }, organisations, desk());
    expect(ok).toMatchObject({ ok: true, confirmed: true });
    const [code] = await db.db.select().from(deskCodes).where(eq(deskCodes.organisation, 'bibliotheek-assen'));
    expect(code!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(code)).not.toContain(codes['bibliotheek-assen']!);
    expect(await revokeDeskCode(s, nijkerk, code!.id)).toBe(false);
    expect(await revokeDeskCode(s, assen, code!.id)).toBe(true);
    expect(await createAnyReferral(s, { ...input, deskCode: codes['bibliotheek-assen']! }, organisations, desk())).toEqual({
      ok: false,
      reason: 'desk-code',
    });
    expect(await db.db.select().from(cases)).toHaveLength(1);
    // A municipality issues codes to its own organisations only.
    expect(await issueDeskCode(s, nijkerk, organisations, { organisation: 'bibliotheek-assen', label: 'Balie' })).toEqual({
      ok: false,
      fields: ['organisation'],
    });
    const actions = (await db.db.select().from(auditLog).where(eq(auditLog.municipality, 'GM0106'))).map((a) => a.action).sort();
    expect(actions).toEqual(['desk-code.create', 'desk-code.create', 'desk-code.revoke', 'desk-code.used']);
  });
});
