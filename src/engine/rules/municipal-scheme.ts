/**
 * A municipal minima scheme, evaluated from its data (`content/municipalities/GM####-<name>.yaml`): age,
 * student, child, asset and income conditions, a reference period and conditions only a person can
 * judge, then the amount. No municipality has code of its own.
 */
import type { Facts } from '../facts.ts';
import { applyRate, roundDiv } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, rate, reason, scheme } from '../reasons.ts';
import type { AmountRule, ChildAgeAmount, HouseholdTypeKey, MunicipalScheme, PersonAmount, Unit } from '../rulebook.ts';
import type { Person, Reason, SchemeOutcome, Status } from '../types.ts';
import { bijstandsnormMonthly, vermogensgrens } from './bijstandsnorm.ts';

export interface MunicipalContext {
  /** Bijstand the household would get on top of its declared income, cents per month. */
  bijstandTopUp: number;
}

function householdKey(f: Facts): Exclude<HouseholdTypeKey, 'couple-with-children'> {
  if (f.partner) return 'couple';
  return f.children.length > 0 ? 'single-parent' : 'single';
}

function inAgeRange(age: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || age >= min) && (max === undefined || age <= max);
}

interface Amount {
  monthly: number;
  yearly: number;
  quarterly: number | undefined;
}

/** Adds an amount of a scheme in cents, spread over month and year according to the parameter's unit. */
function addSpread(total: Amount, amount: number, unit: Unit): void {
  switch (unit) {
    case 'EUR/month':
      total.monthly += amount;
      total.yearly += amount * 12;
      break;
    case 'EUR/quarter':
      total.monthly += roundDiv(amount, 3);
      total.yearly += amount * 4;
      total.quarterly = (total.quarterly ?? 0) + amount;
      break;
    case 'EUR/year':
      total.monthly += roundDiv(amount, 12);
      total.yearly += amount;
      break;
    default:
      // A one-off amount: counted in the year, not as monthly income.
      total.yearly += amount;
  }
}

/** Adds the amount of parameter `id` (the municipality's value), in the unit of that parameter. */
function addParameter(total: Amount, id: string, p: ParameterReader): void {
  addSpread(total, p.money(id), p.unit(id));
}

/** Per person: the first rule for a child or an adult of that age; children first, then the adults. */
function addPerPerson(total: Amount, persons: readonly PersonAmount[], f: Facts, p: ParameterReader): void {
  const addFor = (person: Person, who: 'child' | 'adult'): void => {
    const rule = persons.find((r) => r.who === who && inAgeRange(person.age, r.minAge, r.maxAge));
    if (rule) addParameter(total, rule.amount, p);
  };
  for (const child of f.children) addFor(child, 'child');
  addFor(f.applicant, 'adult');
  if (f.partner) addFor(f.partner, 'adult');
  for (const adult of f.adultChildren) addFor(adult, 'adult');
}

type HouseholdTypeAmount = Extract<AmountRule, { type: 'per-household-type' }>;

/** The age of the child a row looks at: the oldest, the youngest, or (for `any`) whether any child fits. */
function childFits(row: ChildAgeAmount, f: Facts): boolean {
  if (f.children.length === 0) return false;
  const ages = f.children.map((c) => c.age);
  if (row.child === 'oldest') return inAgeRange(Math.max(...ages), row.minAge, row.maxAge);
  if (row.child === 'youngest') return inAgeRange(Math.min(...ages), row.minAge, row.maxAge);
  return ages.some((age) => inAgeRange(age, row.minAge, row.maxAge));
}

/**
 * A household type's amount: the first `byChildAge` row that fits replaces it, and `perChild` adds an amount per
 * child (`first` for the first, `next` for each next one); both say so in a reason.
 */
function addHouseholdAmount(total: Amount, a: HouseholdTypeAmount, f: Facts, p: ParameterReader, reasons: Reason[]): void {
  const key = householdKey(f);
  const row = key === 'single' ? undefined : a.byChildAge?.find((r) => r.household === key && childFits(r, f));
  if (row) {
    addParameter(total, row.amount, p);
    const params = { amount: money(p.money(row.amount)), minAge: count(row.minAge), maxAge: count(row.maxAge) };
    reasons.push(reason(`amount-child-age-${row.child}`, params, p.source(row.amount)));
  } else {
    addParameter(total, a[key], p);
  }
  addPerChild(total, a, f, p, reasons);
}

