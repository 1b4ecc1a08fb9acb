/**
 * Kinderbijslag (Algemene Kinderbijslagwet): an amount per child per quarter by age band, not
 * dependent on income. Paid by the SVB.
 */
import type { Facts } from '../facts.ts';
import { roundDiv } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, reason } from '../reasons.ts';
import type { Person, Reason, SchemeOutcome } from '../types.ts';

/** Amount per quarter for one child, in cents. */
export function kinderbijslagPerQuarter(child: Person, p: ParameterReader): number {
  if (child.age >= p.count('kinderbijslag/leeftijd-12')) return p.money('kinderbijslag/bedrag-12-17');
  if (child.age >= p.count('kinderbijslag/leeftijd-6')) return p.money('kinderbijslag/bedrag-6-11');
  return p.money('kinderbijslag/bedrag-0-5');
}

export function kinderbijslag(f: Facts, p: ParameterReader): SchemeOutcome {
  const legal = p.rulebook.schemes['kinderbijslag']?.legal;
  const reasons: Reason[] = [];
  const max = p.count('kinderbijslag/maximumleeftijd');
  const children = f.children.filter((c) => c.age < max);
  if (children.length === 0) {
    reasons.push(reason('no-children-under', { age: count(max) }, p.source('kinderbijslag/maximumleeftijd')));
    return outcome({ id: 'kinderbijslag', kind: 'benefit', status: 'not-eligible', quarterly: 0, reasons }, f, p);
  }
  let quarterly = 0;
  for (const c of children) {
    const amount = kinderbijslagPerQuarter(c, p);
    quarterly += amount;
    reasons.push(reason('kinderbijslag-child', { age: count(c.age), amount: money(amount) }, legal));
  }
  const schoolAge = p.count('kinderbijslag/leeftijd-schoolvoorwaarde');
  if (children.some((c) => c.age >= schoolAge))
    reasons.push(reason('kinderbijslag-16-17', { age: count(schoolAge) }, p.source('kinderbijslag/leeftijd-schoolvoorwaarde')));
  return outcome(
    {
      id: 'kinderbijslag',
      kind: 'benefit',
      status: 'eligible',
      quarterly,
      monthly: roundDiv(quarterly, 3),
      yearly: quarterly * 4,
      reasons,
    },
    f,
    p,
  );
}
