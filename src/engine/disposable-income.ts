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
import { money, rate, reason } from './reasons.ts';
import { bijstandsnormMonthly } from './rules/bijstandsnorm.ts';
import { minimumBasishuur } from './rules/huurtoeslag.ts';
import { zorgtoeslagAmount } from './rules/zorgtoeslag.ts';
import { COST_KEYS, type CostKey, type DisposableIncome, type DisposableIncomeLine, type SchemeOutcome } from './types.ts';

/** Schemes paid monthly or quarterly that are income in the test. */
const INCOME_SCHEMES = ['bijstand', 'aio', 'zorgtoeslag', 'huurtoeslag', 'kindgebonden-budget', 'kinderbijslag'] as const;
const CHILD_SCHEMES: ReadonlySet<string> = new Set(['kindgebonden-budget', 'kinderbijslag']);
const COSTS_IN_NORM: ReadonlySet<CostKey> = new Set(['energy', 'water', 'localTaxes']);

/** The scheme with an id (the last one, as in a map by id); a dozen schemes, so a search beats building a map. */
function findScheme(schemes: readonly SchemeOutcome[], id: string): SchemeOutcome | undefined {
  for (let i = schemes.length - 1; i >= 0; i--) if (schemes[i]!.id === id) return schemes[i];
  return undefined;
}

const paid = (s: SchemeOutcome): boolean => s.status === 'eligible' || s.status === 'already-receiving';

function bijstandDeclared(f: Facts): boolean {
  return f.household.incomes.some((i) => i.type === 'bijstand');
}

export function disposableIncome(f: Facts, p: ParameterReader, schemes: readonly SchemeOutcome[]): DisposableIncome {
  const childBenefitsCount = p.count('besteedbaar-inkomen/kinderregelingen-tellen-mee') === 1;
  const costsInNorm = p.count('besteedbaar-inkomen/vaste-lasten-in-norm') === 1;

  const incomeLines: DisposableIncomeLine[] = [];
  let income = 0;
  for (const person of f.household.people) {
    for (const e of f.income.get(person.id)!.incomes) {
      const monthly = roundDiv(e.yearlyNet, 12);
      incomeLines.push({ key: e.income.type, person: person.id, monthly, counted: true });
      income += monthly;
    }
  }
  let childBenefitsApart = false;
  for (const id of INCOME_SCHEMES) {
    const s = findScheme(schemes, id);
    if (!s || !paid(s)) continue;
    // Bijstand that is already received is among the declared incomes, unless none is declared (for
    // example after a life event that replaced it with wages): then the engine's amount counts.
    if (s.status === 'already-receiving' && (id === 'aio' || (id === 'bijstand' && bijstandDeclared(f)))) continue;
    const counted = childBenefitsCount || !CHILD_SCHEMES.has(id);
    incomeLines.push({ key: id, monthly: s.monthly, counted });
    if (counted) income += s.monthly;
    else childBenefitsApart = true;
  }

  const costLines: DisposableIncomeLine[] = [];
  let costs = 0;
  const h = f.household;
  if (h.housing.type === 'rent') {
    costLines.push({ key: 'rent', monthly: h.housing.rent, counted: true });
    costs += h.housing.rent;
    if (h.housing.serviceCosts > 0) {
      costLines.push({ key: 'serviceCosts', monthly: h.housing.serviceCosts, counted: true });
      costs += h.housing.serviceCosts;
    }
  }
  const forgiven = findScheme(schemes, 'kwijtschelding');
  let costsApart = false;
  for (const key of COST_KEYS) {
    const v = h.costs[key];
    if (v === undefined || v === 0) continue;
    const monthly =
      key === 'localTaxes' && forgiven?.status === 'eligible' && !forgiven.amountVaries ? Math.max(0, v - forgiven.monthly) : v;
    const counted = !(costsInNorm && COSTS_IN_NORM.has(key));
    costLines.push({ key, monthly, counted });
    if (counted) costs += monthly;
    else costsApart = true;
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

  const steps = [reason('di-income', { amount: money(income) })];
  if (!childBenefitsCount && childBenefitsApart) {
    steps.push(reason('di-child-benefits-apart', {}, p.source('besteedbaar-inkomen/kinderregelingen-tellen-mee')));
  }
  steps.push(reason('di-costs', { amount: money(costs) }));
  if (costsApart) steps.push(reason('di-costs-in-norm', {}, p.source('besteedbaar-inkomen/vaste-lasten-in-norm')));
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
