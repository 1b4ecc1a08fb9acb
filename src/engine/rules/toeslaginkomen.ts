/** The toetsingsinkomen for the toeslagen (Awir art. 8), and whether it was estimated. */
import type { Facts } from '../facts.ts';
import type { ParameterReader } from '../parameters.ts';
import { money, reason } from '../reasons.ts';
import { namedSource } from '../sources.ts';
import type { Reason } from '../types.ts';

/**
 * A reason that names the income used, and says when it is an estimate from the incomes: the
 * source is Awir art. 8, or Rondkomen's own estimate of it.
 */
export function toeslagInkomenReason(
  f: Facts,
  p: ParameterReader,
  income = f.toeslagInkomen,
  estimated = f.toeslagInkomenEstimated,
): Reason {
  return estimated
    ? reason('toetsingsinkomen-estimated', { income: money(income) }, namedSource(p.rulebook, 'toetsingsinkomen-geschat'))
    : reason('toetsingsinkomen-given', { income: money(income) }, namedSource(p.rulebook, 'toetsingsinkomen'));
}
