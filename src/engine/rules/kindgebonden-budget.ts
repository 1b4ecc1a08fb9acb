/**
 * Kindgebonden budget (Wet op het kindgebonden budget art. 2; Awir).
 *
 * Yearly = Σ per child (amount per child + supplement at 12–15 or 16–17) + the alleenstaande-ouderkop
 * without a toeslagpartner − the taper. The taper is a dated rule (content/rules.yaml,
 * `kindgebonden-budget/afbouw`):
 * - `een-afbouwpunt` (to 2026): afbouwpercentage × (toetsingsinkomen − drempelinkomen, if positive);
 * - `twee-afbouwpunten` (from 2027): the afbouwpercentage from the drempelinkomen up to a second point,
 *   and a higher percentage above it.
 * The monthly advance is rounded down to whole euros, as in the Dienst Toeslagen examples.
 */
import type { Facts } from '../facts.ts';
import { CENTS_PER_EURO, applyRate } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, rate, reason } from '../reasons.ts';
import type { Person, Reason, SchemeOutcome } from '../types.ts';
import { toeslagInkomenReason } from './toeslaginkomen.ts';

export function kgbChildren(f: Facts, p: ParameterReader): Person[] {
  const max = p.count('kindgebonden-budget/maximumleeftijd');
  return f.children.filter((c) => c.age < max);
}

/** Yearly KGB in cents before rounding of the monthly advance; `secondPoint` when the income is above it. */
export function kgbYearly(
  children: readonly Person[],
  withPartner: boolean,
  income: number,
  p: ParameterReader,
): { gross: number; taper: number; yearly: number; secondPoint?: { point: number; rate: number } } {
  const perChild = p.money('kindgebonden-budget/bedrag-per-kind');
  const age12 = p.count('kindgebonden-budget/leeftijd-verhoging-12');
  const age16 = p.count('kindgebonden-budget/leeftijd-verhoging-16');
  let gross = 0;
  for (const c of children) {
    gross += perChild;
    if (c.age >= age16) gross += p.money('kindgebonden-budget/verhoging-16-17');
    else if (c.age >= age12) gross += p.money('kindgebonden-budget/verhoging-12-15');
  }
  if (!withPartner) gross += p.money('kindgebonden-budget/alleenstaande-ouderkop');
  const threshold = p.money(
    withPartner ? 'kindgebonden-budget/drempelinkomen-partners' : 'kindgebonden-budget/drempelinkomen-alleenstaande',
  );
  const firstRate = p.rate('kindgebonden-budget/afbouwpercentage');
  if (p.rule('kindgebonden-budget/afbouw') === 'een-afbouwpunt') {
    const taper = applyRate(Math.max(0, income - threshold), firstRate);
    return { gross, taper, yearly: Math.max(0, gross - taper) };
  }
  const point = p.money('kindgebonden-budget/tweede-afbouwpunt');
  const secondRate = p.rate('kindgebonden-budget/afbouwpercentage-boven-tweede-afbouwpunt');
  const above = Math.max(0, income - Math.max(point, threshold));
  const taper = applyRate(Math.max(0, Math.min(income, point) - threshold), firstRate) + applyRate(above, secondRate);
  const yearly = Math.max(0, gross - taper);
  return above > 0 ? { gross, taper, yearly, secondPoint: { point, rate: secondRate } } : { gross, taper, yearly };
}

export function kindgebondenBudget(f: Facts, p: ParameterReader): SchemeOutcome {
  const legal = p.rulebook.schemes['kindgebonden-budget']?.legal;
  const reasons: Reason[] = [];
  const done = (status: SchemeOutcome['status'], monthly = 0, yearly = 0): SchemeOutcome =>
    outcome({ id: 'kindgebonden-budget', kind: 'allowance', status, monthly, yearly, reasons, estimate: f.toeslagInkomenEstimated }, f, p);

  const children = kgbChildren(f, p);
  if (children.length === 0) {
    reasons.push(reason('no-children-under', { age: count(p.count('kindgebonden-budget/maximumleeftijd')) }, legal));
    return done('not-eligible');
  }
  const withPartner = f.partner !== undefined;
  const limitId = withPartner ? 'kindgebonden-budget/vermogensgrens-partners' : 'kindgebonden-budget/vermogensgrens-alleenstaande';
  const limit = p.money(limitId);
  if (f.household.assets > limit) {
    reasons.push(reason('assets-above-limit', { assets: money(f.household.assets), limit: money(limit) }, p.source(limitId)));
    return done('not-eligible');
  }
  reasons.push(reason('assets-within-limit', { assets: money(f.household.assets), limit: money(limit) }, p.source(limitId)));
  reasons.push(toeslagInkomenReason(f, p));

  const { gross, taper, yearly, secondPoint } = kgbYearly(children, withPartner, f.toeslagInkomen, p);
  reasons.push(
    reason('kgb-children', { children: count(children.length), amount: money(gross) }, p.source('kindgebonden-budget/bedrag-per-kind')),
  );
  if (!withPartner)
    reasons.push(
      reason(
        'kgb-single-parent',
        { amount: money(p.money('kindgebonden-budget/alleenstaande-ouderkop')) },
        p.source('kindgebonden-budget/alleenstaande-ouderkop'),
      ),
    );
  if (taper > 0)
    reasons.push(
      reason('kgb-taper', { income: money(f.toeslagInkomen), taper: money(taper) }, p.source('kindgebonden-budget/afbouwpercentage')),
    );
  if (secondPoint)
    reasons.push(
      reason(
        'kgb-taper-second-point',
        { point: money(secondPoint.point), rate: rate(secondPoint.rate) },
        p.source('kindgebonden-budget/tweede-afbouwpunt'),
      ),
    );

  const paid = yearly < p.money('awir/minimum-jaarbedrag') ? 0 : yearly;
  const monthly = Math.floor(paid / 12 / CENTS_PER_EURO) * CENTS_PER_EURO;
  if (paid === 0) {
    reasons.push(reason('kgb-income-too-high', { income: money(f.toeslagInkomen) }, p.source('kindgebonden-budget/afbouwpercentage')));
    return done('not-eligible');
  }
  reasons.push(reason('kgb-amount', { yearly: money(paid), monthly: money(monthly) }, legal));
  reasons.push(reason('kgb-needs-kinderbijslag', {}, legal));
  return done('eligible', monthly, paid);
}
