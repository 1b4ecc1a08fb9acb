/**
 * POST /hulp/stappen.pdf: the next-steps sheet as a tagged PDF. The answers come in the form, as on
 * the sheet page; the PDF is made in memory and sent, nothing is kept. When the answers are
 * incomplete, the sheet page itself is returned (it says so).
 */
import type { APIRoute } from 'astro';
import { getRulebook } from '../../../server/rulebook.ts';
import { siteTranslator } from '../../../site/i18n.ts';
import { languageFromParam, localePath, PATHS } from '../../../site/locale.ts';
import { pagePdfResponse } from '../../../site/pdf.ts';
import { computeResults } from '../../../site/results.ts';
import { siteToday } from '../../../site/today.ts';
import { readState, stateFields } from '../../../site/volunteer.ts';
import { getOrganisations } from '../../../server/organisations.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, params, url, rewrite }) => {
  const language = languageFromParam(params.locale);
  if (!language) return rewrite('/404');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  const organisations = getOrganisations();
  const state = readState(form, (code) => Boolean(organisations[code]));
  const body = new URLSearchParams(stateFields(state));
  const reference = form.get('_reference');
  if (typeof reference === 'string' && reference !== '') body.set('_reference', reference.slice(0, 20));

  const complete = computeResults(state.answers, language, getRulebook(), siteToday(), new Date().toISOString()).ok;
  const t = siteTranslator(language);
  return pagePdfResponse({
    requestUrl: url,
    path: localePath(language, PATHS.volunteerSheet),
    language,
    form: body,
    complete,
    footer: `${t('layout.siteName')} – ${t('volunteer.sheet.pageTitle')}`,
    filename: 'rondkomen-stappenplan.pdf',
  });
};

export const GET: APIRoute = ({ params }) => {
  const language = languageFromParam(params.locale) ?? 'nl';
  return new Response(null, { status: 303, headers: { location: localePath(language, PATHS.volunteer) } });
};
