/**
 * Kwijtschelding of municipal taxes (Invorderingswet 1990 art. 26; Uitvoeringsregeling
 * Invorderingswet 1990 art. 11–16, declared applicable by art. 27–28; Leidraad Invordering 2008 art. 26).
 *
 * Betalingscapaciteit per month = netto besteedbaar inkomen − allowed costs (net housing costs above
 * the basishuur, the health premium above normpremie and zorgtoeslag) − kosten van bestaan (the
 * council's percentage, 90 to 100 %, of the applicable bijstandsnorm). Of twelve months' capacity,
 * the 80 % rule uses that share; assets above the allowed amount are used first. What remains of the
 * tax bill is forgiven.
 *
 * Without the household's own bill, the municipality's tariffs for its type of household stand in for
 * it (content/local-taxes/): what the household can pay at least that bill means no kwijtschelding, and
 * less means (partial) kwijtschelding, as an estimate. Where no tariffs are known it stays `maybe`.
 */
import type { Facts } from '../facts.ts';
import { applyRate, roundDiv } from '../money.ts';
import { outcome } from '../outcome.ts';
import type { ParameterReader } from '../parameters.ts';
import { label, money, rate, reason, scheme, text } from '../reasons.ts';
import type { LegalSource } from '../rulebook.ts';
import type { Reason, SchemeOutcome } from '../types.ts';
import { bijstandsnormMonthly } from './bijstandsnorm.ts';
import { minimumBasishuur } from './huurtoeslag.ts';
import { typicalLocalTaxes } from './local-taxes.ts';
import { zorgtoeslagAmount } from './zorgtoeslag.ts';

export interface KwijtscheldingInputs {
  /**
   * The bijstand the household could get and does not receive yet, cents per month. It is not income
   * the household has (URIW art. 14), so it is not counted; the result only says it may also be there.
   */
  bijstandTopUp: number;
  huurtoeslagMonthly: number;
  zorgtoeslagMonthly: number;
  /** The council's own percentage (a parameter id) from content/choices/, for a municipality without its own file. */
  councilNorm?: string | undefined;
}

/** The council's percentage of the norm, and the range said where the council's own choice is not known. */
interface LivingCosts {
  norm: number;
  pct: number;
  maxPct: number;
  /** True where the national lowest percentage stands in for the council's own choice. */
  generic: boolean;
  kostenVanBestaan: number;
}

/** Allowed costs (URIW art. 15): housing and health costs per month, and what goes into the asset limit. */
interface AllowedCosts {
  housingCosts: number;
  grossHousing: number;
  premium: number | undefined;
  healthCosts: number;
}

/** Capacity, the usable part of a year's capacity, allowed savings and savings above them, for given living costs. */
interface Capacity {
  capacity: number;
  usable: number;
  allowed: number;
  excess: number;
}

/** What the outcome step needs: the reason lists, the percentages and what the household can pay at either end. */
interface Decision {
  f: Facts;
  p: ParameterReader;
  legal: LegalSource | undefined;
  reasons: Reason[];
  missing: Reason[];
  living: LivingCosts;
  capacity: Capacity;
  /** What of a yearly bill would be forgiven at the highest percentage the council may choose. */
  forgivenAtMaximum: (yearlyTaxes: number) => number;
  finish: (status: SchemeOutcome['status'], yearly?: number, amountVaries?: boolean) => SchemeOutcome;
}

export function kwijtschelding(f: Facts, p: ParameterReader, inputs: KwijtscheldingInputs): SchemeOutcome {
  const legal = p.rulebook.schemes['kwijtschelding']?.legal;
  const reasons: Reason[] = [];
  const missing: Reason[] = [];

  const living = livingCosts(f, p, inputs, reasons);

  // Netto besteedbaar inkomen (art. 14–15): the incomes the household receives, with holiday pay, without
  // child benefits and toeslagen. Bijstand it could claim but does not receive is not income.
  const income = roundDiv(f.netYearly, 12);
  reasons.push(reason('kwijtschelding-income', { income: money(income) }, legal));
  if (inputs.bijstandTopUp > 0) reasons.push(reason('kwijtschelding-bijstand-not-counted', { scheme: scheme('bijstand') }, legal));

  const costs = allowedCosts(f, p, inputs, legal, reasons);
  const extraId = extraAssetsId(f);
  const assess = (livingCosts: number): Capacity => betalingscapaciteit(f, p, income, costs, p.money(extraId), livingCosts);
  const capacity = assess(living.kostenVanBestaan);
  capacityReasons(f, p, capacity, extraId, reasons);

  const exOfficio = exOfficioRepeat(f, p);
  const finish = (status: SchemeOutcome['status'], yearly = 0, amountVaries = false): SchemeOutcome => ({
    ...outcome(
      {
        id: 'kwijtschelding',
        kind: 'tax-relief',
        status,
        monthly: roundDiv(yearly, 12),
        yearly,
        amountVaries,
        reasons,
        missing,
        estimate: true,
        exOfficio,
      },
      f,
      p,
    ),
    figures: living.generic ? 'generic' : 'own',
  });
  // At the highest percentage the council may choose: what of a yearly bill would be forgiven there.
  const forgivenAtMaximum = (yearlyTaxes: number): number => {
    if (living.maxPct === living.pct) return Math.max(0, yearlyTaxes - capacity.usable - capacity.excess);
    const a = assess(applyRate(living.norm, living.maxPct));
    return Math.max(0, yearlyTaxes - a.usable - a.excess);
  };
  const decision: Decision = { f, p, legal, reasons, missing, living, capacity, forgivenAtMaximum, finish };

  const taxesMonthly = f.household.costs.localTaxes;
  if (taxesMonthly === undefined || taxesMonthly === 0) return withoutOwnBill(decision);
  return withOwnBill(decision, taxesMonthly * 12);
}

