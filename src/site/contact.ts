/**
 * How a resident reaches her municipality about income support, from content/ (the municipality's
 * `incomeService`: name, website, phone when content has one with its source). Named in the consent
 * texts so that "stop at any time: call the municipality" comes with the number.
 */
import type { Rulebook } from '../engine/rulebook.ts';

export interface MunicipalContact {
  name: string;
  url: string;
  phone?: string | undefined;
}

export function municipalContact(rulebook: Rulebook, code: string | undefined): MunicipalContact | undefined {
  const m = code ? rulebook.municipalities[code] : undefined;
  if (!m) return undefined;
  const s = m.incomeService;
  return { name: s.name, url: s.url, ...(s.phone ? { phone: s.phone } : {}) };
}
