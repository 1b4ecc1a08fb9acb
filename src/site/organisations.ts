/** The partner organisations compiled into the server build from content/organisations/ (see src/content/vite-plugin.ts). */
import organisations from 'virtual:rondkomen/organisations';
import type { Organisations } from '../content/organisations.ts';

/**
 * Organisation codes arrive in URLs and form fields: the record has no prototype, so a code like
 * `constructor` or `__proto__` finds nothing instead of a member of Object.prototype.
 */
const byCode: Organisations = Object.assign(Object.create(null) as Organisations, organisations);

export function getOrganisations(): Organisations {
  return byCode;
}

/** An organisation's name for people (staff see names, the data keeps the code); an unknown code as is. */
export function organisationName(code: string): string {
  return getOrganisations()[code]?.name ?? code;
}
