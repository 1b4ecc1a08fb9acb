/**
 * One honest account of a household's money (issue 13), as properties over thousands of generated
 * households: every total is the sum of its rows, the disposable-income test reads the ledger's
 * figures, the what-if at zero extra hours is today, the change page's "more hours" equals the what-if
 * at the same hours to the cent, and every holiday pay the engine adds is said in a sentence.
 */
import { describe, expect, it } from 'vitest';
import { parseHousehold, runCheck } from '../../src/contract/check.ts';
import { check } from '../../src/engine/check.ts';
import { checkEvent } from '../../src/engine/compare.ts';
import { eventApplies } from '../../src/engine/events.ts';
import { toEuros } from '../../src/engine/money.ts';
import { ParameterReader } from '../../src/engine/parameters.ts';
import { workMoreHours } from '../../src/engine/scenarios.ts';
import type { CheckOutcome, Household } from '../../src/engine/types.ts';
import { generateHousehold, random } from '../bench/households.ts';
import { rulebook } from '../support/rulebook.ts';

const rb = rulebook();
const DATES = ['2026-03-02', '2026-12-06', '2027-02-01'];

/** Generated households as engine households, on dates of the running and the next year. */
function households(count: number, seed: number): Household[] {
  const rand = random(seed);
  const out: Household[] = [];
  for (let i = 0; out.length < count; i++) {
    const { id: _id, ...input } = generateHousehold(rand, i);
    void _id;
    const parsed = parseHousehold({ ...input, referenceDate: DATES[i % DATES.length] }, { today: '2026-12-06' });
    if (parsed.ok) out.push(parsed.household);
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function checkLedger(o: CheckOutcome): void {
  const l = o.ledger;
  expect(l.keep.income).toBe(sum(l.incomes.filter((x) => x.counts).map((x) => x.monthly)));
  expect(l.keep.schemes).toBe(sum(l.schemes.filter((x) => x.counts).map((x) => x.monthly)));
  expect(l.keep.costs).toBe(sum(l.costs.map((x) => x.monthly)));
  expect(l.keep.monthly).toBe(l.keep.income + l.keep.schemes - l.keep.costs);
  // Every line that does not count says why.
  for (const x of [...l.incomes, ...l.schemes]) expect(x.counts || x.why !== undefined).toBe(true);

  // The disposable-income test: its totals are the sums of its counted rows, and its rows are the ledger's figures.
  const di = o.disposableIncome;
  expect(di.income.monthly).toBe(sum(di.income.lines.filter((x) => x.counted).map((x) => x.monthly)));
  expect(di.fixedCosts.monthly).toBe(sum(di.fixedCosts.lines.filter((x) => x.counted).map((x) => x.monthly)));
  expect(di.disposable.monthly).toBe(di.income.monthly - di.fixedCosts.monthly);
  for (const line of di.income.lines) {
    if (!line.counted && line.why === undefined) throw new Error(`line ${line.key} does not count and says no why`);
    const same =
      line.person !== undefined
        ? l.incomes.find((x) => x.person === line.person && x.type === line.key && x.monthly === line.monthly)
        : l.schemes.find((x) => x.id === line.key && x.monthly === line.monthly);
    expect(same, `${line.key} ${line.monthly} in the ledger`).toBeDefined();
  }
  for (const line of di.fixedCosts.lines) expect(l.costs.find((x) => x.key === line.key)?.monthly).toBe(line.monthly);

  // Holiday pay added to an income is said with both figures.
  const said = l.notes.filter((n) => n.code === 'ledger-holiday-pay');
  expect(said).toHaveLength(
    l.incomes.filter((x) => x.holidayPay > 0 && ['wages', 'benefit-ww', 'benefit-wia', 'benefit-wajong', 'bijstand'].includes(x.type))
      .length,
  );
  for (const n of said) {
    const paid = (n.params.paid as { money: number }).money;
    const monthly = (n.params.monthly as { money: number }).money;
    expect(l.incomes.some((x) => x.monthlyPaid === paid && x.monthly === monthly)).toBe(true);
  }
}

describe('the ledger', () => {
  const all = households(3000, 2026);

  it('adds up for 3,000 generated households, and the disposable-income test reads its figures', () => {
    let checked = 0;
    for (const h of all) {
      try {
        checkLedger(check(h, rb));
        checked++;
      } catch (e) {
        if ((e as Error).name === 'CheckInputError') continue;
        throw e;
      }
    }
    expect(checked).toBeGreaterThan(2500);
  });

  it('is the same in euros at the edge: the public totals are the sums of the public rows', () => {
    for (const h of all.slice(0, 500)) {
      const r = runCheck({ ...contractOf(h) }, rb, { today: h.referenceDate, computedAt: '' });
      if (!r.ok) continue;
      const l = r.result.ledger;
      const cents = (xs: number[]): number => sum(xs.map((x) => Math.round(x * 100)));
      expect(Math.round(l.keep.income * 100)).toBe(cents(l.incomes.filter((x) => x.counts).map((x) => x.monthly)));
      expect(Math.round(l.keep.schemes * 100)).toBe(cents(l.schemes.filter((x) => x.counts).map((x) => x.monthly)));
      expect(Math.round(l.keep.costs * 100)).toBe(cents(l.costs.map((x) => x.monthly)));
    }
  });

  it('makes the what-if at zero extra hours today, and the change page at +N hours the what-if at +N hours, to the cent', () => {
    let compared = 0;
    for (const h of all.slice(0, 400)) {
      let today: CheckOutcome;
      try {
        today = check(h, rb);
      } catch {
        continue;
      }
      const event = rb.events['work-more-hours']!;
      if (!eventApplies(event, h, new ParameterReader(rb, h.referenceDate, undefined).count('aow/leeftijd'))) continue;
      const scenario = workMoreHours(h, rb);
      expect(scenario.points[0]!.keeps).toBe(today.ledger.keep.monthly);
      for (const point of scenario.points.slice(1)) {
        const { comparison } = checkEvent(h, rb, 'work-more-hours', { extraHours: point.extraHours, date: h.referenceDate });
        expect(comparison.keep.before).toBe(today.ledger.keep.monthly);
        expect(comparison.keep.after).toBe(point.keeps);
        expect(point.income + point.support + point.municipal - point.fixedCosts).toBe(point.keeps);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});

/** An engine household back in the contract's JSON form (euros), for runCheck. */
function contractOf(h: Household): Record<string, unknown> {
  return {
    referenceDate: h.referenceDate,
    municipality: h.municipality,
    language: h.language,
    people: h.people.map((p) => ({ id: p.id, role: p.role, age: p.age, ...(p.student ? { student: true } : {}) })),
    incomes: h.incomes.map((i) => ({ person: i.person, type: i.type, amount: toEuros(i.amount), period: i.period, basis: i.basis })),
    assets: toEuros(h.assets),
    housing:
      h.housing.type === 'rent'
        ? { type: 'rent', rent: toEuros(h.housing.rent), serviceCosts: toEuros(h.housing.serviceCosts) }
        : h.housing,
    costs: Object.fromEntries(Object.entries(h.costs).map(([k, v]) => [k, toEuros(v!)])),
    receiving: h.receiving,
  };
}
