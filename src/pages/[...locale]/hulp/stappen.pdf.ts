/**
 * POST /hulp/stappen.pdf: the next-steps sheet as a tagged PDF. The answers come in the form, as on
 * the sheet page; the PDF is made in memory and sent, nothing is kept. When the answers are
 * incomplete, the sheet page itself is returned (it says so).
 */
import type { APIRoute } from 'astro';
import { getRulebook } from '../../../server/rulebook.ts';
import { siteTranslator } from '../../../site/i18n.ts';
import { languageFromParam, localePath, PATHS } from '../../../site/locale.ts';
import { htmlToPdf, internalOrigin } from '../../../site/pdf.ts';
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

  const origin = internalOrigin(url);
  const pageUrl = `${origin}${localePath(language, PATHS.volunteerSheet)}`;
  const page = await fetch(pageUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'accept-language': language },
    body,
  });
  const html = await page.text();
  const outcome = computeResults(state.answers, language, getRulebook(), siteToday(), new Date().toISOString());
  const noStore = { 'cache-control': 'no-store' };
  if (!page.ok || !outcome.ok) {
    return new Response(html, { status: page.ok ? 200 : page.status, headers: { 'content-type': 'text/html; charset=utf-8', ...noStore } });
  }
  const t = siteTranslator(language);
  const pdf = await htmlToPdf(html, pageUrl, { footer: `${t('layout.siteName')} – ${t('volunteer.sheet.pageTitle')}` });
  return new Response(pdf as BodyInit, {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="rondkomen-stappenplan.pdf"',
      ...noStore,
    },
  });
};

export const GET: APIRoute = ({ params }) => {
  const language = languageFromParam(params.locale) ?? 'nl';
  return new Response(null, { status: 303, headers: { location: localePath(language, PATHS.volunteer) } });
};
