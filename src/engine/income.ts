/**
 * Incomes: from what people tell (net or gross, per month, four weeks or year) to the amounts the
 * rules need: net per month, gross per year, and the toetsingsinkomen for the toeslagen.
 *
 * Gross ↔ net is an estimate with the box 1 brackets and the heffingskortingen of the reference year
 * (Wet inkomstenbelasting 2001). The result says so wherever an estimate was used.
 */
import type { ParameterReader } from './parameters.ts';
import type { Scale } from './rulebook.ts';
import { Derived, evaluateScale } from './parameters.ts';
import { applyRate, ceilDiv, PPM, roundDiv, yearly as perYear } from './money.ts';
import type { Income, IncomeType, Person } from './types.ts';

/** Incomes that are work (arbeidskorting applies). */
const WORK: ReadonlySet<IncomeType> = new Set(['wages', 'self-employment']);
/** Incomes with statutory holiday pay (vakantiebijslag, Wml art. 15) on top of the monthly amount. */
const WITH_HOLIDAY_PAY: ReadonlySet<IncomeType> = new Set(['wages', 'benefit-ww', 'benefit-wia', 'benefit-wajong']);
/** Incomes on which the Zvw contribution is withheld from the recipient. */
const ZVW_WITHHELD: ReadonlySet<IncomeType> = new Set(['aow', 'pension']);
/** Incomes that are not taxable and not part of the toetsingsinkomen. */
const UNTAXED: ReadonlySet<IncomeType> = new Set(['student-finance']);

export interface EstimatedIncome {
  income: Income;
  /** Cents per month as received (without holiday pay paid once a year). */
  monthlyNet: number;
  /** Cents per year, net, including holiday pay. */
  yearlyNet: number;
  /** Cents per year, gross, including holiday pay. */
  yearlyGross: number;
  /** Whether the net or the gross side of this income is an estimate. */
  estimated: boolean;
}

export interface PersonIncome {
  person: Person;
  incomes: EstimatedIncome[];
  yearlyNet: number;
  yearlyGross: number;
  monthlyNet: number;
  /** Toetsingsinkomen for the toeslagen, in cents per year. */
  taxable: number;
  /** True when the toetsingsinkomen was estimated rather than given. */
  taxableEstimated: boolean;
}

interface Composition {
  /** Share of work income in the gross, in ppm. */
  work: number;
  /** Share of income with Zvw withheld, in ppm. */
  zvw: number;
}

/** Yearly amount as the person would have it: holiday pay added where the law gives it on top. */
function yearlyWithHolidayPay(income: Income, p: ParameterReader): number {
  const base = perYear(income.amount, income.period);
  if (income.period === 'year') return base;
  if (WITH_HOLIDAY_PAY.has(income.type)) return base + applyRate(base, p.rate('wml/vakantiebijslag-percentage'));
  if (income.type === 'bijstand') {
    // The payment is the norm minus the reserved vakantietoeslag (Pw art. 19 lid 3), rounded to the cent. Back
    // from the payment, the resident gets the benefit of that rounding: the lowest norm that gives this payment,
    // so full bijstand counts as exactly the norm and never as a cent over a limit of 100 % of it.
    const vt = p.rate('participatiewet/vakantietoeslag-percentage');
    const halfCentPerPayment = perYear(1, income.period);
    return Math.max(0, ceilDiv((2 * base - halfCentPerPayment) * PPM, 2 * (PPM - vt)));
  }
  return base;
}

/** The tax tables of one person for one year, read once per person. */
interface TaxTables {
  tariff: Scale;
  ahk: Scale;
  arbeidskorting: Scale;
  ouderenkorting: Scale | undefined;
  alleenstaandeOuderenkorting: number;
  zvwMaximum: number;
  zvwRate: number;
}

