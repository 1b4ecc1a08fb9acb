/**
 * The check as a Preact island. The server renders the current step as a plain form that posts to
 * the Astro action (that is the whole check without JavaScript). With JavaScript, this component takes
 * over: it moves between steps without reloading, checks answers as you go, keeps them in this tab's
 * session storage (and in local storage only when asked), and lets the final step post the answers
 * to the results page, like the form does.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  firstInvalidStep,
  formValues,
  mergeStep,
  navigate,
  parseAnswersJson,
  parseNavigation,
  previousStep,
  stepApplies,
  visibleSteps,
  isStep,
  type Answers,
  type FieldError,
  type StepId,
  type StepState,
  type ValidationContext,
} from '../site/answers.ts';
import { decodePlaceIndex } from '../site/places.ts';
import { ErrorSummary, type FieldContext } from './check/fields.tsx';
import { fieldLabel, STEP_COMPONENTS, type SchemeChoice, type StepData } from './check/steps.tsx';
import { makeTranslate, type StringTree, type Translate } from './check/strings.ts';
import { Summary } from './check/Summary.tsx';

export interface CheckWizardProps {
  language: string;
  strings: StringTree;
  /** `encodePlaceIndex` output: every municipality and our PC4 table. */
  placeIndex: string;
  /** Codes of the municipalities we have schemes for. */
  known: string[];
  nationalSchemes: SchemeChoice[];
  municipalSchemes: Record<string, SchemeChoice[]>;
  /** Scheme ids a household may say it receives. */
  schemeIds: string[];
  /** Where the step form posts without JavaScript (the Astro action on this page). */
  actionUrl: string;
  /** Where the summary posts the answers for the result. */
  resultsUrl: string;
  siteName: string;
  initial: StepState;
  /** The server showed this state after a form post (then storage does not override it). */
  fromPost: boolean;
  /** A message from the server, for example after deleting the answers without JavaScript. */
  initialNotice?: 'cleared' | undefined;
}

const SESSION_KEY = 'rondkomen.check';
const DEVICE_KEY = 'rondkomen.check.saved';

interface Stored {
  answers: Answers;
  step: StepId;
}

function readStored(storage: Storage | undefined, key: string): Stored | undefined {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { answers?: unknown; step?: unknown };
    const answers = parseAnswersJson(JSON.stringify(parsed.answers ?? {}));
    if (Object.keys(answers).length === 0) return undefined;
    return { answers, step: isStep(parsed.step) ? parsed.step : 'gemeente' };
  } catch {
    return undefined;
  }
}

function write(storage: Storage | undefined, key: string, value: Stored | undefined): void {
  try {
    if (value) storage?.setItem(key, JSON.stringify(value));
    else storage?.removeItem(key);
  } catch {
    // Storage may be full or switched off; the check still works without it.
  }
}

type Notice = 'cleared' | 'saved' | 'restored' | 'forgotten' | undefined;

/**
 * What the resident typed or chose in the server-rendered form before the island took over (a slow
 * phone, a quick hand), or `undefined` when every field still holds what the server rendered. The
 * server's values are the fields' defaults (`value`, `checked` and `selected` attributes), so a field
 * differs from its default only when someone changed it in the browser.
 */
function typedBeforeHydration(form: HTMLFormElement): Record<string, string> | undefined {
  const changed = [...form.elements].some((el) => {
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox' || el.type === 'radio') return el.checked !== el.defaultChecked;
      return el.type !== 'hidden' && el.value !== el.defaultValue;
    }
    if (el instanceof HTMLSelectElement) {
      const initial = [...el.options].findIndex((o) => o.defaultSelected);
      return el.selectedIndex !== Math.max(initial, 0);
    }
    if (el instanceof HTMLTextAreaElement) return el.value !== el.defaultValue;
    return false;
  });
  return changed ? formValues(new FormData(form).entries()) : undefined;
}

type Focus = 'heading' | 'errors' | 'notice' | undefined;

/** The translations, the place index and what the steps need, made once per set of props. */
function useWizardData(props: CheckWizardProps) {
  const t = useMemo(() => makeTranslate(props.strings), [props.strings]);
  const places = useMemo(() => decodePlaceIndex(props.placeIndex), [props.placeIndex]);
  const ctxValidation: ValidationContext = useMemo(() => ({ places, schemeIds: new Set(props.schemeIds) }), [places, props.schemeIds]);
  const data: StepData = useMemo(
    () => ({
      places,
      known: new Set(props.known),
      nationalSchemes: props.nationalSchemes,
      municipalSchemes: props.municipalSchemes,
      language: props.language,
    }),
    [places, props.known, props.nationalSchemes, props.municipalSchemes, props.language],
  );
  return { t, ctxValidation, data };
}

