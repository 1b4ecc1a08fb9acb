/**
 * Life events: the household before and after, compared by the engine, against published amounts:
 * SVB kinderbijslag per quarter by age band, the Dienst Toeslagen kindgebonden budget 2026 (2,580 per
 * child, 724 at 12–15, 964 at 16–17, alleenstaande-ouderkop 3,416), the Normenbrief kostendelersnorm
 * (1,001.07 for two kostendelers) and the change from the bijstand norm (1,401.50) to the AOW-age
 * norm (1,564.69).
 */
import { describe, expect, it } from 'vitest';
import { parseHousehold } from '../../src/contract/check.ts';
import { checkEvent, compareOutcomes, type Comparison, type SchemeChange } from '../../src/engine/compare.ts';
import { EventInputError, eventApplies } from '../../src/engine/events.ts';
import { check } from '../../src/engine/check.ts';
import { upcomingEvents } from '../../src/engine/upcoming.ts';
import type { Household } from '../../src/engine/types.ts';
import { rulebook } from '../support/rulebook.ts';

function household(input: Record<string, unknown>): Household {
  const r = parseHousehold(input, { today: '2026-01-15' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.household;
}

const change = (c: Comparison, id: string): SchemeChange => c.schemes.find((s) => s.id === id)!;
const euros = (cents: number): number => cents / 100;

describe('a child turns 18', () => {
  const mother = household({
    referenceDate: '2026-01-15',
    municipality: 'GM0106',
    people: [
      { id: 'ank', role: 'applicant', age: 38 },
      { id: 'c1', role: 'child', age: 8 },
      { id: 'c2', role: 'child', age: 17 },
    ],
    incomes: [{ person: 'ank', type: 'wages', amount: 900, period: 'month', basis: 'net' }],
    housing: { type: 'rent', rent: 650 },
    receiving: ['kinderbijslag', 'kindgebonden-budget'],
  });
  const { comparison: c, afterHousehold } = checkEvent(mother, rulebook(), 'child-turns-18', { child: 'c2', date: '2026-03-01' });

  it('turns the child into an adult child on the birthday', () => {
    expect(afterHousehold.people.find((p) => p.id === 'c2')).toMatchObject({ role: 'adult-child', age: 18 });
    expect(afterHousehold.referenceDate).toBe('2026-03-01');
    expect(mother.people.find((p) => p.id === 'c2')!.role).toBe('child');
  });

  it('lowers kinderbijslag by the 12–17 amount of 421.53 a quarter (SVB 2026)', () => {
    const k = change(c, 'kinderbijslag');
    expect(k.change).toBe('down');
    expect(euros(k.yearlyDelta)).toBe(-4 * 421.53);
    expect(euros(k.after!.yearly)).toBe(4 * 358.3);
  });

  it('lowers kindgebonden budget from 2 × 2,580 + 964 + 3,416 = 9,540 to 2,580 + 3,416 = 5,996 a year (Dienst Toeslagen 2026)', () => {
    const k = change(c, 'kindgebonden-budget');
    expect(k.change).toBe('down');
    expect(euros(k.before!.yearly)).toBe(9540);
    expect(euros(k.after!.yearly)).toBe(5996);
    expect(euros(k.monthlyDelta)).toBe(499 - 795);
  });

  it('asks nothing to report: the SVB and Dienst Toeslagen adjust by themselves (the event says so in payersKnow)', () => {
    const codes = c.actions.map((a) => a.code);
    expect(codes).not.toContain('action-report-svb');
    expect(codes).not.toContain('action-report-toeslagen');
    // The same drop without that knowledge is one to report, or it has to be paid back.
    const unknown = compareOutcomes(c.before, c.after).actions.map((a) => a.code);
    expect(unknown).toEqual(expect.arrayContaining(['action-report-toeslagen', 'action-report-svb']));
  });

  it('refuses a child who is not 17, and a missing date', () => {
    expect(() => checkEvent(mother, rulebook(), 'child-turns-18', { child: 'c1', date: '2026-03-01' })).toThrow(EventInputError);
    try {
      checkEvent(mother, rulebook(), 'child-turns-18', { child: 'c2' });
    } catch (e) {
      expect((e as EventInputError).issues).toEqual([{ input: 'date', code: 'required' }]);
    }
  });
});

describe('a child turns 12 or 16', () => {
  const parents = household({
    referenceDate: '2026-01-15',
    municipality: 'GM0267',
    people: [
      { id: 'a', role: 'applicant', age: 40 },
      { id: 'p', role: 'partner', age: 41 },
      { id: 'c1', role: 'child', age: 11 },
      { id: 'c2', role: 'child', age: 15 },
    ],
    annualTaxableIncome: { a: 25000, p: 0 },
  });

  it('raises kinderbijslag from 358.30 to 421.53 a quarter and adds the 724 supplement at 12', () => {
    const { comparison: c } = checkEvent(parents, rulebook(), 'child-turns-12', { child: 'c1', date: '2026-02-01' });
    expect(euros(change(c, 'kinderbijslag').yearlyDelta)).toBeCloseTo(4 * (421.53 - 358.3), 2);
    expect(euros(change(c, 'kindgebonden-budget').yearlyDelta)).toBe(724);
  });

  it('raises the supplement from 724 to 964 at 16', () => {
    const { comparison: c } = checkEvent(parents, rulebook(), 'child-turns-16', { child: 'c2', date: '2026-02-01' });
    expect(euros(change(c, 'kindgebonden-budget').yearlyDelta)).toBe(964 - 724);
    expect(change(c, 'kinderbijslag').change).toBe('same');
  });
});

describe('the kostendelersnorm', () => {
  const single = household({
    referenceDate: '2026-02-01',
    municipality: 'GM0106',
    people: [
      { id: 'a', role: 'applicant', age: 50 },
      { id: 'k', role: 'adult-child', age: 26 },
    ],
  });

  it('applies when a child at home turns 27: bijstand drops from 1,401.50 to 1,001.07 (Normenbrief 2026)', () => {
    const { comparison: c } = checkEvent(single, rulebook(), 'adult-child-turns-27', { child: 'k', date: '2026-03-01' });
    const b = change(c, 'bijstand');
    expect(euros(b.before!.monthly)).toBe(1401.5);
    expect(euros(b.after!.monthly)).toBe(1001.07);
    expect(b.change).toBe('down');
  });

  it('applies when a housemate of 30 moves in, and not for one of 26', () => {
    const alone = household({ referenceDate: '2026-02-01', municipality: 'GM0106', people: [{ id: 'a', role: 'applicant', age: 50 }] });
    expect(
      euros(
        change(checkEvent(alone, rulebook(), 'housemate-moves-in', { age: 30, date: '2026-03-01' }).comparison, 'bijstand').after!.monthly,
      ),
    ).toBe(1001.07);
    expect(change(checkEvent(alone, rulebook(), 'housemate-moves-in', { age: 26, date: '2026-03-01' }).comparison, 'bijstand').change).toBe(
      'same',
    );
  });

  it('adds no income for a housemate who has none (the amount is optional)', () => {
    const alone = household({ referenceDate: '2026-02-01', municipality: 'GM0106', people: [{ id: 'a', role: 'applicant', age: 50 }] });
    const { afterHousehold, comparison: c } = checkEvent(alone, rulebook(), 'housemate-moves-in', { age: 30, date: '2026-03-01' });
    expect(afterHousehold.incomes).toEqual([]);
    expect(Number.isFinite(c.keep.after)).toBe(true);
  });

  it('stops when the housemate moves out', () => {
    const shared = household({
      referenceDate: '2026-02-01',
      municipality: 'GM0106',
      people: [
        { id: 'a', role: 'applicant', age: 50 },
        { id: 'h', role: 'housemate', age: 40 },
      ],
    });
    const b = change(checkEvent(shared, rulebook(), 'housemate-moves-out', { person: 'h', date: '2026-03-01' }).comparison, 'bijstand');
    expect(euros(b.monthlyDelta)).toBe(400.43);
  });
});

describe('a child at home turns 21', () => {
  it('changes nothing in the parent’s bijstand: the kostendelersnorm starts at 27, so the norm stays 1,401.50 (Normenbrief 2026, art. 22a)', () => {
    const h = household({
      referenceDate: '2026-02-01',
      municipality: 'GM0106',
      people: [
        { id: 'a', role: 'applicant', age: 50 },
        { id: 'k', role: 'adult-child', age: 20 },
      ],
    });
    const { comparison: c, afterHousehold } = checkEvent(h, rulebook(), 'child-turns-21', { child: 'k', date: '2026-03-01' });
    expect(afterHousehold.people[1]).toMatchObject({ role: 'adult-child', age: 21 });
    const b = change(c, 'bijstand');
    expect(euros(b.before!.monthly)).toBe(1401.5);
    expect(euros(b.after!.monthly)).toBe(1401.5);
    expect(b.change).toBe('same');
    expect(change(c, 'kinderbijslag').change).toBe('none');
  });
});

describe('reaching the AOW age', () => {
  it('replaces bijstand at 1,401.50 with the AIO at the AOW-age norm of 1,564.69 (Normenbrief 2026, art. 22)', () => {
    const h = household({
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [{ id: 'a', role: 'applicant', age: 66 }],
      incomes: [{ person: 'a', type: 'bijstand', amount: 1331.43, period: 'month', basis: 'net' }],
    });
    const { comparison: c, afterHousehold } = checkEvent(h, rulebook(), 'reaching-aow-age', { aowIncome: 0, date: '2026-06-01' });
    expect(afterHousehold.people[0]!.age).toBe(67);
    expect(change(c, 'bijstand').change).toBe('stops');
    expect(change(c, 'aio')).toMatchObject({ change: 'starts', after: { status: 'eligible', monthly: 156469 } });
  });
});

describe('starting work', () => {
  const h = household({
    referenceDate: '2026-01-15',
    municipality: 'GM0106',
    people: [{ id: 'a', role: 'applicant', age: 35 }],
    incomes: [{ person: 'a', type: 'bijstand', amount: 1331.43, period: 'month', basis: 'net' }],
    housing: { type: 'rent', rent: 600 },
  });

  it('adds wages of 16 hours at the minimum wage (14.71 × 16 × 52 / 12 = 1,019.89 gross a month) and lowers bijstand', () => {
    const { comparison: c, afterHousehold } = checkEvent(h, rulebook(), 'start-work', { hours: 16, date: '2026-02-01' });
    expect(afterHousehold.incomes).toEqual([
      { person: 'a', type: 'wages', amount: 101989, period: 'month', basis: 'gross', since: '2026-02-01' },
    ]);
    const b = change(c, 'bijstand');
    expect(b.change).toBe('down');
    expect(b.after!.status).toBe('eligible');
    // New work: for six months 25 % of the net wages (at most 285) stays out of the counted income,
    // so the household keeps that much more; after that bijstand tops up to the norm again.
    expect(c.after.schemes.find((s) => s.id === 'bijstand')!.reasons.map((r) => r.code)).toContain('disregard-new-work-applied');
    expect(c.keep.delta).toBeGreaterThan(20000);
    expect(c.keep.delta).toBeLessThanOrEqual(28500);
  });

  it('counts the bijstand that remains in what is left, also when bijstand was already received (and declared as income before)', () => {
    const receiving = household({
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [{ id: 'a', role: 'applicant', age: 35 }],
      incomes: [{ person: 'a', type: 'bijstand', amount: 1401.5, period: 'month', basis: 'net' }],
      housing: { type: 'rent', rent: 600 },
      receiving: ['bijstand'],
    });
    const { comparison: c } = checkEvent(receiving, rulebook(), 'start-work', { hours: 16, date: '2026-02-01' });
    const b = change(c, 'bijstand');
    expect(b.change).toBe('down');
    expect(b.after!.status).toBe('already-receiving');
    // The wages replace the declared bijstand income; the bijstand that tops them up must still count.
    expect(c.after.disposableIncome.income.lines.find((l) => l.key === 'bijstand')?.monthly).toBe(b.after!.monthly);
    expect(c.keep.delta).toBeGreaterThan(0);
  });

  it('adds 8 more hours at the minimum wage: 14.71 × 8 × 52 / 12 = 509.95 gross a month (WML 1 January 2026)', () => {
    const working = household({
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [{ id: 'a', role: 'applicant', age: 35 }],
      incomes: [{ person: 'a', type: 'wages', amount: 1019.89, period: 'month', basis: 'gross' }],
      housing: { type: 'rent', rent: 600 },
    });
    const { comparison: c, afterHousehold } = checkEvent(working, rulebook(), 'work-more-hours', { extraHours: 8, date: '2026-02-01' });
    expect(afterHousehold.incomes.map((i) => i.amount)).toEqual([101989, 50995]);
    expect(change(c, 'bijstand').change).toMatch(/down|stops/);
  });

  it('is not offered once the AOW age is reached', () => {
    expect(
      eventApplies(
        rulebook().events['start-work']!,
        household({ municipality: 'GM0106', people: [{ id: 'a', role: 'applicant', age: 70 }] }),
        67,
      ),
    ).toBe(false);
  });
});

describe('a separation and moving in together', () => {
  const couple = household({
    referenceDate: '2026-01-15',
    municipality: 'GM0106',
    people: [
      { id: 'a', role: 'applicant', age: 35 },
      { id: 'p', role: 'partner', age: 36 },
      { id: 'c', role: 'child', age: 4 },
    ],
    annualTaxableIncome: { a: 15000, p: 20000 },
  });

  it('adds the alleenstaande-ouderkop of 3,416 to the kindgebonden budget after a separation', () => {
    const { comparison: c } = checkEvent(couple, rulebook(), 'separation', { date: '2026-03-01' });
    const k = change(c, 'kindgebonden-budget');
    expect(euros(k.before!.yearly)).toBe(2580);
    expect(euros(k.after!.yearly)).toBe(2580 + 3416);
    expect(c.after.household.type).toBe('single-parent');
  });

  it('counts the new partner as a toeslagpartner when moving in together', () => {
    const single = household({
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [{ id: 'a', role: 'applicant', age: 30 }],
      annualTaxableIncome: { a: 20000 },
    });
    const { comparison: c } = checkEvent(single, rulebook(), 'moving-in-together', {
      partnerAge: 31,
      partnerIncome: 150000,
      date: '2026-03-01',
    });
    expect(c.after.household.type).toBe('couple');
    expect(change(c, 'zorgtoeslag').change).not.toBe('none');
  });
});

describe('moving to another municipality', () => {
  it('ends Assen’s schemes and starts Nijkerk’s', () => {
    const h = household({
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [
        { id: 'a', role: 'applicant', age: 38 },
        { id: 'c', role: 'child', age: 9 },
      ],
      housing: { type: 'rent', rent: 650 },
    });
    const { comparison: c } = checkEvent(h, rulebook(), 'moving', { municipality: 'GM0267', rent: 80000, date: '2026-04-01' });
    expect(change(c, 'meedoenpremie-schoolgaande-kinderen').change).toBe('stops');
    expect(change(c, 'meedoen')).toMatchObject({ change: 'starts' });
    expect(c.after.municipality.name).toBe('Nijkerk');
  });
});

describe('the new year', () => {
  it('checks the same household under the next year’s rules: 2025 → 2026', () => {
    const h = household({
      referenceDate: '2025-06-01',
      municipality: 'GM0106',
      people: [{ id: 'a', role: 'applicant', age: 40 }],
      annualTaxableIncome: { a: 19000 },
    });
    const { comparison: c, afterHousehold } = checkEvent(h, rulebook(), 'new-year', {});
    expect(afterHousehold.referenceDate).toBe('2026-01-01');
    // Zorgtoeslag at an income of 19,000: 1,573 in 2025 and 1,550 in 2026 (official examples).
    const z = change(c, 'zorgtoeslag');
    expect(euros(z.before!.yearly)).toBe(1573);
    expect(euros(z.after!.yearly)).toBe(1550);
    expect(z.change).toBe('down');
  });
});

describe('coming events, for batch screening', () => {
  it('finds a child of 17 who turns 18 before the date, from the date of birth', () => {
    const h = household({
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [
        { id: 'a', role: 'applicant', age: 45, birthDate: '1980-05-01' },
        { id: 'c1', role: 'child', age: 17, birthDate: '2008-03-10' },
        { id: 'c2', role: 'child', age: 11, birthDate: '2014-09-30' },
      ],
    });
    expect(upcomingEvents(h, rulebook(), '2026-06-30')).toEqual([
      { event: 'child-turns-18', date: '2026-03-10', answers: { child: 'c1', date: '2026-03-10' } },
    ]);
    expect(upcomingEvents(h, rulebook(), '2026-12-31').map((u) => `${u.event} ${u.date}`)).toEqual([
      'child-turns-18 2026-03-10',
      'child-turns-12 2026-09-30',
    ]);
  });

  it('refuses a date of birth that does not match the age', () => {
    const r = parseHousehold(
      { municipality: 'GM0106', referenceDate: '2026-01-15', people: [{ id: 'a', role: 'applicant', age: 40, birthDate: '1990-01-01' }] },
      { today: '2026-01-15' },
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(() => check(r.household, rulebook())).toThrow(/birthdate-age/);
  });
});
