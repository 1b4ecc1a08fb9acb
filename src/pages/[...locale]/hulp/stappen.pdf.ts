/**
 * POST /hulp/stappen.pdf: the next-steps sheet as a tagged PDF, made from the same form as the sheet
 * page and sent without being kept. Incomplete answers get the sheet page itself (it says so).
 */
import { PATHS } from '../../../site/locale.ts';
import { pdfRoutes } from '../../../server/http/pdf-route.ts';

export const prerender = false;

export const { POST, GET } = pdfRoutes({
  page: PATHS.volunteerSheet,
  title: 'volunteer.sheet.pageTitle',
  filename: 'rondkomen-stappenplan.pdf',
  back: PATHS.volunteer,
});