/** The wizard's state: the step on screen and its answers, the draft being typed, the notice, and where focus goes next. */
function useWizardState(props: CheckWizardProps) {
  const [state, setState] = useState<StepState>(props.initial);
  const [draft, setDraft] = useState<Answers>(props.initial.answers);
  const [enhanced, setEnhanced] = useState(false);
  const [notice, setNotice] = useState<Notice>(props.initialNotice);
  const [savedOnDevice, setSavedOnDevice] = useState(false);
  const [focusErrors, setFocusErrors] = useState(props.initial.errors.length > 0);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<Focus>(undefined);
  const noticeRef = useRef<HTMLDivElement>(null);
  return {
    state,
    setState,
    draft,
    setDraft,
    enhanced,
    setEnhanced,
    notice,
    setNotice,
    savedOnDevice,
    setSavedOnDevice,
    focusErrors,
    setFocusErrors,
    formRef,
    headingRef,
    focusNext,
    noticeRef,
  };
}

type Wizard = ReturnType<typeof useWizardState>;

/** After hydration: restore answers from this tab or this device, unless the server just showed a posted state. */
function useRestoreAfterHydration(props: CheckWizardProps, w: Wizard): void {
  useEffect(() => {
    w.setEnhanced(true);
    history.replaceState({ step: props.initial.step }, '');
    const session = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
    const device = typeof localStorage === 'undefined' ? undefined : localStorage;
    w.setSavedOnDevice(readStored(device, DEVICE_KEY) !== undefined);
    if (location.hash === '#wissen') {
      write(session, SESSION_KEY, undefined);
      write(device, DEVICE_KEY, undefined);
      w.setSavedOnDevice(false);
      w.setState({ answers: {}, step: 'gemeente', errors: [] });
      w.setDraft({});
      w.setNotice('cleared');
      history.replaceState(null, '', location.pathname);
      return;
    }
    // Preact hydrates from the server's props and leaves the fields' DOM values alone, so what was
    // typed before this point is still in the form but not yet in the island's state: adopt it here,
    // before anything re-renders the fields with the props' (empty) values.
    const form = w.formRef.current;
    const typed = form && props.initial.step !== 'overzicht' ? typedBeforeHydration(form) : undefined;
    const fromSession = readStored(session, SESSION_KEY);
    const stored = props.fromPost ? undefined : (fromSession ?? readStored(device, DEVICE_KEY));
    if (stored && !fromSession) w.setNotice('restored');
    if (typed) {
      // What the resident just typed wins over stored answers for the fields of the step on screen:
      // it is the newest answer, given on purpose, and jumping to the stored step (with, say, the
      // stored municipality) would silently undo it while they are still typing. The rest of the
      // stored answers is kept, so nothing is lost either way, and the resident stays on this step.
      const answers = mergeStep(stored?.answers ?? props.initial.answers, props.initial.step, typed);
      w.setState({ ...props.initial, answers });
      w.setDraft(answers);
    } else if (stored) {
      const target = stepApplies(stored.step, stored.answers) ? stored.step : 'gemeente';
      w.setState({ answers: stored.answers, step: target, errors: [] });
      w.setDraft(stored.answers);
    }
  }, []);
}

/** Keep this tab's copy, the device copy (only when saved) and the language switch up to date. */
function useKeepStored(w: Wizard): void {
  const { draft, enhanced, savedOnDevice } = w;
  const step = w.state.step;
  useEffect(() => {
    if (!enhanced) return;
    const value: Stored = { answers: draft, step };
    const empty = Object.keys(draft).length === 0;
    write(sessionStorage, SESSION_KEY, empty ? undefined : value);
    if (savedOnDevice && !empty) write(localStorage, DEVICE_KEY, value);
    const langAnswers = document.getElementById('carry-answers') as HTMLInputElement | null;
    const langStep = document.getElementById('carry-step') as HTMLInputElement | null;
    if (langAnswers) langAnswers.value = JSON.stringify(draft);
    if (langStep) langStep.value = step;
  }, [draft, step, enhanced, savedOnDevice]);
}