/** Kosten van bestaan (URIW art. 16): the council's percentage of the bijstandsnorm, with kostendelersnorm. */
function livingCosts(f: Facts, p: ParameterReader, inputs: KwijtscheldingInputs, reasons: Reason[]): LivingCosts {
  const norm = bijstandsnormMonthly(f, p, { kostendelersnorm: true });
  const pctId = inputs.councilNorm ?? 'kwijtschelding/norm-percentage';
  const pct = p.rate(pctId);
  const kostenVanBestaan = applyRate(norm, pct);
  reasons.push(
    reason('kwijtschelding-living-costs', { norm: money(norm), percentage: rate(pct), amount: money(kostenVanBestaan) }, p.source(pctId)),
  );
  // Without the council's own choice in content, the national lowest percentage is used and the range said.
  const generic = inputs.councilNorm === undefined && p.municipality?.parameterOverrides['kwijtschelding/norm-percentage'] === undefined;
  const maxPct = generic ? p.rate('kwijtschelding/norm-percentage-maximum') : pct;
  if (generic) {
    reasons.push(
      reason(
        'kwijtschelding-norm-range',
        { minimum: rate(pct), maximum: rate(maxPct) },
        p.source('kwijtschelding/norm-percentage-maximum'),
      ),
    );
  }
  return { norm, pct, maxPct, generic, kostenVanBestaan };
}

/** Allowed costs: net housing costs above the basishuur, and the premium above normpremie + zorgtoeslag. */
function allowedCosts(
  f: Facts,
  p: ParameterReader,
  inputs: KwijtscheldingInputs,
  legal: LegalSource | undefined,
  reasons: Reason[],
): AllowedCosts {
  const h = f.household;
  let housingCosts = 0;
  let grossHousing = 0;
  if (h.housing.type === 'rent') {
    const single = f.size === 1;
    const cap = p.money('huurtoeslag/maximale-huurgrens');
    grossHousing = h.housing.rent + h.housing.serviceCosts;
    const basishuur = minimumBasishuur(single, p);
    housingCosts = Math.max(0, Math.min(grossHousing, cap) - inputs.huurtoeslagMonthly - basishuur);
    reasons.push(reason('kwijtschelding-housing-costs', { amount: money(housingCosts), basishuur: money(basishuur) }, legal));
  }
  const premium = h.costs.healthInsurancePremium;
  let healthCosts = 0;
  if (premium !== undefined) {
    const normpremie = roundDiv(zorgtoeslagAmount(f.toeslagInkomen, f.partner !== undefined, p).normpremie, 12);
    healthCosts = Math.max(0, premium - normpremie - inputs.zorgtoeslagMonthly);
    reasons.push(reason('kwijtschelding-health-costs', { amount: money(healthCosts) }, legal));
  }
  return { housingCosts, grossHousing, premium, healthCosts };
}

/** The council's extra allowed savings (a parameter id) for this type of household. */
function extraAssetsId(f: Facts): string {
  return f.partner
    ? 'kwijtschelding/extra-vermogen-gehuwden'
    : f.children.length > 0
      ? 'kwijtschelding/extra-vermogen-alleenstaande-ouder'
      : 'kwijtschelding/extra-vermogen-alleenstaande';
}

/** Betalingscapaciteit (art. 11–12) and the assets above the allowed amount, for given living costs. */
function betalingscapaciteit(f: Facts, p: ParameterReader, income: number, costs: AllowedCosts, extra: number, living: number): Capacity {
  const usedShare = p.rate('kwijtschelding/betalingscapaciteit-percentage');
  const capacity = Math.max(0, income - costs.housingCosts - costs.healthCosts - living);
  // Assets (art. 12): savings above a month of living and housing costs and the premium, plus the council's extra.
  const allowed = living + costs.grossHousing + (costs.premium ?? 0) + extra;
  return { capacity, usable: applyRate(capacity * 12, usedShare), allowed, excess: Math.max(0, f.household.assets - allowed) };
}

