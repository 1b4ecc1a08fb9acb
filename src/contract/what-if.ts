/**
 * The door for "what if I work more?" (the results page's chart): a household the contract has
 * checked, again with 4, 8 … 24 more hours of paid work a week, through the engine's `workMoreHours`
 * (the same event as the change page's "I am going to work more hours"). The point at zero extra hours
 * is the check itself, not a second run. Amounts in euros per month; failures as the error JSON.
 */
import { eventApplies } from '../engine/events.ts';
import { toEuros } from '../engine/money.ts';
import { ParameterReader } from '../engine/parameters.ts';
import type { Rulebook } from '../engine/rulebook.ts';
import { MORE_HOURS_EVENT, workMoreHours, type WorkScenario } from '../engine/scenarios.ts';
import type { Checked } from './check.ts';
import { fromEngineError, type ContractError } from './errors.ts';

export interface WhatIfPoint {
  extraHours: number;
  /** Gross wages of the extra hours. */
  extraGross: number;
  /** Net income from work and benefits that counts. */
  income: number;
  /** Bijstand, toeslagen and child benefits that count. */
  support: number;
  /** Municipal schemes that pay money and count, spread over the year. */
  municipal: number;
  costs: number;
  /** What the household keeps: income + support + municipal − costs. */
  keeps: number;
  /** `keeps` minus today's `keeps`. */
  difference: number;
}

export interface WhatIf {
  /** Gross hourly wage of the extra hours (the minimum wage), in euros. */
  hourlyWage: number;
  /** Per number of extra hours a week, euros per month; the first point (0 extra hours) is today's result. */
  points: WhatIfPoint[];
}

/** `whatIf` is undefined when working more is not a question the rules ask of this household (the event does not apply). */
export type WhatIfRun = { ok: true; whatIf: WhatIf | undefined } | { ok: false; error: ContractError };

export function runWhatIf(checked: Pick<Checked, 'household' | 'outcome'>, rulebook: Rulebook): WhatIfRun {
  const { household, outcome } = checked;
  const event = rulebook.events[MORE_HOURS_EVENT];
  let scenario: WorkScenario;
  try {
    const aowAge = new ParameterReader(rulebook, household.referenceDate, undefined).count('aow/leeftijd');
    if (!event || !eventApplies(event, household, aowAge)) return { ok: true, whatIf: undefined };
    scenario = workMoreHours(household, rulebook, { today: outcome });
  } catch (e) {
    return { ok: false, error: fromEngineError(e, household.language) };
  }
  const now = scenario.points[0]!.keeps;
  return {
    ok: true,
    whatIf: {
      hourlyWage: toEuros(scenario.hourlyWage),
      points: scenario.points.map((p) => ({
        extraHours: p.extraHours,
        extraGross: toEuros(p.extraGross),
        income: toEuros(p.income),
        support: toEuros(p.support),
        municipal: toEuros(p.municipal),
        costs: toEuros(p.fixedCosts),
        keeps: toEuros(p.keeps),
        difference: toEuros(p.keeps - now),
      })),
    },
  };
}
