/**
 * The results page's data: the answers go through `runCheck` (the one entry into the engine) and,
 * for the "what if I work more" chart, through the engine's `workMoreHours`. Nothing here decides
 * about a scheme; this file only groups, orders and looks up texts for what the engine returned.
 */
import { defaultReferenceDate, parseHousehold, runCheck } from '../contract/check.ts';
import type { ContractError } from '../contract/errors.ts';
import type { PublicResult, PublicScheme } from '../contract/result.ts';
import type { Language, Rulebook } from '../engine/rulebook.ts';
import { workMoreHours, type WorkPoint } from '../engine/scenarios.ts';
import { firstInvalidStep, incomeTypesOf, type Answers, type FieldError, type StepId } from './answers.ts';
import { answersToHousehold, hoursOf, type ContractHousehold } from './household.ts';
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

export interface WhatIfView {
  person: string;
  /** Gross hourly wage in euros. */
  hourlyWage: number;
  /** Amounts in euros per month. */
  points: { hours: number; gross: number; income: number; support: number; municipal: number; costs: number; keeps: number }[];
  /** Hours someone works now (from the answers), when given. */
  now?: number | undefined;
}

export interface ResultsView {
  result: PublicResult;
  household: ContractHousehold;
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

const cents = (v: number): number => Math.round(v) / 100;

function whatIf(household: ContractHousehold, answers: Answers, rulebook: Rulebook, today: string): WhatIfView | undefined {
  // Retired people (AOW or a pension) do not get this chart: more hours of work is not their question.
  const retired = ['a', 'p'].some((k) => incomeTypesOf(answers, k).some((t) => t === 'aow' || t === 'pension'));
  if (retired) return undefined;
  const parsed = parseHousehold(household, { today: defaultReferenceDate(today, rulebook) });
  if (!parsed.ok) return undefined;
  const scenario = workMoreHours(parsed.household, rulebook, { person: 'a' });
  return {
    person: 'a',
    hourlyWage: cents(scenario.hourlyWage),
    now: hoursOf(answers, 'a'),
    points: scenario.points.map((p: WorkPoint) => ({
      hours: p.hoursPerWeek,
      gross: cents(p.grossWages),
      income: cents(p.netIncome),
      support: cents(p.support),
      municipal: cents(p.municipal),
      costs: cents(p.fixedCosts),
      keeps: cents(p.keeps),
    })),
  };
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

export function computeResults(
  answers: Answers,
  language: Language,
  rulebook: Rulebook,
  today: string,
  computedAt: string,
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
      schemes,
      whatIf: whatIf(household, answers, rulebook, today),
      municipalityPage: m ? municipalityPath(language, municipalitySlug(m)) : undefined,
    },
  };
}

/** Plain comparisons of the engine's what-if points, for the sentences next to the chart. */
export function whatIfSummary(
  view: WhatIfView,
): { from: number; to: number; difference: number; trap?: { from: number; to: number; difference: number } | undefined } | undefined {
  const pts = view.points;
  if (pts.length < 2) return undefined;
  const nearest = (h: number) => pts.reduce((best, p) => (Math.abs(p.hours - h) < Math.abs(best.hours - h) ? p : best), pts[0]!);
  const start = view.now !== undefined ? nearest(view.now) : pts[0]!;
  const end = view.now !== undefined ? nearest(Math.min(start.hours + 8, pts[pts.length - 1]!.hours)) : pts[pts.length - 1]!;
  let trap: { from: number; to: number; difference: number; ratio: number } | undefined;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    const extraWages = b.gross - a.gross;
    if (extraWages <= 0) continue;
    const ratio = (b.keeps - a.keeps) / extraWages;
    if (!trap || ratio < trap.ratio) trap = { from: a.hours, to: b.hours, difference: Math.round((b.keeps - a.keeps) * 100) / 100, ratio };
  }
  // Flag an interval where less than a fifth of the extra gross wages is kept.
  const flagged = trap && trap.ratio < 0.2 ? { from: trap.from, to: trap.to, difference: trap.difference } : undefined;
  return { from: start.hours, to: end.hours, difference: Math.round((end.keeps - start.keeps) * 100) / 100, trap: flagged };
}