/** The browser's back and forward buttons move between the steps. */
function useBackButton(w: Wizard): void {
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      // Following a link to a field (#f-rent, from the error summary) also fires popstate, without a step.
      const target = (e.state as { step?: unknown } | null)?.step;
      if (!isStep(target)) return;
      w.setState((s) => ({ ...s, step: stepApplies(target, s.answers) ? target : 'gemeente', errors: [], returnTo: undefined }));
      w.focusNext.current = 'heading';
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
}

/** The page title says the step, its position and any errors; focus goes where the last action asked. */
function useTitleAndFocus(w: Wizard, title: string): void {
  useEffect(() => {
    if (!w.enhanced) return;
    document.title = title;
    const target = w.focusNext.current;
    w.focusNext.current = undefined;
    if (target === 'errors') document.getElementById('error-summary')?.focus();
    else if (target === 'heading') w.headingRef.current?.focus();
    else if (target === 'notice') w.noticeRef.current?.focus();
  }, [w.state, w.enhanced, w.notice]);
}

/** What the form's buttons and fields do with JavaScript: move between steps, save, forget, delete, or post for the result. */
function wizardHandlers(w: Wizard, ctxValidation: ValidationContext) {
  const { answers, step, returnTo } = w.state;
  const go = (next: StepState, push: boolean) => {
    if (next.errors.length > 0) w.focusNext.current = 'errors';
    else w.focusNext.current = 'heading';
    w.setFocusErrors(false);
    w.setState(next);
    w.setDraft(next.answers);
    if (push && next.step !== w.state.step) history.pushState({ step: next.step }, '', `#stap-${next.step}`);
    if (next.step !== w.state.step) scrollTo(0, 0);
  };

  const onInput = () => {
    const form = w.formRef.current;
    if (!form || step === 'overzicht') return;
    const values = formValues(new FormData(form).entries());
    w.setDraft(mergeStep(answers, step, values));
  };

  /** Saves on this device or forgets what was saved there, and says so. */
  const keepOnDevice = (keep: boolean) => {
    write(localStorage, DEVICE_KEY, keep ? { answers: w.draft, step } : undefined);
    w.setSavedOnDevice(keep);
    w.setNotice(keep ? 'saved' : 'forgotten');
    w.focusNext.current = 'notice';
  };

  const onSubmit = (e: SubmitEvent) => {
    const form = w.formRef.current!;
    const submitter = e.submitter as HTMLButtonElement | null;
    const navValue = submitter?.value ?? 'next';
    if (navValue === 'results') {
      const invalid = firstInvalidStep(answers, ctxValidation);
      if (invalid) {
        e.preventDefault();
        go({ answers, step: invalid.step, errors: invalid.errors, returnTo: 'overzicht' }, true);
      }
      return; // the browser posts the answers to the results page
    }
    e.preventDefault();
    if (navValue === 'save' || navValue === 'forget') return keepOnDevice(navValue === 'save');
    const values = formValues(new FormData(form).entries());
    const nav = parseNavigation(navValue);
    const next = navigate({ answers, step, returnTo }, values, nav, ctxValidation);
    if (nav === 'reset') {
      write(sessionStorage, SESSION_KEY, undefined);
      write(localStorage, DEVICE_KEY, undefined);
      w.setSavedOnDevice(false);
      w.setNotice('cleared');
      go(next, true);
      w.focusNext.current = 'notice';
      return;
    }
    w.setNotice(undefined);
    go(next, next.errors.length === 0);
  };
  return { onInput, onSubmit };
}

