/**
 * "What if I work more?": the household checked again at more hours of paid work, to show what it
 * keeps per month once bijstand, toeslagen and municipal schemes adjust (the poverty trap the
 * municipal policy notes warn about). Each point is a full check by the same engine.
 */
import { check } from './check.ts';
import type { Rulebook } from './rulebook.ts';
import { ParameterReader } from './parameters.ts';
import type { CheckOutcome, Household } from './types.ts';

const WEEKS_PER_YEAR = 52;
const MONTHS_PER_YEAR = 12;

export interface WorkPoint {
  hoursPerWeek: number;
  /** Cents per month. */
  grossWages: number;
  /** Net income from work and other declared income, cents per month. */
  netIncome: number;
  /** Bijstand (top-up), toeslagen and child benefits, cents per month. */
  support: number;
  /** Municipal schemes spread over the year, cents per month. */
  municipal: number;
  fixedCosts: number;
  /** What the household keeps after fixed costs, cents per month. */
  keeps: number;
}

export interface WorkScenario {
  person: string;
  /** Gross hourly wage used, in cents (the minimum wage unless given). */
  hourlyWage: number;
  points: WorkPoint[];
}

const SUPPORT = new Set(['bijstand', 'aio', 'zorgtoeslag', 'huurtoeslag', 'kindgebonden-budget', 'kinderbijslag']);

function pointOf(hours: number, grossWages: number, outcome: CheckOutcome): WorkPoint {
  const di = outcome.disposableIncome;
  let support = 0;
  let netIncome = 0;
  for (const line of di.income.lines) {
    if (SUPPORT.has(line.key)) support += line.monthly;
    else netIncome += line.monthly;
  }
  let fixedCosts = 0;
  for (const line of di.fixedCosts.lines) fixedCosts += line.monthly;
  let municipal = 0;
  for (const s of outcome.schemes) {
    if (s.kind !== 'municipal' || s.amountVaries) continue;
    if (s.status === 'eligible' || s.status === 'maybe' || s.status === 'already-receiving')
      municipal += Math.round(s.yearly / MONTHS_PER_YEAR);
  }
  return {
    hoursPerWeek: hours,
    grossWages,
    netIncome,
    support,
    municipal,
    fixedCosts,
    keeps: netIncome + support + municipal - fixedCosts,
  };
}

/**
 * Checks the household at 0, step, 2×step … maxHours of work per week for one person, replacing that
 * person's wages (and any bijstand, which the engine then computes as a top-up).
 */
export function workMoreHours(
  household: Household,
  rulebook: Rulebook,
  options: { person: string; hourlyWage?: number | undefined; maxHours?: number; step?: number },
): WorkScenario {
  const p = new ParameterReader(rulebook, household.referenceDate, rulebook.municipalities[household.municipality]);
  const hourlyWage = options.hourlyWage ?? p.money('wml/uurloon-bruto');
  const maxHours = options.maxHours ?? 40;
  const step = options.step ?? 4;
  const points: WorkPoint[] = [];
  for (let hours = 0; hours <= maxHours; hours += step) {
    const grossWages = Math.round((hourlyWage * hours * WEEKS_PER_YEAR) / MONTHS_PER_YEAR);
    const incomes = household.incomes.filter((i) => !(i.person === options.person && i.type === 'wages') && i.type !== 'bijstand');
    if (grossWages > 0) incomes.push({ person: options.person, type: 'wages', amount: grossWages, period: 'month', basis: 'gross' });
    const variant: Household = {
      ...household,
      incomes,
      annualTaxableIncome: Object.fromEntries(Object.entries(household.annualTaxableIncome).filter(([id]) => id !== options.person)),
      receiving: household.receiving.filter((id) => id !== 'bijstand' && id !== 'aio'),
    };
    points.push(pointOf(hours, grossWages, check(variant, rulebook)));
  }
  return { person: options.person, hourlyWage, points };
}
