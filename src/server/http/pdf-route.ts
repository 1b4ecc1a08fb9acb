/**
 * What every PDF download of the site is: a POST of the page's own form, passed on to that page and
 * answered with it as a tagged PDF (or with the page itself when it is not printable, see
 * src/site/printable.ts), and a GET that goes back. The page reads and checks the form as it always does.
 *
 * PDFs are costly, so each one is limited three ways: per client address per hour (in the database,
 * so the limit holds across instances), a bounded queue per process (src/site/pdf-pool.ts), and a page count.
 * Each refusal is a page in the resident's language that says why, with a button to try again.
 */
import type { APIRoute } from 'astro';
import type { Language } from '../../engine/rulebook.ts';
import { allow } from '../security/rate-limit.ts';
import { keyedHash } from '../security/secrets.ts';
import { refusalResponse, type Refusal } from './refusal.ts';
import { getServices } from '../site-services.ts';
import { siteTranslator } from '../../site/i18n.ts';
import { languageFromParam, localePath } from '../../site/locale.ts';
import { pagePdfResponse, PdfTooLong } from '../../site/pdf.ts';
import { PdfBusy, PdfPool, pdfSettings } from '../../site/pdf-pool.ts';

export interface PdfDownload {
  /** The page to print (a path in PATHS). */
  page: string;
  /** The text key of the page's title, for the footer of every PDF page. */
  title: string;
  filename: string;
  /** Where a GET goes; the page itself when not given. */
  back?: string;
}

/** Tells the tests (and anyone curious) how many PDFs were ahead of this one when it came. */
export const PDF_AHEAD_HEADER = 'x-rondkomen-pdf-ahead';

const settings = pdfSettings();
const pool = new PdfPool(settings);
/** Seconds a busy client is asked to wait before trying again. */
const BUSY_RETRY_SECONDS = 10;

export function pdfRoutes(d: PdfDownload): { POST: APIRoute; GET: APIRoute } {
  return {
    POST: async ({ request, params, url, rewrite, clientAddress }) => {
      const language = languageFromParam(params.locale);
      if (!language) return rewrite('/404');
      let form: FormData;
      try {
        form = await request.formData();
      } catch {
        return new Response('Bad request', { status: 400 });
      }
      const passed = new URLSearchParams();
      for (const [name, value] of form) if (typeof value === 'string') passed.append(name, value);
      const refuse = (status: number, kind: Refusal, extra: { params?: Record<string, number>; headers?: Record<string, string> } = {}) =>
        refusalResponse(
          status,
          { language, kind, params: extra.params, retry: kind === 'pdfTooLong' ? undefined : { action: url.pathname, fields: passed } },
          extra.headers,
        );
      const s = await getServices();
      if (!(await allow(s.database.db, `pdf:${keyedHash(s.secret, clientAddress)}`, settings.perClientPerHour, 3600, s.now())))
        return refuse(429, 'pdfLimit', { headers: { 'retry-after': '3600' } });
      const t = siteTranslator(language);
      try {
        return await pool.run(async (ahead) => {
          const response = await pagePdfResponse({
            requestUrl: url,
            path: localePath(language, d.page),
            language,
            form: passed,
            footer: `${t('layout.siteName')} – ${t(d.title)}`,
            filename: d.filename,
            maxPages: settings.maxPages,
          });
          response.headers.set(PDF_AHEAD_HEADER, String(ahead));
          return response;
        });
      } catch (e) {
        if (e instanceof PdfBusy)
          return refuse(503, 'pdfBusy', {
            params: { seconds: BUSY_RETRY_SECONDS },
            headers: { 'retry-after': String(BUSY_RETRY_SECONDS) },
          });
        if (e instanceof PdfTooLong) return refuse(422, 'pdfTooLong', { params: { pages: settings.maxPages } });
        throw e;
      }
    },
    GET: ({ params }) => {
      const language: Language = languageFromParam(params.locale) ?? 'nl';
      return new Response(null, { status: 303, headers: { location: localePath(language, d.back ?? d.page) } });
    },
  };
}
