/** The toetsingsinkomen for the toeslagen (Awir art. 8), and whether it was estimated. */
import type { Facts } from '../facts.ts';
import { money, reason } from '../reasons.ts';
import type { Reason } from '../types.ts';

/** A reason that names the income used, and says when it is an estimate from the incomes. */
export function toeslagInkomenReason(f: Facts, income = f.toeslagInkomen, estimated = f.toeslagInkomenEstimated): Reason {
  return reason(estimated ? 'toetsingsinkomen-estimated' : 'toetsingsinkomen-given', { income: money(income) });
}
