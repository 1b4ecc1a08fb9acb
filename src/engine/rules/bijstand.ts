/**
 * Bijstand (Participatiewet) below the AOW age, and the AIO (the same Participatiewet rules, paid by
 * the SVB) from the AOW age: the applicable norm minus the counted income, if the household's
 * assets are within the vermogensgrens.
 *
 * Amounts are per month including the 5 % vakantietoeslag, like the norms in the Normenbrief. Income
 * is compared including its own holiday pay, averaged per month.
 */
import type { Facts } from '../facts.ts';
import { addMonths } from '../dates.ts';
import { applyRate, roundDiv } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, reason } from '../reasons.ts';
import type { IncomeType, Reason, SchemeOutcome } from '../types.ts';
import { bijstandsnorm, vermogensgrens } from './bijstandsnorm.ts';

const WORK: ReadonlySet<IncomeType> = new Set(['wages', 'self-employment']);

export interface CountedIncome {
  /** Cents per month, after disregards. */
  monthly: number;
  work: number;
  disregarded: number;
  reasons: Reason[];
}

/** Income of applicant and partner that the Participatiewet counts (art. 31–33), per month. */
export function countedIncome(f: Facts, p: ParameterReader): CountedIncome {
  let total = 0;
  let work = 0;
  let newWork = 0;
  const newWorkMonths = p.count('participatiewet/vrijlating-arbeid-maanden');
  // Worked out only for work with a known start (most incomes have none).
  let recentSince: string | undefined;
  for (const person of f.partner ? [f.applicant, f.partner] : [f.applicant]) {
    for (const e of f.income.get(person.id)!.incomes) {
      if (e.income.type === 'bijstand') continue;
      const monthly = roundDiv(e.yearlyNet, 12);
      total += monthly;
      if (WORK.has(e.income.type)) {
        work += monthly;
        if (e.income.since !== undefined && e.income.since > (recentSince ??= addMonths(f.household.referenceDate, -newWorkMonths))) {
          newWork += monthly;
        }
      }
    }
  }
  const reasons: Reason[] = [];
  let disregarded = 0;
  // Art. 31 lid 2 n: of work started less than six months ago, 25 % up to a maximum stays out.
  if (newWork > 0) {
    disregarded += Math.min(
      applyRate(newWork, p.rate('participatiewet/vrijlating-arbeid-percentage')),
      p.money('participatiewet/vrijlating-arbeid-maximum'),
    );
    reasons.push(
      reason(
        'disregard-new-work-applied',
        { amount: money(disregarded), months: count(newWorkMonths) },
        p.source('participatiewet/vrijlating-arbeid-percentage'),
      ),
    );
  }
  // Art. 31 lid 2 r: a single parent with a young child keeps part of the income from work.
  if (!f.partner && work > 0 && f.children.length > 0) {
    const youngest = Math.min(...f.children.map((c) => c.age));
    if (youngest < p.count('participatiewet/vrijlating-alleenstaande-ouder-kindleeftijd')) {
      const singleParent = Math.min(
        applyRate(work, p.rate('participatiewet/vrijlating-alleenstaande-ouder-percentage')),
        p.money('participatiewet/vrijlating-alleenstaande-ouder-maximum'),
      );
      disregarded += singleParent;
      reasons.push(
        reason(
          'disregard-single-parent',
          { amount: money(singleParent), months: count(p.count('participatiewet/vrijlating-alleenstaande-ouder-maanden')) },
          p.source('participatiewet/vrijlating-alleenstaande-ouder-percentage'),
        ),
      );
    }
  }
  if (work > 0 && newWork === 0) {
    // Art. 31 lid 2 n: only during the first months of new work, which the household data does not tell.
    reasons.push(
      reason(
        'disregard-new-work',
        {
          percentage: { rate: p.rate('participatiewet/vrijlating-arbeid-percentage') },
          maximum: money(p.money('participatiewet/vrijlating-arbeid-maximum')),
          months: count(p.count('participatiewet/vrijlating-arbeid-maanden')),
        },
        p.source('participatiewet/vrijlating-arbeid-percentage'),
      ),
    );
  }
  return { monthly: total - disregarded, work, disregarded, reasons };
}

/** `bijstand` below the AOW age, `aio` from it. */
export function bijstand(f: Facts, p: ParameterReader): SchemeOutcome {
  const pensioner = f.isAowAge(f.applicant);
  const id = pensioner ? 'aio' : 'bijstand';
  const legal = p.rulebook.schemes[id]?.legal;
  const reasons: Reason[] = [];
  const missing: Reason[] = [];
  const done = (status: SchemeOutcome['status'], monthly = 0): SchemeOutcome =>
    outcome({ id, kind: 'benefit', status, monthly, yearly: monthly * 12, reasons, missing, estimate: false }, f, p);

  const minimumAge = p.count('participatiewet/minimumleeftijd');
  if (f.applicant.age < minimumAge) {
    reasons.push(reason('too-young', { age: count(minimumAge) }, p.source('participatiewet/minimumleeftijd')));
    return done('not-eligible');
  }
  if (f.applicant.student && !pensioner) {
    reasons.push(reason('student-not-eligible', {}, legal));
    return done('not-eligible');
  }

  const norm = bijstandsnorm(f, p, { kostendelersnorm: true });
  reasons.push(...norm.reasons);
  const income = countedIncome(f, p);
  reasons.push(...income.reasons);
  const payment = norm.monthly - income.monthly;

  const assets = vermogensgrens(f, p);
  const assetsOk = f.household.assets <= assets.limit;
  reasons.push(
    reason(
      assetsOk ? 'assets-within-limit' : 'assets-above-limit',
      { assets: money(f.household.assets), limit: money(assets.limit) },
      p.source(assets.id),
    ),
  );

  if (payment <= 0) {
    reasons.push(reason('income-above-norm', { income: money(income.monthly), norm: money(norm.monthly) }, legal));
    return done('not-eligible');
  }
  reasons.push(reason('payment', { income: money(income.monthly), norm: money(norm.monthly), payment: money(payment) }, legal));
  if (!assetsOk) return done('not-eligible');

  if (f.applicant.inInstitution) {
    missing.push(reason('institution-norm', {}, legal));
  }
  if (!pensioner && f.applicant.age < p.count('participatiewet/jongerennorm-leeftijd')) {
    reasons.push(reason('youth-parents-support', {}, legal));
  }
  return done(missing.length > 0 ? 'maybe' : 'eligible', payment);
}
