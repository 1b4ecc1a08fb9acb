/**
 * Volunteer mode ("Ik help iemand"): the state of a session travels in hidden form fields only —
 * the answers, the partner organisation's code and the resident's language. Nothing is kept in the
 * browser or on the server until the resident agrees to a referral (src/server/referral/).
 *
 * The one-page form is the check's own steps on one page: the same fields, skip logic and
 * validation as the step-by-step check (answers.ts), applied to all steps at once.
 */
import type { Language } from '../engine/rulebook.ts';
import {
  formValues,
  mergeStep,
  parseAnswersJson,
  stepApplies,
  STEPS,
  validateStep,
  withMunicipality,
  type Answers,
  type FieldError,
  type StepId,
  type ValidationContext,
} from './answers.ts';
import { isSiteLanguage } from './locale.ts';

export type FormStep = Exclude<StepId, 'overzicht'>;

/** The steps shown on the one-page form for these answers. */
export function formSteps(a: Answers): FormStep[] {
  return STEPS.filter((s): s is FormStep => s !== 'overzicht' && stepApplies(s, a));
}

/**
 * The answers after the one-page form is sent: each step that applies takes its fields from the
 * form, in order, so a choice early on (a partner, renting) brings in the fields that follow from it.
 */
export function mergeForm(current: Answers, values: Record<string, string>, ctx: ValidationContext): Answers {
  let a = current;
  for (const step of STEPS) {
    if (step === 'overzicht') continue;
    if (!stepApplies(step, a) && !stepApplies(step, { ...a, ...values })) continue;
    a = mergeStep(a, step, values);
    if (step === 'gemeente') a = withMunicipality(a, ctx.places);
  }
  return a;
}

/** Every problem on the one-page form, in the order of the questions. */
export function validateForm(a: Answers, ctx: ValidationContext): FieldError[] {
  return formSteps(a).flatMap((step) => validateStep(step, a, ctx));
}

export interface VolunteerState {
  answers: Answers;
  /** The partner organisation's code, when the volunteer chose one (or came through a partner link). */
  organisation: string | undefined;
  /** The language of the person being helped; shown next to Dutch. */
  residentLanguage: Language;
}

/** The session from a posted form (hidden fields `_answers`, `_org`, `_lang2`). */
export function readState(form: FormData, knownOrganisation: (code: string) => boolean): VolunteerState {
  const org = String(form.get('_org') ?? '').trim();
  const lang = form.get('_lang2');
  return {
    answers: parseAnswersJson(String(form.get('_answers') ?? '')),
    organisation: org !== '' && knownOrganisation(org) ? org : undefined,
    residentLanguage: isSiteLanguage(lang) ? lang : 'nl',
  };
}

/** The hidden fields that carry a session from page to page. */
export function stateFields(state: VolunteerState): { _answers: string; _org: string; _lang2: string } {
  return {
    _answers: JSON.stringify(state.answers),
    _org: state.organisation ?? '',
    _lang2: state.residentLanguage,
  };
}

/** The form's own fields (not the hidden ones), with checkbox groups joined. */
export function formFields(form: FormData): Record<string, string> {
  return formValues([...form.entries()].filter(([k]) => !k.startsWith('_')));
}

/** The languages to show side by side: the resident's language first, then Dutch (once if the same). */
export function sideBySide(residentLanguage: Language): Language[] {
  return residentLanguage === 'nl' ? ['nl'] : [residentLanguage, 'nl'];
}

/** Idle time before a volunteer session ends itself: `VOLUNTEER_IDLE_SECONDS`, default 15 minutes. */
export function idleSeconds(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.VOLUNTEER_IDLE_SECONDS);
  return Number.isInteger(n) && n >= 10 && n <= 24 * 3600 ? n : 15 * 60;
}