function readTaxTables(aowAge: boolean, single: boolean, p: ParameterReader): TaxTables {
  return {
    tariff: p.scale(aowAge ? 'inkomstenbelasting/tarief-aow' : 'inkomstenbelasting/tarief'),
    ahk: p.scale(aowAge ? 'inkomstenbelasting/algemene-heffingskorting-aow' : 'inkomstenbelasting/algemene-heffingskorting'),
    arbeidskorting: p.scale(aowAge ? 'inkomstenbelasting/arbeidskorting-aow' : 'inkomstenbelasting/arbeidskorting'),
    ouderenkorting: aowAge ? p.scale('inkomstenbelasting/ouderenkorting') : undefined,
    alleenstaandeOuderenkorting: aowAge && single ? p.money('inkomstenbelasting/alleenstaande-ouderenkorting') : 0,
    zvwMaximum: p.money('zvw/maximum-bijdrage-inkomen'),
    zvwRate: p.rate('zvw/bijdrage-percentage'),
  };
}

/** The tables for the four kinds of person, each read once per date (they are the same for everyone). */
const TAX_TABLES = {
  working: new Derived('tax-tables', (p) => readTaxTables(false, false, p)),
  workingSingle: new Derived('tax-tables-single', (p) => readTaxTables(false, true, p)),
  pensioner: new Derived('tax-tables-aow', (p) => readTaxTables(true, false, p)),
  pensionerSingle: new Derived('tax-tables-aow-single', (p) => readTaxTables(true, true, p)),
};

function taxTables(aowAge: boolean, single: boolean, p: ParameterReader): TaxTables {
  if (aowAge) return p.derive(single ? TAX_TABLES.pensionerSingle : TAX_TABLES.pensioner);
  return p.derive(single ? TAX_TABLES.workingSingle : TAX_TABLES.working);
}

/** Box 1 tax after heffingskortingen plus the withheld Zvw contribution, for one person and one year. */
function taxAndContributions(gross: number, composition: Composition, t: TaxTables): number {
  if (gross <= 0) return 0;
  const work = roundDiv(gross * composition.work, PPM);
  const tariff = evaluateScale(t.tariff, gross);
  let credits = Math.max(0, evaluateScale(t.ahk, gross));
  if (work > 0) credits += Math.max(0, evaluateScale(t.arbeidskorting, work));
  if (t.ouderenkorting) credits += Math.max(0, evaluateScale(t.ouderenkorting, gross)) + t.alleenstaandeOuderenkorting;
  const tax = Math.max(0, tariff - credits);
  const zvw = composition.zvw > 0 ? applyRate(Math.min(roundDiv(gross * composition.zvw, PPM), t.zvwMaximum), t.zvwRate) : 0;
  return tax + zvw;
}

function netFromGross(gross: number, c: Composition, t: TaxTables): number {
  return gross - taxAndContributions(gross, c, t);
}

/**
 * The extra gross income X that adds `net` to a person who already has `baseGross`:
 * netFromGross(base + X) − netFromGross(base) = net, the smallest such X in cents. Net income rises
 * with gross income (marginal rates stay below 100 %) and is piecewise linear, so Newton steps with
 * the local marginal rate land in two or three steps; a short walk then makes the answer exact, and
 * bisection is the fallback. `baseNet` is netFromGross(baseGross).
 */
