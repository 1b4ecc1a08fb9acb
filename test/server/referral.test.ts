/**
 * Warm referrals against real databases: a volunteer's referral lands in the worklist of the
 * resident's municipality and nowhere else, with the household, the contact details and the
 * reference number; organisations see only counts, with small counts suppressed.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadOrganisations } from '../../src/content/organisations.ts';
import { cases, consents, messages, staff, takeUpEvents } from '../../src/server/db/schema.ts';
import { createReferral, isReference, organisationFigures, SMALL_COUNT } from '../../src/server/referral/referral.ts';
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

  servicesPerBlock(target, { empty: [messages, consents, takeUpEvents, staff] }, (f) => ({ db, s } = f));
  beforeEach(async () => {
    assen = await staffUser(s, 'GM0106', 'caseworker');
    nijkerk = await staffUser(s, 'GM0267', 'caseworker');
  });

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
});
