/**
 * The results page's data: the answers go through the contract once (`runCheck`), and the "what if I
 * work more" chart starts from that same checked household (`runWhatIf`), so the household is parsed
 * and turned into cents once per page. Nothing here decides about a scheme; this file only groups,
 * orders and looks up texts for what the contract returned.
 */
import { runCheck, type Checked } from '../contract/check.ts';
import type { ContractError } from '../contract/errors.ts';
import type { PublicResult, PublicScheme } from '../contract/result.ts';
import { runWhatIf, type WhatIf } from '../contract/what-if.ts';
import type { Language, Rulebook } from '../engine/rulebook.ts';
import { firstInvalidStep, incomeTypesOf, type Answers, type FieldError, type StepId } from './answers.ts';
import { answersToHousehold, type ContractHousehold } from './household.ts';
import { municipalityPath, municipalSchemePath, schemePath } from './locale.ts';
import { municipalitySlug, schemeContent, validationContext } from './rulebook-data.ts';

export type Group = 'check' | 'eligible' | 'maybe' | 'already-receiving' | 'not-eligible';
export const GROUPS: readonly Group[] = ['check', 'eligible', 'maybe', 'already-receiving', 'not-eligible'];

export interface SchemeView {
  scheme: PublicScheme;
  group: Group;
  documents: string[];
  how: string;
  deadline?: string | undefined;
  phone?: string | undefined;
  /** The scheme's page on this site. */
  page: string;
}

/** The chart's figures: euros per month per number of extra hours a week (src/contract/what-if.ts). */
export type WhatIfView = WhatIf;

export interface ResultsView {
  result: PublicResult;
  household: ContractHousehold;
  /** The household as the contract checked it: what a check on another date starts from (the calendar's next year). */
  checked: Checked;
  schemes: SchemeView[];
  whatIf?: WhatIfView | undefined;
  municipalityPage?: string | undefined;
}

export type ResultsOutcome =
  | { ok: true; view: ResultsView }
  | { ok: false; kind: 'empty' }
  | { ok: false; kind: 'missing'; step: StepId; errors: FieldError[] }
  | { ok: false; kind: 'invalid'; error: ContractError };

export function groupOf(s: PublicScheme): Group {
  if (s.status === 'not-eligible' && s.reasons[0]?.code === 'receiving-but-not-eligible') return 'check';
  return s.status;
}

function whatIf(checked: Checked, answers: Answers, rulebook: Rulebook): WhatIfView | undefined {
  // Retired people (AOW or a pension) do not get this chart: more hours of work is not their question.
  const retired = ['a', 'p'].some((k) => incomeTypesOf(answers, k).some((t) => t === 'aow' || t === 'pension'));
  if (retired) return undefined;
  const r = runWhatIf(checked, rulebook);
  return r.ok ? r.whatIf : undefined;
}

function schemeView(s: PublicScheme, rulebook: Rulebook, municipality: string, language: Language): SchemeView {
  const content = schemeContent(rulebook, municipality, s.id, language);
  const m = content?.municipality;
  const apply = content?.scheme.apply;
  return {
    scheme: s,
    group: groupOf(s),
    documents: content?.texts.documents ?? [],
    how: content?.texts.how ?? '',
    deadline: apply?.deadline?.[language],
    phone: apply?.phone,
    page: m ? municipalSchemePath(language, municipalitySlug(m), s.id) : schemePath(language, s.id),
  };
}

/**
 * The result of the answers. `whatIf`: also the "what if I work more" chart (six more checks), for the
 * results page only; the consent page and volunteer mode do not show it.
 */
export function computeResults(
  answers: Answers,
  language: Language,
  rulebook: Rulebook,
  today: string,
  computedAt: string,
  options: { whatIf?: boolean } = {},
): ResultsOutcome {
  if (Object.keys(answers).length === 0) return { ok: false, kind: 'empty' };
  const ctx = validationContext(rulebook, today);
  const invalid = firstInvalidStep(answers, ctx);
  if (invalid) return { ok: false, kind: 'missing', step: invalid.step, errors: invalid.errors };
  const household = answersToHousehold(answers, language, ctx.places);
  const r = runCheck(household, rulebook, { language, today, computedAt });
  if (!r.ok) return { ok: false, kind: 'invalid', error: r.error };
  const code = r.result.municipality.code;
  const order = (s: SchemeView): number => GROUPS.indexOf(s.group);
  const schemes = r.result.schemes.map((s) => schemeView(s, rulebook, code, language)).sort((a, b) => order(a) - order(b));
  const m = rulebook.municipalities[code];
  return {
    ok: true,
    view: {
      result: r.result,
      household,
      checked: r,
      schemes,
      whatIf: options.whatIf ? whatIf(r, answers, rulebook) : undefined,
      municipalityPage: m ? municipalityPath(language, municipalitySlug(m)) : undefined,
    },
  };
}

/** Plain comparisons of the engine's what-if points, for the sentences next to the chart. */
export function whatIfSummary(
  view: WhatIfView,
): { hours: number; difference: number; trap?: { from: number; to: number; difference: number } | undefined } | undefined {
  const pts = view.points;
  if (pts.length < 2) return undefined;
  // The headline step: 8 extra hours (a working day), or the nearest point the chart has.
  const eight = pts.reduce((best, p) => (Math.abs(p.extraHours - 8) < Math.abs(best.extraHours - 8) ? p : best), pts[1]!);
  let trap: { from: number; to: number; difference: number; ratio: number } | undefined;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    const extraWages = b.extraGross - a.extraGross;
    if (extraWages <= 0) continue;
    const ratio = (b.keeps - a.keeps) / extraWages;
    if (!trap || ratio < trap.ratio)
      trap = { from: a.extraHours, to: b.extraHours, difference: Math.round((b.keeps - a.keeps) * 100) / 100, ratio };
  }
  // Flag an interval where less than a fifth of the extra gross wages is kept.
  const flagged = trap && trap.ratio < 0.2 ? { from: trap.from, to: trap.to, difference: trap.difference } : undefined;
  return { hours: eight.extraHours, difference: eight.difference, trap: flagged };
}
