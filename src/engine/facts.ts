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
  const applicant = people.find((p) => p.role === 'applicant')!;
  const partner = people.find((p) => p.role === 'partner');
  const children = people.filter((p) => p.role === 'child');
  const adultChildren = people.filter((p) => p.role === 'adult-child');
  const housemates = people.filter((p) => p.role === 'housemate');
  const aowAge = params.count('aow/leeftijd');
  const isAowAge = (p: Person): boolean => p.age >= aowAge;

  // Pw art. 22a: medebewoners from the kostendelersnorm age count, except students with study
  // finance and people in an institution; the applicant and the partner always count.
  const kostendelerAge = params.count('participatiewet/kostendelersnorm-leeftijd');
  const others = [...adultChildren, ...housemates].filter((p) => p.age >= kostendelerAge && !p.student && !p.inInstitution);
  const kostendelers = 1 + (partner ? 1 : 0) + others.length;

  const single = partner === undefined;
  const income = new Map<string, PersonIncome>();
  for (const person of people) {
    const own = household.incomes.filter((i) => i.person === person.id);
    income.set(person.id, estimatePersonIncome(person, own, household.annualTaxableIncome[person.id], isAowAge(person), single, params));
  }
  const couple = [applicant, ...(partner ? [partner] : [])].map((p) => income.get(p.id)!);
  const receiving = new Set(household.receiving);
  // Someone who declares a bijstand income receives bijstand, or the AIO from the AOW age.
  for (const i of household.incomes) if (i.type === 'bijstand') receiving.add(isAowAge(applicant) ? 'aio' : 'bijstand');

  return {
    household,
    params,
    applicant,
    partner,
    children,
    adultChildren,
    housemates,
    type: householdType(partner, children),
    size: people.length,
    aowAge,
    isAowAge,
    couplePensioner: isAowAge(applicant) || (partner !== undefined && isAowAge(partner)),
    kostendelers,
    income,
    toeslagInkomen: couple.reduce((s, i) => s + i.taxable, 0),
    toeslagInkomenEstimated: couple.some((i) => i.taxableEstimated),
    netMonthly: couple.reduce((s, i) => s + i.monthlyNet, 0),
    netYearly: couple.reduce((s, i) => s + i.yearlyNet, 0),
    grossYearly: couple.reduce((s, i) => s + i.yearlyGross, 0),
    receives: (id) => receiving.has(id),
  };
}