/** What the children add: `perChild` (first child, each next one) and `perChildByAge` (per child in an age range). */
function addPerChild(total: Amount, a: HouseholdTypeAmount, f: Facts, p: ParameterReader, reasons: Reason[]): void {
  const perChild = a.perChild;
  if (perChild && f.children.length > 0) {
    const before = total.yearly;
    addParameter(total, perChild.first, p);
    const next = perChild.next ?? perChild.first;
    for (let i = 1; i < f.children.length; i++) addParameter(total, next, p);
    const added = money(total.yearly - before);
    if (perChild.next) {
      const params = { total: added, first: money(p.money(perChild.first)), next: money(p.money(perChild.next)) };
      reasons.push(reason('amount-per-child', params, p.source(perChild.first)));
    } else {
      reasons.push(reason('amount-per-child-each', { total: added, amount: money(p.money(perChild.first)) }, p.source(perChild.first)));
    }
  }
  for (const band of a.perChildByAge ?? []) {
    const children = f.children.filter((c) => inAgeRange(c.age, band.minAge, band.maxAge)).length;
    if (children === 0) continue;
    const before = total.yearly;
    for (let i = 0; i < children; i++) addParameter(total, band.amount, p);
    const params = {
      total: money(total.yearly - before),
      amount: money(p.money(band.amount)),
      minAge: count(band.minAge),
      maxAge: count(band.maxAge),
    };
    reasons.push(reason('amount-per-child-age', params, p.source(band.amount)));
  }
}

/** Reason codes for the income condition, by reference (net: the bijstandsnorm, gross: the minimum wage). */
const INCOME_ABOVE = { net: 'income-above-limit-net', gross: 'income-above-limit-gross' } as const;
const INCOME_WITHIN = { net: 'income-within-limit-net', gross: 'income-within-limit-gross' } as const;

function notEligible(s: MunicipalScheme, reasons: Reason[], missing: Reason[], f: Facts, p: ParameterReader): SchemeOutcome {
  return outcome({ id: s.id, kind: 'municipal', status: 'not-eligible', reasons, missing }, f, p);
}

export function municipalScheme(s: MunicipalScheme, f: Facts, p: ParameterReader, ctx: MunicipalContext): SchemeOutcome {
  const reasons: Reason[] = [];
  const missing: Reason[] = [];
  const c = s.conditions;
  if (!meetsPersonConditions(s, f, reasons)) return notEligible(s, reasons, missing, f, p);
  if (!meetsAssetCondition(s, f, p, reasons)) return notEligible(s, reasons, missing, f, p);
  if (!meetsIncomeCondition(s, f, p, ctx, reasons)) return notEligible(s, reasons, missing, f, p);

  if (c.referencePeriodMonths !== undefined) {
    missing.push(reason('reference-period', { months: count(c.referencePeriodMonths) }, s.legal));
  }
  for (const j of c.judgement ?? []) missing.push(reason('judgement', { condition: { texts: j } }, s.legal));

  const { total, amountVaries } = schemeAmount(s, f, p, reasons);
  const status: Status = missing.length > 0 ? 'maybe' : 'eligible';
  const basis = s.exOfficio.find((e) => f.receives(e.receiving));
  return outcome(
    {
      id: s.id,
      kind: 'municipal',
      status,
      monthly: total.monthly,
      yearly: total.yearly,
      quarterly: total.quarterly,
      amountVaries,
      reasons,
      missing,
      exOfficio: basis
        ? { possible: true, basis: reason('ex-officio-receiving', { scheme: scheme(basis.receiving) }, s.legal) }
        : { possible: false },
    },
    f,
    p,
  );
}

