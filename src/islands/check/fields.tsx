/**
 * Form fields in NL Design System (Utrecht) markup: a visible label, a hint, an inline error linked
 * with aria-describedby, and "(niet verplicht)" in words for optional questions. They render the same
 * on the server (the no-JavaScript form) and in the browser.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../site/answers.ts';
import { Bidi } from './Bidi.tsx';
import type { Translate } from './strings.ts';

/** The id of a field's input: dots are fine in ids, but not in CSS selectors, so we avoid them. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export interface FieldContext {
  t: Translate;
  errors: FieldError[];
  /** Current values (the answers, or the draft while typing). */
  value: (name: string) => string;
  /** Right-to-left language: Dutch terms in parentheses are isolated (see site/bidi.ts). */
  rtl: boolean;
}

export function errorFor(ctx: FieldContext, name: string): FieldError | undefined {
  return ctx.errors.find((e) => e.field === name);
}

export function errorText(t: Translate, e: FieldError): string {
  return t(`errors.${e.code}`, e.params);
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((x): x is string => typeof x === 'string' && x !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

export function Label({ text, optional, t, rtl = false }: { text: string; optional?: boolean | undefined; t: Translate; rtl?: boolean }) {
  return (
    <>
      <Bidi text={text} rtl={rtl} />
      {optional ? <span class="check-optional"> {t('common.optional')}</span> : null}
    </>
  );
}

export function Help({ summary, children }: { summary: string; children: ComponentChildren }) {
  return (
    <details class="check-help">
      <summary>{summary}</summary>
      <div class="check-help__content">{children}</div>
    </details>
  );
}

function ErrorMessage({ id, text, t }: { id: string; text: string; t: Translate }) {
  return (
    <p class="utrecht-form-field-error-message utrecht-form-field__error-message" id={id}>
      <span class="visually-hidden">{t('common.errorPrefix')} </span>
      {text}
    </p>
  );
}

export interface TextFieldProps {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: string | undefined;
  optional?: boolean | undefined;
  kind?: 'text' | 'number' | 'money' | 'list' | undefined;
  list?: string | undefined;
  autoComplete?: string | undefined;
  /** Shown under the field and read out politely, for example a conversion to "per month". */
  live?: string | undefined;
  children?: ComponentChildren;
}

export function TextField({ ctx, name, label, hint, optional, kind = 'text', list, autoComplete, live, children }: TextFieldProps) {
  const id = fieldId(name);
  const error = errorFor(ctx, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const liveId = live !== undefined ? `${id}-live` : undefined;
  const inputMode = kind === 'number' ? 'numeric' : kind === 'money' ? 'decimal' : undefined;
  const sizeClass = kind === 'number' ? ' check-input--short' : kind === 'money' ? ' check-input--money' : '';
  return (
    <div class={`utrecht-form-field utrecht-form-field--text utrecht-form-field--distanced${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          <Label text={label} optional={optional} t={ctx.t} rtl={ctx.rtl} />
        </label>
      </div>
      {hint ? (
        <div class="utrecht-form-field-description utrecht-form-field__description" id={hintId}>
          <Bidi text={hint} rtl={ctx.rtl} />
        </div>
      ) : null}
      {children}
      {error ? <ErrorMessage id={errorId!} text={errorText(ctx.t, error)} t={ctx.t} /> : null}
      <div class={`utrecht-form-field__input${kind === 'money' ? ' check-money' : ''}`}>
        {kind === 'money' ? (
          <span class="check-money__symbol" aria-hidden="true">
            €
          </span>
        ) : null}
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}${sizeClass}`}
          type="text"
          id={id}
          name={name}
          value={ctx.value(name)}
          inputMode={inputMode}
          autoComplete={autoComplete ?? 'off'}
          spellcheck={false}
          list={list}
          dir={kind === 'money' || kind === 'number' ? 'ltr' : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(hintId, errorId, liveId)}
        />
      </div>
      {live !== undefined ? (
        <p class="check-live" id={liveId} aria-live="polite">
          {live}
        </p>
      ) : null}
      {error?.code.startsWith('amount-check') ? (
        <div class="utrecht-form-field utrecht-form-field--checkbox check-confirm">
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-checkbox utrecht-checkbox--html-input"
              type="checkbox"
              id={`${id}-confirm`}
              name={`confirm.${name}`}
              value="yes"
            />
          </div>
          <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${id}-confirm`}>
              {ctx.t('errors.amount-confirm')}
            </label>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string | undefined;
  /** Follow-up questions shown below the option while it is chosen (CSS `:has()`, so also without JavaScript). */
  reveal?: ComponentChildren;
}

export interface ChoiceProps {
  ctx: FieldContext;
  name: string;
  legend: string;
  hint?: string | undefined;
  optional?: boolean | undefined;
  options: Option[];
  multiple?: boolean | undefined;
  inline?: boolean | undefined;
  /** Selected values (comma-separated for checkbox groups). */
  selected: string[];
}

export function ChoiceGroup({ ctx, name, legend, hint, optional, options, multiple, inline, selected }: ChoiceProps) {
  const id = fieldId(name);
  const error = errorFor(ctx, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const type = multiple ? 'checkbox' : 'radio';
  return (
    <div class={`utrecht-form-fieldset utrecht-form-fieldset--distanced${error ? ' utrecht-form-fieldset--invalid check-invalid' : ''}`}>
      <fieldset
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? 'true' : undefined}
        id={`${id}-group`}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          <Label text={legend} optional={optional} t={ctx.t} rtl={ctx.rtl} />
        </legend>
        {hint ? (
          <div class="utrecht-form-field-description" id={hintId}>
            <Bidi text={hint} rtl={ctx.rtl} />
          </div>
        ) : null}
        {error ? <ErrorMessage id={errorId!} text={errorText(ctx.t, error)} t={ctx.t} /> : null}
        <div class={inline ? 'check-choices check-choices--inline' : 'check-choices'}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
            const checked = selected.includes(o.value);
            const optionHintId = o.hint ? `${optionId}-hint` : undefined;
            return (
              <div key={o.value} class="check-option">
                <div class={`utrecht-form-field utrecht-form-field--${type}`}>
                  <div class="utrecht-form-field__input">
                    <input
                      class={
                        multiple
                          ? 'utrecht-checkbox utrecht-checkbox--html-input'
                          : `utrecht-radio-button utrecht-radio-button--html-input${error ? ' utrecht-radio-button--invalid' : ''}`
                      }
                      type={type}
                      id={optionId}
                      name={name}
                      value={o.value}
                      checked={checked}
                      aria-describedby={optionHintId}
                    />
                  </div>
                  <div class="utrecht-form-field__label">
                    <label class={`utrecht-form-label utrecht-form-label--${type}`} for={optionId}>
                      <Bidi text={o.label} rtl={ctx.rtl} />
                    </label>
                  </div>
                  {o.hint ? (
                    <div class="utrecht-form-field-description utrecht-form-field__description" id={optionHintId}>
                      {o.hint}
                    </div>
                  ) : null}
                </div>
                {o.reveal ? <div class="check-reveal">{o.reveal}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export interface SelectProps {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: string | undefined;
  options: { value: string; label: string }[];
}

export function SelectField({ ctx, name, label, hint, options }: SelectProps) {
  const id = fieldId(name);
  const error = errorFor(ctx, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const value = ctx.value(name);
  return (
    <div class={`utrecht-form-field utrecht-form-field--distanced${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          <Bidi text={label} rtl={ctx.rtl} />
        </label>
      </div>
      {hint ? (
        <div class="utrecht-form-field-description utrecht-form-field__description" id={hintId}>
          <Bidi text={hint} rtl={ctx.rtl} />
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId!} text={errorText(ctx.t, error)} t={ctx.t} /> : null}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
          id={id}
          name={name}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(hintId, errorId)}
        >
          <option value="" selected={value === ''}>
            {ctx.t('common.choose')}
          </option>
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={value === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** The error summary at the top of a step: every problem as a link to its field. */
export function ErrorSummary({
  errors,
  t,
  label,
  focus,
  rtl,
}: {
  errors: FieldError[];
  t: Translate;
  label: (e: FieldError) => string;
  focus: boolean;
  rtl: boolean;
}) {
  if (errors.length === 0) return null;
  return (
    <div
      class="utrecht-alert utrecht-alert--error check-error-summary"
      tabIndex={-1}
      autoFocus={focus}
      aria-labelledby="error-summary-title"
      id="error-summary"
    >
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 class="utrecht-heading-2" id="error-summary-title">
            {t('errors.summaryTitle', { count: errors.length })}
          </h2>
          <ul class="utrecht-unordered-list">
            {errors.map((e) => (
              <li class="utrecht-unordered-list__item" key={e.field + e.code}>
                <a class="utrecht-link utrecht-link--html-a" href={`#${fieldId(e.field)}`}>
                  <Bidi text={`${label(e)}: ${errorText(t, e)}`} rtl={rtl} />
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
