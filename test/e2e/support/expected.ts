/**
 * What the results page must show, computed the way the site computes it: the same answers, through
 * `answersToHousehold` and the contract's `runCheck`, on the server's pinned date. So the tests follow
 * the rules when the rules change, while a few specs also assert concrete, verified euro amounts.
 */
import { runCheck } from '../../../src/contract/check.ts';
import type { PublicResult } from '../../../src/contract/result.ts';
import { loadRulebook } from '../../../src/content/load.ts';
import type { Language, Rulebook } from '../../../src/engine/rulebook.ts';
import type { Answers } from '../../../src/site/answers.ts';
import { answersToHousehold } from '../../../src/site/household.ts';
import { placeIndex } from '../../../src/site/rulebook-data.ts';
import { formatMoney } from '../../../src/i18n/index.ts';
import { E2E_TODAY } from './env.ts';

let rulebook: Rulebook | undefined;

export function getRulebook(): Rulebook {
  return (rulebook ??= loadRulebook());
}

export function expectedResult(answers: Answers, language: Language): PublicResult {
  const rb = getRulebook();
  const household = answersToHousehold(answers, language, placeIndex(rb, E2E_TODAY));
  const r = runCheck(household, rb, { language, today: E2E_TODAY, computedAt: '2026-01-01T00:00:00.000Z' });
  if (!r.ok) throw new Error(`example does not pass the contract: ${JSON.stringify(r.error)}`);
  return r.result;
}

/** Euros as the site shows them, for example "€ 1.401,50" in Dutch. */
export function money(euros: number, language: Language): string {
  return formatMoney(Math.round(euros * 100), language);
}