/** The applicant's age, not being a student, and a child of the right age; says which one fails. */
function meetsPersonConditions(s: MunicipalScheme, f: Facts, reasons: Reason[]): boolean {
  const c = s.conditions;
  const fails = (code: string, params: Parameters<typeof reason>[1] = {}): false => {
    reasons.push(reason(code, params, s.legal));
    return false;
  };
  const age = c.applicantAge;
  if (age) {
    const applicantAge = f.applicant.age;
    if (age.min !== undefined && applicantAge < age.min) return fails('age-below-minimum', { age: count(age.min) });
    if (age.max !== undefined && applicantAge > age.max) return fails('age-above-maximum', { age: count(age.max) });
    if (age.belowAowAge && f.isAowAge(f.applicant)) return fails('age-aow-reached');
    if (age.aowAge && !f.isAowAge(f.applicant)) return fails('age-aow-not-reached');
  }
  if (c.notStudent && f.applicant.student) return fails('student-not-eligible');
  const childCondition = c.children;
  if (childCondition && !f.children.some((x) => inAgeRange(x.age, childCondition.minAge, childCondition.maxAge))) {
    return fails('no-matching-children');
  }
  return true;
}

/** The asset condition: the bijstand limit, the scheme's own limit, or none; says which side the household is. */
function meetsAssetCondition(s: MunicipalScheme, f: Facts, p: ParameterReader, reasons: Reason[]): boolean {
  const assets = s.conditions.assets;
  if (assets === 'participatiewet-surplus') {
    // Savings above the bijstand limit are used first (Pw art. 35 lid 1 with art. 34); they never end the claim.
    const { id, limit } = vermogensgrens(f, p);
    const code = f.household.assets > limit ? 'assets-surplus-used-first' : 'assets-within-limit';
    reasons.push(reason(code, { assets: money(f.household.assets), limit: money(limit) }, p.source(id)));
  } else if (assets !== undefined && assets !== 'none') {
    const { id, limit } =
      assets === 'participatiewet' ? vermogensgrens(f, p) : { id: assets[householdKey(f)], limit: p.money(assets[householdKey(f)]) };
    if (f.household.assets > limit) {
      reasons.push(reason('assets-above-limit', { assets: money(f.household.assets), limit: money(limit) }, p.source(id)));
      return false;
    }
    reasons.push(reason('assets-within-limit', { assets: money(f.household.assets), limit: money(limit) }, p.source(id)));
  } else if (assets === 'none') {
    reasons.push(reason('no-asset-test', {}, s.legal));
  }
  return true;
}

/** The income condition: a percentage of the bijstandsnorm (net) or of the minimum wage (gross). */
function meetsIncomeCondition(s: MunicipalScheme, f: Facts, p: ParameterReader, ctx: MunicipalContext, reasons: Reason[]): boolean {
  const income = s.conditions.income;
  if (!income) return true;
  const alone = !f.partner && f.children.length === 0;
  const pctId = income.percent ?? (alone ? income.percentSingle : income.percentMultiPerson)!;
  const pct = p.rate(pctId);
  let reference: number;
  let householdIncome: number;
  if (income.reference === 'bijstandsnorm') {
    reference = bijstandsnormMonthly(f, p, { kostendelersnorm: income.withKostendelersnorm });
    householdIncome = roundDiv(f.netYearly, 12) + ctx.bijstandTopUp;
  } else {
    reference = p.money('wml/maandloon-bruto');
    householdIncome = roundDiv(f.grossYearly, 12) + ctx.bijstandTopUp;
  }
  const limit = applyRate(reference, pct);
  const code = income.reference === 'bijstandsnorm' ? 'net' : 'gross';
  const params = { income: money(householdIncome), limit: money(limit), percentage: rate(pct), reference: money(reference) };
  const within = householdIncome <= limit;
  reasons.push(reason(within ? INCOME_WITHIN[code] : INCOME_ABOVE[code], params, p.source(pctId)));
  return within;
}

/** The scheme's amount for this household, or that it varies (said in a reason). */
function schemeAmount(s: MunicipalScheme, f: Facts, p: ParameterReader, reasons: Reason[]): { total: Amount; amountVaries: boolean } {
  const total: Amount = { monthly: 0, yearly: 0, quarterly: undefined };
  let amountVaries = false;
  const a = s.amount;
  switch (a.type) {
    case 'per-household-type':
      addHouseholdAmount(total, a, f, p, reasons);
      break;
    case 'fixed':
      addParameter(total, a.amount, p);
      break;
    case 'per-person':
      addPerPerson(total, a.persons, f, p);
      break;
    case 'varies':
      amountVaries = true;
      reasons.push(reason('amount-varies', {}, s.legal));
      break;
  }
  return { total, amountVaries };
}
