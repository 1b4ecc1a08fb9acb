/**
 * The check's step state as it comes back from a sealed address (the no-JavaScript steps, see
 * post-redirect-get.ts): read defensively, like every other answer that arrives from the browser.
 */
import { cleanAnswers, isStep, type FieldError, type StepState } from './answers.ts';

export interface SealedStepState extends StepState {
  notice?: 'cleared' | undefined;
}

function isFieldError(e: unknown): e is FieldError {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  const params = x.params;
  return (
    typeof x.field === 'string' &&
    typeof x.code === 'string' &&
    (params === undefined ||
      (typeof params === 'object' && params !== null && Object.values(params).every((v) => typeof v === 'string' || typeof v === 'number')))
  );
}

export function parseStepState(text: string): SealedStepState | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (!isStep(v.step)) return undefined;
    return {
      answers: cleanAnswers(v.answers),
      step: v.step,
      errors: Array.isArray(v.errors) ? v.errors.filter(isFieldError).slice(0, 50) : [],
      ...(v.returnTo === 'overzicht' ? { returnTo: 'overzicht' as const } : {}),
      ...(v.notice === 'cleared' ? { notice: 'cleared' as const } : {}),
    };
  } catch {
    return undefined;
  }
}
