/**
 * The console's form handlers (src/server/<feature>/actions.ts) without a browser: typed input in,
 * the change and its audit entry, and either where to go or the status and errors for the page.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { campaignAction, newCampaignAction } from '../../src/server/campaigns/actions.ts';
import { auditLog, campaigns, consents, messages, staff, takeUpEvents } from '../../src/server/db/schema.ts';
import type { ConsoleUser } from '../../src/server/staff/sessions.ts';
import { caseAction } from '../../src/server/worklist/actions.ts';
import { getCase, syncCases } from '../../src/server/worklist/cases.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { resident, staffUser } from './console-support.ts';

const form = (fields: Record<string, string | string[]>): FormData => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
};

describe.each(testDatabases)('console form handlers on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let user: ConsoleUser;

  servicesPerBlock(target, { empty: [auditLog, messages, consents, takeUpEvents, campaigns, staff] }, (f) => ({ db, s } = f));
  beforeEach(async () => {
    user = await staffUser(s, 'GM0106', 'admin');
  });

  const actions = async (): Promise<string[]> =>
    (await db.db.select().from(auditLog).where(eq(auditLog.staffId, user.id)).orderBy(asc(auditLog.at))).map((e) => e.action);

  it('a case: a status change is made and logged; an unknown status and an unknown case are refused', async () => {
    const r = await resident(s);
    await syncCases(s);
    expect(await caseAction(s, user, r.consentId, form({ _action: 'status', status: ' contacted ' }))).toEqual({
      redirect: `/beheer/werklijst/${r.consentId}?klaar=status-changed`,
    });
    expect((await getCase(s, user, r.consentId))!.kase.status).toBe('contacted');
    expect(await caseAction(s, user, r.consentId, form({ _action: 'status', status: 'verzonnen' }))).toEqual({
      status: 400,
      errors: [{ field: 'status', message: expect.any(String) }],
    });
    expect(
      await caseAction(s, user, r.consentId, form({ _action: 'outcomes', scheme: 'zorgtoeslag', 'yearly-zorgtoeslag': '-5' })),
    ).toMatchObject({ status: 400, errors: [{ field: 'yearly-zorgtoeslag' }] });
    expect(await caseAction(s, user, '00000000-0000-4000-8000-000000000000', form({ _action: 'note', note: 'Gebeld.' }))).toMatchObject({
      status: 404,
    });
    expect(await actions()).toEqual(['case.status', 'case.view']);
  });

  it('a new campaign is made from its form and logged; a short name and no audience come back with their errors', async () => {
    const refused = await newCampaignAction(s, user, form({ name: 'ab', kind: 'schemes' }));
    expect(refused).toMatchObject({
      errors: [{ field: 'name' }, { field: 'schemes-0' }],
      values: { name: 'ab', kind: 'schemes', schemes: [] },
    });
    const made = await newCampaignAction(s, user, form({ name: 'Kwijtschelding', kind: 'schemes', schemes: ['kwijtschelding'] }));
    if (!('redirect' in made)) throw new Error(JSON.stringify(made.errors));
    const id = /campagnes\/([0-9a-f-]+)\?/.exec(made.redirect)![1]!;
    const [row] = await db.db.select().from(campaigns).where(eq(campaigns.id, id));
    expect(row).toMatchObject({ name: 'Kwijtschelding', segment: { kind: 'schemes', schemeIds: ['kwijtschelding'] } });
    expect(Object.keys(row!.templates).sort()).toEqual(['en', 'nl']);

    // Texts with an unknown placeholder come back as typed, with the problem on the field.
    const texts = await campaignAction(
      s,
      user,
      id,
      form({ _action: 'texts', name: 'Kwijtschelding', 'subject-nl': 'Hoi {{naam}}', 'body-nl': 'Doe de check: {{link}}' }),
    );
    expect(texts).toMatchObject({
      status: 400,
      errors: [{ field: 'subject-nl' }],
      draft: { templates: { nl: { subject: 'Hoi {{naam}}' } } },
    });
    expect(await campaignAction(s, user, id, form({ _action: 'pause' }))).toMatchObject({ status: 400 });
    expect(await campaignAction(s, user, id, form({ _action: 'delete' }))).toEqual({
      redirect: '/beheer/campagnes?klaar=campaign-deleted',
    });
    expect(await campaignAction(s, user, id, form({ _action: 'delete' }))).toEqual({ missing: true });
    expect(await actions()).toEqual(['campaign.create', 'campaign.delete']);
  });
});
