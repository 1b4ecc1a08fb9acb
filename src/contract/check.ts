/**
 * The one entry into the check for every caller (API, CLI, site, batch screening): validate the
 * contract input, run the engine, and return either the public result or the error JSON. Life events
 * and "what if I work more" have their doors beside it (events.ts, what-if.ts).
 */
import { check } from '../engine/check.ts';
import { reason } from '../engine/reasons.ts';
import { namedSource } from '../engine/sources.ts';
import type { Language, Rulebook } from '../engine/rulebook.ts';
import type { CheckOutcome, Household } from '../engine/types.ts';
import { contractError, fromEngineError, fromZodIssues, type ContractError } from './errors.ts';
import { householdParser, LANGUAGES, taxableIncomeSchema, toEngineHousehold } from './household.ts';
import { compactResultJson, toCompactResult, toPublicResult, type CompactResult, type PublicResult } from './result.ts';

export interface RunOptions {
  /** Language for errors when the input does not name a valid one (for example from Accept-Language). */
  language?: Language | undefined;
  /** The default reference date (today), YYYY-MM-DD. */
  today: string;
}

export type Parsed = { ok: true; household: Household; datedByDefault: boolean } | { ok: false; error: ContractError };

/**
 * The reference date a check uses when the input names none: today, or the last day the rules cover
 * once today is past it. Residents keep getting results after the period ends, and the result says
 * which date it used (note `rules-out-of-date`). An explicit date outside the period stays an error.
 */
