/** The check's answers: parsing what people type, skip logic, merging and navigation. */
import { describe, expect, it } from 'vitest';
import {
  cleanAnswers,
  formValues,
  mergeStep,
  navigate,
  parseAgeList,
  parseAmount,
  people,
  validateStep,
  visibleSteps,
  type Answers,
  type ValidationContext,
} from '../../src/site/answers.ts';
import type { PlaceIndex } from '../../src/site/places.ts';

const places: PlaceIndex = {
  places: [
    { code: 'GM0106', name: 'Assen', province: 'Drenthe', aliases: [] },
    { code: 'GM0373', name: 'Bergen (NH.)', province: 'Noord-Holland', aliases: ['Bergen'] },
    { code: 'GM0893', name: 'Bergen (L.)', province: 'Limburg', aliases: ['Bergen'] },
  ],
  postcodes: [{ code: 'GM0106', ranges: [[9401, 9409]] }],
};
const ctx: ValidationContext = { places, schemeIds: new Set(['zorgtoeslag', 'bijstand']) };

describe('parseAmount', () => {
  it.each([
    ['1250', 1250],
    ['1.250,50', 1250.5],
    ['1250,50', 1250.5],
    ['1250.50', 1250.5],
    ['€ 1 250', 1250],
    ['1.250', 1250],
    ['1,234.5', 1234.5],
    ['0', 0],
    ['1.250.000', 1_250_000],
  ])('reads %s as %d euros', (text, value) => {
    expect(parseAmount(text)).toEqual({ ok: true, value });
  });
  it.each([
    ['-5', 'amount-negative'],
    ['abc', 'amount-format'],
    ['1.2.3', 'amount-format'],
    ['12.345.678,90', 'amount-too-big'],
    ['1,2345', 'too-many-decimals'],
  ])('refuses %s (%s)', (text, code) => {
    expect(parseAmount(text)).toEqual({ ok: false, code });
  });
  it('reads three digits after a single separator as thousands', () => {
    expect(parseAmount('12,345')).toEqual({ ok: true, value: 12345 });
  });
});

describe('parseAgeList', () => {
  it('reads commas, spaces and "en"', () => {
    expect(parseAgeList('8, 14')).toEqual([8, 14]);
    expect(parseAgeList('8 en 14')).toEqual([8, 14]);
    expect(parseAgeList('8,14')).toEqual([8, 14]);
    expect(parseAgeList('')).toEqual([]);
  });
  it('marks words that are not numbers', () => {
    expect(parseAgeList('acht')).toEqual([undefined]);
  });
});

describe('skip logic', () => {
  it('asks about study only when someone is under 30', () => {
    expect(visibleSteps({ age: '45', partner: 'no' })).not.toContain('studie');
    expect(visibleSteps({ age: '20', partner: 'no' })).toContain('studie');
    expect(visibleSteps({ age: '45', partner: 'no', adultChildAges: '19' })).toContain('studie');
  });
  it('asks for amounts only when an income was chosen', () => {
    expect(visibleSteps({ age: '45', 'inc.a': 'none' })).not.toContain('bedragen');
    expect(visibleSteps({ age: '45', 'inc.a': 'wages' })).toContain('bedragen');
  });
  it("asks other adults' income only in a rented home (it counts for huurtoeslag)", () => {
    const a: Answers = { age: '45', partner: 'no', otherAges: '50', housing: 'owner', 'inc.a': 'none', 'inc.h1': 'wages' };
    expect(visibleSteps(a)).not.toContain('bedragen');
    expect(visibleSteps({ ...a, housing: 'rent' })).toContain('bedragen');
  });
  it('lists the people with stable keys', () => {
    expect(people({ age: '38', partner: 'yes', partnerAge: '36', childAges: '8, 14', otherAges: '70' }).map((p) => p.key)).toEqual([
      'a',
      'p',
      'c1',
      'c2',
      'h1',
    ]);
    expect(people({ age: '38', partner: 'no', partnerAge: '36' }).map((p) => p.key)).toEqual(['a']);
  });
});

