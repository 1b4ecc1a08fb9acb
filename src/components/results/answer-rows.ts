/**
 * The household's answers as label/value rows, the way the check's overview shows them: for the
 * consent form (before she decides to share them) and the printout's first page.
 */
import type { Language } from '../../engine/rulebook.ts';
import { rowsFor } from '../../islands/check/Summary.tsx';
import { makeTranslate, type StringTree } from '../../islands/check/strings.ts';
import { getRulebook } from '../../server/rulebook.ts';
import { visibleSteps, type Answers } from '../../site/answers.ts';
import { subtree } from '../../site/i18n.ts';
import { municipalSchemeChoices, nationalSchemeChoices, placeIndex } from '../../site/rulebook-data.ts';
import { siteToday } from '../../site/today.ts';

export function answerRows(answers: Answers, language: Language): { label: string; value: string }[] {
  const t = makeTranslate(subtree<StringTree>(language, 'check'));
  const rulebook = getRulebook();
  const data = {
    places: placeIndex(rulebook, siteToday()),
    known: new Set(Object.keys(rulebook.municipalities)),
    nationalSchemes: nationalSchemeChoices(rulebook, language),
    municipalSchemes: municipalSchemeChoices(rulebook, language),
    language,
  };
  return visibleSteps(answers)
    .filter((s) => s !== 'overzicht')
    .flatMap((step) => rowsFor(step, answers, t, data));
}
