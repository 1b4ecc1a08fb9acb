/**
 * POST /uitkomst.pdf (and /<lang>/uitkomst.pdf): the results page as a tagged PDF, made from the same
 * form and sent without being kept. Incomplete answers get the results page itself (it says what is
 * missing).
 */
import { PATHS } from '../../site/locale.ts';
import { pdfRoutes } from '../../server/http/pdf-route.ts';

export const prerender = false;

export const { POST, GET } = pdfRoutes({ page: PATHS.results, title: 'results.title', filename: 'rondkomen-uitkomst.pdf' });