describe('validation', () => {
  it('finds the municipality by postcode and by name, and asks to choose when a name is shared', () => {
    expect(validateStep('gemeente', { place: '9402 AB' }, ctx)).toEqual([]);
    expect(validateStep('gemeente', { place: 'assen' }, ctx)).toEqual([]);
    expect(validateStep('gemeente', { place: '1234' }, ctx)).toEqual([{ field: 'place', code: 'postcode-unknown' }]);
    expect(validateStep('gemeente', { place: 'Bergen' }, ctx)).toEqual([{ field: 'place', code: 'place-ambiguous' }]);
    expect(validateStep('gemeente', { place: 'Bergen', municipality: 'GM0893' }, ctx)).toEqual([]);
    expect(validateStep('gemeente', { place: '' }, ctx)).toEqual([{ field: 'place', code: 'place-required' }]);
  });
  it('checks ages, and the partner age only with a partner', () => {
    expect(validateStep('jij', { age: '38', partner: 'no' }, ctx)).toEqual([]);
    expect(validateStep('jij', { age: '3,5', partner: 'yes' }, ctx).map((e) => [e.field, e.code])).toEqual([
      ['age', 'age-format'],
      ['partnerAge', 'age-required'],
    ]);
    expect(validateStep('huis', { childAges: '19' }, ctx)).toEqual([
      { field: 'childAges', code: 'child-age-range', params: { min: 0, max: 17 } },
    ]);
  });
  it('requires an amount, a period and net or gross for every chosen income', () => {
    const a: Answers = { age: '38', 'inc.a': 'wages', 'inc.a.wages.amount': 'veel', 'inc.a.wages.period': 'month' };
    expect(validateStep('bedragen', a, ctx).map((e) => [e.field, e.code])).toEqual([
      ['inc.a.wages.amount', 'amount-format'],
      ['inc.a.wages.basis', 'basis-required'],
    ]);
  });
  it('asks about an implausible amount before the check runs, and accepts it once confirmed, keeping what was typed', () => {
    const income = (amount: string, period = 'month', extra: Record<string, string> = {}) => ({
      partner: 'no',
      'inc.a': 'bijstand',
      'inc.a.bijstand.amount': amount,
      'inc.a.bijstand.period': period,
      'inc.a.bijstand.basis': 'net',
      ...extra,
    });
    const codes = (a: Record<string, string>) => validateStep('bedragen', a, ctx).map((e) => e.code);
    // "400,555": a slip for 400,55, or 400.555? The check asks instead of reading €400.555,00 without a word.
    expect(codes(income('400,555'))).toEqual(['amount-check-separator']);
    expect(codes(income('400,55'))).toEqual([]);
    expect(codes(income('400,555', 'month', { 'confirm.inc.a.bijstand.amount': 'yes' }))).toEqual([]);
    // More than 15,000 a month is asked about; the same amount a year is not.
    expect(codes(income('20000'))).toEqual(['amount-check-large']);
    expect(codes(income('20000', 'year'))).toEqual([]);
    expect(codes(income('20000', 'month', { 'confirm.inc.a.bijstand.amount': 'yes' }))).toEqual([]);
    expect(validateStep('wonen', { housing: 'rent', rent: '3500' }, ctx).map((e) => e.code)).toEqual(['amount-check-large']);
    // The confirmation is part of the step's answers, so it survives the next step and the results page.
    const next = navigate({ answers: {}, step: 'wonen' }, { housing: 'rent', rent: '3500', 'confirm.rent': 'yes' }, 'next', ctx);
    expect(next.errors).toEqual([]);
    expect(next.answers).toMatchObject({ rent: '3500', 'confirm.rent': 'yes' });
  });

  it('refuses "no income" together with an income', () => {
    expect(validateStep('inkomen', { age: '38', 'inc.a': 'wages,none' }, ctx)).toEqual([{ field: 'inc.a', code: 'income-none-and-other' }]);
  });
});

describe('navigation', () => {
  it('keeps what was typed when a step has errors, and stays on the step', () => {
    const r = navigate({ answers: {}, step: 'jij' }, { age: 'abc', partner: 'no' }, 'next', ctx);
    expect(r.step).toBe('jij');
    expect(r.answers).toMatchObject({ age: 'abc', partner: 'no' });
    expect(r.errors.map((e) => e.code)).toEqual(['age-format']);
  });
  it('goes back without checking, and keeps the answers', () => {
    const r = navigate({ answers: { place: 'Assen' }, step: 'jij' }, { age: 'x' }, 'back', ctx);
    expect(r).toMatchObject({ step: 'gemeente', errors: [], answers: { place: 'Assen', age: 'x' } });
  });
  it('stores the municipality code found from the place', () => {
    const r = navigate({ answers: {}, step: 'gemeente' }, { place: '9402' }, 'next', ctx);
    expect(r).toMatchObject({ step: 'jij', answers: { place: '9402', municipality: 'GM0106' } });
  });
  it('returns to the summary after changing an answer from it', () => {
    const answers: Answers = { place: 'Assen', age: '38', partner: 'no', housing: 'owner', 'inc.a': 'none' };
    const edit = navigate({ answers, step: 'overzicht' }, {}, 'goto:jij', ctx);
    expect(edit).toMatchObject({ step: 'jij', returnTo: 'overzicht' });
    const done = navigate({ answers, step: 'jij', returnTo: 'overzicht' }, { age: '39', partner: 'no' }, 'next', ctx);
    expect(done).toMatchObject({ step: 'overzicht', answers: { age: '39' } });
  });
  it('after a change from the summary, first asks a question that now applies', () => {
    const answers: Answers = { place: 'Assen', age: '38', partner: 'no', housing: 'owner', 'inc.a': 'none' };
    const r = navigate({ answers, step: 'inkomen', returnTo: 'overzicht' }, { 'inc.a': 'wages' }, 'next', ctx);
    expect(r).toMatchObject({ step: 'bedragen', returnTo: 'overzicht' });
  });
  it('deletes everything on reset', () => {
    expect(navigate({ answers: { age: '38' }, step: 'huis' }, {}, 'reset', ctx)).toEqual({ answers: {}, step: 'gemeente', errors: [] });
  });
});

describe('form data', () => {
  it('joins checkbox groups and replaces only the fields of the step', () => {
    const values = formValues([
      ['inc.a', 'wages'],
      ['inc.a', 'bijstand'],
    ]);
    expect(values).toEqual({ 'inc.a': 'wages,bijstand' });
    const merged = mergeStep({ age: '38', partner: 'yes', partnerAge: '40', 'inc.a': 'pension', 'inc.p': 'aow' }, 'inkomen', values);
    // The partner's checkbox group was sent with nothing ticked: that answer is removed.
    expect(merged).toEqual({ age: '38', partner: 'yes', partnerAge: '40', 'inc.a': 'wages,bijstand' });
    // Answers of a partner who is no longer there stay, unused, so nothing is lost if they come back.
    expect(mergeStep({ age: '38', partner: 'no', 'inc.p': 'aow' }, 'inkomen', values)).toEqual({
      age: '38',
      partner: 'no',
      'inc.a': 'wages,bijstand',
      'inc.p': 'aow',
    });
  });
  it('ignores unknown keys and values that are not text', () => {
    expect(cleanAnswers({ age: '38', evil: 'x', rent: 5, 'inc.a.wages.amount': '100' })).toEqual({
      age: '38',
      'inc.a.wages.amount': '100',
    });
  });
});
