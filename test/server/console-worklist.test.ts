/**
 * The worklist against real databases: cases open for confirmed contact requests only, staff see and
 * change only their own municipality's cases, statuses and outcomes are recorded with history and
 * counted once in the anonymous figures, closing starts the 30-day deletion, and AVG export and
 * deletion cover everything.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditTrail, audit } from '../../src/server/audit/log.ts';
import { purge } from '../../src/server/consent/retention.ts';
import { caseEvents, cases, consents, messages, staff, takeUpEvents } from '../../src/server/db/schema.ts';
import type { ConsoleUser } from '../../src/server/staff/sessions.ts';
import { dashboard } from '../../src/server/takeup/dashboard.ts';
import { deleteCase, deletePerson, exportCase, exportPerson, findRequests } from '../../src/server/worklist/avg.ts';
import {
  addNote,
  assignCase,
  getCase,
  listCases,
  parseFilters,
  setOutcomes,
  setStatus,
  statusCounts,
  syncCases,
  type WorklistFilters,
} from '../../src/server/worklist/cases.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type Clock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { ankHousehold, caller, resident, staffUser, withdraw } from './console-support.ts';
import { confirmCall, refuseCall } from '../../src/server/worklist/phone-requests.ts';

const open: WorklistFilters = { status: 'open', sort: 'oldest' };
const page = { offset: 0, limit: 50 };

describe.each(testDatabases)('the worklist on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let time: Clock;
  let assen: ConsoleUser;
  let assenViewer: ConsoleUser;
  let nijkerk: ConsoleUser;

  servicesPerBlock(target, { empty: [messages, consents, takeUpEvents, staff] }, (f) => ({ db, s, time } = f));
  beforeEach(async () => {
    assen = await staffUser(s, 'GM0106', 'caseworker');
    assenViewer = await staffUser(s, 'GM0106', 'viewer');
    nijkerk = await staffUser(s, 'GM0267', 'caseworker');
  });

  it('opens a case for each confirmed contact request, not for pending ones or rule-change only ones', async () => {
    const confirmed = await resident(s);
    await resident(s, {}, false);
    await resident(s, { purposes: ['rule-changes'], household: ankHousehold() });
    const both = await resident(s, { purposes: ['contact', 'rule-changes'], household: ankHousehold() });
    expect(await syncCases(s)).toBe(2);
    expect(await syncCases(s)).toBe(0);
    const list = await listCases(s, assen, open, page);
    expect(list.rows.map((r) => r.consentId).sort()).toEqual([confirmed.consentId, both.consentId].sort());
    expect(list.rows.every((r) => r.status === 'new')).toBe(true);
    // Each new case counts once as consented, for the resident and per scheme it is about.
    const events = await db.db.select().from(takeUpEvents);
    expect(events.filter((e) => e.schemeId === '*' && e.stage === 'consented')).toHaveLength(2);
    expect(events.filter((e) => e.schemeId === 'kwijtschelding' && e.stage === 'consented')).toHaveLength(2);
  });

  it('puts a request to be called on the worklist unconfirmed; the first call confirms it or deletes it', async () => {
    const yes = await caller(s, '06 1111 2222');
    const no = await caller(s, '06 3333 4444');
    const other = await caller(s, '06 5555 6666', { municipality: 'GM0267' });
    expect(await syncCases(s)).toBe(3);
    const list = await listCases(s, assen, open, page);
    expect(list.rows.map((r) => [r.consentId, r.awaitingCall]).sort()).toEqual(
      [
        [yes.consentId, true],
        [no.consentId, true],
      ].sort(),
    );
    // Not consented yet: nothing counted, and status and outcomes wait for the call.
    expect(await db.db.select().from(takeUpEvents)).toEqual([]);
    expect(await setStatus(s, assen, yes.consentId, 'contacted')).toBe('unconfirmed');
    expect(await setOutcomes(s, assen, yes.consentId, { kwijtschelding: { outcome: 'applied' } })).toBe('unconfirmed');
    // Another municipality's staff cannot confirm or delete it.
    expect(await confirmCall(s, nijkerk, yes.consentId)).toBe('not-found');
    expect(await refuseCall(s, nijkerk, no.consentId)).toBeUndefined();
    expect(await confirmCall(s, assen, other.consentId)).toBe('not-found');

    expect(await confirmCall(s, assen, yes.consentId)).toBe('ok');
    expect(await confirmCall(s, assen, yes.consentId)).toBe('unchanged');
    const [confirmed] = await db.db.select().from(consents).where(eq(consents.id, yes.consentId));
    expect(confirmed).toMatchObject({ status: 'confirmed', channel: 'phone', reference: yes.reference });
    const events = await db.db.select().from(takeUpEvents);
    expect(events.filter((e) => e.schemeId === '*' && e.stage === 'consented')).toHaveLength(1);
    expect(await setStatus(s, assen, yes.consentId, 'contacted')).toBe('ok');
    const detail = await getCase(s, assen, yes.consentId);
    expect(detail!.events.map((e) => e.type)).toEqual(expect.arrayContaining(['call', 'status']));
    // A confirmed case is not deleted this way (that is the AVG page's work).
    expect(await refuseCall(s, assen, yes.consentId)).toBeUndefined();

    expect(await refuseCall(s, assen, no.consentId)).toEqual([no.consentId]);
    expect(await db.db.select().from(consents).where(eq(consents.id, no.consentId))).toEqual([]);
    expect(await db.db.select().from(cases).where(eq(cases.consentId, no.consentId))).toEqual([]);
    const trail = await auditTrail(db.db, 'GM0106', yes.consentId);
    expect(trail.map((a) => a.action)).toContain('case.call-confirmed');
    const refused = await auditTrail(db.db, 'GM0106', no.consentId);
    expect(refused.map((a) => a.action)).toEqual(expect.arrayContaining(['case.delete', 'case.call-refused']));

    // Without the call, the request and its case go after 14 days.
    time.advanceDays(15);
    expect(await purge(s)).toMatchObject({ unconfirmed: 1 });
    expect(await db.db.select().from(cases).where(eq(cases.consentId, other.consentId))).toEqual([]);
  });

  it('opens cases in rounds, so a flood of replies (here 1,201) never makes one giant statement', async () => {
    const [one] = await db.db
      .select()
      .from(consents)
      .where(eq(consents.id, (await resident(s)).consentId));
    const rows = Array.from({ length: 1200 }, () => ({ ...one!, id: randomUUID(), requestId: randomUUID() }));
    for (let i = 0; i < rows.length; i += 400) await db.db.insert(consents).values(rows.slice(i, i + 400));
    expect(await syncCases(s)).toBe(1201);
    expect(await syncCases(s)).toBe(0);
    expect((await statusCounts(s, assen)).new).toBe(1201);
  });

  it('shows and changes a case only within the municipality of the session', async () => {
    const a = await resident(s);
    const n = await resident(s, { municipality: 'GM0267', schemeIds: ['kwijtschelding'] });
    await syncCases(s);
    expect((await listCases(s, assen, open, page)).rows.map((r) => r.consentId)).toEqual([a.consentId]);
    expect((await listCases(s, nijkerk, open, page)).rows.map((r) => r.consentId)).toEqual([n.consentId]);
    expect(await getCase(s, assen, n.consentId)).toBeUndefined();
    expect((await getCase(s, assen, a.consentId))!.consent.email).toBe(a.email);
    expect(await setStatus(s, assen, n.consentId, 'contacted')).toBe('not-found');
    expect(await assignCase(s, assen, n.consentId, assen.id)).toBe('not-found');
    expect(await addNote(s, assen, n.consentId, 'gebeld')).toBe('not-found');
    expect(await setOutcomes(s, assen, n.consentId, { kwijtschelding: { outcome: 'applied' } })).toBe('not-found');
    expect(await exportCase(s, assen, n.consentId)).toBeUndefined();
    expect(await deleteCase(s, assen, n.consentId)).toBeUndefined();
    expect(await findRequests(s, assen, n.email)).toEqual([]);
    // Nothing of Nijkerk's case changed.
    const [kase] = await db.db.select().from(cases).where(eq(cases.consentId, n.consentId));
    expect(kase).toMatchObject({ status: 'new', assignedTo: null });
    expect(await db.db.select().from(caseEvents).where(eq(caseEvents.consentId, n.consentId))).toEqual([]);
    // Nor can a caseworker be assigned to a case of another municipality, or a viewer at all.
    expect(await assignCase(s, assen, a.consentId, nijkerk.id)).toBe('invalid');
    expect(await assignCase(s, assen, a.consentId, assenViewer.id)).toBe('invalid');
    expect(await getCase(s, assen, 'not-a-uuid')).toBeUndefined();
  });

  it('filters by status, scheme, language, source, organisation, assignee and date', async () => {
    const nl = await resident(s, { schemeIds: ['kwijtschelding'] });
    time.advanceDays(2);
    const en = await resident(s, {
      language: 'en',
      schemeIds: ['individuele-inkomenstoeslag'],
      source: 'volunteer',
      organisation: 'Humanitas',
    });
    time.advanceDays(2);
    const tr = await resident(s, { language: 'tr', schemeIds: [], shareHousehold: true, household: ankHousehold() });
    await syncCases(s, 'GM0106');
    await assignCase(s, assen, en.consentId, assen.id);
    await setStatus(s, assen, nl.consentId, 'contacted');
    const ids = async (f: Partial<WorklistFilters>): Promise<string[]> =>
      (await listCases(s, assen, { ...open, ...f }, page)).rows.map((r) => r.consentId);
    expect(await ids({})).toEqual([nl.consentId, en.consentId, tr.consentId]);
    expect(await ids({ sort: 'newest' })).toEqual([tr.consentId, en.consentId, nl.consentId]);
    expect(await ids({ status: 'new' })).toEqual([en.consentId, tr.consentId]);
    expect(await ids({ scheme: 'kwijtschelding' })).toEqual([nl.consentId, tr.consentId]);
    expect(await ids({ language: 'en' })).toEqual([en.consentId]);
    expect(await ids({ source: 'volunteer' })).toEqual([en.consentId]);
    expect(await ids({ organisation: 'Humanitas' })).toEqual([en.consentId]);
    expect(await ids({ assigned: 'me' })).toEqual([en.consentId]);
    expect(await ids({ assigned: 'none' })).toEqual([nl.consentId, tr.consentId]);
    expect(await ids({ from: '2026-03-04' })).toEqual([en.consentId, tr.consentId]);
    expect(await ids({ to: '2026-03-04' })).toEqual([nl.consentId, en.consentId]);
    expect(
      parseFilters(new URLSearchParams('status=contacted&regeling=kwijtschelding&taal=en&van=2026-03-01&tot=nope&volgorde=nieuwste')),
    ).toEqual({
      status: 'contacted',
      scheme: 'kwijtschelding',
      language: 'en',
      source: undefined,
      organisation: undefined,
      assigned: undefined,
      from: '2026-03-01',
      to: undefined,
      sort: 'newest',
    });
    expect(await statusCounts(s, assen)).toMatchObject({ new: 2, contacted: 1 });
  });

  it('records status changes, notes and assignments in the history, closes and reopens, and counts each stage once', async () => {
    const r = await resident(s);
    await syncCases(s);
    const tick = (): void => time.set(new Date(time.now().getTime() + 60_000));
    expect(await setStatus(s, assen, r.consentId, 'contacted')).toBe('ok');
    expect(await setStatus(s, assen, r.consentId, 'contacted')).toBe('unchanged');
    tick();
    expect(await setStatus(s, assen, r.consentId, 'appointment')).toBe('ok');
    tick();
    expect(await setStatus(s, assen, r.consentId, 'contacted')).toBe('ok');
    tick();
    expect(await setStatus(s, assen, r.consentId, 'appointment')).toBe('ok');
    expect(await setStatus(s, assen, r.consentId, 'bogus')).toBe('invalid');
    tick();
    expect(await addNote(s, assen, r.consentId, 'Gebeld, afspraak op dinsdag.')).toBe('ok');
    expect(await addNote(s, assen, r.consentId, '   ')).toBe('invalid');
    expect(await addNote(s, assen, r.consentId, 'x'.repeat(4001))).toBe('invalid');
    tick();
    expect(await assignCase(s, assen, r.consentId, assen.id)).toBe('ok');
    const detail = (await getCase(s, assen, r.consentId))!;
    expect(detail.events.map((e) => e.type)).toEqual(['assigned', 'note', 'status', 'status', 'status', 'status']);
    expect(detail.events.find((e) => e.type === 'note')!.data).toEqual({ text: 'Gebeld, afspraak op dinsdag.' });
    expect(detail.assignee).toBe(assen.name);
    const stages = async (): Promise<Record<string, number>> => {
      const rows = await db.db.select().from(takeUpEvents).where(eq(takeUpEvents.schemeId, '*'));
      return rows.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.stage]: (acc[e.stage] ?? 0) + e.count }), {});
    };
    expect(await stages()).toEqual({ consented: 1, contacted: 1, appointment: 1 });

    expect(await setStatus(s, assen, r.consentId, 'granted')).toBe('ok');
    const [closed] = await db.db.select().from(consents).where(eq(consents.id, r.consentId));
    expect(closed!.closedAt).toEqual(time.now());
    expect(await stages()).toEqual({ consented: 1, contacted: 1, appointment: 1, applied: 1, granted: 1 });
    expect(await setStatus(s, assen, r.consentId, 'applied')).toBe('ok');
    const [reopened] = await db.db.select().from(consents).where(eq(consents.id, r.consentId));
    expect(reopened!.closedAt).toBeNull();
    await setStatus(s, assen, r.consentId, 'closed');
    // 30 days after closing, the purge deletes the consent, and with it the case and its history.
    time.advanceDays(29);
    expect((await purge(s)).closed).toBe(0);
    time.advanceDays(2);
    expect((await purge(s)).closed).toBe(1);
    expect(await db.db.select().from(cases).where(eq(cases.consentId, r.consentId))).toEqual([]);
    expect(await db.db.select().from(caseEvents).where(eq(caseEvents.consentId, r.consentId))).toEqual([]);
    // The anonymous figures stay.
    expect(await stages()).toEqual({ consented: 1, contacted: 1, appointment: 1, applied: 1, granted: 1 });
  });

  it('counts outcomes per scheme with the granted amount, and corrects the figures when an outcome changes', async () => {
    const r = await resident(s, {
      schemeIds: ['individuele-inkomenstoeslag', 'kwijtschelding'],
      source: 'volunteer',
      organisation: 'Humanitas',
    });
    await syncCases(s);
    expect(
      await setOutcomes(s, assen, r.consentId, {
        'individuele-inkomenstoeslag': { outcome: 'granted', yearly: 32_500 },
        kwijtschelding: { outcome: 'applied' },
      }),
    ).toBe('ok');
    expect(await setOutcomes(s, assen, r.consentId, { 'geen-regeling': { outcome: 'applied' } })).toBe('invalid');
    expect(await setOutcomes(s, assen, r.consentId, { kwijtschelding: { outcome: 'granted', yearly: -1 } })).toBe('invalid');
    const period = { from: '2026-01-01', to: '2026-12-31' };
    let d = await dashboard(s, 'GM0106', period);
    const iit = (): (typeof d.schemes)[number] => d.schemes.find((x) => x.schemeId === 'individuele-inkomenstoeslag')!;
    const kw = (): (typeof d.schemes)[number] => d.schemes.find((x) => x.schemeId === 'kwijtschelding')!;
    expect(iit()).toMatchObject({ consented: 1, contacted: 1, applied: 1, granted: 1, grantedYearly: 32_500 });
    expect(kw()).toMatchObject({ consented: 1, applied: 1, granted: 0, rejected: 0 });
    expect(d.total).toMatchObject({ consented: 1, contacted: 1, applied: 1, granted: 1, grantedYearly: 32_500 });
    expect(d.organisations).toEqual([
      expect.objectContaining({ organisation: 'Humanitas', consented: 1, granted: 1, grantedYearly: 32_500 }),
    ]);

    // A new amount, a grant that turns out to be a rejection, and an outcome taken back.
    await setOutcomes(s, assen, r.consentId, { 'individuele-inkomenstoeslag': { outcome: 'granted', yearly: 40_000 } });
    d = await dashboard(s, 'GM0106', period);
    expect(iit()).toMatchObject({ granted: 1, grantedYearly: 40_000 });
    await setOutcomes(s, assen, r.consentId, { 'individuele-inkomenstoeslag': { outcome: 'rejected' }, kwijtschelding: { outcome: null } });
    d = await dashboard(s, 'GM0106', period);
    expect(iit()).toMatchObject({ applied: 1, granted: 0, rejected: 1, grantedYearly: 0 });
    expect(kw()).toMatchObject({ applied: 0 });
    const kase = (await getCase(s, assen, r.consentId))!;
    expect(kase.kase.outcomes).toEqual({ 'individuele-inkomenstoeslag': { outcome: 'rejected' } });
    expect(kase.events.filter((e) => e.type === 'outcome')).toHaveLength(5);
    expect(await setOutcomes(s, assen, r.consentId, { 'individuele-inkomenstoeslag': { outcome: 'rejected' } })).toBe('unchanged');
  });

  it('gives the resident everything held about them, and deletes it on request', async () => {
    const r = await resident(s, {
      purposes: ['contact', 'rule-changes'],
      household: ankHousehold(),
      shareHousehold: true,
      phone: '06 1234 5678',
    });
    const second = await resident(s, { email: r.email });
    await syncCases(s);
    await addNote(s, assen, r.consentId, 'Gebeld.');
    await audit(db.db, { municipality: 'GM0106', staffId: assen.id, action: 'case.view', subjectType: 'consent', subjectId: r.consentId });
    const data = (await exportCase(s, assen, r.consentId))!;
    expect((data.consents as { purpose: string; email: string; phone: string | null }[]).map((c) => c.purpose).sort()).toEqual([
      'contact',
      'rule-changes',
    ]);
    expect(data.consents).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: r.email, phone: '06 1234 5678', household: ankHousehold() })]),
    );
    expect(data.cases).toEqual([
      expect.objectContaining({
        id: r.consentId,
        status: 'new',
        history: [expect.objectContaining({ type: 'note', data: { text: 'Gebeld.' } })],
      }),
    ]);
    expect(data.access).toEqual([expect.objectContaining({ by: assen.name, action: 'case.view', record: r.consentId })]);
    expect(((await exportPerson(s, assen, r.email.toUpperCase()))!.consents as unknown[]).length).toBe(3);
    expect(await findRequests(s, assen, r.email)).toHaveLength(2);

    const deleted = await deleteCase(s, assen, r.consentId);
    expect(deleted).toHaveLength(2);
    expect(await db.db.select().from(consents).where(eq(consents.requestId, r.requestId))).toEqual([]);
    expect(await db.db.select().from(cases).where(eq(cases.consentId, r.consentId))).toEqual([]);
    expect(await findRequests(s, assen, r.email)).toHaveLength(1);
    expect(await deletePerson(s, assen, r.email)).toEqual([second.consentId]);
    expect(await findRequests(s, assen, r.email)).toEqual([]);
    // The audit trail keeps who looked, exported and deleted, by id only: the export and deletion
    // functions log themselves (exportPerson names the request's first consent, which may be the other).
    const trail = (await auditTrail(db.db, 'GM0106', r.consentId)).map((a) => a.action);
    expect(trail).toEqual(expect.arrayContaining(['case.view', 'case.export', 'case.delete']));
    expect(trail.filter((a) => !['case.view', 'case.export', 'case.delete'].includes(a))).toEqual([]);
  });

  it('drops a case when the resident withdraws', async () => {
    const r = await resident(s);
    await syncCases(s);
    await addNote(s, assen, r.consentId, 'Gebeld.');
    await withdraw(s, r);
    expect(await getCase(s, assen, r.consentId)).toBeUndefined();
    expect(await db.db.select().from(caseEvents)).toEqual([]);
  });
});
