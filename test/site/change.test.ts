/**
 * The change page's data (src/site/change.ts): which events fit a household, reading what people type
 * (dates, hours, amounts, a municipality) with errors in codes the page translates, and the rows of
 * before and after from the engine's comparison.
 */
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/i18n/index.ts';
import { changeStage, compareChange, parseDate, readEventAnswers, stageFields, startChange } from '../../src/site/change.ts';
import { EXAMPLES } from '../../src/site/examples.ts';
import { rulebook } from '../support/rulebook.ts';

const TODAY = '2026-03-02';
const mother = { ...EXAMPLES['alleenstaande-moeder-assen'], childAges: '8, 17' };

function start(answers: Record<string, string>) {
  const r = startChange(answers, 'nl', rulebook(), TODAY);
  if (!r.ok) throw new Error(r.kind);
  return r;
}

describe('startChange', () => {
  it('offers only events that fit: a child of 17 can turn 18, no child can turn 12, and the new year once its rules are in content', () => {
    const ids = start(mother).choices.map((c) => c.event.id);
    expect(ids).toContain('child-turns-18');
    expect(ids).toContain('start-work');
    expect(ids).not.toContain('child-turns-12');
    expect(ids).not.toContain('separation');
    // The rules cover the next year (2027 from 2026), but not the year after the last covered one.
    expect(ids).toContain('new-year');
    const lastYear = startChange(mother, 'nl', rulebook(), rulebook().validTo);
    expect(lastYear.ok && lastYear.choices.map((c) => c.event.id)).not.toContain('new-year');
    const turns18 = start(mother).choices.find((c) => c.event.id === 'child-turns-18')!;
    expect(turns18.people.child!.map((p) => [p.id, p.ref.age])).toEqual([['c2', 17]]);
  });

  it('needs answers that pass the check', () => {
    expect(startChange({}, 'nl', rulebook(), TODAY)).toEqual({ ok: false, kind: 'empty' });
    expect(startChange({ place: 'nergens' }, 'nl', rulebook(), TODAY)).toEqual({ ok: false, kind: 'invalid' });
  });
});

describe('reading the event questions', () => {
  it('reads Dutch and ISO dates, and refuses impossible ones', () => {
    expect(parseDate('30-9-2026')).toBe('2026-09-30');
    expect(parseDate('2026-09-30')).toBe('2026-09-30');
    expect(parseDate('31-02-2026')).toBeUndefined();
    expect(parseDate('morgen')).toBeUndefined();
  });

  it('gives a code per problem and keeps nothing that does not fit', () => {
    const work = start(mother).choices.find((c) => c.event.id === 'start-work')!;
    const r = readEventAnswers(work, { 'ev.hours': '60', 'ev.hourlyWage': 'veel', 'ev.date': '2026-01-05' }, rulebook(), TODAY);
    expect(r.ok ? [] : r.errors.map((e) => [e.input, e.code])).toEqual([
      ['hours', 'number-range'],
      ['hourlyWage', 'amount-format'],
      ['date', 'date-past'],
    ]);
    const later = readEventAnswers(work, { 'ev.hours': '16', 'ev.date': '2028-02-01' }, rulebook(), TODAY);
    expect(later.ok ? [] : later.errors.map((e) => [e.code, e.params.last])).toEqual([['date-range', rulebook().validTo]]);
    const nextYear = readEventAnswers(work, { 'ev.hours': '16', 'ev.date': '2027-01-01' }, rulebook(), TODAY);
    expect(nextYear.ok).toBe(true);
    const ok = readEventAnswers(work, { 'ev.hours': '16', 'ev.hourlyWage': '15,50', 'ev.date': '1-4-2026' }, rulebook(), TODAY);
    // Amounts in euros, as the contract takes them (src/contract/events.ts turns them into cents).
    expect(ok).toEqual({ ok: true, answers: { hours: 16, hourlyWage: 15.5, date: '2026-04-01' } });
  });

  it('finds the new municipality by name or postcode, and asks when a name fits several', () => {
    const move = start(mother).choices.find((c) => c.event.id === 'moving')!;
    const read = (place: string) =>
      readEventAnswers(move, { 'ev.municipality': place, 'ev.rent': '700', 'ev.date': '2026-07-01' }, rulebook(), TODAY);
    expect(read('Nijkerk')).toMatchObject({ ok: true, answers: { municipality: 'GM0267' } });
    expect(read('Ber')).toMatchObject({ ok: false, errors: [{ input: 'municipality', code: 'place-ambiguous' }] });
    expect(read('Atlantis')).toMatchObject({ ok: false, errors: [{ input: 'municipality', code: 'place-unknown' }] });
  });
});

