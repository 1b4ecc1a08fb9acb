/**
 * How a resident reaches her municipality about income support, from content/ (the municipality's
 * `incomeService`: name, website, phone when content has one with its source; for every other
 * municipality its general contact from the government's register, content/contacts/). Named in the consent
 * texts so that "stop at any time: call the municipality" comes with the number.
 */
import type { Rulebook } from '../engine/rulebook.ts';

export interface MunicipalContact {
  name: string;
  url: string;
  phone?: string | undefined;
}

export function municipalContact(rulebook: Rulebook, code: string | undefined): MunicipalContact | undefined {
  if (!code) return undefined;
  const m = Object.hasOwn(rulebook.municipalities, code) ? rulebook.municipalities[code] : undefined;
  const service = m?.incomeService;
  if (service?.phone) return { name: service.name, url: service.url, phone: service.phone };
  // Otherwise the municipality's general contact from the government's register (content/contacts/):
  // a resident without e-mail needs a number to call, and the register has one for every municipality.
  const c = Object.hasOwn(rulebook.contacts, code) ? rulebook.contacts[code] : undefined;
  if (c?.phone) return { name: c.name, url: c.website, phone: c.phone };
  if (service) return { name: service.name, url: service.url };
  return c ? { name: c.name, url: c.website } : undefined;
}
