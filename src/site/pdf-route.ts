/**
 * What every PDF download of the site is: a POST of the page's own form, passed on to that page and
 * answered with it as a tagged PDF (or with the page itself when it is not printable, see
 * printable.ts), and a GET that goes back. The page reads and checks the form as it always does.
 */
import type { APIRoute } from 'astro';
import { siteTranslator } from './i18n.ts';
import { languageFromParam, localePath } from './locale.ts';
import { pagePdfResponse } from './pdf.ts';

export interface PdfDownload {
  /** The page to print (a path in PATHS). */
  page: string;
  /** The text key of the page's title, for the footer of every PDF page. */
  title: string;
  filename: string;
  /** Where a GET goes; the page itself when not given. */
  back?: string;
}

export function pdfRoutes(d: PdfDownload): { POST: APIRoute; GET: APIRoute } {
  return {
    POST: async ({ request, params, url, rewrite }) => {
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
      const t = siteTranslator(language);
      return pagePdfResponse({
        requestUrl: url,
        path: localePath(language, d.page),
        language,
        form: passed,
        footer: `${t('layout.siteName')} – ${t(d.title)}`,
        filename: d.filename,
      });
    },
    GET: ({ params }) => {
      const language = languageFromParam(params.locale) ?? 'nl';
      return new Response(null, { status: 303, headers: { location: localePath(language, d.back ?? d.page) } });
    },
  };
}