export default function CheckWizard(props: CheckWizardProps) {
  const { t, ctxValidation, data } = useWizardData(props);
  const w = useWizardState(props);
  const { draft, enhanced, notice } = w;
  const { step, errors, answers, returnTo } = w.state;
  const steps = visibleSteps(draft);
  const position = Math.max(steps.indexOf(step), 0) + 1;
  const stepTitle = t(`steps.${step}.title`);
  const progress = t('progress', { n: position, total: steps.length });

  useRestoreAfterHydration(props, w);
  useKeepStored(w);
  useBackButton(w);
  useTitleAndFocus(w, `${errors.length > 0 ? `${t('errors.titlePrefix')} ` : ''}${stepTitle} – ${progress} – ${props.siteName}`);
  const { onInput, onSubmit } = wizardHandlers(w, ctxValidation);

  const rtl = props.language === 'ar';
  const ctx: FieldContext = { t, errors, value: (name) => draft[name] ?? '', rtl };
  const StepComponent = step === 'overzicht' ? undefined : STEP_COMPONENTS[step];
  const noticeText = notice ? t(`notices.${notice}`) : '';

  return (
    <div class="check">
      {noticeText ? (
        <div class="utrecht-alert utrecht-alert--ok check-notice" role="status" tabIndex={-1} ref={w.noticeRef}>
          <div class="utrecht-alert__content">
            <p class="utrecht-paragraph utrecht-alert__message">{noticeText}</p>
          </div>
        </div>
      ) : null}
      <form
        ref={w.formRef}
        method="post"
        action={props.actionUrl}
        noValidate
        class="check-form"
        onSubmit={onSubmit}
        onInput={onInput}
        onChange={onInput}
        aria-labelledby="check-step-title"
      >
        <ErrorSummary errors={errors} t={t} label={(e: FieldError) => fieldLabel(t, draft, e)} focus={w.focusErrors} rtl={rtl} />
        <p class="check-progress" id="check-progress">
          {progress}
        </p>
        <div class="check-progress__bar" aria-hidden="true">
          <span style={{ inlineSize: `${Math.round((position / steps.length) * 100)}%` }} />
        </div>
        <h1 class="utrecht-heading-1" id="check-step-title" tabIndex={-1} ref={w.headingRef}>
          {stepTitle}
        </h1>
        {step === 'gemeente' ? (
          <div class="check-intro">
            <p class="utrecht-paragraph utrecht-paragraph--lead">{t('intro.lead')}</p>
            <p class="utrecht-paragraph">{t('intro.privacy')}</p>
          </div>
        ) : null}
        <input type="hidden" name="_answers" value={JSON.stringify(draft)} />
        <input type="hidden" name="_step" value={step} />
        {returnTo ? <input type="hidden" name="_returnTo" value={returnTo} /> : null}
        {StepComponent ? (
          <StepComponent ctx={ctx} draft={draft} data={data} enhanced={enhanced} />
        ) : (
          <Summary answers={answers} t={t} data={data} />
        )}
        <StepButtons t={t} step={step} returnTo={returnTo} draft={draft} resultsUrl={props.resultsUrl} />
        <CheckTools t={t} enhanced={enhanced} savedOnDevice={w.savedOnDevice} />
      </form>
    </div>
  );
}

/** Next (or, on the summary, the results), and back: to the previous step or to the summary. */
function StepButtons(p: { t: Translate; step: StepId; returnTo: StepState['returnTo']; draft: Answers; resultsUrl: string }) {
  const { t, step, returnTo } = p;
  const hasPrevious = returnTo === 'overzicht' || previousStep(step, p.draft) !== undefined;
  return (
    <div class="utrecht-button-group check-actions">
      {step === 'overzicht' ? (
        <button type="submit" name="_nav" value="results" formAction={p.resultsUrl} class="utrecht-button utrecht-button--primary-action">
          {t('buttons.results')}
        </button>
      ) : (
        <button type="submit" name="_nav" value="next" class="utrecht-button utrecht-button--primary-action">
          {returnTo === 'overzicht' ? t('buttons.saveAndReturn') : t('buttons.next')}
        </button>
      )}
      {hasPrevious ? (
        <button type="submit" name="_nav" value="back" class="utrecht-button utrecht-button--secondary-action">
          {returnTo === 'overzicht' ? t('buttons.backToSummary') : t('buttons.previous')}
        </button>
      ) : null}
    </div>
  );
}

/** Save on this device or forget it (with JavaScript only), and delete the answers. */
function CheckTools({ t, enhanced, savedOnDevice }: { t: Translate; enhanced: boolean; savedOnDevice: boolean }) {
  return (
    <div class="check-tools">
      <h2 class="utrecht-heading-3">{t('tools.title')}</h2>
      <p class="utrecht-paragraph">{enhanced ? t('tools.explainJs') : t('tools.explainNoJs')}</p>
      <div class="utrecht-button-group">
        {enhanced ? (
          savedOnDevice ? (
            <button type="submit" name="_nav" value="forget" class="utrecht-button utrecht-button--secondary-action">
              {t('tools.forget')}
            </button>
          ) : (
            <button type="submit" name="_nav" value="save" class="utrecht-button utrecht-button--secondary-action">
              {t('tools.save')}
            </button>
          )
        ) : null}
        <button type="submit" name="_nav" value="reset" class="utrecht-button utrecht-button--secondary-action check-tools__delete">
          {t('tools.delete')}
        </button>
      </div>
    </div>
  );
}
