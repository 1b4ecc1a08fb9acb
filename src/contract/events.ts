/**
 * The door for life events ("Er verandert iets", campaigns about a coming birthday, `cli screen
 * --events`): which events can happen to a household, and what one does to it, compared before and
 * after. Like the check (check.ts): the request is validated here, money comes in and goes out in
 * euros, and the engine's failures come back as the error JSON (errors.ts), never as an exception.
 *
 * The household is one the contract has already parsed (`parseHousehold`, or a check's `household`),
 * so it is not parsed and converted again per event.
 */
import { z } from 'zod';
import { checkEvent, type Change, type Comparison } from '../engine/compare.ts';
import { eventApplies, EventInputError, type EventAnswers } from '../engine/events.ts';
import { toCents, toEuros } from '../engine/money.ts';
import { ParameterReader } from '../engine/parameters.ts';
import type { EventInputDefinition, Language, LifeEvent, Rulebook } from '../engine/rulebook.ts';
import { upcomingEvents, type UpcomingEvent } from '../engine/upcoming.ts';
import type { Household } from '../engine/types.ts';
import { evaluate, screenOne, type RunOptions } from './check.ts';
import { contractError, fromEngineError, fromZodIssues, type ContractError } from './errors.ts';
import { euros } from './household.ts';
import { formatReason, toPublicResult, type PublicReason, type PublicResult, type PublicScheme } from './result.ts';

export type { Change, UpcomingEvent };

/**
 * What a resident (or a caller) asks: an event of the rulebook and the answers to its questions, by
 * question id: a person's id, a date (YYYY-MM-DD), a municipality code, a number, or an amount in euros.
 */
export const eventRequestSchema = z.strictObject({
  event: z.string().min(1).max(60),
  answers: z.record(z.string().min(1).max(40), z.union([z.string().max(100), z.number()])),
});
export type EventRequest = z.infer<typeof eventRequestSchema>;

/** An amount answered in euros: at most two decimals, not negative. */
const moneyAnswer = euros();

export type EventsFor = { ok: true; events: LifeEvent[] } | { ok: false; error: ContractError };

/**
 * The events that can happen to a household (the change page's picker): those whose conditions it
 * meets, without "a new year" while content has no rules for the next year yet (nothing to compare with).
 */
export function eventsFor(household: Household, rulebook: Rulebook): EventsFor {
  let aowAge: number;
  try {
    aowAge = new ParameterReader(rulebook, household.referenceDate, rulebook.municipalities[household.municipality]).count('aow/leeftijd');
  } catch (e) {
    return { ok: false, error: fromEngineError(e, household.language) };
  }
  const nextYear = `${Number(household.referenceDate.slice(0, 4)) + 1}-01-01`;
  const events = Object.values(rulebook.events).filter(
    (event) =>
      eventApplies(event, household, aowAge) && !(event.operations.some((op) => op.op === 'next-year') && nextYear > rulebook.validTo),
  );
  return { ok: true, events };
}

/** One scheme before and after the event; amounts in euros. */
export interface PublicSchemeChange {
  id: string;
  change: Change;
  before: PublicScheme | undefined;
  after: PublicScheme | undefined;
  /** Euros per month, after minus before (0 for a scheme the household does not get). */
  monthlyDelta: number;
  yearlyDelta: number;
  /** What changes, in words with the amount ("… stopt: € 140,51 per maand minder"); empty when nothing does. */
  reasons: PublicReason[];
}

export interface PublicComparison {
  event: string;
  before: PublicResult;
  after: PublicResult;
  /** Every scheme of either result: what starts first, then what stops, goes down, goes up, stays, or never applied. */
  schemes: PublicSchemeChange[];
  /** What the household keeps per month (the ledger's measure) before and after, and the difference, in euros. */
  keep: { before: number; after: number; delta: number };
  /** What to do: report a change, apply for something new, adjust an allowance. */
  actions: PublicReason[];
}

export type EventRun = { ok: true; comparison: PublicComparison } | { ok: false; error: ContractError };

/**
 * The household before and after an event. A problem with an answer comes back as an issue on
 * `answers.<question id>`; a household the event turns into one the rules cannot check as an issue on
 * that household's own path; a value the rules lack for either date as `no-rules`.
 */
export function runEvent(
  household: Household,
  input: unknown,
  rulebook: Rulebook,
  options: { language: Language; computedAt: string },
): EventRun {
  const { language } = options;
  const parsed = eventRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: contractError('invalid-input', fromZodIssues(parsed.error.issues), language) };
  const event = Object.hasOwn(rulebook.events, parsed.data.event) ? rulebook.events[parsed.data.event] : undefined;
  if (!event) {
    const options = Object.keys(rulebook.events).join(', ');
    return {
      ok: false,
      error: contractError('invalid-input', [{ path: ['event'], code: 'invalid-option', params: { options } }], language),
    };
  }
  const answers = engineAnswers(event.inputs, parsed.data.answers);
  if (!answers.ok) return { ok: false, error: contractError('invalid-input', answers.issues, language) };
  let comparison: Comparison;
  try {
    comparison = checkEvent(household, rulebook, event.id, answers.answers).comparison;
  } catch (e) {
    return { ok: false, error: eventError(e, language) };
  }
  return { ok: true, comparison: toPublicComparison(event.id, comparison, rulebook, language, options.computedAt) };
}

