/**
 * Astro actions. `checkStep` is the check without JavaScript: each step posts its form here, with
 * the earlier answers in a hidden field, and the page renders the next step (or the same step with
 * its errors). Nothing is stored on the server: the answers travel in the form.
 */
import { defineAction } from 'astro:actions';
import { siteToday } from '../site/today.ts';
import { getRulebook } from '../server/rulebook.ts';
import { formValues, isStep, navigate, parseAnswersJson, parseNavigation, type StepState } from '../site/answers.ts';
import { validationContext } from '../site/rulebook-data.ts';

export interface CheckStepResult extends StepState {
  notice?: 'cleared' | undefined;
}

export const server = {
  checkStep: defineAction({
    accept: 'form',
    handler: (input: FormData): CheckStepResult => {
      const answers = parseAnswersJson(String(input.get('_answers') ?? ''));
      const stepValue = input.get('_step');
      const step = isStep(stepValue) ? stepValue : 'gemeente';
      const returnTo = input.get('_returnTo') === 'overzicht' ? 'overzicht' : undefined;
      const nav = parseNavigation(String(input.get('_nav') ?? 'next'));
      const values = formValues([...input.entries()].filter(([k]) => !k.startsWith('_')));
      const ctx = validationContext(getRulebook(), siteToday());
      const next = navigate({ answers, step, returnTo }, values, nav, ctx);
      return nav === 'reset' ? { ...next, notice: 'cleared' } : next;
    },
  }),
};
