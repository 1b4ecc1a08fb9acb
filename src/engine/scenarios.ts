/**
 * "What if I work more?": the household checked again with more hours of paid work on top of what it
 * has now, the same way the change page's "I am going to work more hours" does (the event
 * `work-more-hours` from content), on the same date. Every point is a full check, and what the
 * household keeps is the ledger's one measure, so the point at zero extra hours is today's result and
 * the point at +N hours is the change page's figure for +N hours, to the cent.
 */
import { check } from './check.ts';
import { applyEvent } from './events.ts';
import { MONTHS_PER_YEAR } from './money.ts';
import { ParameterReader } from './parameters.ts';
import type { Rulebook } from './rulebook.ts';
import type { CheckOutcome, Household } from './types.ts';

const WEEKS_PER_YEAR = 52;
/** The content event the chart applies: the same as the change page's. */
export const MORE_HOURS_EVENT = 'work-more-hours';

export interface WorkPoint {
  extraHours: number;
  /** Gross wages of the extra hours, cents per month. */
  extraGross: number;
  /** Net income from work and benefits that counts, cents per month (the ledger's `keep.income`). */
  income: number;
  /** Bijstand, toeslagen and child benefits that count, cents per month. */
  support: number;
  /** Municipal schemes that pay money and count, spread over the year, cents per month. */
  municipal: number;
  fixedCosts: number;
  /** What the household keeps, cents per month: income + support + municipal − fixedCosts. */
  keeps: number;
}

export interface WorkScenario {
  /** Gross hourly wage used for the extra hours, in cents (the minimum wage unless given). */
  hourlyWage: number;
  points: WorkPoint[];
}

function pointOf(extraHours: number, extraGross: number, outcome: CheckOutcome): WorkPoint {
  const k = outcome.ledger.keep;
  let municipal = 0;
  for (const s of outcome.ledger.schemes) if (s.counts && s.kind === 'municipal') municipal += s.monthly;
  return {
    extraHours,
    extraGross,
    income: k.income,
    support: k.schemes - municipal,
    municipal,
    fixedCosts: k.costs,
    keeps: k.monthly,
  };
}

/**
 * Checks the household with 0, step, 2×step … maxExtra more hours a week for the applicant. `today` is
 * the household's own outcome when the caller has already checked it: the point at zero extra hours.
 */
export function workMoreHours(
  household: Household,
  rulebook: Rulebook,
  options: { hourlyWage?: number | undefined; maxExtra?: number; step?: number; today?: CheckOutcome | undefined } = {},
): WorkScenario {
  const event = rulebook.events[MORE_HOURS_EVENT];
  if (!event) throw new RangeError(`content has no event ${MORE_HOURS_EVENT}`);
  const p = new ParameterReader(rulebook, household.referenceDate, rulebook.municipalities[household.municipality]);
  const hourlyWage = options.hourlyWage ?? p.money('wml/uurloon-bruto');
  const maxExtra = options.maxExtra ?? 24;
  const step = options.step ?? 4;
  const points: WorkPoint[] = [pointOf(0, 0, options.today ?? check(household, rulebook))];
  for (let extra = step; extra <= maxExtra; extra += step) {
    const answers = { extraHours: extra, date: household.referenceDate, ...(options.hourlyWage === undefined ? {} : { hourlyWage }) };
    const after = applyEvent(household, event, answers, rulebook);
    points.push(pointOf(extra, Math.round((hourlyWage * extra * WEEKS_PER_YEAR) / MONTHS_PER_YEAR), check(after, rulebook)));
  }
  return { hourlyWage, points };
}
