/**
 * POST /uitkomst.pdf (and /<lang>/uitkomst.pdf): the results page as a tagged PDF. The answers come
 * in the form, like on the results page; the PDF is made in memory and sent, nothing is kept.
 * When the answers are incomplete, the results page itself is returned (it says what is missing).
 */
import type { APIRoute } from 'astro';
import { siteToday } from '../../site/today.ts';
import { getRulebook } from '../../server/rulebook.ts';
import { parseAnswersJson } from '../../site/answers.ts';
import { isExampleId } from '../../site/examples.ts';
import { siteTranslator } from '../../site/i18n.ts';
import { languageFromParam, localePath, PATHS } from '../../site/locale.ts';
import { pagePdfResponse } from '../../site/pdf.ts';
import { computeResults } from '../../site/results.ts';

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
  const answersJson = String(form.get('_answers') ?? '');
  const example = form.get('_example');
  const body = new URLSearchParams({ _answers: JSON.stringify(parseAnswersJson(answersJson)) });
  if (isExampleId(example)) body.set('_example', example);

  const complete = computeResults(parseAnswersJson(answersJson), language, getRulebook(), siteToday(), new Date().toISOString()).ok;
  const t = siteTranslator(language);
  return pagePdfResponse({
    requestUrl: url,
    path: localePath(language, PATHS.results),
    language,
    form: body,
    complete,
    footer: `${t('layout.siteName')} – ${t('results.title')}`,
    filename: 'rondkomen-uitkomst.pdf',
  });
};

export const GET: APIRoute = ({ params }) => {
  const language = languageFromParam(params.locale) ?? 'nl';
  return new Response(null, { status: 303, headers: { location: localePath(language, PATHS.results) } });
};
