/**
 * Huurtoeslag (Wet op de huurtoeslag; Besluit op de huurtoeslag; Awir).
 *
 * Which way of calculating applies is a dated rule version (content/rules.yaml, `huurtoeslag/berekening`).
 *
 * The rent that counts (rekenhuur) is split into bands: from the basishuur up to the
 * kwaliteitskortingsgrens at 100 %, up to the aftoppingsgrens at 65 %, above it at 40 %, never above
 * the maximale huurgrens. Young households (everyone below the youth age, no children) only get the
 * first band. The income then lowers the amount:
 * - from 2026, the basishuur is a fixed amount and the income above an ijkpunt is deducted linearly
 *   (afbouwpercentage per year / 12); the maximale huurgrens is no longer an eligibility limit and
 *   service costs no longer count;
 * - in 2025, the basishuur rises with income (the quadratic normhuur), service costs count up to a
 *   maximum, and a rent above the maximale huurgrens means no huurtoeslag.
 * The monthly amount is rounded down to whole euros, as in the Dienst Toeslagen examples.
 */
import type { Facts } from '../facts.ts';
import { CENTS_PER_EURO, PPM } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { count, money, reason } from '../reasons.ts';
import type { Reason, SchemeOutcome } from '../types.ts';
import { toeslagInkomenReason } from './toeslaginkomen.ts';

const MONTHS = 12;

/** Household income for huurtoeslag: everyone in the home, with the exemption for young children's income. */
export function huurtoeslagInkomen(f: Facts, p: ParameterReader): { income: number; estimated: boolean } {
  const exemptAge = p.count('huurtoeslag/vrijstelling-kind-leeftijd');
  const exemption = p.money('huurtoeslag/vrijstelling-inkomen-kind');
  let income = 0;
  let estimated = false;
  for (const person of f.household.people) {
    const pi = f.income.get(person.id)!;
    const isChild = person.role === 'child' || person.role === 'adult-child';
    income += isChild && person.age < exemptAge ? Math.max(0, pi.taxable - exemption) : pi.taxable;
    estimated ||= pi.taxableEstimated;
  }
  return { income, estimated };
}

/**
 * Fixed basishuur (from 2026): the normhuur at the minimum-inkomensijkpunt (Wht art. 17 lid 2), minus the
 * amount for the household size (art. 17 lid 3), minus the year's reduction of the Wet verlaging eigen
 * bijdrage huurtoeslag (art. 1). The basishuur does not depend on income.
 */
function basishuur2026(single: boolean, p: ParameterReader): number {
  return (
    p.money('huurtoeslag/normhuur-minimum-inkomensijkpunt') -
    p.money(single ? 'huurtoeslag/basishuur-korting-eenpersoons' : 'huurtoeslag/basishuur-korting-meerpersoons') -
    p.money('huurtoeslag/verlaging-basishuur')
  );
}

type Done = (status: SchemeOutcome['status'], monthly?: number) => SchemeOutcome;

export function huurtoeslag(f: Facts, p: ParameterReader): SchemeOutcome {
  const legal = p.rulebook.schemes['huurtoeslag']?.legal;
  const reasons: Reason[] = [];
  const missing: Reason[] = [];
  const { income, estimated } = huurtoeslagInkomen(f, p);
  const done: Done = (status, monthly = 0) =>
    outcome(
      { id: 'huurtoeslag', kind: 'allowance', status, monthly, yearly: monthly * MONTHS, reasons, missing, estimate: estimated },
      f,
      p,
    );

  const minimumAge = p.count('huurtoeslag/minimumleeftijd');
  if (f.applicant.age < minimumAge) {
    reasons.push(reason('too-young', { age: count(minimumAge) }, p.source('huurtoeslag/minimumleeftijd')));
    return done('not-eligible');
  }
  const housing = f.household.housing;
  if (housing.type === 'owner' || housing.type === 'none') {
    reasons.push(reason(housing.type === 'owner' ? 'huurtoeslag-owner' : 'huurtoeslag-no-rent', {}, legal));
    return done('not-eligible');
  }
  if (housing.type === 'lodger') {
    reasons.push(reason('huurtoeslag-room', {}, legal));
    missing.push(reason('huurtoeslag-room-independent', {}, legal));
    return done('maybe');
  }

  const linear = p.rule('huurtoeslag/berekening') === 'lineair-2026';
  if (!assetsWithinLimit(f, p, reasons)) return done('not-eligible');
  const counted = countedRent(f, p, housing, linear, reasons);
  if (counted === undefined) return done('not-eligible');

  reasons.push(toeslagInkomenReason(f, p, income, estimated));
  const basishuur = linear ? basishuur2026(f.size === 1, p) : basishuur2025(income, f.size === 1, p);
  const monthly = monthlyAmount(f, p, { ...counted, basishuur, income, linear }, reasons);
  reasons.push(
    reason(
      'huurtoeslag-amount',
      { rent: money(counted.rent), basishuur: money(basishuur), monthly: money(monthly) },
      p.source('huurtoeslag/kwaliteitskortingsgrens'),
    ),
  );
  if (monthly === 0) {
    reasons.push(reason('huurtoeslag-income-too-high', { income: money(income) }, legal));
    return done('not-eligible');
  }
  return done('eligible', monthly);
}

