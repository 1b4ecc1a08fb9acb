/**
 * "Every view of personal data is logged" as a property of the server: each function that returns a
 * resident's data (or the audit log) writes its own audit entry, in the same transaction, so no page
 * has to remember it. Each test calls one function and finds exactly the entry it should write; the
 * changes the console makes from its forms (deletions, uploads, staff actions) are logged the same way.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { viewAudit } from '../../src/server/audit/log.ts';
import { previewCampaign, createCampaign } from '../../src/server/campaigns/campaigns.ts';
import {
  auditLog,
  campaigns,
  checkCounts,
  consents,
  messages,
  screeningImports,
  staff,
  staffSessions,
  takeUpEvents,
} from '../../src/server/db/schema.ts';
import { createImport, deleteImport } from '../../src/server/screening/imports.ts';
import { runScreening } from '../../src/server/screening/run.ts';
import { importLetters, viewImport } from '../../src/server/screening/view.ts';
import { endOwnOtherSessions, logOut, staffMemberAction } from '../../src/server/staff/actions.ts';
import { createSession, type ConsoleUser } from '../../src/server/staff/sessions.ts';
import { deleteCase, deletePerson, exportCase, exportPerson, findRequests } from '../../src/server/worklist/avg.ts';
import { casePurposes, getCase, listCases, syncCases } from '../../src/server/worklist/cases.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { resident, staffUser, type Resident } from './console-support.ts';

const page = { offset: 0, limit: 50 };
const CSV = [
  'id;name;address;postcode;city;email;applicant_age;partner_age;children_ages;applicant_income;applicant_income_type;rent;receiving',
  'A-001;Mevrouw A. de Vries;Kerkstraat 1;9401 AA;Assen;;38;;8 14;1.320,00;bijstand;650;zorgtoeslag',
  'A-002;De heer B. Jansen;Markt 2;9401 AB;Assen;b.jansen@example.org;45;44;12;1900;wages;780,50;',
].join('\r\n');

describe.each(testDatabases)('views and changes log themselves on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let user: ConsoleUser;
  let r: Resident;

  servicesPerBlock(
    target,
    { empty: [auditLog, messages, consents, takeUpEvents, screeningImports, checkCounts, campaigns, staffSessions, staff] },
    (f) => ({ db, s } = f),
  );
  beforeEach(async () => {
    user = await staffUser(s, 'GM0106', 'admin');
    r = await resident(s);
    await syncCases(s);
    // Only what the function under test writes: setting up logs nothing of interest, but start clean.
    await db.db.delete(auditLog);
  });

  /** The entries written so far, as the log holds them. */
  const entries = async () =>
    (await db.db.select().from(auditLog).where(eq(auditLog.staffId, user.id)).orderBy(asc(auditLog.at))).map((e) => ({
      municipality: e.municipality,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      details: e.details,
    }));

  it('getCase logs case.view for the case it returns, and nothing for a case of another municipality', async () => {
    expect((await getCase(s, user, r.consentId))!.consent.email).toBe(r.email);
    const other = await staffUser(s, 'GM0267', 'admin');
    expect(await getCase(s, other, r.consentId)).toBeUndefined();
    expect(await entries()).toEqual([
      { municipality: 'GM0106', action: 'case.view', subjectType: 'consent', subjectId: r.consentId, details: null },
    ]);
    // The deletion page's question shows no personal data and logs nothing.
    expect(await casePurposes(s, user, r.consentId)).toEqual(['contact']);
    expect(await entries()).toHaveLength(1);
  });

  it('listCases logs worklist.view with the cases shown, the total and the filters', async () => {
    const list = await listCases(s, user, { status: 'open', sort: 'oldest' }, page);
    expect(list.rows.map((x) => x.consentId)).toEqual([r.consentId]);
    expect(await entries()).toEqual([
      {
        municipality: 'GM0106',
        action: 'worklist.view',
        subjectType: 'worklist',
        subjectId: null,
        // The default filters (open cases, oldest first) leave nothing in the query.
        details: { shown: [r.consentId], total: 1, filters: {} },
      },
    ]);
  });

  it('exportCase and exportPerson log case.export with the consents exported', async () => {
    expect(await exportCase(s, user, r.consentId)).toBeDefined();
    expect(await exportPerson(s, user, r.email)).toBeDefined();
    expect(await entries()).toEqual([
      { municipality: 'GM0106', action: 'case.export', subjectType: 'consent', subjectId: r.consentId, details: null },
      {
        municipality: 'GM0106',
        action: 'case.export',
        subjectType: 'consent',
        subjectId: r.consentId,
        details: { consents: [r.consentId] },
      },
    ]);
  });

  it('findRequests logs avg.search with how many requests it found', async () => {
    expect((await findRequests(s, user, r.email)).map((x) => x.caseId)).toEqual([r.consentId]);
    const [entry] = await entries();
    expect(entry).toMatchObject({ action: 'avg.search', details: { attempt: 'avg.search', found: 1, consents: [r.consentId] } });
  });

  it('deleteCase and deletePerson log case.delete with the consents deleted', async () => {
    const second = await resident(s, { email: r.email });
    expect(await deleteCase(s, user, r.consentId)).toEqual([r.consentId]);
    expect(await deletePerson(s, user, r.email)).toEqual([second.consentId]);
    expect(await entries()).toEqual([
      {
        municipality: 'GM0106',
        action: 'case.delete',
        subjectType: 'consent',
        subjectId: r.consentId,
        details: { consents: [r.consentId] },
      },
      {
        municipality: 'GM0106',
        action: 'case.delete',
        subjectType: 'consent',
        subjectId: second.consentId,
        details: { consents: [second.consentId] },
      },
    ]);
  });

  it('viewAudit logs audit.view with the filters asked for', async () => {
    const seen = await viewAudit(db.db, user, {}, page, { actie: 'case.view' });
    expect(seen.total).toBe(0);
    expect(await entries()).toEqual([
      { municipality: 'GM0106', action: 'audit.view', subjectType: null, subjectId: null, details: { filters: { actie: 'case.view' } } },
    ]);
  });

  it('an upload, the import page, its letters and its deletion each log what they did', async () => {
    const made = await createImport(s, user, {
      fileName: 'klanten.csv',
      bytes: new TextEncoder().encode(CSV),
      legalBasis: 'ambtshalve-eigen-klanten',
      legalReference: 'DPIA-2026-014',
      referenceDate: '2026-03-02',
    });
    if (!made.ok) throw new Error(made.fields.join());
    expect(await runScreening(s, made.id)).toBe('done');
    const view = (await viewImport(s, user, made.id, 'all', { number: 1, size: 50 }))!;
    expect(view.shown.map((x) => x.line)).toEqual([2, 3]);
    expect(view.letters).toBe(1);
    expect((await importLetters(s, user, made.id, { line: 2 }))!.rows.map((x) => x.line)).toEqual([2]);
    expect(await importLetters(s, user, made.id, { line: 3 })).toBeUndefined();
    expect(await deleteImport(s, user, made.id)).toBe(true);
    const imported = { municipality: 'GM0106', subjectType: 'import', subjectId: made.id };
    expect(await entries()).toEqual([
      { ...imported, action: 'screening.upload', details: { legalBasis: 'ambtshalve-eigen-klanten', bytes: CSV.length } },
      { ...imported, action: 'screening.view', details: { filter: 'all', page: 1, shown: 2 } },
      { ...imported, action: 'screening.letters', details: { letters: 1, lines: [2] } },
      { ...imported, action: 'screening.delete', details: null },
    ]);
  });

  it('previewCampaign logs campaign.preview with the language', async () => {
    const id = await createCampaign(s, user, {
      name: 'Test',
      segment: { kind: 'schemes', schemeIds: ['kwijtschelding'] },
      templates: {
        nl: { subject: 'Hulp in {{gemeente}}', body: 'Misschien kun je dit krijgen:\n{{regelingen}}\n\nDoe de check: {{link}}' },
      },
    });
    await db.db.delete(auditLog);
    expect((await previewCampaign(s, user, id, 'en'))!.mail.subject).toContain('Assen');
    expect(await entries()).toEqual([
      { municipality: 'GM0106', action: 'campaign.preview', subjectType: 'campaign', subjectId: id, details: { language: 'en' } },
    ]);
  });

  it('ending sessions, logging out and a staff member action log themselves', async () => {
    await createSession(s, user.id, 'GM0106');
    expect(await endOwnOtherSessions(s, user)).toBe(1);
    const colleague = await staffUser(s, 'GM0106', 'viewer');
    const form = new FormData();
    form.set('_action', 'role');
    form.set('role', ' caseworker ');
    expect(await staffMemberAction(s, user, colleague.id, form)).toEqual({
      redirect: `/beheer/medewerkers/${colleague.id}?klaar=role-changed`,
    });
    await logOut(s, user, undefined);
    expect(await entries()).toEqual([
      { municipality: 'GM0106', action: 'sessions-ended', subjectType: null, subjectId: null, details: { ended: 1 } },
      { municipality: 'GM0106', action: 'staff.role', subjectType: 'staff', subjectId: colleague.id, details: { role: 'caseworker' } },
      { municipality: 'GM0106', action: 'logout', subjectType: null, subjectId: null, details: null },
    ]);
  });
});
