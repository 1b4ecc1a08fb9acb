/**
 * How the volunteer pages that answer a form POST begin (invullen, stappen, doorverwijzen): the
 * language from the path; POST only (anything else goes back to the start page, since the answers
 * never travel in a URL); nothing cached (the middleware keeps referrers on this site); the
 * volunteer's state read from the form. Server-only.
 */
import type { AstroGlobal } from 'astro';
import type { Language } from '../engine/rulebook.ts';
import { getOrganisations } from './organisations.ts';
import { languageFromParam, localePath, PATHS } from './locale.ts';
import { readState, type VolunteerState } from './volunteer.ts';

export interface VolunteerPost {
  language: Language;
  form: FormData;
  state: VolunteerState;
}

/** The page's start, or the response to send instead (404 for an unknown language, 303 for a GET). */
export async function volunteerPost(astro: AstroGlobal): Promise<VolunteerPost | Response> {
  const language = languageFromParam(astro.params.locale);
  if (!language) return astro.rewrite('/404');
  if (astro.request.method !== 'POST') return astro.redirect(localePath(language, PATHS.volunteer), 303);
  astro.response.headers.set('Cache-Control', 'no-store');
  let form: FormData;
  try {
    form = await astro.request.formData();
  } catch {
    form = new FormData();
  }
  const organisations = getOrganisations();
  return { language, form, state: readState(form, (code) => Boolean(organisations[code])) };
}
