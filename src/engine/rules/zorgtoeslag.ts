/**
 * Zorgtoeslag (Wet op de zorgtoeslag art. 2 and 3; Awir art. 14).
 *
 * Yearly amount = standaardpremie (× 2 with a toeslagpartner) − normpremie, where
 * normpremie = p × drempelinkomen + t × (toetsingsinkomen − drempelinkomen, if positive).
 * The yearly amount is rounded to whole euros (Awir art. 14 lid 4) and not paid below the Awir
 * minimum; the monthly advance is the yearly amount / 12, rounded down to whole euros, as in the
 * Belastingdienst tables.
 */
import type { Facts } from '../facts.ts';
import { CENTS_PER_EURO, PPM, roundDiv } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, reason } from '../reasons.ts';
import type { Reason, SchemeOutcome } from '../types.ts';
import { toeslagInkomenReason } from './toeslaginkomen.ts';

export interface ZorgtoeslagAmount {
  /** Cents per year, whole euros. */
  yearly: number;
  /** Cents per month, whole euros. */
  monthly: number;
  /** Normpremie in cents per year (rounded to the cent), for kwijtschelding. */
  normpremie: number;
}

/** The zorgtoeslag for a toetsingsinkomen (cents per year). */
export function zorgtoeslagAmount(income: number, withPartner: boolean, p: ParameterReader): ZorgtoeslagAmount {
  const standaardpremie = p.money('zorgtoeslag/standaardpremie');
  const drempel = p.money('zorgtoeslag/drempelinkomen');
  const pct = p.rate(withPartner ? 'zorgtoeslag/normpremie-percentage-partners' : 'zorgtoeslag/normpremie-percentage-alleenstaande');
  const taper = p.rate('zorgtoeslag/afbouwpercentage');
  const normpremieX = drempel * pct + taper * Math.max(0, income - drempel);
  const premiumX = standaardpremie * (withPartner ? 2 : 1) * PPM;
  const exact = premiumX - normpremieX;
  const yearly = exact <= 0 ? 0 : roundDiv(exact, PPM * CENTS_PER_EURO) * CENTS_PER_EURO;
  const paid = yearly < p.money('awir/minimum-jaarbedrag') ? 0 : yearly;
  return {
    yearly: paid,
    monthly: Math.floor(paid / 12 / CENTS_PER_EURO) * CENTS_PER_EURO,
    normpremie: roundDiv(normpremieX, PPM),
  };
}

export function zorgtoeslag(f: Facts, p: ParameterReader): SchemeOutcome {
  const legal = p.rulebook.schemes['zorgtoeslag']?.legal;
  const reasons: Reason[] = [];
  const done = (status: SchemeOutcome['status'], amount?: ZorgtoeslagAmount): SchemeOutcome =>
    outcome(
      {
        id: 'zorgtoeslag',
        kind: 'allowance',
        status,
        monthly: amount?.monthly,
        yearly: amount?.yearly,
        reasons,
        estimate: f.toeslagInkomenEstimated,
      },
      f,
      p,
    );

  const minimumAge = p.count('zorgtoeslag/minimumleeftijd');
  if (f.applicant.age < minimumAge) {
    reasons.push(reason('too-young', { age: count(minimumAge) }, p.source('zorgtoeslag/minimumleeftijd')));
    return done('not-eligible');
  }
  const withPartner = f.partner !== undefined;
  reasons.push(reason(withPartner ? 'toeslagpartner' : 'no-toeslagpartner', {}, legal));
  reasons.push(toeslagInkomenReason(f, p));

  const limitId = withPartner ? 'zorgtoeslag/vermogensgrens-partners' : 'zorgtoeslag/vermogensgrens-alleenstaande';
  const limit = p.money(limitId);
  if (f.household.assets > limit) {
    reasons.push(reason('assets-above-limit', { assets: money(f.household.assets), limit: money(limit) }, p.source(limitId)));
    return done('not-eligible');
  }
  reasons.push(reason('assets-within-limit', { assets: money(f.household.assets), limit: money(limit) }, p.source(limitId)));

  const amount = zorgtoeslagAmount(f.toeslagInkomen, withPartner, p);
  if (amount.yearly === 0) {
    reasons.push(reason('zorgtoeslag-income-too-high', { income: money(f.toeslagInkomen) }, p.source('zorgtoeslag/afbouwpercentage')));
    return done('not-eligible');
  }
  reasons.push(
    reason(
      'zorgtoeslag-amount',
      {
        standaardpremie: money(p.money('zorgtoeslag/standaardpremie') * (withPartner ? 2 : 1)),
        normpremie: money(amount.normpremie),
        yearly: money(amount.yearly),
        monthly: money(amount.monthly),
      },
      p.source('zorgtoeslag/standaardpremie'),
    ),
  );
  reasons.push(reason('health-insurance-required', {}, legal));
  return done('eligible', amount);
}