/** The engine's codes for an answer it refuses, as the contract's (the texts in `errors.*`). */
const ANSWER_CODES: Record<EventInputError['issues'][number]['code'], string> = {
  required: 'required',
  invalid: 'invalid-input',
  'not-in-household': 'unknown-person',
  'out-of-range': 'invalid-input',
};

/** An answer the engine refuses, as issues on `answers.<question id>`; its other failures as for the check. */
function eventError(e: unknown, language: Language): ContractError {
  if (!(e instanceof EventInputError)) return fromEngineError(e, language);
  return contractError(
    'invalid-input',
    e.issues.map((i) => ({ path: ['answers', i.input], code: ANSWER_CODES[i.code], params: {} })),
    language,
  );
}

type RawIssue = Parameters<typeof contractError>[1][number];

/** The answers in the engine's units: amounts from euros to cents. The engine checks the rest (`validateAnswers`). */
function engineAnswers(
  inputs: readonly EventInputDefinition[],
  answers: EventRequest['answers'],
): { ok: true; answers: EventAnswers } | { ok: false; issues: RawIssue[] } {
  const out: EventAnswers = { ...answers };
  const issues: RawIssue[] = [];
  for (const def of inputs) {
    const v = answers[def.id];
    if (def.type !== 'money' || typeof v !== 'number') continue;
    const amount = moneyAnswer.safeParse(v);
    if (amount.success) out[def.id] = toCents(amount.data);
    else issues.push(...fromZodIssues(amount.error.issues).map((i) => ({ ...i, path: ['answers', def.id, ...i.path] })));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: out };
}

function toPublicComparison(event: string, c: Comparison, rulebook: Rulebook, language: Language, computedAt: string): PublicComparison {
  const before = toPublicResult(c.before, rulebook, language, computedAt);
  const after = toPublicResult(c.after, rulebook, language, computedAt);
  const schemes = c.schemes.map((s): PublicSchemeChange => {
    // A scheme that stops (or exists only before) is named as the municipality before the event names it.
    const municipality = s.change === 'stops' || s.after === undefined ? c.before.municipality.code : c.after.municipality.code;
    return {
      id: s.id,
      change: s.change,
      before: before.schemes.find((x) => x.id === s.id),
      after: after.schemes.find((x) => x.id === s.id),
      monthlyDelta: toEuros(s.monthlyDelta),
      yearlyDelta: toEuros(s.yearlyDelta),
      reasons: s.reasons.map((r) => formatReason(r, language, rulebook, municipality)),
    };
  });
  return {
    event,
    before,
    after,
    schemes,
    keep: { before: toEuros(c.keep.before), after: toEuros(c.keep.after), delta: toEuros(c.keep.delta) },
    actions: c.actions.map((r) => formatReason(r, language, rulebook, c.after.municipality.code)),
  };
}

/** Events foreseeable for a household up to `until`: a birthday that changes the rules, with its date and answers. */
export function comingEvents(household: Household, rulebook: Rulebook, until: string): UpcomingEvent[] {
  return upcomingEvents(household, rulebook, until);
}

/** What a coming event changes, in short (batch screening, campaigns): euros per month and per year. */
export interface EventChanges {
  event: string;
  date: string;
  /** The schemes that start, stop, go up or go down. */
  changes: { id: string; change: Exclude<Change, 'same' | 'none'>; monthly: number; yearly: number }[];
  keep: { before: number; after: number; delta: number };
}

export type ComingRun = { ok: true; changes: EventChanges } | { ok: false; error: ContractError };

/** One coming event (from `comingEvents`) applied and compared, without the texts of a full result. */
export function comingChanges(household: Household, coming: UpcomingEvent, rulebook: Rulebook): ComingRun {
  let comparison: Comparison;
  try {
    comparison = checkEvent(household, rulebook, coming.event, coming.answers).comparison;
  } catch (e) {
    return { ok: false, error: eventError(e, household.language) };
  }
  const changes: EventChanges['changes'] = [];
  for (const c of comparison.schemes) {
    if (c.change === 'none' || c.change === 'same') continue;
    changes.push({ id: c.id, change: c.change, monthly: toEuros(c.monthlyDelta), yearly: toEuros(c.yearlyDelta) });
  }
  const keep = comparison.keep;
  return {
    ok: true,
    changes: {
      event: coming.event,
      date: coming.date,
      changes,
      keep: { before: toEuros(keep.before), after: toEuros(keep.after), delta: toEuros(keep.delta) },
    },
  };
}

/**
 * Batch screening for events that are coming (`cli screen --events --until DATE`): per household,
 * every foreseeable event up to the date, with what changes per scheme and in what the household keeps.
 */
export function screenEventsLine(
  input: unknown,
  rulebook: Rulebook,
  options: RunOptions & { until: string },
): { line: string; error: boolean } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('id' in input)) {
    const r = screenOne(input, rulebook, { ...options, computedAt: '', full: false });
    return { line: JSON.stringify(r), error: true };
  }
  const { id, ...household } = input as Record<string, unknown>;
  const r = evaluate(household, rulebook, options);
  if (!r.ok) return { line: JSON.stringify({ id, error: r.error.error }), error: true };
  const events: EventChanges[] = [];
  for (const coming of comingEvents(r.household, rulebook, options.until)) {
    const c = comingChanges(r.household, coming, rulebook);
    if (!c.ok) return { line: JSON.stringify({ id, error: c.error.error }), error: true };
    events.push(c.changes);
  }
  return { line: JSON.stringify({ id, events }), error: false };
}
