/**
 * How the volunteer pages that answer a form begin (invullen, stappen, doorverwijzen): the language
 * from the path; the form posted, or sealed in the address after a post (never readable in a URL);
 * nothing cached (the middleware keeps referrers on this site); the volunteer's state read from the form. Server-only.
 */
import type { AstroGlobal } from 'astro';
import type { Language } from '../engine/rulebook.ts';
import { getOrganisations } from './organisations.ts';
import { languageFromParam, localePath, PATHS } from './locale.ts';
import { browserKey, openSealed, postRedirectGet, redirectSealed } from './post-redirect-get.ts';
import { readState, type VolunteerState } from './volunteer.ts';

export interface VolunteerPost {
  language: Language;
  form: FormData;
  state: VolunteerState;
}

/**
 * The page's start, or the response to send instead (404 for an unknown language, 303 otherwise).
 *
 * With `sealed` (pages that only show: the form and result, the next steps) a POST is answered with a
 * redirect to the page's own address with the form sealed in it (post-redirect-get.ts), and the GET
 * shows it: Back, Forward and Reload work, and after "end session" (which deletes the browser's key)
 * an address from the history leads to the start. Without it (the referral, which sends something) a
 * POST counts only in the browser that holds this session's key, so a re-post from the history after
 * "end session" sends nothing and shows nothing.
 */
export async function volunteerPost(astro: AstroGlobal, sealed?: string): Promise<VolunteerPost | Response> {
  const language = languageFromParam(astro.params.locale);
  if (!language) return astro.rewrite('/404');
  const start = (): Response => astro.redirect(localePath(language, PATHS.volunteer), 303);
  astro.response.headers.set('Cache-Control', 'no-store');
  let form: FormData;
  if (sealed) {
    const s = await postRedirectGet(astro, `volunteer:${sealed}`);
    if (s.kind === 'redirect') return s.response;
    if (s.kind !== 'form') return start();
    form = s.form;
  } else if (astro.request.method === 'POST') {
    if (!browserKey(astro)) return start();
    try {
      form = await astro.request.formData();
    } catch {
      form = new FormData();
    }
  } else {
    // What the page itself sealed after handling the post (see `sealOutcome`).
    const s = openSealed(astro, 'volunteer:outcome');
    if (s.kind !== 'form') return start();
    form = s.form;
  }
  const organisations = getOrganisations();
  return { language, form, state: readState(form, (code) => Boolean(organisations[code])) };
}

/**
 * After a page without `sealed` has handled its post (the referral was sent): a redirect to its own
 * address with the form and what came of it sealed in, so Back and Reload show the outcome again
 * without sending anything twice. `outcome` goes in the field `_outcome`.
 */
export function sealOutcome(astro: AstroGlobal, form: FormData, outcome: unknown): Response {
  const fields: [string, string][] = [];
  for (const [k, v] of form) if (typeof v === 'string' && k !== '_outcome') fields.push([k, v]);
  fields.push(['_outcome', JSON.stringify(outcome)]);
  return redirectSealed(astro, 'volunteer:outcome', fields);
}