/** The reasons for the capacity, the assets and the car. */
function capacityReasons(f: Facts, p: ParameterReader, c: Capacity, extraId: string, reasons: Reason[]): void {
  const usedShare = p.rate('kwijtschelding/betalingscapaciteit-percentage');
  reasons.push(
    reason(
      'kwijtschelding-capacity',
      { capacity: money(c.capacity), usable: money(c.usable), percentage: rate(usedShare) },
      p.source('kwijtschelding/betalingscapaciteit-percentage'),
    ),
  );

  reasons.push(
    reason(
      c.excess > 0 ? 'kwijtschelding-assets-above' : 'kwijtschelding-assets-within',
      { assets: money(f.household.assets), allowed: money(c.allowed) },
      p.source(extraId),
    ),
  );
  reasons.push(
    reason(
      'kwijtschelding-car',
      { limit: money(p.money('kwijtschelding/auto-vrijstelling')) },
      p.source('kwijtschelding/auto-vrijstelling'),
    ),
  );
}

/** The tax office may grant it again without an application (content: the municipality's kwijtschelding.exOfficio). */
function exOfficioRepeat(f: Facts, p: ParameterReader): SchemeOutcome['exOfficio'] {
  const ground = p.municipality?.kwijtschelding?.exOfficio.find((e) => f.receives(e.receiving));
  return ground
    ? {
        possible: true,
        basis: reason('ex-officio-kwijtschelding-repeat', { office: text(p.municipality!.taxOffice.name) }, ground.source),
      }
    : { possible: false };
}

/**
 * Without the household's own bill, the municipality's tariffs for its type of household stand in
 * for it (content/local-taxes/): an estimate, said so in every reason.
 */
function withoutOwnBill(d: Decision): SchemeOutcome {
  const { f, p, legal, reasons, missing, finish } = d;
  missing.push(reason('kwijtschelding-taxes-unknown', {}, legal));
  const typical = typicalLocalTaxes(f, p);
  if (typical) {
    for (const part of typical.parts) {
      const tax = part.payer === 'owner' ? `tax-${part.tax}-owner` : `tax-${part.tax}`;
      reasons.push(
        reason(
          'kwijtschelding-tariff',
          { tax: label(tax), household: label(`tariff-${part.household}`), amount: money(part.yearly) },
          part.source,
        ),
      );
    }
    return onTypicalBill(d, typical.yearly);
  }
  if (d.capacity.capacity === 0 && d.capacity.excess === 0) {
    reasons.push(reason('kwijtschelding-full-likely', {}, legal));
    return finish('eligible', 0, true);
  }
  return finish('maybe', 0, true);
}

/** The municipality's tariffs as the bill: what the household can pay of it, at the lowest and highest percentage. */
function onTypicalBill(d: Decision, bill: number): SchemeOutcome {
  const { legal, reasons, missing, finish } = d;
  const { pct, maxPct } = d.living;
  const canPay = d.capacity.usable + d.capacity.excess;
  const forgivenOfBill = Math.max(0, bill - canPay);
  const billAtMaximum = d.forgivenAtMaximum(bill);
  if (forgivenOfBill === 0) {
    reasons.push(reason('kwijtschelding-none-tariff', { bill: money(bill), capacity: money(canPay) }, legal));
    if (billAtMaximum === 0) return finish('not-eligible');
    // Nothing at the lowest percentage, something at the highest: it depends on the council's choice.
    missing.push(
      reason('kwijtschelding-depends-on-choice', { minimum: rate(pct), maximum: rate(maxPct), forgiven: money(billAtMaximum) }, legal),
    );
    return finish('maybe', 0, true);
  }
  reasons.push(
    forgivenOfBill === bill
      ? reason('kwijtschelding-full-tariff', { bill: money(bill) }, legal)
      : reason('kwijtschelding-partial-tariff', { bill: money(bill), capacity: money(canPay), forgiven: money(forgivenOfBill) }, legal),
  );
  if (billAtMaximum > forgivenOfBill)
    reasons.push(reason('kwijtschelding-more-at-maximum', { percentage: rate(maxPct), forgiven: money(billAtMaximum) }, legal));
  return finish('eligible', forgivenOfBill);
}

/** The household's own yearly bill: what remains after what it can pay is forgiven. */
function withOwnBill(d: Decision, taxes: number): SchemeOutcome {
  const { legal, reasons, missing, finish } = d;
  const { pct, maxPct } = d.living;
  const forgiven = Math.max(0, taxes - d.capacity.usable - d.capacity.excess);
  const atMaximum = d.forgivenAtMaximum(taxes);
  if (forgiven === 0) {
    if (atMaximum === 0) {
      reasons.push(reason('kwijtschelding-none', { taxes: money(taxes) }, legal));
      return finish('not-eligible');
    }
    // The lowest percentage forgives nothing, the highest does: it depends on the council's choice.
    missing.push(
      reason('kwijtschelding-depends-on-choice', { minimum: rate(pct), maximum: rate(maxPct), forgiven: money(atMaximum) }, legal),
    );
    return finish('maybe', 0, true);
  }
  reasons.push(
    reason(
      forgiven === taxes ? 'kwijtschelding-full' : 'kwijtschelding-partial',
      { taxes: money(taxes), forgiven: money(forgiven) },
      legal,
    ),
  );
  if (atMaximum > forgiven)
    reasons.push(reason('kwijtschelding-more-at-maximum', { percentage: rate(maxPct), forgiven: money(atMaximum) }, legal));
  return finish('eligible', forgiven);
}
