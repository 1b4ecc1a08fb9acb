/**
 * The municipality's tariffs of the taxes kwijtschelding covers (content/local-taxes/), for a household
 * that did not say what it pays: the bill a household of its type gets, as a typical bill.
 *
 * A household of one person pays the one-person tariff, any larger household the other one (the
 * regulations count everyone registered at the address). Only a household with a home of its own gets
 * the assessment: a tenant pays the taxes of the user, an owner-occupier also those of the owner. A
 * lodger or a household without a home gets none, so there is no typical bill for it.
 */
import type { Facts } from '../facts.ts';
import type { ParameterReader } from '../parameters.ts';
import type { LegalSource, LocalTax } from '../rulebook.ts';

export interface TariffPart {
  tax: LocalTax['id'];
  payer: LocalTax['payer'];
  /** Which tariff applied: the one for every home, or the one for this household's size. */
  household: 'all' | 'single' | 'multi-person';
  /** Cents a year. */
  yearly: number;
  /** Where the figure was seen (the publication of the tariff). */
  source: LegalSource;
}

export interface TypicalBill {
  /** Cents a year: the sum of the parts. */
  yearly: number;
  parts: TariffPart[];
}

/** The typical bill of the household, or undefined when content has no tariffs for it on the date. */
export function typicalLocalTaxes(f: Facts, p: ParameterReader): TypicalBill | undefined {
  const local = p.rulebook.localTaxes[f.household.municipality];
  const home = f.household.housing.type;
  if (!local || (home !== 'rent' && home !== 'owner')) return undefined;
  const size = f.size === 1 ? 'single' : 'multi-person';
  const parts: TariffPart[] = [];
  for (const tax of local.taxes) {
    if (tax.payer === 'owner' && home !== 'owner') continue;
    const household = 'all' in tax.tariffs ? 'all' : size;
    const id = 'all' in tax.tariffs ? tax.tariffs.all : tax.tariffs[size];
    // Content covers the whole period; a date before the first tariff means no typical bill at all.
    if (!p.has(id)) return undefined;
    const value = p.raw(id);
    parts.push({
      tax: tax.id,
      payer: tax.payer,
      household,
      yearly: p.money(id),
      source: { title: value.evidence.title, url: value.evidence.url },
    });
  }
  if (parts.length === 0) return undefined;
  return { yearly: parts.reduce((sum, x) => sum + x.yearly, 0), parts };
}