/** The asset limit (per person, or for partners together); says which side of it the household is. */
function assetsWithinLimit(f: Facts, p: ParameterReader, reasons: Reason[]): boolean {
  const assetsId = f.partner !== undefined ? 'huurtoeslag/vermogensgrens-partners' : 'huurtoeslag/vermogensgrens-per-persoon';
  const assetLimit = p.money(assetsId);
  const within = f.household.assets <= assetLimit;
  reasons.push(
    reason(
      within ? 'assets-within-limit' : 'assets-above-limit',
      { assets: money(f.household.assets), limit: money(assetLimit) },
      p.source(assetsId),
    ),
  );
  return within;
}

/**
 * The rent that counts: kale huur, plus (2025) service costs up to the maximum, capped at the maximale
 * huurgrens (for young households the youth limit), with the kwaliteitskortingsgrens. Undefined where a rent above the limit means no
 * huurtoeslag at all (2025).
 */
function countedRent(
  f: Facts,
  p: ParameterReader,
  housing: { rent: number; serviceCosts: number },
  linear: boolean,
  reasons: Reason[],
): { rent: number; youth: boolean; kkg: number } | undefined {
  let rekenhuur = housing.rent;
  if (!linear) {
    rekenhuur += Math.min(housing.serviceCosts, p.money('huurtoeslag/servicekosten-maximum'));
  } else if (housing.serviceCosts > 0) {
    reasons.push(reason('huurtoeslag-service-costs-not-counted', {}, p.source('huurtoeslag/maximale-huurgrens')));
  }

  const youthAge = p.count('huurtoeslag/jongerenleeftijd');
  const adults = f.household.people.filter((x) => x.role !== 'child');
  const youth = f.children.length === 0 && adults.every((x) => x.age < youthAge);
  // Read before the maximale huurgrens, the law's order, which is also the order the result lists values not yet published in.
  const kkg = p.money('huurtoeslag/kwaliteitskortingsgrens');
  const ceilingIsLimit = p.count('huurtoeslag/maximale-huurgrens-is-grens') === 1;
  const ceiling = p.money(youth ? 'huurtoeslag/maximale-huurgrens-jongeren' : 'huurtoeslag/maximale-huurgrens');
  if (rekenhuur > ceiling && ceilingIsLimit) {
    reasons.push(
      reason(
        youth ? 'huurtoeslag-rent-above-youth-limit' : 'huurtoeslag-rent-above-limit',
        { rent: money(rekenhuur), limit: money(ceiling) },
        p.source('huurtoeslag/maximale-huurgrens'),
      ),
    );
    return undefined;
  }
  if (rekenhuur > ceiling) {
    reasons.push(
      reason(
        youth ? 'huurtoeslag-rent-capped-youth' : 'huurtoeslag-rent-capped',
        { rent: money(rekenhuur), limit: money(ceiling), age: count(youthAge) },
        p.source('huurtoeslag/maximale-huurgrens'),
      ),
    );
  }
  return { rent: Math.min(rekenhuur, ceiling), youth, kkg };
}

/**
 * The monthly amount: the rent's three bands above the basishuur, less (from 2026) the income above the
 * ijkpunt, rounded down to whole euros; nothing below the Awir's minimum yearly amount.
 */
