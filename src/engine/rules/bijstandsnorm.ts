/**
 * The applicable bijstandsnorm (Participatiewet art. 20, 21, 22 and 22a), per month, including the
 * 5 % vakantietoeslag. Used by bijstand and AIO, by kwijtschelding (kosten van bestaan) and by the
 * municipal income limits.
 */
import type { Facts } from '../facts.ts';
import { PPM, roundDiv } from '../money.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, reason } from '../reasons.ts';
import type { Reason } from '../types.ts';

export interface Norm {
  /** Cents per month for the whole household (both partners together). */
  monthly: number;
  reasons: Reason[];
  kostendelersnorm: boolean;
}

/**
 * Kostendelersnorm per person (art. 22a lid 2): ((40 + A × 30) / (A × 100)) × B, rounded half up,
 * with A the number of kostendelers and B the gehuwdennorm.
 */
export function kostendelersnormPerPerson(gehuwdennorm: number, kostendelers: number, p: ParameterReader): number {
  const basis = p.rate('participatiewet/kostendelersnorm-basis');
  const perPerson = p.rate('participatiewet/kostendelersnorm-per-kostendeler');
  return roundDiv(gehuwdennorm * (basis + kostendelers * perPerson), kostendelers * PPM);
}

/**
 * Which norm applies: a norm read as it is, or (`shared`) the kostendelersnorm computed from the
 * gehuwdennorm `id`. `code` names the reason.
 */
interface NormChoice {
  id: string;
  code: string;
  shared: boolean;
}

function applicableNorm(f: Facts, p: ParameterReader, options: { kostendelersnorm: boolean }): NormChoice {
  const youthAge = p.count('participatiewet/jongerennorm-leeftijd');
  const { applicant, partner } = f;
  const withChildren = f.children.length > 0;
  const useKdn = options.kostendelersnorm && f.kostendelers > (partner ? 2 : 1);
  const norm = (id: string, code: string): NormChoice => ({ id, code, shared: false });
  const shared = (gehuwdenId: string, code: string): NormChoice => ({ id: gehuwdenId, code, shared: true });

  if (partner) {
    if (f.couplePensioner) {
      return useKdn
        ? shared('participatiewet/norm-aow-gehuwden', 'norm-kostendelers-couple')
        : norm('participatiewet/norm-aow-gehuwden', 'norm-pensioner-couple');
    }
    const young = (applicant.age < youthAge ? 1 : 0) + (partner.age < youthAge ? 1 : 0);
    if (young === 2) {
      return norm(
        withChildren ? 'participatiewet/jongerennorm-gehuwden-beiden-jong-kinderen' : 'participatiewet/jongerennorm-gehuwden-beiden-jong',
        'norm-youth-couple',
      );
    }
    if (young === 1) {
      return norm(
        withChildren ? 'participatiewet/jongerennorm-gehuwden-een-jong-kinderen' : 'participatiewet/jongerennorm-gehuwden-een-jong',
        'norm-youth-partner',
      );
    }
    return useKdn
      ? shared('participatiewet/norm-gehuwden', 'norm-kostendelers-couple')
      : norm('participatiewet/norm-gehuwden', 'norm-couple');
  }
  if (f.isAowAge(applicant)) {
    return useKdn
      ? shared('participatiewet/norm-aow-gehuwden', 'norm-kostendelers-single')
      : norm('participatiewet/norm-aow-alleenstaande', 'norm-pensioner-single');
  }
  if (applicant.age < youthAge) {
    return norm('participatiewet/jongerennorm-alleenstaande', withChildren ? 'norm-youth-single-parent' : 'norm-youth-single');
  }
  if (useKdn) return shared('participatiewet/norm-gehuwden', 'norm-kostendelers-single');
  return norm('participatiewet/norm-alleenstaande', withChildren ? 'norm-single-parent' : 'norm-single');
}

/** The kostendelersnorm for the household: per person from the gehuwdennorm, times one or two. */
function sharedNorm(gehuwdenId: string, f: Facts, p: ParameterReader): { monthly: number; perPerson: number } {
  const perPerson = kostendelersnormPerPerson(p.money(gehuwdenId), f.kostendelers, p);
  return { monthly: perPerson * (f.partner ? 2 : 1), perPerson };
}

/**
 * The applicable norm per month without its reasons, for the rules that only compare with it
 * (kwijtschelding, municipal income limits, the disposable-income test). It reads the same
 * parameters as `bijstandsnorm`, so the unverified values it used are recorded the same way.
 */
export function bijstandsnormMonthly(f: Facts, p: ParameterReader, options: { kostendelersnorm: boolean }): number {
  const choice = applicableNorm(f, p, options);
  return choice.shared ? sharedNorm(choice.id, f, p).monthly : p.money(choice.id);
}

export function bijstandsnorm(f: Facts, p: ParameterReader, options: { kostendelersnorm: boolean }): Norm {
  const choice = applicableNorm(f, p, options);
  if (!choice.shared) {
    const monthly = p.money(choice.id);
    return { monthly, reasons: [reason(choice.code, { norm: money(monthly) }, p.source(choice.id))], kostendelersnorm: false };
  }
  const { monthly, perPerson } = sharedNorm(choice.id, f, p);
  return {
    monthly,
    reasons: [
      reason(
        choice.code,
        { norm: money(monthly), perPerson: money(perPerson), kostendelers: count(f.kostendelers) },
        p.source('participatiewet/kostendelersnorm-basis'),
      ),
    ],
    kostendelersnorm: true,
  };
}

/** Vermogensgrens of Pw art. 34 lid 3 for the household. */
export function vermogensgrens(f: Facts, p: ParameterReader): { id: string; limit: number } {
  const id = f.partner
    ? 'participatiewet/vermogensgrens-gehuwden'
    : f.children.length > 0
      ? 'participatiewet/vermogensgrens-alleenstaande-ouder'
      : 'participatiewet/vermogensgrens-alleenstaande';
  return { id, limit: p.money(id) };
}
