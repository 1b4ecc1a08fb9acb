/**
 * The take-up figures: anonymous daily check counters that add up, the funnel per scheme, campaign,
 * organisation and week within a period, and figures that stay after the residents' data is gone.
 */
import { describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/server/campaigns/campaigns.ts';
import { campaigns, checkCounts, consents, staff, takeUpEvents } from '../../src/server/db/schema.ts';
import { dashboard, defaultPeriod, weekStart } from '../../src/server/takeup/dashboard.ts';
import { recordChecks } from '../../src/server/takeup/ledger.ts';
import { markContactedByCampaign, setOutcomes, setStatus, syncCases } from '../../src/server/worklist/cases.ts';
import { deleteCase } from '../../src/server/worklist/avg.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type Clock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { resident, staffUser } from './console-support.ts';

describe('periods', () => {
  it('defaults to the last twelve months and groups days by ISO week', () => {
    expect(defaultPeriod('2026-03-02')).toEqual({ from: '2025-03-03', to: '2026-03-02' });
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
  });
});

describe.each(testDatabases)('the take-up dashboard on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let time: Clock;

  servicesPerBlock(target, { empty: [consents, takeUpEvents, checkCounts, staff] }, (f) => ({ db, s, time } = f));

  it('adds checks up per day, source and scheme', async () => {
    await recordChecks(
      db.db,
      { municipality: 'GM0106', source: 'site', checks: 1, flaggedAny: 1, flagged: { zorgtoeslag: 1 } },
      time.now(),
    );
    await recordChecks(db.db, { municipality: 'GM0106', source: 'site', checks: 1, flaggedAny: 0, flagged: {} }, time.now());
    await recordChecks(
      db.db,
      {
        municipality: 'GM0106',
        source: 'volunteer',
        organisation: 'Humanitas',
        checks: 2,
        flaggedAny: 2,
        flagged: { zorgtoeslag: 2, kwijtschelding: 1 },
      },
      time.now(),
    );
    await recordChecks(
      db.db,
      { municipality: 'GM0267', source: 'site', checks: 5, flaggedAny: 5, flagged: { zorgtoeslag: 5 } },
      time.now(),
    );
    const d = await dashboard(s, 'GM0106', { from: '2026-03-01', to: '2026-03-31' });
    expect(d.total).toMatchObject({ checks: 4, flagged: 3 });
    expect(d.checksBySource).toEqual({ site: 2, volunteer: 2 });
    expect(d.schemes.find((x) => x.schemeId === 'zorgtoeslag')).toMatchObject({ checks: 4, flagged: 3 });
    expect(d.schemes.find((x) => x.schemeId === 'kwijtschelding')).toMatchObject({ checks: 4, flagged: 1 });
    expect(d.organisations).toEqual([expect.objectContaining({ organisation: 'Humanitas', checks: 2, flagged: 2 })]);
    // Every scheme of the municipality has a row, even without figures.
    expect(d.schemes.map((x) => x.schemeId)).toContain('individuele-inkomenstoeslag');
    expect((await dashboard(s, 'GM0106', { from: '2026-04-01', to: '2026-04-30' })).total.checks).toBe(0);
  });

  it('follows residents from consent to grant, per campaign and per week, and keeps the figures after deletion', async () => {
    const user = await staffUser(s, 'GM0106', 'caseworker');
    const a = await resident(s, { schemeIds: ['kwijtschelding'] });
    time.advanceDays(7);
    const b = await resident(s, { schemeIds: ['kwijtschelding'], source: 'volunteer', organisation: 'Bibliotheek' });
    await syncCases(s);
    const campaignId = await createCampaign(s, user, {
      name: 'Kwijtschelding',
      segment: { kind: 'schemes', schemeIds: ['kwijtschelding'] },
      templates: { nl: { subject: 'x', body: '{{link}}' } },
    });
    await markContactedByCampaign(s.database.db, a.consentId, campaignId, s.now());
    await setOutcomes(s, user, a.consentId, { kwijtschelding: { outcome: 'granted', yearly: 45_000 } });
    await setStatus(s, user, b.consentId, 'contacted');
    const d = await dashboard(s, 'GM0106', { from: '2026-01-01', to: '2026-12-31' });
    expect(d.total).toMatchObject({ consented: 2, contacted: 2, applied: 1, granted: 1, grantedYearly: 45_000 });
    expect(d.campaigns).toEqual([]); // a draft is not listed
    expect(d.weeks).toEqual([
      { week: '2026-03-02', consented: 1, contacted: 0, granted: 0 },
      { week: '2026-03-09', consented: 1, contacted: 2, granted: 1 },
    ]);
    expect(d.organisations).toEqual([expect.objectContaining({ organisation: 'Bibliotheek', consented: 1, contacted: 1, granted: 0 })]);

    await db.db.update(campaigns).set({ status: 'done' });
    await deleteCase(s, user, a.consentId);
    await deleteCase(s, user, b.consentId);
    const after = await dashboard(s, 'GM0106', { from: '2026-01-01', to: '2026-12-31' });
    expect(after.total).toEqual(d.total);
    expect(after.campaigns).toEqual([
      expect.objectContaining({ id: campaignId, contacted: 1, applied: 1, granted: 1, grantedYearly: 45_000 }),
    ]);
    expect(after.schemes.find((x) => x.schemeId === 'kwijtschelding')).toMatchObject({
      consented: 2,
      contacted: 2,
      applied: 1,
      granted: 1,
      grantedYearly: 45_000,
    });
    // Another municipality sees none of it.
    expect((await dashboard(s, 'GM0267', { from: '2026-01-01', to: '2026-12-31' })).total).toMatchObject({ consented: 0, granted: 0 });
  });
});
