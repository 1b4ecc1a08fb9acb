/**
 * Facts about a household that many rules share: who lives there, the household type, AOW age,
 * the kostendelers, and everyone's income. Computed once per check.
 */
import { estimatePersonIncome, type PersonIncome } from './income.ts';
import type { ParameterReader } from './parameters.ts';
import type { Household, HouseholdType, Person } from './types.ts';

export interface Facts {
  household: Household;
  params: ParameterReader;
  applicant: Person;
  partner: Person | undefined;
  /** Children under 18 living at home (role `child`). */
  children: Person[];
  adultChildren: Person[];
  housemates: Person[];
  type: HouseholdType;
  /** Everyone who lives in the home. */
  size: number;
  aowAge: number;
  isAowAge: (person: Person) => boolean;
  /** Applicant or partner has reached the AOW age. */
  couplePensioner: boolean;
  /** Number of kostendelers in the sense of Pw art. 22a, the applicant (and partner) included. */
  kostendelers: number;
  income: Map<string, PersonIncome>;
  /** Toetsingsinkomen of applicant and toeslagpartner together, cents per year. */
  toeslagInkomen: number;
  toeslagInkomenEstimated: boolean;
  /** Net income of applicant and partner, cents per month as received. */
  netMonthly: number;
  /** Net income of applicant and partner, cents per year including holiday pay. */
  netYearly: number;
  /** Gross income of applicant and partner, cents per year including holiday pay. */
  grossYearly: number;
  receives: (schemeId: string) => boolean;
}

export function householdType(partner: Person | undefined, children: readonly Person[]): HouseholdType {
  if (partner) return children.length > 0 ? 'couple-with-children' : 'couple';
  return children.length > 0 ? 'single-parent' : 'single';
}

export function deriveFacts(household: Household, params: ParameterReader): Facts {
  const people = household.people;
  let applicant: Person | undefined;
  let partner: Person | undefined;
  const children: Person[] = [];
  const adultChildren: Person[] = [];
  const housemates: Person[] = [];
  for (const p of people) {
    if (p.role === 'applicant') applicant ??= p;
    else if (p.role === 'partner') partner ??= p;
    else if (p.role === 'child') children.push(p);
    else if (p.role === 'adult-child') adultChildren.push(p);
    else if (p.role === 'housemate') housemates.push(p);
  }
  const aowAge = params.count('aow/leeftijd');
  const isAowAge = (p: Person): boolean => p.age >= aowAge;

  // Pw art. 22a: medebewoners from the kostendelersnorm age count, except students with study
  // finance and people in an institution; the applicant and the partner always count.
  const kostendelerAge = params.count('participatiewet/kostendelersnorm-leeftijd');
  const counts = (p: Person): boolean => p.age >= kostendelerAge && !p.student && !p.inInstitution;
  const kostendelers = 1 + (partner ? 1 : 0) + countWhere(adultChildren, counts) + countWhere(housemates, counts);

  const single = partner === undefined;
  const income = new Map<string, PersonIncome>();
  for (const person of people) {
    const own = household.incomes.filter((i) => i.person === person.id);
    // Person ids are the caller's text: an own property only, never a member of Object.prototype
    // (an id like `constructor` or `__proto__` would otherwise read a function as an income).
    const given = Object.hasOwn(household.annualTaxableIncome, person.id) ? household.annualTaxableIncome[person.id] : undefined;
    income.set(person.id, estimatePersonIncome(person, own, given, isAowAge(person), single, params));
  }
  const a = income.get(applicant!.id)!;
  const b = partner ? income.get(partner.id) : undefined;
  // Someone who declares a bijstand income receives bijstand, or the AIO from the AOW age. A short
  // list: searching it is cheaper than building a set for every household.
  let receiving = household.receiving;
  if (household.incomes.some((i) => i.type === 'bijstand')) receiving = [...receiving, isAowAge(applicant!) ? 'aio' : 'bijstand'];

  return {
    household,
    params,
    applicant: applicant!,
    partner,
    children,
    adultChildren,
    housemates,
    type: householdType(partner, children),
    size: people.length,
    aowAge,
    isAowAge,
    couplePensioner: isAowAge(applicant!) || (partner !== undefined && isAowAge(partner)),
    kostendelers,
    income,
    // Applicant and toeslagpartner together.
    toeslagInkomen: a.taxable + (b?.taxable ?? 0),
    toeslagInkomenEstimated: a.taxableEstimated || (b?.taxableEstimated ?? false),
    netMonthly: a.monthlyNet + (b?.monthlyNet ?? 0),
    netYearly: a.yearlyNet + (b?.yearlyNet ?? 0),
    grossYearly: a.yearlyGross + (b?.yearlyGross ?? 0),
    receives: (id) => receiving.includes(id),
  };
}

function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item)) n++;
  return n;
}
