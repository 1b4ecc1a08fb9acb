/**
 * The compiled household parser (`z.compile`) must answer exactly as zod's runtime parser: the same
 * data for valid households and the same issues, in the same order, for broken ones. Zod promises
 * this; these tests hold it to that promise for our schema, over generated households and over each
 * kind of mistake a caller can make.
 */
import { describe, expect, it } from 'vitest';
import { householdParser, householdSchema } from '../../src/contract/household.ts';
import { generateHousehold, random } from '../bench/households.ts';

type Json = Record<string, unknown>;
type Person = { id: string; role: string; age: number };

/** Each mistake, as a change to a copy of a valid household. */
const MISTAKES: Record<string, (h: Json) => void> = {
  'an unknown field': (h) => (h['salary'] = 100),
  'an unknown field on a person': (h) => ((h['people'] as Json[])[0]!['name'] = 'Sam'),
  'no people': (h) => (h['people'] = []),
  'no applicant': (h) => ((h['people'] as Person[])[0]!.role = 'housemate'),
  'two partners': (h) => (h['people'] as Json[]).push({ id: 'p1', role: 'partner', age: 40 }, { id: 'p2', role: 'partner', age: 41 }),
  'a duplicate person id': (h) => (h['people'] as Json[]).push({ id: 'a', role: 'housemate', age: 30 }),
  'a child of 18': (h) => (h['people'] as Json[]).push({ id: 'x', role: 'child', age: 18 }),
  'an adult child of 17': (h) => (h['people'] as Json[]).push({ id: 'x', role: 'adult-child', age: 17 }),
  'an applicant of 15': (h) => ((h['people'] as Person[])[0]!.age = 15),
  'an age with decimals': (h) => ((h['people'] as Json[])[0]!['age'] = 30.5),
  'an age as text': (h) => ((h['people'] as Json[])[0]!['age'] = '30'),
  'an unknown role': (h) => ((h['people'] as Json[])[0]!['role'] = 'lodger'),
  'a date that does not exist': (h) => (h['referenceDate'] = '2025-02-29'),
  'a date in another format': (h) => (h['referenceDate'] = '01-03-2025'),
  'a birth date that does not exist': (h) => ((h['people'] as Json[])[0]!['birthDate'] = '2001-13-01'),
  'a bad municipality code': (h) => (h['municipality'] = 'GM106'),
  'an unknown language': (h) => (h['language'] = 'de'),
  'an amount with three decimals': (h) => (h['assets'] = 10.005),
  'a negative rent': (h) => (h['housing'] = { type: 'rent', rent: -1 }),
  'rent for an owner': (h) => (h['housing'] = { type: 'owner', rent: 500 }),
  'an unknown housing type': (h) => (h['housing'] = { type: 'boat' }),
  'an amount above the maximum': (h) => (h['costs'] = { energy: 10_000_001 }),
  'an unknown cost': (h) => (h['costs'] = { internet: 30 }),
  'an income of an unknown person': (h) => (h['incomes'] = [{ person: 'zz', type: 'wages', amount: 100, period: 'month', basis: 'net' }]),
  'an income of an unknown type': (h) => (h['incomes'] = [{ person: 'a', type: 'lottery', amount: 100, period: 'month', basis: 'net' }]),
  'an income without a period': (h) => (h['incomes'] = [{ person: 'a', type: 'wages', amount: 100, basis: 'net' }]),
  'a taxable income of an unknown person': (h) => (h['annualTaxableIncome'] = { zz: 1000 }),
  'a taxable income with an empty key': (h) => (h['annualTaxableIncome'] = { '': 1000 }),
  'a scheme received twice': (h) => (h['receiving'] = ['zorgtoeslag', 'zorgtoeslag']),
  'a scheme id that is too long': (h) => (h['receiving'] = ['x'.repeat(61)]),
  'people that are not a list': (h) => (h['people'] = { a: 1 }),
  'several mistakes at once': (h) => {
    h['municipality'] = 'X';
    h['assets'] = 'a lot';
    (h['people'] as Json[]).push({ id: 'a', role: 'child', age: 40 });
  },
};

function households(count: number, seed: number): Json[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const household = generateHousehold(rand, i);
    delete household['id'];
    return household;
  });
}

function bothParsers(input: unknown): [unknown, unknown] {
  const runtime = householdSchema.safeParse(input, { reportInput: true });
  const compiled = householdParser.safeParse(input, { reportInput: true });
  return [
    runtime.success ? { data: runtime.data } : { issues: runtime.error.issues },
    compiled.success ? { data: compiled.data } : { issues: compiled.error.issues },
  ];
}

describe('the compiled household parser', () => {
  it('is really compiled (a generated fast path, not the runtime parser handed back)', () => {
    expect(householdParser).not.toBe(householdSchema);
    expect(householdParser._zod.run).not.toBe(householdSchema._zod.run);
  });

  it('gives the same data as the runtime parser for 2,000 generated households', () => {
    for (const h of households(2000, 3)) {
      const [runtime, compiled] = bothParsers(h);
      expect(compiled).toStrictEqual(runtime);
      expect(JSON.stringify(compiled)).toBe(JSON.stringify(runtime));
      expect(runtime).toHaveProperty('data');
    }
  });

  for (const [mistake, apply] of Object.entries(MISTAKES)) {
    it(`gives the same issues as the runtime parser for ${mistake}`, () => {
      for (const h of households(20, mistake.length)) {
        const broken = structuredClone(h);
        apply(broken);
        const [runtime, compiled] = bothParsers(broken);
        expect(runtime).toHaveProperty('issues');
        expect(compiled).toStrictEqual(runtime);
      }
    });
  }

  it('gives the same issues for input that is not a household at all', () => {
    for (const input of [null, 42, 'household', [], [{}], {}, { people: null }]) {
      const [runtime, compiled] = bothParsers(input);
      expect(compiled).toStrictEqual(runtime);
    }
  });
});
