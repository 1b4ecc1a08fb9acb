/**
 * Deterministic generator of the site's answers (what a resident types into the check), for property
 * tests of the rendered pages: singles, single parents, couples, with wages, benefits, bijstand or
 * nothing, renting or not, in the five municipalities with their own schemes.
 */
import type { Answers } from '../../src/site/answers.ts';
import { random } from '../bench/households.ts';

const PLACES = ['9401', '9461', '9481', '3861', '8331'];
const comma = (v: number): string => v.toFixed(2).replace('.', ',');

export function generateAnswers(seed: number, count: number): Answers[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const euros = (lo: number, hi: number): string => comma(lo + rand() * (hi - lo));
  const out: Answers[] = [];
  for (let i = 0; i < count; i++) {
    const a: Answers = { place: pick(PLACES), age: String(between(21, 64)), partner: rand() < 0.4 ? 'yes' : 'no' };
    if (a.partner === 'yes') a.partnerAge = String(between(21, 64));
    if (rand() < 0.5) a.childAges = Array.from({ length: between(1, 3) }, () => between(0, 17)).join(', ');
    a.housing = rand() < 0.8 ? 'rent' : pick(['owner', 'none']);
    if (a.housing === 'rent') {
      a.rent = euros(400, 950);
      if (rand() < 0.5) a.serviceCosts = euros(10, 60);
    }
    for (const who of a.partner === 'yes' ? ['a', 'p'] : ['a']) {
      const r = rand();
      const types = r < 0.35 ? ['wages'] : r < 0.55 ? ['wages', 'bijstand'] : r < 0.7 ? ['bijstand'] : r < 0.8 ? ['benefit-ww'] : [];
      a[`inc.${who}`] = types.length === 0 ? 'none' : types.join(',');
      for (const type of types) {
        a[`inc.${who}.${type}.amount`] = type === 'bijstand' ? euros(200, 1300) : euros(400, 2600);
        a[`inc.${who}.${type}.period`] = type === 'wages' ? pick(['month', 'four-weeks']) : 'month';
        a[`inc.${who}.${type}.basis`] = type === 'wages' ? pick(['net', 'gross']) : 'net';
        if (type === 'wages') a[`inc.${who}.wages.hours`] = String(between(8, 36));
      }
    }
    a['cost.healthInsurancePremium'] = euros(140, 170);
    if (rand() < 0.7) a['cost.energy'] = euros(80, 220);
    if (rand() < 0.5) a['cost.localTaxes'] = euros(20, 60);
    a.savings = String(between(0, 6000));
    const receiving = ['zorgtoeslag', 'huurtoeslag', 'kindgebonden-budget', 'kinderbijslag'].filter(() => rand() < 0.4);
    if (receiving.length > 0) a.receiving = receiving.join(',');
    out.push(a);
  }
  return out;
}
