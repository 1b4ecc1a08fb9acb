/**
 * What every PDF download of the site shares: a POST of the page's own form, answered with that page
 * as a tagged PDF (or with the page itself when the form is not complete), and a GET that goes back
 * to the page. Each route only says how its form becomes the page to print.
 */
import type { APIRoute } from 'astro';
import type { Language } from '../engine/rulebook.ts';
import { languageFromParam, localePath } from './locale.ts';
import { pagePdfResponse, type PagePdf } from './pdf.ts';

export type PdfOfForm = (form: FormData, language: Language) => Omit<PagePdf, 'requestUrl' | 'language'>;

/** The POST and GET of a PDF download; `back` is the path GET sends people to. */
export function pdfRoutes(pdfOf: PdfOfForm, back: string): { POST: APIRoute; GET: APIRoute } {
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
      return pagePdfResponse({ ...pdfOf(form, language), requestUrl: url, language });
    },
    GET: ({ params }) => {
      const language = languageFromParam(params.locale) ?? 'nl';
      return new Response(null, { status: 303, headers: { location: localePath(language, back) } });
    },
  };
}
