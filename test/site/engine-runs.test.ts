/**
 * How often one page asks the engine, counted: the engine's `check` and the contract's conversion of a
 * household from euros to cents (`toEngineHousehold`, one per parse) are wrapped in counters for the
 * whole file; they still compute as always.
 *
 * - The results page: the household is parsed once; the engine runs for the result, for the six
 *   points of "what if I work more" (4 to 24 extra hours; the point at 0 is the result itself), and for
 *   the calendar's amounts on 1 January of the next year: 8 runs.
 * - The same answers without the chart (the consent page, volunteer mode): one parse, one run.
 * - The change page: one parse when it starts, then one run before and one after the event.
 */
import { describe, expect, it, vi } from 'vitest';
import { toEngineHousehold } from '../../src/contract/household.ts';
import type * as ContractHousehold from '../../src/contract/household.ts';
import { check } from '../../src/engine/check.ts';
import type * as EngineCheck from '../../src/engine/check.ts';
import { loadPaymentDates, schemeIds } from '../../src/content/payment-dates.ts';
import { changeStage, startChange } from '../../src/site/change.ts';
import { EXAMPLES, exampleAnswers } from '../../src/site/examples.ts';
import { calendarOfView, nextYearStart } from '../../src/site/payment-calendar.ts';
import { computeResults } from '../../src/site/results.ts';
import { rulebook } from '../support/rulebook.ts';

vi.mock('../../src/engine/check.ts', async (importOriginal) => {
  const engine = await importOriginal<typeof EngineCheck>();
  return { ...engine, check: vi.fn(engine.check) };
});
vi.mock('../../src/contract/household.ts', async (importOriginal) => {
  const contract = await importOriginal<typeof ContractHousehold>();
  return { ...contract, toEngineHousehold: vi.fn(contract.toEngineHousehold) };
});
const engineRuns = vi.mocked(check);
const parses = vi.mocked(toEngineHousehold);

const TODAY = '2026-03-02';
const dates = loadPaymentDates(schemeIds(rulebook()));

function counted<T>(render: () => T): { value: T; runs: number; parses: number } {
  engineRuns.mockClear();
  parses.mockClear();
  const value = render();
  return { value, runs: engineRuns.mock.calls.length, parses: parses.mock.calls.length };
}

describe('engine runs per page', () => {
  it('the results page: one parse; the result, six what-if points and next year’s amounts', () => {
    const page = counted(() => {
      const outcome = computeResults(exampleAnswers('alleenstaande-moeder-assen'), 'nl', rulebook(), TODAY, `${TODAY}T10:00:00Z`, {
        whatIf: true,
      });
      if (!outcome.ok) throw new Error('the example household must compute');
      // The deadlines at the top and the calendar below: the same calendar, made once.
      calendarOfView(outcome.view, rulebook(), dates, 'nl');
      calendarOfView(outcome.view, rulebook(), dates, 'nl');
      return outcome.view;
    });
    expect(page.value.whatIf?.points.map((p) => p.extraHours)).toEqual([0, 4, 8, 12, 16, 20, 24]);
    expect(nextYearStart(page.value.result.referenceDate) <= rulebook().validTo).toBe(true);
    expect(page.parses).toBe(1);
    expect(page.runs).toBe(8);
    // The chart's first point is the result itself: what the household keeps, to the cent.
    expect(page.value.whatIf!.points[0]!.keeps).toBe(page.value.result.ledger.keep.monthly);
  });

  it('the same answers without the chart (the consent page, volunteer mode): one parse, one run', () => {
    const page = counted(() => computeResults(exampleAnswers('alleenstaande-moeder-assen'), 'nl', rulebook(), TODAY, 'x'));
    expect(page.value.ok && page.value.view.whatIf).toBe(undefined);
    expect(page).toMatchObject({ parses: 1, runs: 1 });
  });

  it('the change page: one parse to start, then the household before and after the event', () => {
    const answers = { ...EXAMPLES['alleenstaande-moeder-assen'], childAges: '8, 17' };
    const started = counted(() => startChange(answers, 'nl', rulebook(), TODAY));
    expect(started).toMatchObject({ parses: 1, runs: 0 });
    const values = { _event: 'child-turns-18', _step: 'compare', 'ev.child': 'c2', 'ev.date': '30-9-2026' };
    const compared = counted(() => changeStage(started.value, values, rulebook(), 'nl', TODAY, `${TODAY}T10:00:00Z`));
    expect(compared.value.kind).toBe('compare');
    expect(compared).toMatchObject({ parses: 0, runs: 2 });
  });
});
