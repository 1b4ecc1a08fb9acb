/**
 * POST /hulp/stappen.pdf: the next-steps sheet as a tagged PDF. The answers come in the form, as on
 * the sheet page; the PDF is made in memory and sent, nothing is kept. When the answers are
 * incomplete, the sheet page itself is returned (it says so).
 */
import { getRulebook } from '../../../server/rulebook.ts';
import { siteTranslator } from '../../../site/i18n.ts';
import { localePath, PATHS } from '../../../site/locale.ts';
import { pdfRoutes } from '../../../site/pdf-route.ts';
import { computeResults } from '../../../site/results.ts';
import { siteToday } from '../../../site/today.ts';
import { readState, stateFields } from '../../../site/volunteer.ts';
import { getOrganisations } from '../../../server/organisations.ts';

export const prerender = false;

export const { POST, GET } = pdfRoutes((form, language) => {
  const organisations = getOrganisations();
  const state = readState(form, (code) => Boolean(organisations[code]));
  const body = new URLSearchParams(stateFields(state));
  const reference = form.get('_reference');
  if (typeof reference === 'string' && reference !== '') body.set('_reference', reference.slice(0, 20));
  const complete = computeResults(state.answers, language, getRulebook(), siteToday(), new Date().toISOString()).ok;
  const t = siteTranslator(language);
  return {
    path: localePath(language, PATHS.volunteerSheet),
    form: body,
    complete,
    footer: `${t('layout.siteName')} – ${t('volunteer.sheet.pageTitle')}`,
    filename: 'rondkomen-stappenplan.pdf',
  };
}, PATHS.volunteer);
