/**
 * POST /uitkomst.pdf (and /<lang>/uitkomst.pdf): the results page as a tagged PDF. The answers come
 * in the form, like on the results page; the PDF is made in memory and sent, nothing is kept.
 * When the answers are incomplete, the results page itself is returned (it says what is missing).
 */
import { siteToday } from '../../site/today.ts';
import { getRulebook } from '../../server/rulebook.ts';
import { parseAnswersJson } from '../../site/answers.ts';
import { isExampleId } from '../../site/examples.ts';
import { siteTranslator } from '../../site/i18n.ts';
import { localePath, PATHS } from '../../site/locale.ts';
import { pdfRoutes } from '../../site/pdf-route.ts';
import { computeResults } from '../../site/results.ts';

export const prerender = false;

export const { POST, GET } = pdfRoutes((form, language) => {
  const answers = parseAnswersJson(String(form.get('_answers') ?? ''));
  const example = form.get('_example');
  const body = new URLSearchParams({ _answers: JSON.stringify(answers) });
  if (isExampleId(example)) body.set('_example', example);
  const complete = computeResults(answers, language, getRulebook(), siteToday(), new Date().toISOString()).ok;
  const t = siteTranslator(language);
  return {
    path: localePath(language, PATHS.results),
    form: body,
    complete,
    footer: `${t('layout.siteName')} – ${t('results.title')}`,
    filename: 'rondkomen-uitkomst.pdf',
  };
}, PATHS.results);