function monthlyAmount(
  f: Facts,
  p: ParameterReader,
  h: { rent: number; youth: boolean; kkg: number; basishuur: number; income: number; linear: boolean },
  reasons: Reason[],
): number {
  const { rent, youth, kkg, basishuur, income } = h;
  const single = f.size === 1;
  const aftopping = p.money(f.size >= 3 ? 'huurtoeslag/aftoppingsgrens-drie-personen' : 'huurtoeslag/aftoppingsgrens-een-twee-personen');
  const partA = Math.max(0, Math.min(rent, kkg) - basishuur) * PPM;
  const partB = youth
    ? 0
    : Math.max(0, Math.min(rent, aftopping) - Math.max(kkg, basishuur)) * p.rate('huurtoeslag/percentage-boven-kwaliteitskortingsgrens');
  const partC = youth ? 0 : Math.max(0, rent - Math.max(aftopping, basishuur)) * p.rate('huurtoeslag/percentage-boven-aftoppingsgrens');

  // Everything in cents × ppm × 12, so the yearly income deduction divides exactly.
  let totalX12 = MONTHS * (partA + partB + partC);
  if (h.linear) {
    const ijkpunt = p.money(single ? 'huurtoeslag/inkomensijkpunt-eenpersoons' : 'huurtoeslag/inkomensijkpunt-meerpersoons');
    const afbouw = p.rate(single ? 'huurtoeslag/afbouwpercentage-eenpersoons' : 'huurtoeslag/afbouwpercentage-meerpersoons');
    const deductionX12 = Math.max(0, income - ijkpunt) * afbouw;
    totalX12 -= deductionX12;
    if (deductionX12 > 0) {
      reasons.push(
        reason(
          'huurtoeslag-income-deduction',
          { income: money(income), ijkpunt: money(ijkpunt), deduction: money(Math.round(deductionX12 / PPM / MONTHS)) },
          p.source('huurtoeslag/inkomensijkpunt-eenpersoons'),
        ),
      );
    }
  }
  const monthlyExact = Math.max(0, Math.floor(totalX12 / (PPM * MONTHS)));
  const monthly = Math.floor(monthlyExact / CENTS_PER_EURO) * CENTS_PER_EURO;
  return monthly * MONTHS < p.money('awir/minimum-jaarbedrag') ? 0 : monthly;
}

/** Parameter ids of the 2025 normhuur by household size, spelled out once rather than built per call. */
const NORMHUUR_2025 = {
  eenpersoons: normhuurIds('eenpersoons'),
  meerpersoons: normhuurIds('meerpersoons'),
};

/** The factors are × 10^12 and the income in cents: × 10^14 in all. */
const NORMHUUR_DENOMINATOR = 10n ** 14n;

function normhuurIds(type: 'eenpersoons' | 'meerpersoons') {
  return {
    minimumInkomensijkpunt: `huurtoeslag/minimum-inkomensijkpunt-${type}`,
    minimumNormhuur: `huurtoeslag/minimum-normhuur-${type}`,
    factorA: `huurtoeslag/normhuur-factor-a-${type}`,
    factorB: `huurtoeslag/normhuur-factor-b-${type}`,
  };
}

/**
 * Basishuur under the 2025 rules (Wht art. 17 and 19): the normhuur is a·Y² + b·Y for a rekeninkomen Y
 * above the minimum-inkomensijkpunt, rounded up to the cent, and the minimum normhuur below it; the
 * basishuur is the normhuur plus the taakstellingsbedrag. Exact with BigInt: a and b are factors × 10^12.
 */
function basishuur2025(income: number, single: boolean, p: ParameterReader): number {
  const ids = single ? NORMHUUR_2025.eenpersoons : NORMHUUR_2025.meerpersoons;
  let normhuur: number;
  if (income <= p.money(ids.minimumInkomensijkpunt)) {
    normhuur = p.money(ids.minimumNormhuur);
  } else {
    const y = BigInt(income);
    const numerator = BigInt(p.factor(ids.factorA)) * y * y + BigInt(p.factor(ids.factorB)) * y * 100n;
    normhuur = Number((numerator + NORMHUUR_DENOMINATOR - 1n) / NORMHUUR_DENOMINATOR);
  }
  return normhuur + p.money('huurtoeslag/taakstellingsbedrag');
}

/** The lowest basishuur for the household size: the part of the rent huurtoeslag never pays (kwijtschelding, disposable income). */
export function minimumBasishuur(single: boolean, p: ParameterReader): number {
  if (p.rule('huurtoeslag/berekening') === 'lineair-2026') return basishuur2026(single, p);
  return p.money(single ? 'huurtoeslag/minimum-basishuur-eenpersoons' : 'huurtoeslag/minimum-basishuur-meerpersoons');
}
