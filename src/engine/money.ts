/**
 * Money is integer eurocents inside the engine; rates are integer parts per million (ppm).
 * Every rounding is explicit and named after what the law or the administration does.
 */

/** Parts per million in one whole (100 %). */
export const PPM = 1e6;
export const CENTS_PER_EURO = 100;
export const MONTHS_PER_YEAR = 12;

/** n / d rounded half up (away from zero for the positive values the engine uses). */
export function roundDiv(n: number, d: number): number {
  if (d <= 0) throw new RangeError('divisor must be positive');
  return n >= 0 ? Math.floor((2 * n + d) / (2 * d)) : -Math.floor((-2 * n + d) / (2 * d));
}

/** n / d rounded up, for n ≥ 0. */
export function ceilDiv(n: number, d: number): number {
  if (d <= 0) throw new RangeError('divisor must be positive');
  return Math.floor((n + d - 1) / d);
}

/** cents × rate (ppm), rounded half up to the cent. */
export function applyRate(cents: number, ppm: number): number {
  return roundDiv(cents * ppm, PPM);
}

/** Converts an amount in euros (at most two decimals) to cents. */
export function toCents(euros: number): number {
  return Math.round(euros * CENTS_PER_EURO);
}

/** Converts cents to euros with two decimals, for output at the edge. */
export function toEuros(cents: number): number {
  return Math.round(cents) / CENTS_PER_EURO;
}

export type Period = 'month' | 'four-weeks' | 'year';

/** How many of each period there are in a year. */
const PERIODS_PER_YEAR: Record<Period, number> = { month: 12, 'four-weeks': 13, year: 1 };

/** Yearly amount in cents from an amount per period. */
export function yearly(cents: number, period: Period): number {
  return cents * PERIODS_PER_YEAR[period];
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
