/** The partner organisations compiled into the server build from content/organisations/ (see src/content/vite-plugin.ts). */
import organisations from 'virtual:rondkomen/organisations';
import type { Organisations } from '../content/organisations.ts';

export function getOrganisations(): Organisations {
  return organisations;
}

/** An organisation's name for people (staff see names, the data keeps the code); an unknown code as is. */
export function organisationName(code: string): string {
  return getOrganisations()[code]?.name ?? code;
}
