/**
 * The disposable-income test (toets op besteedbaar inkomen): the household's net income including
 * the allowances it is entitled to, minus its fixed costs, against a norm for living costs.
 *
 * The default method is the national one for the betalingscapaciteit in kwijtschelding (URIW art.
 * 13-16), per month: the norm is a percentage of the applicable bijstandsnorm (with kostendelersnorm)
 * minus the part of the rent that huurtoeslag never pays (basishuur) and the part of the health
 * premium that zorgtoeslag never pays (normpremie). Which costs the norm already covers (energy,
 * water, local taxes) and whether child benefits count are content (`besteedbaar-inkomen/*`), so a
 * municipality can set its own method. Every line is kept, counted or not, with every step.
 */
import type { Facts } from './facts.ts';
import { namedSource } from './sources.ts';
import { applyRate, roundDiv } from './money.ts';
import type { ParameterReader } from './parameters.ts';
import { money, rate, reason } from './reasons.ts';
import { bijstandsnormMonthly } from './rules/bijstandsnorm.ts';
import { minimumBasishuur } from './rules/huurtoeslag.ts';
import { zorgtoeslagAmount } from './rules/zorgtoeslag.ts';
import type { CostKey, DisposableIncome, DisposableIncomeLine, Ledger } from './types.ts';

/** National schemes paid monthly or quarterly that are income in the test; municipal schemes are not. */
const INCOME_SCHEMES: ReadonlySet<string> = new Set([
  'bijstand',
  'aio',
  'zorgtoeslag',
  'huurtoeslag',
  'kindgebonden-budget',
  'kinderbijslag',
]);
const CHILD_SCHEMES: ReadonlySet<string> = new Set(['kindgebonden-budget', 'kinderbijslag']);
const COSTS_IN_NORM: ReadonlySet<string> = new Set<CostKey>(['energy', 'water', 'localTaxes']);

/**
 * The test reads its lines from the household's ledger, so every amount is the one the rest of the
 * result shows; it only decides which of them count by its own method.
 */
export function disposableIncome(f: Facts, p: ParameterReader, ledger: Ledger): DisposableIncome {
  const childBenefitsCount = p.count('besteedbaar-inkomen/kinderregelingen-tellen-mee') === 1;
  const costsInNorm = p.count('besteedbaar-inkomen/vaste-lasten-in-norm') === 1;

  const incomeLines: DisposableIncomeLine[] = [];
  let income = 0;
  for (const l of ledger.incomes) {
    // Bijstand the household receives, where the rules' amount counts in its place (a line below).
    const line: DisposableIncomeLine = { key: l.type, person: l.person, monthly: l.monthly, counted: l.counts };
    if (!l.counts) line.why = 'replaced-by-rules';
    incomeLines.push(line);
    if (l.counts) income += l.monthly;
  }
  let childBenefitsApart = false;
  for (const s of ledger.schemes) {
    if (!INCOME_SCHEMES.has(s.id) || !s.counts) continue;
    const counted = childBenefitsCount || !CHILD_SCHEMES.has(s.id);
    const line: DisposableIncomeLine = { key: s.id, monthly: s.monthly, counted };
    if (!counted) {
      line.why = 'child-benefit';
      childBenefitsApart = true;
    } else income += s.monthly;
    incomeLines.push(line);
  }

  const costLines: DisposableIncomeLine[] = [];
  let costs = 0;
  let costsApart = false;
  for (const c of ledger.costs) {
    const counted = !(costsInNorm && COSTS_IN_NORM.has(c.key));
    const line: DisposableIncomeLine = { key: c.key, monthly: c.monthly, counted };
    if (counted) costs += c.monthly;
    else {
      line.why = 'in-norm';
      costsApart = true;
    }
    costLines.push(line);
  }
  const disposable = income - costs;

  // The norm: percentage × bijstandsnorm − basishuur − normpremie (per month).
  const pct = p.rate('besteedbaar-inkomen/norm-percentage');
  const social = bijstandsnormMonthly(f, p, { kostendelersnorm: true });
  const basishuur = minimumBasishuur(f.size === 1, p);
  const normpremie = roundDiv(zorgtoeslagAmount(0, f.partner !== undefined, p).normpremie, 12);
  const perChild = childBenefitsCount ? p.money('besteedbaar-inkomen/norm-per-kind') : 0;
  const norm = Math.max(0, applyRate(social, pct) - basishuur - normpremie) + perChild * f.children.length;
  const normReasons = [
    reason(
      'di-norm',
      {
        percentage: rate(pct),
        bijstandsnorm: money(social),
        basishuur: money(basishuur),
        normpremie: money(normpremie),
        norm: money(norm),
      },
      p.source('besteedbaar-inkomen/norm-percentage'),
    ),
  ];
  const difference = disposable - norm;

  // The test is Rondkomen's own computation (the source says so); its norm and the lines set apart name their own law.
  const own = namedSource(p.rulebook, 'besteedbaar-inkomen');
  const steps = [reason('di-income', { amount: money(income) }, own)];
  if (!childBenefitsCount && childBenefitsApart) {
    steps.push(reason('di-child-benefits-apart', {}, p.source('besteedbaar-inkomen/kinderregelingen-tellen-mee')));
  }
  steps.push(reason('di-costs', { amount: money(costs) }, own));
  if (costsApart) steps.push(reason('di-costs-in-norm', {}, p.source('besteedbaar-inkomen/vaste-lasten-in-norm')));
  steps.push(
    reason('di-disposable', { amount: money(disposable) }, own),
    ...normReasons,
    reason(difference < 0 ? 'di-below' : 'di-above', { difference: money(Math.abs(difference)) }, own),
  );

  return {
    income: { monthly: income, lines: incomeLines },
    fixedCosts: { monthly: costs, lines: costLines },
    disposable: { monthly: disposable },
    norm: { monthly: norm, reasons: normReasons },
    difference: { monthly: difference },
    status: difference < 0 ? 'below-norm' : 'above-norm',
    steps,
    unverified: p.unverified(),
  };
}
