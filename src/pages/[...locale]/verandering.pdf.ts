/**
 * POST /verandering.pdf (and /<lang>/verandering.pdf): the comparison of a life event as a tagged
 * PDF. The household's answers, the event and its answers come in the form, as on the change page;
 * the PDF is made in memory and sent, nothing is kept. When the form does not lead to a comparison,
 * the change page itself is returned (it says what is missing).
 */
import { getRulebook } from '../../server/rulebook.ts';
import { formValues, parseAnswersJson } from '../../site/answers.ts';
import { changeStage, stageFields, startChange } from '../../site/change.ts';
import { isExampleId } from '../../site/examples.ts';
import { siteTranslator } from '../../site/i18n.ts';
import { localePath, PATHS } from '../../site/locale.ts';
import { pdfRoutes } from '../../site/pdf-route.ts';
import { siteToday } from '../../site/today.ts';

export const prerender = false;

export const { POST, GET } = pdfRoutes((form, language) => {
  const values = formValues(form);
  const answers = parseAnswersJson(values._answers ?? '');
  const rulebook = getRulebook();
  const today = siteToday();
  const stage = changeStage(startChange(answers, language, rulebook, today), values, rulebook, language, today, new Date().toISOString());
  const body = new URLSearchParams({ _answers: JSON.stringify(answers), ...stageFields(stage, values) });
  if (isExampleId(values._example)) body.set('_example', values._example);
  const t = siteTranslator(language);
  const title =
    stage.kind === 'compare' ? t('change.compare.title', { event: stage.choice.event.texts[language].name }) : t('change.title');
  return {
    path: localePath(language, PATHS.change),
    form: body,
    complete: stage.kind === 'compare',
    footer: `${t('layout.siteName')} – ${title}`,
    filename: 'rondkomen-verandering.pdf',
  };
}, PATHS.change);
