/**
 * How often one request to be contacted runs the engine: once. The consent page computes the result
 * from the answers (to show the form and to know the schemes and the municipality) and hands that
 * result to `requestConsent`, which keeps it; a caller without one (a referral, the demo) has its
 * household checked once inside. The engine's `check` is wrapped in a counter for the whole file;
 * it still computes as always. One database is enough: the count does not depend on it.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadOrganisations } from '../../src/content/organisations.ts';
import { check } from '../../src/engine/check.ts';
import type * as EngineCheck from '../../src/engine/check.ts';
import { requestConsent } from '../../src/server/consent/request.ts';
import { consents, messages, rateLimits } from '../../src/server/db/schema.ts';
import { createReferral } from '../../src/server/referral/referral.ts';
import { consentRequest, validateConsent, type ConsentValues } from '../../src/site/consent.ts';
import { exampleAnswers } from '../../src/site/examples.ts';
import { computeResults, type ResultsView } from '../../src/site/results.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type OpenTestDatabase, type TestServices } from '../support/services.ts';

vi.mock('../../src/engine/check.ts', async (importOriginal) => {
  const engine = await importOriginal<typeof EngineCheck>();
  return { ...engine, check: vi.fn(engine.check) };
});
const engineRuns = vi.mocked(check);

/** The date of the test clock (support/services.ts), so the page and the server agree on today. */
const TODAY = '2026-03-02';
const pglite = testDatabases.filter((d) => d.name === 'PGlite');

describe.each(pglite)('engine runs per request to be contacted, on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let ip = 0;
  const client = () => ({ ip: `198.51.100.${++ip}` });

  servicesPerBlock(target, { empty: [messages, consents, rateLimits] }, (f) => ({ db, s } = f));

  /** What the consent page computes from the answers before it sends the request. */
  const consentPage = (): ResultsView => {
    const outcome = computeResults(exampleAnswers('alleenstaande-moeder-assen'), 'nl', s.rulebook, TODAY, `${TODAY}T10:00:00Z`);
    if (!outcome.ok) throw new Error('the example household must compute');
    return outcome.view;
  };
  const shared: ConsentValues = { purposes: ['contact', 'rule-changes'], email: 'ank@example.org', phone: '', share: true };

  beforeEach(() => {
    engineRuns.mockClear();
  });

  it('runs the engine once for the consent page and its request, and keeps the result the page showed', async () => {
    const view = consentPage();
    expect(validateConsent(shared, view, 'nl')).toEqual([]);
    const r = await requestConsent(s, consentRequest(shared, view, 'nl'), client(), view.result);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(engineRuns).toHaveBeenCalledTimes(1);

    const rows = await db.db.select().from(consents).where(eq(consents.requestId, r.requestId));
    expect(rows.map((x) => x.purpose).sort()).toEqual(['contact', 'rule-changes']);
    const kept = view.result.schemes
      .filter((x) => x.status !== 'not-eligible')
      .map((x) => ({ id: x.id, status: x.status, monthly: x.amount.monthly, yearly: x.amount.yearly }));
    expect(kept.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.result).toEqual({ referenceDate: TODAY, schemes: kept });
  });

  it('checks a household once when the caller brings no result, and keeps the same figures', async () => {
    const view = consentPage();
    engineRuns.mockClear();
    const r = await requestConsent(s, consentRequest(shared, view, 'nl'), client());
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(engineRuns).toHaveBeenCalledTimes(1);
    const [row] = await db.db.select().from(consents).where(eq(consents.requestId, r.requestId));
    expect(row!.result?.schemes).toEqual(
      view.result.schemes
        .filter((x) => x.status !== 'not-eligible')
        .map((x) => ({ id: x.id, status: x.status, monthly: x.amount.monthly, yearly: x.amount.yearly })),
    );
  });

  it('does not run the engine for a request without shared answers: only the flagged ids are kept', async () => {
    const view = consentPage();
    engineRuns.mockClear();
    const contactOnly: ConsentValues = { purposes: ['contact'], email: 'ank@example.org', phone: '', share: false };
    const r = await requestConsent(s, consentRequest(contactOnly, view, 'nl'), client(), view.result);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(engineRuns).not.toHaveBeenCalled();
    const [row] = await db.db.select().from(consents).where(eq(consents.requestId, r.requestId));
    expect(row!.result?.schemes.every((x) => x.status === 'flagged' && x.monthly === 0)).toBe(true);
  });

  it('runs the engine once for a referral without a desk code (a request the resident confirms by mail)', async () => {
    const view = consentPage();
    engineRuns.mockClear();
    const organisations = loadOrganisations(new Set(Object.keys(s.rulebook.municipalities)));
    const r = await createReferral(
      s,
      {
        organisation: 'bibliotheek-assen',
        household: view.household,
        email: 'ank@example.org',
        language: 'nl',
        schemeIds: [],
        consent: true,
      },
      organisations,
      client(),
    );
    expect(r).toMatchObject({ ok: true, confirmed: false, municipality: 'GM0106' });
    expect(engineRuns).toHaveBeenCalledTimes(1);
  });
});