describe('compareChange', () => {
  it('shows kinderbijslag and kindgebonden budget going down when the child of 17 turns 18, with reasons and what to do', () => {
    const s = start(mother);
    const choice = s.choices.find((c) => c.event.id === 'child-turns-18')!;
    const r = compareChange(s.household, choice, { child: 'c2', date: '2026-09-30' }, rulebook(), 'nl', '2026-03-02T10:00:00Z');
    if (!r.ok) throw new Error('no comparison');
    const kgb = r.view.rows.find((x) => x.id === 'kindgebonden-budget')!;
    // Dienst Toeslagen 2026: (2 × 2,580 + 964 + 3,416) / 12 = 795 a month before; 5,996 a year after, an advance of 499 a month.
    expect(kgb).toMatchObject({ change: 'down', before: { monthly: 795 }, after: { monthly: 499 }, monthlyDelta: -296 });
    expect(kgb.reasons[0]!.text).toBe(`Kindgebonden budget gaat omlaag met ${formatMoney(29600, 'nl')} per maand.`);
    expect(kgb.reasons.some((x) => x.source.startsWith('BWBR0022751'))).toBe(true);
    // Nothing to report: the SVB and Dienst Toeslagen know the birth date; the event's to-do list says what to check.
    expect(r.view.actions.map((a) => a.code)).not.toContain('action-report-toeslagen');
    expect(r.view.actions.map((a) => a.code)).not.toContain('action-report-svb');
    expect(r.view.todo).toEqual(choice.event.texts.nl.todo);
    expect(r.view.afterDate).toBe('2026-09-30');
  });
});

describe('the stage of the change page, for the page and its PDF', () => {
  const at = (values: Record<string, string>, answers: Record<string, string> = mother) =>
    changeStage(startChange(answers, 'nl', rulebook(), TODAY), values, rulebook(), 'nl', TODAY, '2026-03-02T10:00:00Z');

  it('goes from picking to the questions to the comparison, and back to the questions on an error', () => {
    expect(at({}, {})).toEqual({ kind: 'none' });
    expect(at({})).toEqual({ kind: 'pick', error: false });
    expect(at({ _step: 'questions' })).toEqual({ kind: 'pick', error: true });
    expect(at({ _event: 'start-work', _step: 'questions' })).toMatchObject({ kind: 'questions', errors: [] });
    const wrong = at({ _event: 'start-work', _step: 'compare', 'ev.hours': '60', 'ev.date': '2026-04-01' });
    expect(wrong.kind === 'questions' ? wrong.errors.map((e) => e.code) : wrong.kind).toEqual(['number-range']);
    const compared = at({ _event: 'start-work', _step: 'compare', 'ev.hours': '16', 'ev.date': '2026-04-01' });
    expect(compared.kind).toBe('compare');
    expect(at({ _event: 'start-work', _step: 'pick', 'ev.hours': '16' })).toEqual({ kind: 'pick', error: false });
  });

  it('carries the event, the step and only that event’s answers along', () => {
    const values = { _event: 'start-work', _step: 'compare', 'ev.hours': '16', 'ev.date': '1-4-2026', 'ev.other': 'x', _answers: '{}' };
    expect(stageFields(at(values), values)).toEqual({ _event: 'start-work', _step: 'compare', 'ev.hours': '16', 'ev.date': '1-4-2026' });
    expect(stageFields(at({}), {})).toEqual({});
  });
});