function grossForNet(net: number, baseGross: number, baseNet: number, c: Composition, t: TaxTables): number {
  if (net <= 0) return 0;
  // The steps below ask for some points twice (the Newton step's end, the walk's checks); each is a
  // full tax calculation, so every point is calculated once.
  const known = new Map<number, number>();
  const f = (x: number): number => {
    let v = known.get(x);
    if (v === undefined) known.set(x, (v = netFromGross(baseGross + x, c, t) - baseNet - net));
    return v;
  };
  // The solver's finite-difference step for the slope (10 euros, in cents): a numerical choice, not a legal amount.
  const STEP = 1000;
  let x = net;
  for (let i = 0; i < 8; i++) {
    const fx = f(x);
    if (fx === 0) break;
    const slope = (f(x + STEP) - fx) / STEP;
    if (slope <= 0) break;
    const next = Math.max(0, x - Math.round(fx / slope));
    if (next === x) break;
    x = next;
  }
  // Exact: the smallest x with f(x) ≥ 0, found by walking a few cents.
  for (let i = 0; i < 64 && f(x) < 0; i++) x++;
  for (let i = 0; i < 64 && x > 0 && f(x - 1) >= 0; i++) x--;
  if (f(x) >= 0 && (x === 0 || f(x - 1) < 0)) return x;
  let lo = 0;
  let hi = net * 3 + 1;
  while (f(hi) < 0) hi *= 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

function composition(incomes: readonly Income[]): Composition {
  let total = 0;
  let work = 0;
  let zvw = 0;
  for (const i of incomes) {
    if (UNTAXED.has(i.type)) continue;
    const y = perYear(i.amount, i.period);
    total += y;
    if (WORK.has(i.type)) work += y;
    if (ZVW_WITHHELD.has(i.type)) zvw += y;
  }
  if (total === 0) return { work: 0, zvw: 0 };
  return { work: roundDiv(work * PPM, total), zvw: roundDiv(zvw * PPM, total) };
}

/**
 * Net and gross of one income of `year` cents a year: the person's net of the known gross, or the
 * extra gross for the net incomes, shared out in proportion.
 */
function estimateIncome(
  income: Income,
  year: number,
  knownGross: number,
  netOfKnownGross: number,
  knownNet: number,
  extraGross: number,
): EstimatedIncome {
  const monthlyAsGiven = roundDiv(perYear(income.amount, income.period), 12);
  if (UNTAXED.has(income.type)) {
    return { income, monthlyNet: monthlyAsGiven, yearlyNet: year, yearlyGross: year, estimated: false };
  }
  if (income.basis === 'net') {
    const gross = knownNet === 0 ? 0 : roundDiv(year * extraGross, knownNet);
    return { income, monthlyNet: monthlyAsGiven, yearlyNet: year, yearlyGross: gross, estimated: true };
  }
  const net = knownGross === 0 ? 0 : roundDiv(year * netOfKnownGross, knownGross);
  const monthlyNet = roundDiv(roundDiv(perYear(income.amount, income.period) * netOfKnownGross, knownGross || 1), 12);
  return { income, monthlyNet, yearlyNet: net, yearlyGross: year, estimated: true };
}

/**
 * Estimates net and gross for every income of one person. The person's tax is progressive over all
 * taxable income together, so the gross of net incomes is found on top of the known gross incomes.
 */
export function estimatePersonIncome(
  person: Person,
  incomes: readonly Income[],
  givenTaxable: number | undefined,
  aowAge: boolean,
  single: boolean,
  p: ParameterReader,
): PersonIncome {
  if (incomes.length === 0) {
    return { person, incomes: [], yearlyNet: 0, yearlyGross: 0, monthlyNet: 0, taxable: givenTaxable ?? 0, taxableEstimated: false };
  }
  const c = composition(incomes);
  // Yearly amounts first, in the order given (they read the holiday-pay parameters), then the tables.
  const years: number[] = [];
  let knownGross = 0;
  let knownNet = 0;
  for (const income of incomes) {
    const year = yearlyWithHolidayPay(income, p);
    years.push(year);
    if (UNTAXED.has(income.type)) continue;
    if (income.basis === 'gross') knownGross += year;
    else knownNet += year;
  }
  const tables = taxTables(aowAge, single, p);
  const netOfKnownGross = netFromGross(knownGross, c, tables);
  const extraGross = grossForNet(knownNet, knownGross, netOfKnownGross, c, tables);
  const totalGross = knownGross + extraGross;

  const estimated: EstimatedIncome[] = [];
  let yearlyNet = 0;
  let yearlyGross = 0;
  let monthlyNet = 0;
  for (let i = 0; i < incomes.length; i++) {
    const e = estimateIncome(incomes[i]!, years[i]!, knownGross, netOfKnownGross, knownNet, extraGross);
    estimated.push(e);
    yearlyNet += e.yearlyNet;
    yearlyGross += e.yearlyGross;
    monthlyNet += e.monthlyNet;
  }

  return {
    person,
    incomes: estimated,
    yearlyNet,
    yearlyGross,
    monthlyNet,
    taxable: givenTaxable ?? totalGross,
    taxableEstimated: givenTaxable === undefined && totalGross > 0,
  };
}
