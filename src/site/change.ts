/**
 * "Something is changing": the data of the change page. The household comes from the check's answers
 * (through `answersToHousehold` and the contract, like the results page); the event and its answers
 * from a form; the contract's `runEvent` compares before and after. This file only reads the form,
 * checks what people typed, and lays out what the contract returned.
 */
import { defaultReferenceDate, parseHousehold } from '../contract/check.ts';
import type { ContractError } from '../contract/errors.ts';
import { eventsFor, runEvent, type Change, type EventRequest } from '../contract/events.ts';
import type { PublicReason, PublicScheme } from '../contract/result.ts';
import type { EventInputDefinition, Language, LifeEvent, Rulebook } from '../engine/rulebook.ts';
import type { Household } from '../engine/types.ts';
import { westernDigits } from './numerals.ts';
import { firstInvalidStep, parseAmount, parseHours, people, type Answers, type PersonRef } from './answers.ts';
import { answersToHousehold } from './household.ts';
import { resolvePlace } from './places.ts';
import { validationContext } from './rulebook-data.ts';

/** Answers to an event's questions, as the contract takes them: amounts in euros. */
export type EventAnswers = EventRequest['answers'];

/** Form field name of an event question. */
export const fieldName = (input: string): string => `ev.${input}`;

export interface PersonChoice {
  id: string;
  ref: PersonRef;
}

export interface EventChoice {
  event: LifeEvent;
  /** Per person question, the people who fit it. */
  people: Record<string, PersonChoice[]>;
}

export type Start =
  { ok: true; household: Household; choices: EventChoice[] } | { ok: false; kind: 'empty' } | { ok: false; kind: 'invalid' };

/** The engine household from the answers, and the events that can happen to it. */
export function startChange(answers: Answers, language: Language, rulebook: Rulebook, today: string): Start {
  if (Object.keys(answers).length === 0) return { ok: false, kind: 'empty' };
  const ctx = validationContext(rulebook, today);
  if (firstInvalidStep(answers, ctx)) return { ok: false, kind: 'invalid' };
  const parsed = parseHousehold(answersToHousehold(answers, language, ctx.places), {
    language,
    today: defaultReferenceDate(today, rulebook),
  });
  if (!parsed.ok) return { ok: false, kind: 'invalid' };
  const h = parsed.household;
  const applicable = eventsFor(h, rulebook);
  if (!applicable.ok) return { ok: false, kind: 'invalid' };
  const refs = people(answers);
  const choices: EventChoice[] = [];
  for (const event of applicable.events) {
    const byInput: Record<string, PersonChoice[]> = {};
    let possible = true;
    for (const def of event.inputs.filter((i) => i.type === 'person')) {
      const fits = h.people
        .filter((p) => (!def.roles || def.roles.includes(p.role)) && (def.age === undefined || p.age === def.age))
        .flatMap((p) => {
          const ref = refs.find((r) => r.key === p.id);
          return ref ? [{ id: p.id, ref }] : [];
        });
      if (fits.length === 0) possible = false;
      byInput[def.id] = fits;
    }
    if (possible) choices.push({ event, people: byInput });
  }
  return { ok: true, household: h, choices };
}

export const INPUT_ERROR_CODES = [
  'required',
  'person',
  'date-format',
  'date-past',
  'date-range',
  'number-format',
  'number-range',
  'amount-format',
  'place-unknown',
  'place-ambiguous',
] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

export interface InputError {
  input: string;
  code: InputErrorCode;
  params: Record<string, string | number>;
}