export function defaultReferenceDate(today: string, rulebook: Pick<Rulebook, 'validTo'>): string {
  return today > rulebook.validTo ? rulebook.validTo : today;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the caller asked for in the input itself, if any and valid. */
export function requestedLanguage(input: unknown, fallback: Language | undefined): Language {
  const l = typeof input === 'object' && input !== null ? (input as { language?: unknown }).language : undefined;
  return isLanguage(l) ? l : (fallback ?? 'nl');
}

export function parseHousehold(input: unknown, options: RunOptions): Parsed {
  const language = requestedLanguage(input, options.language);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: contractError('invalid-input', [{ path: [], code: 'not-an-object', params: {} }], language) };
  }
  const parsed = householdParser.safeParse(input, { reportInput: true });
  const proto = protoTaxableIncome(input);
  const protoIssues = proto ? checkProtoTaxableIncome(input, proto.value) : [];
  if (!parsed.success)
    return { ok: false, error: contractError('invalid-input', [...fromZodIssues(parsed.error.issues), ...protoIssues], language) };
  if (protoIssues.length > 0) return { ok: false, error: contractError('invalid-input', protoIssues, language) };
  if (proto) {
    // An own property, so the engine finds it like any other person's (never through a setter).
    Object.defineProperty((parsed.data.annualTaxableIncome ??= {}), PROTO, {
      value: proto.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ok: true, household: toEngineHousehold(parsed.data, options.today), datedByDefault: parsed.data.referenceDate === undefined };
}

const PROTO = '__proto__';

/**
 * zod leaves a record's `__proto__` key out of what it returns (assigning it would set the object's
 * prototype), so a person with that id would lose a given taxable income without a word. That one
 * entry is checked here by the same rules and kept as an own property.
 */
function protoTaxableIncome(input: object): { value: unknown } | undefined {
  const record = (input as { annualTaxableIncome?: unknown }).annualTaxableIncome;
  if (typeof record !== 'object' || record === null || Array.isArray(record) || !Object.hasOwn(record, PROTO)) return undefined;
  return { value: Object.getOwnPropertyDescriptor(record, PROTO)!.value as unknown };
}

function checkProtoTaxableIncome(input: object, value: unknown): ReturnType<typeof fromZodIssues> {
  const path = ['annualTaxableIncome', PROTO];
  const amount = taxableIncomeSchema.safeParse(value);
  const issues = amount.success ? [] : fromZodIssues(amount.error.issues).map((i) => ({ ...i, path: [...path, ...i.path] }));
  const people = (input as { people?: unknown }).people;
  const known = Array.isArray(people) && people.some((p) => typeof p === 'object' && p !== null && (p as { id?: unknown }).id === PROTO);
  if (!known) issues.push({ path, code: 'unknown-person', params: {} });
  return issues;
}

export type Evaluated = { ok: true; household: Household; outcome: CheckOutcome } | { ok: false; error: ContractError };

/**
 * A household the contract has validated and checked: the engine's household (cents) and its outcome.
 * The what-if, a life event and a check on another date start from it (what-if.ts, events.ts), so a
 * household is parsed and converted once per request. Callers hand it back; they do not read inside.
 */
export type Checked = Extract<Evaluated, { ok: true }>;

/** Validates and runs the engine, mapping every expected failure to the error JSON. */
export function evaluate(input: unknown, rulebook: Rulebook, options: RunOptions): Evaluated {
  const parsed = parseHousehold(input, { ...options, today: defaultReferenceDate(options.today, rulebook) });
  if (!parsed.ok) return parsed;
  const r = checkParsed(parsed.household, rulebook);
  if (r.ok && parsed.datedByDefault && options.today > rulebook.validTo) {
    r.outcome.notes.unshift(
      reason(
        'rules-out-of-date',
        { today: { date: options.today }, used: { date: r.household.referenceDate } },
        namedSource(rulebook, 'regelkalender'),
      ),
    );
  }
  return r;
}

/** Runs the engine on a household the contract has parsed. */
function checkParsed(household: Household, rulebook: Rulebook): Evaluated {
  try {
    return { ok: true, household, outcome: check(household, rulebook) };
  } catch (e) {
    return { ok: false, error: fromEngineError(e, household.language) };
  }
}

export type RunResult =
  { ok: true; result: PublicResult; outcome: CheckOutcome; household: Household } | { ok: false; error: ContractError };

export function runCheck(input: unknown, rulebook: Rulebook, options: RunOptions & { computedAt: string }): RunResult {
  const r = evaluate(input, rulebook, options);
  if (!r.ok) return r;
  return { ...r, result: toPublicResult(r.outcome, rulebook, r.household.language, options.computedAt) };
}

/**
 * A checked household again on another reference date (the calendar's amounts from 1 January of the
 * next year), without parsing and converting it a second time.
 */
export function runCheckOn(checked: Pick<Checked, 'household'>, referenceDate: string, rulebook: Rulebook, computedAt: string): RunResult {
  const r = checkParsed({ ...checked.household, referenceDate }, rulebook);
  if (!r.ok) return r;
  return { ...r, result: toPublicResult(r.outcome, rulebook, r.household.language, computedAt) };
}

export type ScreenLine = { id: unknown; result: PublicResult | CompactResult } | { id: unknown; error: ContractError['error'] };

/** One line of batch screening: `{"id": …, …household}` in, `{"id", "result"}` or `{"id", "error"}` out. */
export function screenOne(input: unknown, rulebook: Rulebook, options: RunOptions & { computedAt: string; full: boolean }): ScreenLine {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('id' in input)) {
    const language = requestedLanguage(input, options.language);
    const code = typeof input === 'object' && input !== null && !Array.isArray(input) ? 'required' : 'not-an-object';
    return {
      id: null,
      error: contractError('invalid-input', [{ path: code === 'required' ? ['id'] : [], code, params: {} }], language).error,
    };
  }
  const { id, ...household } = input as Record<string, unknown>;
  const r = evaluate(household, rulebook, options);
  if (!r.ok) return { id, error: r.error.error };
  const result = options.full ? toPublicResult(r.outcome, rulebook, r.household.language, options.computedAt) : toCompactResult(r.outcome);
  return { id, result };
}

/** `screenOne` as one NDJSON line of text; the compact result is written without an intermediate object. */
export function screenLine(
  input: unknown,
  rulebook: Rulebook,
  options: RunOptions & { computedAt: string; full: boolean },
): { line: string; error: boolean } {
  if (options.full || typeof input !== 'object' || input === null || Array.isArray(input) || !('id' in input)) {
    const r = screenOne(input, rulebook, options);
    return { line: JSON.stringify(r), error: 'error' in r };
  }
  const { id, ...household } = input as Record<string, unknown>;
  const r = evaluate(household, rulebook, options);
  if (!r.ok) return { line: JSON.stringify({ id, error: r.error.error }), error: true };
  return { line: `{"id":${JSON.stringify(id) ?? 'null'},"result":${compactResultJson(r.outcome)}}`, error: false };
}
