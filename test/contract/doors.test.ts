/**
 * The contract's doors for life events and "what if I work more" (src/contract/events.ts and
 * what-if.ts): what comes out is the engine's own comparison and scenario, in euros; amounts go in
 * in euros; and every refusal is the error JSON of the check, with a path that says where.
 */
import { describe, expect, it } from 'vitest';
import { runCheck, type Checked } from '../../src/contract/check.ts';
import { comingChanges, comingEvents, eventsFor, runEvent } from '../../src/contract/events.ts';
import { runWhatIf } from '../../src/contract/what-if.ts';
import { checkEvent } from '../../src/engine/compare.ts';
import { toEuros } from '../../src/engine/money.ts';
import { workMoreHours } from '../../src/engine/scenarios.ts';
import { rulebook } from '../support/rulebook.ts';

const COMPUTED_AT = '2026-01-15T10:00:00Z';

function checked(input: Record<string, unknown>): Checked {
  const r = runCheck(input, rulebook(), { today: '2026-01-15', computedAt: COMPUTED_AT });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r;
}

const mother = checked({
  referenceDate: '2026-01-15',
  municipality: 'GM0106',
  people: [
    { id: 'ank', role: 'applicant', age: 38 },
    { id: 'c1', role: 'child', age: 8 },
    { id: 'c2', role: 'child', age: 17, birthDate: '2008-05-10' },
  ],
  incomes: [{ person: 'ank', type: 'wages', amount: 900, period: 'month', basis: 'net' }],
  housing: { type: 'rent', rent: 650 },
  receiving: ['kinderbijslag', 'kindgebonden-budget'],
});
const options = { language: 'nl' as const, computedAt: COMPUTED_AT };

describe('the door for life events', () => {
  it('offers the events whose conditions the household meets', () => {
    const r = eventsFor(mother.household, rulebook());
    if (!r.ok) throw new Error('events');
    const ids = r.events.map((e) => e.id);
    expect(ids).toContain('child-turns-18');
    expect(ids).toContain('moving');
    // No partner to separate from; whether a child of the right age lives there is the page's question.
    expect(ids).not.toContain('separation');
  });

  it('takes the rent in euros and gives the engine’s comparison in euros, with its texts', () => {
    const r = runEvent(
      mother.household,
      { event: 'moving', answers: { municipality: 'GM0267', rent: 800, date: '2026-04-01' } },
      rulebook(),
      options,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const engine = checkEvent(mother.household, rulebook(), 'moving', {
      municipality: 'GM0267',
      rent: 80000,
      date: '2026-04-01',
    }).comparison;
    const c = r.comparison;
    expect(c.after.municipality.name).toBe('Nijkerk');
    expect(c.keep).toEqual({ before: toEuros(engine.keep.before), after: toEuros(engine.keep.after), delta: toEuros(engine.keep.delta) });
    expect(c.schemes.map((s) => [s.id, s.change, s.monthlyDelta])).toEqual(
      engine.schemes.map((s) => [s.id, s.change, toEuros(s.monthlyDelta)]),
    );
    const stops = c.schemes.find((s) => s.id === 'meedoenpremie-schoolgaande-kinderen')!;
    expect(stops).toMatchObject({ change: 'stops', after: undefined, before: { status: expect.any(String) } });
    expect(c.actions.length).toBe(engine.actions.length);
  });

  it('refuses with the error JSON: an unknown event, an amount with three decimals, someone not in the household', () => {
    const refused = (input: unknown) => {
      const r = runEvent(mother.household, input, rulebook(), options);
      if (r.ok) throw new Error('accepted');
      return r.error.error;
    };
    expect(refused({ event: 'winning-the-lottery', answers: {} })).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'event', code: 'invalid-option' }],
    });
    expect(refused({ event: 'moving', answers: { municipality: 'GM0267', rent: 800.005, date: '2026-04-01' } })).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'answers.rent', code: 'too-many-decimals' }],
    });
    expect(refused({ event: 'child-turns-18', answers: { child: 'c1', date: '2026-03-01' } })).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'answers.child', code: 'invalid-input' }],
    });
    expect(refused({ event: 'child-turns-18', answers: { child: 'nobody', date: '2026-03-01' } }).issues[0]).toMatchObject({
      path: 'answers.child',
      code: 'unknown-person',
    });
    expect(refused({ event: 'moving', answers: {}, extra: true })).toMatchObject({ issues: [{ path: 'extra', code: 'unknown-field' }] });
  });

  it('says so when the household after the event is one the rules cannot check: a date past their last day', () => {
    const after = runEvent(
      mother.household,
      { event: 'child-turns-18', answers: { child: 'c2', date: '2099-01-01' } },
      rulebook(),
      options,
    );
    if (after.ok) throw new Error('accepted');
    expect(after.error.error.code).toBe('invalid-input');
    expect(after.error.error.issues.map((x) => [x.path, x.code])).toContainEqual(['referenceDate', 'date-out-of-range']);
  });

  it('foresees the birthday from the date of birth and says what it changes, in euros', () => {
    const coming = comingEvents(mother.household, rulebook(), '2026-12-31');
    expect(coming).toEqual([{ event: 'child-turns-18', date: '2026-05-10', answers: { child: 'c2', date: '2026-05-10' } }]);
    const r = comingChanges(mother.household, coming[0]!, rulebook());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const engine = checkEvent(mother.household, rulebook(), 'child-turns-18', coming[0]!.answers).comparison;
    expect(r.changes.keep.delta).toBe(toEuros(engine.keep.delta));
    // One of her two children turns 18: the kinderbijslag for that child stops, 140.51 a month (the CLI's own case).
    expect(r.changes.changes).toContainEqual({ id: 'kinderbijslag', change: 'down', monthly: -140.51, yearly: -1686.12 });
    // Only what changes: the schemes that start, stop, go up or go down.
    const moving = engine.schemes.filter((x) => x.change !== 'same' && x.change !== 'none').map((x) => x.id);
    expect(r.changes.changes.map((x) => x.id)).toEqual(moving);
  });
});

describe('the door for what if I work more', () => {
  it('is the engine’s scenario in euros, its first point the check itself', () => {
    const r = runWhatIf(mother, rulebook());
    if (!r.ok || !r.whatIf) throw new Error('what-if');
    const engine = workMoreHours(mother.household, rulebook());
    expect(r.whatIf.hourlyWage).toBe(toEuros(engine.hourlyWage));
    expect(r.whatIf.points.map((p) => [p.extraHours, p.keeps, p.difference])).toEqual(
      engine.points.map((p) => [p.extraHours, toEuros(p.keeps), toEuros(p.keeps - engine.points[0]!.keeps)]),
    );
    expect(r.whatIf.points[0]!.keeps).toBe(toEuros(mother.outcome.ledger.keep.monthly));
  });

  it('has no chart for someone past the AOW age', () => {
    const pensioner = checked({ referenceDate: '2026-01-15', municipality: 'GM0106', people: [{ id: 'a', role: 'applicant', age: 70 }] });
    expect(runWhatIf(pensioner, rulebook())).toEqual({ ok: true, whatIf: undefined });
  });
});
