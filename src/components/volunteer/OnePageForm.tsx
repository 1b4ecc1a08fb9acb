/**
 * The one-page entry form of volunteer mode, rendered on the server only (no island, so nothing is
 * kept in the browser): every step of the check on one page, with the same fields and messages as
 * the step-by-step check. Choices that bring in more questions (a partner, income types) show them
 * after "Update the questions" (or after "Show the result", with a message where they are empty).
 */
import type { Answers, FieldError } from '../../site/answers.ts';
import { ErrorSummary, type FieldContext } from '../../islands/check/fields.tsx';
import { makeTranslate, type StringTree } from '../../islands/check/strings.ts';
import { fieldLabel, STEP_COMPONENTS, type StepData } from '../../islands/check/steps.tsx';
import type { FormStep } from '../../site/volunteer.ts';

export interface OnePageFormProps {
  /** The check's strings with the volunteer wording laid over them. */
  strings: StringTree;
  answers: Answers;
  errors: FieldError[];
  steps: FormStep[];
  data: StepData;
  rtl: boolean;
  action: string;
  hidden: Record<string, string>;
  labels: { update: string; updateHint: string; results: string };
}

export default function OnePageForm(props: OnePageFormProps) {
  const t = makeTranslate(props.strings);
  const ctx: FieldContext = { t, errors: props.errors, value: (name) => props.answers[name] ?? '', rtl: props.rtl };
  return (
    <form method="post" action={props.action} noValidate autoComplete="off" class="check-form volunteer-form">
      <ErrorSummary
        errors={props.errors}
        t={t}
        label={(e) => fieldLabel(t, props.answers, e)}
        focus={props.errors.length > 0}
        rtl={props.rtl}
      />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.steps.map((step) => {
        const Step = STEP_COMPONENTS[step];
        return (
          <section key={step} class="volunteer-form__step" aria-labelledby={`step-${step}`}>
            <h2 class="utrecht-heading-2" id={`step-${step}`}>
              {t(`steps.${step}.title`)}
            </h2>
            <Step ctx={ctx} draft={props.answers} data={props.data} enhanced={false} />
          </section>
        );
      })}
      <p class="utrecht-paragraph">{props.labels.updateHint}</p>
      <div class="utrecht-button-group">
        <button type="submit" name="_go" value="results" class="utrecht-button utrecht-button--primary-action">
          {props.labels.results}
        </button>
        <button type="submit" name="_go" value="update" class="utrecht-button utrecht-button--secondary-action">
          {props.labels.update}
        </button>
      </div>
    </form>
  );
}
