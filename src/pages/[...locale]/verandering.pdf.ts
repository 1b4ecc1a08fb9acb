/**
 * POST /verandering.pdf (and /<lang>/verandering.pdf): the comparison of a life event as a tagged
 * PDF, made from the same form as the change page and sent without being kept. A form that does not
 * lead to a comparison gets the change page itself (it says what is missing).
 */
import { PATHS } from '../../site/locale.ts';
import { pdfRoutes } from '../../server/http/pdf-route.ts';

export const prerender = false;

export const { POST, GET } = pdfRoutes({ page: PATHS.change, title: 'change.title', filename: 'rondkomen-verandering.pdf' });
