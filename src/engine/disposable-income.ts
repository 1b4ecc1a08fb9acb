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
import { applyRate, roundDiv } from './money.ts';
import type { ParameterReader } from './parameters.ts';
import { money, rate, reason, sourceOf } from './reasons.ts';
import { bijstandsnormMonthly } from './rules/bijstandsnorm.ts';
import { minimumBasishuur } from './rules/huurtoeslag.ts';
import { zorgtoeslagAmount } from './rules/zorgtoeslag.ts';
import { COST_KEYS, type CostKey, type DisposableIncome, type DisposableIncomeLine, type SchemeOutcome } from './types.ts';

/** Schemes paid monthly or quarterly that are income in the test. */
const INCOME_SCHEMES = ['bijstand', 'aio', 'zorgtoeslag', 'huurtoeslag', 'kindgebonden-budget', 'kinderbijslag'] as const;
const CHILD_SCHEMES: ReadonlySet<string> = new Set(['kindgebonden-budget', 'kinderbijslag']);
const COSTS_IN_NORM: ReadonlySet<CostKey> = new Set(['energy', 'water', 'localTaxes']);

export function disposableIncome(f: Facts, p: ParameterReader, schemes: readonly SchemeOutcome[]): DisposableIncome {
  const byId = new Map(schemes.map((s) => [s.id, s]));
  const childBenefitsCount = p.count('besteedbaar-inkomen/kinderregelingen-tellen-mee') === 1;
  const costsInNorm = p.count('besteedbaar-inkomen/vaste-lasten-in-norm') === 1;

  const incomeLines: DisposableIncomeLine[] = [];
  for (const person of f.household.people) {
    for (const e of f.income.get(person.id)!.incomes) {
      incomeLines.push({ key: e.income.type, person: person.id, monthly: roundDiv(e.yearlyNet, 12), counted: true });
    }
  }
  for (const id of INCOME_SCHEMES) {
    const s = byId.get(id);
    if (!s) continue;
    // Bijstand that is already received is among the declared incomes, unless none is declared (for
    // example after a life event that replaced it with wages): then the engine's amount counts.
    const declared = id === 'bijstand' ? f.household.incomes.some((i) => i.type === 'bijstand') : true;
    if ((id === 'bijstand' || id === 'aio') && s.status !== 'eligible' && (s.status !== 'already-receiving' || declared)) continue;
    if (s.status === 'eligible' || s.status === 'already-receiving') {
      incomeLines.push({ key: id, monthly: s.monthly, counted: childBenefitsCount || !CHILD_SCHEMES.has(id) });
    }
  }

  const costLines: DisposableIncomeLine[] = [];
  const h = f.household;
  if (h.housing.type === 'rent') {
    costLines.push({ key: 'rent', monthly: h.housing.rent, counted: true });
    if (h.housing.serviceCosts > 0) costLines.push({ key: 'serviceCosts', monthly: h.housing.serviceCosts, counted: true });
  }
  const forgiven = byId.get('kwijtschelding');
  for (const key of COST_KEYS) {
    const v = h.costs[key];
    if (v === undefined || v === 0) continue;
    const monthly =
      key === 'localTaxes' && forgiven?.status === 'eligible' && !forgiven.amountVaries ? Math.max(0, v - forgiven.monthly) : v;
    costLines.push({ key, monthly, counted: !(costsInNorm && COSTS_IN_NORM.has(key)) });
  }

  const income = incomeLines.filter((l) => l.counted).reduce((s, l) => s + l.monthly, 0);
  const costs = costLines.filter((l) => l.counted).reduce((s, l) => s + l.monthly, 0);
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
      sourceOf(p, 'besteedbaar-inkomen/norm-percentage'),
    ),
  ];
  const difference = disposable - norm;

  const steps = [reason('di-income', { amount: money(income) })];
  if (!childBenefitsCount && incomeLines.some((l) => !l.counted)) {
    steps.push(reason('di-child-benefits-apart', {}, sourceOf(p, 'besteedbaar-inkomen/kinderregelingen-tellen-mee')));
  }
  steps.push(reason('di-costs', { amount: money(costs) }));
  if (costLines.some((l) => !l.counted))
    steps.push(reason('di-costs-in-norm', {}, sourceOf(p, 'besteedbaar-inkomen/vaste-lasten-in-norm')));
  steps.push(
    reason('di-disposable', { amount: money(disposable) }),
    ...normReasons,
    reason(difference < 0 ? 'di-below' : 'di-above', { difference: money(Math.abs(difference)) }),
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
