/**
 * From answers to the results page's data, on the real rulebook: the example households pass the
 * contract, places resolve from real data, and the results view only arranges what the engine
 * returned (every scheme once, grouped by status, the what-if points from the engine).
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/contract/check.ts';
import { firstInvalidStep } from '../../src/site/answers.ts';
import { EXAMPLE_IDS, exampleAnswers } from '../../src/site/examples.ts';
import { answersToHousehold } from '../../src/site/household.ts';
import { decodePlaceIndex, encodePlaceIndex, resolvePlace } from '../../src/site/places.ts';
import { computeResults, groupOf, whatIfSummary } from '../../src/site/results.ts';
import { placeIndex, validationContext } from '../../src/site/rulebook-data.ts';
import { rulebook } from '../support/rulebook.ts';

const TODAY = '2026-03-02';

describe('places from the rulebook', () => {
  const index = placeIndex(rulebook(), TODAY);
  it('holds every municipality of 2026 and the postcodes of ours', () => {
    expect(index.places.length).toBeGreaterThan(300);
    expect(index.postcodes.map((p) => p.code).sort()).toEqual(Object.keys(rulebook().municipalities).sort());
  });
  it('finds municipalities by postcode, name and alias', () => {
    const found = (q: string) => {
      const r = resolvePlace(q, index);
      return r.kind === 'found' ? r.place.code : r.kind;
    };
    expect(found('9402 AB')).toBe('GM0106');
    expect(found('Aa en Hunze')).toBe('GM1680');
    expect(found('gemeente Tynaarlo')).toBe('GM1730');
    expect(found('Den Haag')).toBe('GM0518');
    expect(found('1011')).toBe('postcode-unknown');
    expect(found('Atlantis')).toBe('place-unknown');
  });
  it('survives the compact encoding for the island', () => {
    expect(decodePlaceIndex(encodePlaceIndex(index))).toEqual(index);
  });
});

describe.each(EXAMPLE_IDS)('example %s', (id) => {
  const answers = exampleAnswers(id);
  const rb = rulebook();
  it('answers every question that applies', () => {
    expect(firstInvalidStep(answers, validationContext(rb, TODAY))).toBeUndefined();
  });
  it('is a household the contract accepts', () => {
    const household = answersToHousehold(answers, 'nl', placeIndex(rb, TODAY));
    const r = runCheck(household, rb, { today: TODAY, computedAt: '2026-03-02T00:00:00Z' });
    expect(r.ok ? 'ok' : JSON.stringify(r.error)).toBe('ok');
  });
  it('shows each scheme of the engine once, grouped by status', () => {
    const out = computeResults(answers, 'nl', rb, TODAY, '2026-03-02T00:00:00Z');
    if (!out.ok) throw new Error(JSON.stringify(out));
    const direct = runCheck(out.view.household, rb, { today: TODAY, computedAt: '2026-03-02T00:00:00Z' });
    if (!direct.ok) throw new Error('contract');
    expect(out.view.schemes.map((s) => s.scheme.id).sort()).toEqual(direct.result.schemes.map((s) => s.id).sort());
    for (const s of out.view.schemes) expect(s.group).toBe(groupOf(s.scheme));
    expect(out.view.result.disposableIncome).toEqual(direct.result.disposableIncome);
  });
});

describe('answers to household', () => {
  const rb = rulebook();
  it('maps the single mother of the kadernota: two children, wages and a bijstand top-up, renting in Assen', () => {
    const h = answersToHousehold(exampleAnswers('alleenstaande-moeder-assen'), 'nl', placeIndex(rb, TODAY));
    expect(h.municipality).toBe('GM0106');
    expect(h.people).toEqual([
      { id: 'a', role: 'applicant', age: 38 },
      { id: 'c1', role: 'child', age: 8 },
      { id: 'c2', role: 'child', age: 14 },
    ]);
    expect(h.incomes.map((i) => [i.type, i.amount, i.basis])).toEqual([
      ['wages', 1020, 'gross'],
      ['bijstand', 540, 'net'],
    ]);
    expect(h.housing).toEqual({ type: 'rent', rent: 690, serviceCosts: 35 });
    expect(h.assets).toBe(400);
  });
  it("counts a housemate's income only in a rented home, and savings minus debts", () => {
    const a = exampleAnswers('stel-met-huisgenoot-steenwijkerland');
    const h = answersToHousehold(a, 'nl', placeIndex(rb, TODAY));
    expect(h.people.map((p) => p.role)).toEqual(['applicant', 'partner', 'housemate']);
    expect(h.incomes.some((i) => i.person === 'h1')).toBe(true);
    expect(h.assets).toBe(2100 - 3500);
    const owner = answersToHousehold({ ...a, housing: 'owner' }, 'nl', placeIndex(rb, TODAY));
    expect(owner.incomes.some((i) => i.person === 'h1')).toBe(false);
  });
  it('leaves out answers that no longer apply (a partner age without a partner)', () => {
    const h = answersToHousehold({ ...exampleAnswers('zzp-tynaarlo'), partnerAge: '50', 'inc.p': 'wages' }, 'nl', placeIndex(rb, TODAY));
    expect(h.people).toHaveLength(1);
    expect(h.incomes.every((i) => i.person === 'a')).toBe(true);
  });
});

describe('what if you work more', () => {
  const rb = rulebook();
  it('comes from the engine for people of working age, not for pensioners, and starts from today', () => {
    const ank = computeResults(exampleAnswers('alleenstaande-moeder-assen'), 'nl', rb, TODAY, 'x', { whatIf: true });
    const pensioners = computeResults(exampleAnswers('gepensioneerd-stel-nijkerk'), 'nl', rb, TODAY, 'x', { whatIf: true });
    if (!ank.ok || !pensioners.ok) throw new Error('results');
    expect(pensioners.view.whatIf).toBeUndefined();
    const w = ank.view.whatIf!;
    expect(w.points.map((p) => p.extraHours)).toEqual([0, 4, 8, 12, 16, 20, 24]);
    // Zero extra hours is today: what she keeps is the ledger's figure on the same page.
    expect(w.points[0]!.keeps).toBe(ank.view.result.ledger.keep.monthly);
    expect(w.points[0]!.difference).toBe(0);
    for (const p of w.points) {
      expect(Math.round(p.keeps * 100)).toBe(Math.round((p.income + p.support + p.municipal - p.costs) * 100));
      expect(Math.round(p.difference * 100)).toBe(Math.round((p.keeps - w.points[0]!.keeps) * 100));
    }
  });
  it('summarises the points it is given, and flags a poverty trap', () => {
    const base = { hourlyWage: 14.71 };
    const flat = [0, 4, 8].map((extraHours, i) => ({
      extraHours,
      extraGross: extraHours * 63.7,
      income: 1000 + extraHours * 60,
      support: 1500 - extraHours * 58,
      municipal: 0,
      costs: 1000,
      keeps: 500 + i * 8,
      difference: i * 8,
    }));
    const s = whatIfSummary({ ...base, points: flat })!;
    expect(s).toMatchObject({ hours: 8, difference: 16 });
    expect(s.trap).toMatchObject({ from: 0, to: 4, difference: 8 });
    const steep = flat.map((p, i) => ({ ...p, keeps: 500 + i * 200, difference: i * 200 }));
    expect(whatIfSummary({ ...base, points: steep })!.trap).toBeUndefined();
  });
});
