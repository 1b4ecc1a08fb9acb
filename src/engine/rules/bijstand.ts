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

/** Work income of one person (applicant or partner), per month. */
interface PersonWork {
  pensioner: boolean;
  /** All work income. */
  work: number;
  /** Work that started within the disregard's months (a known start date). */
  newWork: number;
}

/**
 * Income of applicant and partner that the Participatiewet counts (art. 31–33), per month, after the
 * earnings disregards of the rule version in force (content/rules.yaml, `participatiewet/vrijlating-inkomsten`).
 */
export function countedIncome(f: Facts, p: ParameterReader): CountedIncome {
  let total = 0;
  let work = 0;
  const version = p.rule('participatiewet/vrijlating-inkomsten');
  const newWorkMonths = p.count(
    version === 'art-31-2025' ? 'participatiewet/vrijlating-arbeid-maanden' : 'participatiewet/vrijlating-werk-maanden',
  );
  // Worked out only for work with a known start (most incomes have none).
  let recentSince: string | undefined;
  const people: PersonWork[] = [];
  for (const person of f.partner ? [f.applicant, f.partner] : [f.applicant]) {
    const own: PersonWork = { pensioner: f.isAowAge(person), work: 0, newWork: 0 };
    for (const e of f.income.get(person.id)!.incomes) {
      if (e.income.type === 'bijstand') continue;
      const monthly = roundDiv(e.yearlyNet, 12);
      total += monthly;
      if (WORK.has(e.income.type)) {
        own.work += monthly;
        if (e.income.since !== undefined && e.income.since > (recentSince ??= addMonths(f.household.referenceDate, -newWorkMonths))) {
          own.newWork += monthly;
        }
      }
    }
    work += own.work;
    people.push(own);
  }
  const { disregarded, reasons } =
    version === 'art-31-2025' ? disregards2025(f, p, people, work, newWorkMonths) : disregards2027(p, people, newWorkMonths);
  return { monthly: total - disregarded, work, disregarded, reasons };
}

/** Art. 31 lid 2 onder n and r (to 2026): new work for some months up to a maximum, and single parents of young children. */
function disregards2025(
  f: Facts,
  p: ParameterReader,
  people: readonly PersonWork[],
  work: number,
  newWorkMonths: number,
): { disregarded: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let newWork = 0;
  for (const x of people) newWork += x.newWork;
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
          months: count(newWorkMonths),
        },
        p.source('participatiewet/vrijlating-arbeid-percentage'),
      ),
    );
  }
  return { disregarded, reasons };
}

/**
 * Art. 34a (Participatiewet in balans, from 2027): below the AOW age a share of the earnings of new
 * work for at most so many months, without a maximum, when the college finds it helps towards work;
 * at the AOW age a share up to a maximum, without a time limit.
 */
function disregards2027(
  p: ParameterReader,
  people: readonly PersonWork[],
  newWorkMonths: number,
): { disregarded: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let disregarded = 0;
  let newWork = 0;
  let otherWork = 0;
  for (const x of people) {
    if (x.work === 0) continue;
    if (x.pensioner) {
      const amount = Math.min(
        applyRate(x.work, p.rate('participatiewet/vrijlating-werk-aow-percentage')),
        p.money('participatiewet/vrijlating-werk-aow-maximum'),
      );
      disregarded += amount;
      reasons.push(reason('disregard-work-aow-age', { amount: money(amount) }, p.source('participatiewet/vrijlating-werk-aow-percentage')));
    } else {
      newWork += x.newWork;
      otherWork += x.work - x.newWork;
    }
  }
  const percentage = p.rate('participatiewet/vrijlating-werk-percentage');
  if (newWork > 0) {
    const amount = applyRate(newWork, percentage);
    disregarded += amount;
    reasons.push(
      reason(
        'disregard-new-work-applied',
        { amount: money(amount), months: count(newWorkMonths) },
        p.source('participatiewet/vrijlating-werk-percentage'),
      ),
    );
  } else if (otherWork > 0) {
    // Only for new work, which the household data does not tell without a start date.
    reasons.push(
      reason(
        'disregard-new-work-no-maximum',
        { percentage: { rate: percentage }, months: count(newWorkMonths) },
        p.source('participatiewet/vrijlating-werk-percentage'),
      ),
    );
  }
  return { disregarded, reasons };
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
  // Art. 34b (from 2027): with work next to bijstand, the municipality may add a bufferbudget for the months the
  // earnings leave the household below the norm, without an application.
  if (income.work > 0 && p.rule('participatiewet/bufferbudget') === 'art-34b-2027') {
    const maximum = p.money('participatiewet/bufferbudget-maximum');
    reasons.push(reason('bufferbudget', { maximum: money(maximum) }, p.source('participatiewet/bufferbudget-maximum')));
  }
  return done(missing.length > 0 ? 'maybe' : 'eligible', payment);
}
