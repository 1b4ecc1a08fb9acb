/**
 * The applicable bijstandsnorm (Participatiewet art. 20, 21, 22 and 22a), per month, including the
 * 5 % vakantietoeslag. Used by bijstand and AIO, by kwijtschelding (kosten van bestaan) and by the
 * municipal income limits.
 */
import type { Facts } from '../facts.ts';
import { PPM, roundDiv } from '../money.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, reason, sourceOf } from '../reasons.ts';
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

export function bijstandsnorm(f: Facts, p: ParameterReader, options: { kostendelersnorm: boolean }): Norm {
  const youthAge = p.count('participatiewet/jongerennorm-leeftijd');
  const { applicant, partner } = f;
  const withChildren = f.children.length > 0;
  const a = f.kostendelers;
  const useKdn = options.kostendelersnorm && a > (partner ? 2 : 1);

  const norm = (id: string, code: string, extra: Reason[] = []): Norm => {
    const monthly = p.money(id);
    return { monthly, reasons: [reason(code, { norm: money(monthly) }, sourceOf(p, id)), ...extra], kostendelersnorm: false };
  };
  const shared = (gehuwdenId: string, code: string): Norm => {
    const perPerson = kostendelersnormPerPerson(p.money(gehuwdenId), a, p);
    const persons = partner ? 2 : 1;
    const monthly = perPerson * persons;
    return {
      monthly,
      reasons: [
        reason(
          code,
          { norm: money(monthly), perPerson: money(perPerson), kostendelers: count(a) },
          sourceOf(p, 'participatiewet/kostendelersnorm-basis'),
        ),
      ],
      kostendelersnorm: true,
    };
  };

  if (partner) {
    if (f.couplePensioner) {
      return useKdn
        ? shared('participatiewet/norm-aow-gehuwden', 'norm-kostendelers-couple')
        : norm('participatiewet/norm-aow-gehuwden', 'norm-pensioner-couple');
    }
    const young = [applicant, partner].filter((x) => x.age < youthAge).length;
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

/** Vermogensgrens of Pw art. 34 lid 3 for the household. */
export function vermogensgrens(f: Facts, p: ParameterReader): { id: string; limit: number } {
  const id = f.partner
    ? 'participatiewet/vermogensgrens-gehuwden'
    : f.children.length > 0
      ? 'participatiewet/vermogensgrens-alleenstaande-ouder'
      : 'participatiewet/vermogensgrens-alleenstaande';
  return { id, limit: p.money(id) };
}