/** "2026-09-30", "30-9-2026" or "30/09/2026" as YYYY-MM-DD; undefined if it is not a real date. */
export function parseDate(text: string): string | undefined {
  const s = westernDigits(text).trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Reads and checks the event's questions from the form; the engine's own check follows in `compareChange`. */
export function readEventAnswers(
  choice: EventChoice,
  values: Record<string, string>,
  rulebook: Rulebook,
  today: string,
): { ok: true; answers: EventAnswers } | { ok: false; errors: InputError[] } {
  const answers: EventAnswers = {};
  const errors: InputError[] = [];
  const err = (def: EventInputDefinition, code: InputErrorCode, params: Record<string, string | number> = {}) =>
    errors.push({ input: def.id, code, params });
  for (const def of choice.event.inputs) {
    const raw = (values[fieldName(def.id)] ?? '').trim();
    if (raw === '') {
      if (!def.optional) err(def, 'required');
      continue;
    }
    switch (def.type) {
      case 'person':
        if (choice.people[def.id]?.some((p) => p.id === raw)) answers[def.id] = raw;
        else err(def, 'person');
        break;
      case 'date': {
        const date = parseDate(raw);
        if (!date) err(def, 'date-format');
        else if (date < today) err(def, 'date-past');
        else if (date > rulebook.validTo) err(def, 'date-range', { last: rulebook.validTo });
        else answers[def.id] = date;
        break;
      }
      case 'number': {
        const n = parseHours(raw);
        if (n === undefined) err(def, 'number-format');
        else if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max))
          err(def, 'number-range', { min: def.min ?? 0, max: def.max ?? 100 });
        else answers[def.id] = n;
        break;
      }
      case 'money': {
        const r = parseAmount(raw);
        if (!r.ok) err(def, 'amount-format');
        else answers[def.id] = r.value;
        break;
      }
      case 'municipality': {
        const r = resolvePlace(raw, validationContext(rulebook, today).places);
        if (r.kind === 'found') answers[def.id] = r.place.code;
        else if (r.kind === 'ambiguous') err(def, 'place-ambiguous', { options: r.candidates.map((c) => c.name).join(', ') });
        else err(def, 'place-unknown');
        break;
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

export interface SideView {
  status: PublicScheme['status'];
  /** Euros per month; 0 when not eligible. */
  monthly: number;
}

export interface ChangeRow {
  id: string;
  name: string;
  administeredBy: string;
  change: Change;
  before: SideView | undefined;
  after: SideView | undefined;
  /** Euros per month, after minus before. */
  monthlyDelta: number;
  amountVaries: boolean;
  /** What changes, then the engine's reasons for the new situation, with their legal source. */
  reasons: PublicReason[];
}

export interface ChangeView {
  event: LifeEvent;
  beforeDate: string;
  afterDate: string;
  beforeMunicipality: string;
  afterMunicipality: string;
  rows: ChangeRow[];
  /** What the household keeps per month (the ledger's measure, the same as the results page), euros. */
  keep: { before: number; after: number; delta: number };
  /** Notes about the rules of either date (out of date, amounts not yet published), once each. */
  rulesNotes: PublicReason[];
  actions: PublicReason[];
  todo: string[];
}

export type Compared = { ok: true; view: ChangeView } | { ok: false; kind: 'no-rules' | 'cannot' } | { ok: false; errors: InputError[] };

export function compareChange(
  household: Household,
  choice: EventChoice,
  answers: EventAnswers,
  rulebook: Rulebook,
  language: Language,
  computedAt: string,
): Compared {
  const r = runEvent(household, { event: choice.event.id, answers }, rulebook, { language, computedAt });
  if (!r.ok) return refused(r.error);
  const c = r.comparison;
  const side = (s: PublicScheme | undefined): SideView | undefined =>
    s && { status: s.status, monthly: s.status === 'not-eligible' ? 0 : s.amount.monthly };
  const rows = c.schemes
    .filter((s) => s.change !== 'none')
    .map((s): ChangeRow => {
      const b = s.before;
      const a = s.after;
      const shown = (s.change === 'stops' ? b : a) ?? b ?? a!;
      // The reasons state the situation after the change, also for a scheme that stops: why it stops now.
      const explained = a ?? b!;
      return {
        id: s.id,
        name: shown.name,
        administeredBy: shown.administeredBy,
        change: s.change,
        before: side(b),
        after: side(a),
        monthlyDelta: s.monthlyDelta,
        amountVaries: [a, b].some((x) => x !== undefined && x.status !== 'not-eligible' && x.amountVaries),
        reasons: [
          // "Starts" or "stops" for an amount that depends on costs has no amount to name.
          ...(s.monthlyDelta === 0 ? [] : s.reasons),
          ...explained.reasons.filter((x) => x.code !== 'already-receiving'),
        ],
      };
    });
  return {
    ok: true,
    view: {
      event: choice.event,
      beforeDate: c.before.referenceDate,
      afterDate: c.after.referenceDate,
      beforeMunicipality: c.before.municipality.name,
      afterMunicipality: c.after.municipality.name,
      rows,
      keep: c.keep,
      rulesNotes: rulesNotes([...c.before.notes, ...c.after.notes]),
      actions: c.actions,
      todo: choice.event.texts[language].todo,
    },
  };
}

/**
 * What the page says when the contract refuses: the rules lack a value for a date; an answer the form
 * let through but the household does not allow (a person of another age); or a household after the
 * event that the rules cannot check (an answer out of range).
 */
function refused(error: ContractError): Compared {
  if (error.error.code === 'no-rules') return { ok: false, kind: 'no-rules' };
  const answers = error.error.issues.filter((i) => i.path.startsWith('answers.'));
  if (answers.length === 0 || answers.length < error.error.issues.length) return { ok: false, kind: 'cannot' };
  return { ok: false, errors: answers.map((i) => ({ input: i.path.split('.')[1]!, code: 'person', params: {} })) };
}

const RULES_NOTES: ReadonlySet<string> = new Set(['rules-out-of-date', 'provisional-values', 'provisional-values-general']);

/** The notes about the rules themselves, each text once. */
function rulesNotes(notes: readonly PublicReason[]): PublicReason[] {
  const seen = new Set<string>();
  return notes.filter((n) => RULES_NOTES.has(n.code) && !seen.has(n.text) && seen.add(n.text) !== undefined);
}

/** Where the change page stands after a post: nothing to start from, picking, the questions, or the comparison. */
export type ChangeStage =
  | { kind: 'none' }
  | { kind: 'pick'; error?: boolean }
  | { kind: 'questions'; choice: EventChoice; errors: InputError[]; problem?: 'no-rules' | 'cannot' }
  | { kind: 'compare'; choice: EventChoice; view: ChangeView };

/**
 * The stage of the change page for the posted form values (`_event`, `_step` and the event's
 * questions) and the household from `start`. The page and its PDF both read the form this way.
 */
export function changeStage(
  start: Start,
  values: Record<string, string>,
  rulebook: Rulebook,
  language: Language,
  today: string,
  computedAt: string,
): ChangeStage {
  if (!start.ok) return { kind: 'none' };
  const choice = start.choices.find((c) => c.event.id === values._event);
  if (!choice || values._step === 'pick') return { kind: 'pick', error: !choice && values._step === 'questions' };
  if (values._step !== 'compare') return { kind: 'questions', choice, errors: [] };
  const read = readEventAnswers(choice, values, rulebook, today);
  if (!read.ok) return { kind: 'questions', choice, errors: read.errors };
  const r = compareChange(start.household, choice, read.answers, rulebook, language, computedAt);
  if (r.ok) return { kind: 'compare', choice, view: r.view };
  if ('errors' in r) return { kind: 'questions', choice, errors: r.errors };
  return { kind: 'questions', choice, errors: [], problem: r.kind };
}

/**
 * The fields that carry the stage along in a form posted elsewhere (the language switch, the PDF):
 * the event, the step and the answers to its questions, besides `_answers` and `_example`.
 */
export function stageFields(stage: ChangeStage, values: Record<string, string>): Record<string, string> {
  if (stage.kind !== 'questions' && stage.kind !== 'compare') return {};
  const fields: Record<string, string> = { _event: stage.choice.event.id, _step: stage.kind === 'compare' ? 'compare' : 'questions' };
  for (const def of stage.choice.event.inputs) {
    const v = values[fieldName(def.id)];
    if (v !== undefined) fields[fieldName(def.id)] = v;
  }
  return fields;
}
