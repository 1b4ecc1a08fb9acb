/** How a scheme's amount reads in a result: per month and year, per quarter, per year, or "varies". */
import type { PublicScheme } from '../../contract/result.ts';
import type { Language } from '../../engine/rulebook.ts';
import { euros, type T } from '../../site/i18n.ts';

export function amountSentence(s: PublicScheme, t: T, language: Language): string {
  const a = s.amount;
  if (s.amountVaries) return t('results.scheme.amountVaries');
  if (a.quarterly !== undefined)
    return t('results.scheme.amountQuarter', { quarterly: euros(a.quarterly, language), monthly: euros(a.monthly, language) });
  if (a.monthly === 0 && a.yearly > 0) return t('results.scheme.amountYear', { yearly: euros(a.yearly, language) });
  return t('results.scheme.amountMonthYear', { monthly: euros(a.monthly, language), yearly: euros(a.yearly, language) });
}

/** The short amount for the overview table and "already receiving": the monthly amount, or per year. */
export function shortAmount(s: PublicScheme, t: T, language: Language): string {
  const a = s.amount;
  if (s.amountVaries) return t('results.varies');
  if (a.monthly === 0 && a.yearly > 0) return t('common.perYear', { amount: euros(a.yearly, language) });
  return t('common.perMonth', { amount: euros(a.monthly, language) });
}

export function showsAmount(s: PublicScheme): boolean {
  return s.status !== 'not-eligible';
}
