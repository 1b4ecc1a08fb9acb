/**
 * A municipal minima scheme, evaluated from its data (`content/municipalities/GM####.yaml`): age,
 * student, child, asset and income conditions, a reference period and conditions only a person can
 * judge, then the amount. No municipality has code of its own.
 */
import type { Facts } from '../facts.ts';
import { applyRate, roundDiv } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, rate, reason, scheme, sourceOf } from '../reasons.ts';
import type { HouseholdTypeKey, MunicipalScheme, Unit } from '../rulebook.ts';
import type { Person, Reason, SchemeOutcome, Status } from '../types.ts';
import { bijstandsnorm, vermogensgrens } from './bijstandsnorm.ts';

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

/** Amount of a scheme in cents, spread over month and year according to the parameter's unit. */
function spread(amount: number, unit: Unit): { monthly: number; yearly: number; quarterly?: number } {
  switch (unit) {
    case 'EUR/month':
      return { monthly: amount, yearly: amount * 12 };
    case 'EUR/quarter':
      return { monthly: roundDiv(amount, 3), yearly: amount * 4, quarterly: amount };
    case 'EUR/year':
      return { monthly: roundDiv(amount, 12), yearly: amount };
    default:
      // A one-off amount: counted in the year, not as monthly income.
      return { monthly: 0, yearly: amount };
  }
}

export function municipalScheme(s: MunicipalScheme, f: Facts, p: ParameterReader, ctx: MunicipalContext): SchemeOutcome {
  const reasons: Reason[] = [];
  const missing: Reason[] = [];
  const c = s.conditions;
  const fail = (): SchemeOutcome => outcome({ id: s.id, kind: 'municipal', status: 'not-eligible', reasons, missing }, f, p);
  const unitOf = (id: string): Unit => p.rulebook.parameters[id]!.unit;

  const age = c.applicantAge;
  if (age) {
    const applicantAge = f.applicant.age;
    if (age.min !== undefined && applicantAge < age.min) {
      reasons.push(reason('age-below-minimum', { age: count(age.min) }, s.legal));
      return fail();
    }
    if (age.max !== undefined && applicantAge > age.max) {
      reasons.push(reason('age-above-maximum', { age: count(age.max) }, s.legal));
      return fail();
    }
    if (age.belowAowAge && f.isAowAge(f.applicant)) {
      reasons.push(reason('age-aow-reached', {}, s.legal));
      return fail();
    }
    if (age.aowAge && !f.isAowAge(f.applicant)) {
      reasons.push(reason('age-aow-not-reached', {}, s.legal));
      return fail();
    }
  }
  if (c.notStudent && f.applicant.student) {
    reasons.push(reason('student-not-eligible', {}, s.legal));
    return fail();
  }
  const childCondition = c.children;
  if (childCondition) {
    const matching = f.children.filter((x) => inAgeRange(x.age, childCondition.minAge, childCondition.maxAge));
    if (matching.length === 0) {
      reasons.push(reason('no-matching-children', {}, s.legal));
      return fail();
    }
  }

  const assets = c.assets;
  if (assets !== undefined && assets !== 'none') {
    const { id, limit } =
      assets === 'participatiewet' ? vermogensgrens(f, p) : { id: assets[householdKey(f)], limit: p.money(assets[householdKey(f)]) };
    if (f.household.assets > limit) {
      reasons.push(reason('assets-above-limit', { assets: money(f.household.assets), limit: money(limit) }, sourceOf(p, id)));
      return fail();
    }
    reasons.push(reason('assets-within-limit', { assets: money(f.household.assets), limit: money(limit) }, sourceOf(p, id)));
  } else if (assets === 'none') {
    reasons.push(reason('no-asset-test', {}, s.legal));
  }

  const income = c.income;
  if (income) {
    const alone = !f.partner && f.children.length === 0;
    const pctId = income.percent ?? (alone ? income.percentSingle : income.percentMultiPerson)!;
    const pct = p.rate(pctId);
    let reference: number;
    let householdIncome: number;
    if (income.reference === 'bijstandsnorm') {
      reference = bijstandsnorm(f, p, { kostendelersnorm: income.withKostendelersnorm }).monthly;
      householdIncome = roundDiv(f.netYearly, 12) + ctx.bijstandTopUp;
    } else {
      reference = p.money('wml/maandloon-bruto');
      householdIncome = roundDiv(f.grossYearly, 12) + ctx.bijstandTopUp;
    }
    const limit = applyRate(reference, pct);
    const code = income.reference === 'bijstandsnorm' ? 'net' : 'gross';
    const params = { income: money(householdIncome), limit: money(limit), percentage: rate(pct), reference: money(reference) };
    if (householdIncome > limit) {
      reasons.push(reason(`income-above-limit-${code}`, params, sourceOf(p, pctId)));
      return fail();
    }
    reasons.push(reason(`income-within-limit-${code}`, params, sourceOf(p, pctId)));
  }

  if (c.referencePeriodMonths !== undefined) {
    missing.push(reason('reference-period', { months: count(c.referencePeriodMonths) }, s.legal));
  }
  for (const j of c.judgement ?? []) missing.push(reason('judgement', { condition: { texts: j } }, s.legal));

  let monthly = 0;
  let yearly = 0;
  let quarterly: number | undefined;
  let amountVaries = false;
  const a = s.amount;
  const add = (id: string, times = 1): void => {
    const spreadAmount = spread(p.money(id) * times, unitOf(p.effectiveId(id)));
    monthly += spreadAmount.monthly;
    yearly += spreadAmount.yearly;
    if (spreadAmount.quarterly !== undefined) quarterly = (quarterly ?? 0) + spreadAmount.quarterly;
  };
  switch (a.type) {
    case 'per-household-type':
      add(a[householdKey(f)]);
      break;
    case 'fixed':
      add(a.amount);
      break;
    case 'per-person': {
      const adults: Person[] = [f.applicant, ...(f.partner ? [f.partner] : []), ...f.adultChildren];
      const candidates: { person: Person; who: 'child' | 'adult' }[] = [
        ...f.children.map((person) => ({ person, who: 'child' as const })),
        ...adults.map((person) => ({ person, who: 'adult' as const })),
      ];
      for (const { person, who } of candidates) {
        const rule = a.persons.find((r) => r.who === who && inAgeRange(person.age, r.minAge, r.maxAge));
        if (rule) add(rule.amount);
      }
      break;
    }
    case 'varies':
      amountVaries = true;
      reasons.push(reason('amount-varies', {}, s.legal));
      break;
  }

  const status: Status = missing.length > 0 ? 'maybe' : 'eligible';
  const basis = s.exOfficio.find((e) => f.receives(e.receiving));
  return outcome(
    {
      id: s.id,
      kind: 'municipal',
      status,
      monthly,
      yearly,
      quarterly,
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
