/**
 * The check's answers as the site collects them: a flat map of form field names to the text people
 * typed or chose. The same functions run in the Preact island (with JavaScript) and in the Astro
 * action (without), so both flows ask the same questions, skip the same ones and give the same
 * messages. Pure and small: the island imports this file, so no zod and no i18next here.
 *
 * The answers never decide anything about schemes: `household.ts` turns them into the contract's
 * household and the engine does the rest. The only choices made here are which questions matter
 * (skip logic) and whether an answer is well-formed.
 */
import { COST_KEYS, INCOME_TYPES, type CostKey, type IncomeType } from '../engine/types.ts';
import { splitNumberList, westernDigits } from './numerals.ts';
import { resolvePlace, type PlaceIndex } from './places.ts';

export type Answers = Record<string, string>;

export const STEPS = [
  'gemeente',
  'jij',
  'huis',
  'studie',
  'wonen',
  'inkomen',
  'bedragen',
  'lasten',
  'geld',
  'regelingen',
  'overzicht',
] as const;
export type StepId = (typeof STEPS)[number];

export const PERIODS = ['month', 'four-weeks', 'year'] as const;
export const BASES = ['net', 'gross'] as const;
export const HOUSING_TYPES = ['rent', 'lodger', 'owner', 'none'] as const;
export { COST_KEYS, INCOME_TYPES };
export type { CostKey, IncomeType };

/** Incomes asked of other adults in a rented home (their income counts for huurtoeslag). */
export const OTHER_INCOME_TYPES = [
  'wages',
  'benefit-ww',
  'benefit-wia',
  'benefit-wajong',
  'aow',
  'pension',
  'bijstand',
  'student-finance',
  'other',
] as const;
/** Incomes with hours of work, for the "what if I work more" chart. */
export const WORK_INCOME_TYPES: readonly string[] = ['wages'];

export const MAX_PEOPLE = 20;
export const MAX_EUROS = 10_000_000;
const MAX_VALUE_LENGTH = 200;

export function isStep(value: unknown): value is StepId {
  return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Parsing what people type

/**
 * Whole numbers from a list typed as "8, 14", "8 en 14", "8 و 14" or "٨، ١٤" (any digits and "and"
 * of the site's languages, see numerals.ts); `undefined` entries are not numbers.
 */
export function parseAgeList(text: string | undefined): (number | undefined)[] {
  if (!text || text.trim() === '') return [];
  return splitNumberList(text).map((s) => (/^\d{1,3}$/.test(s) ? Number(s) : undefined));
}

export type ParsedAmount =
  { ok: true; value: number } | { ok: false; code: 'amount-format' | 'too-many-decimals' | 'amount-too-big' | 'amount-negative' };

/**
 * An amount in euros as people write it: "1250", "1.250,50", "1250,50", "1250.50", "€ 1 250".
 * With both a dot and a comma the last one is the decimal separator; a single dot followed by
 * exactly three digits is a thousands separator (Dutch "1.250").
 */
export function parseAmount(text: string): ParsedAmount {
  let s = westernDigits(text)
    .trim()
    .replace(/^€\s*|\s*€$|\s*eur(o)?$/giu, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  if (s.startsWith('-')) return { ok: false, code: 'amount-negative' };
  if (s === '' || !/^[0-9.,]+$/.test(s)) return { ok: false, code: 'amount-format' };
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalSep: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimalSep = s.split(',').length === 2 && !/^\d{1,3}(,\d{3})+$/.test(s) ? ',' : undefined;
  else if (lastDot >= 0) decimalSep = s.split('.').length === 2 && !/^\d{1,3}\.\d{3}$/.test(s) ? '.' : undefined;
  const thousandsSep = decimalSep === ',' ? '.' : decimalSep === '.' ? ',' : lastDot >= 0 ? '.' : ',';
  const [whole = '', fraction = '', ...rest] = s.split(decimalSep ?? '\u0000');
  if (rest.length > 0) return { ok: false, code: 'amount-format' };
  // Thousands separators only between groups of three digits: "1.250.000", not "1.2.3".
  const grouped = whole.includes(thousandsSep) ? new RegExp(`^\\d{1,3}(\\${thousandsSep}\\d{3})+$`).test(whole) : /^\d+$/.test(whole);
  const wholeDigits = whole.split(thousandsSep).join('');
  if (!grouped || !/^\d+$/.test(wholeDigits) || (decimalSep && !/^\d+$/.test(fraction))) return { ok: false, code: 'amount-format' };
  if (fraction.length > 2) return { ok: false, code: 'too-many-decimals' };
  s = `${wholeDigits}.${fraction || '0'}`;
  const value = Math.round(Number(s) * 100) / 100;
  if (value > MAX_EUROS) return { ok: false, code: 'amount-too-big' };
  return { ok: true, value };
}

/** A number of hours per week: 0 to 100, with at most one decimal. */
export function parseHours(text: string): number | undefined {
  const s = westernDigits(text).trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d)?$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 100 ? n : undefined;
}

export function parseWhole(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = westernDigits(text).trim();
  return /^\d{1,3}$/.test(s) ? Number(s) : undefined;
}

export function listOf(value: string | undefined): string[] {
  return value ? value.split(',').filter((v) => v !== '') : [];
}

// ---------------------------------------------------------------------------------------------
// The people in the home

export type PersonKind = 'a' | 'p' | 'c' | 'k' | 'h';

export interface PersonRef {
  /** Stable key, also the person id in the contract: a, p, c1…, k1…, h1…. */
  key: string;
  kind: PersonKind;
  /** 1-based number within its kind (children, adult children, other adults). */
  n: number;
  age: number | undefined;
}

function listPeople(kind: 'c' | 'k' | 'h', text: string | undefined): PersonRef[] {
  return parseAgeList(text).map((age, i) => ({ key: `${kind}${i + 1}`, kind, n: i + 1, age }));
}

/** Everyone the answers describe, applicant first. */
export function people(a: Answers): PersonRef[] {
  const out: PersonRef[] = [{ key: 'a', kind: 'a', n: 1, age: parseWhole(a.age) }];
  if (a.partner === 'yes') out.push({ key: 'p', kind: 'p', n: 1, age: parseWhole(a.partnerAge) });
  out.push(...listPeople('c', a.childAges), ...listPeople('k', a.adultChildAges), ...listPeople('h', a.otherAges));
  return out;
}

export function adults(a: Answers): PersonRef[] {
  return people(a).filter((p) => p.kind !== 'c');
}

/** Under this age we ask whether someone studies (study finance is for people under 30). */
export const STUDENT_QUESTION_BELOW_AGE = 30;

export function possibleStudents(a: Answers): PersonRef[] {
  return adults(a).filter((p) => p.age !== undefined && p.age < STUDENT_QUESTION_BELOW_AGE);
}

/** People whose incomes we ask: the applicant and partner; other adults only in a rented home. */
export function incomePeople(a: Answers): PersonRef[] {
  return adults(a).filter((p) => p.kind === 'a' || p.kind === 'p' || a.housing === 'rent');
}

/** The income types chosen for a person, without "none". */
export function incomeTypesOf(a: Answers, key: string): IncomeType[] {
  return listOf(a[`inc.${key}`]).filter((t): t is IncomeType => (INCOME_TYPES as readonly string[]).includes(t));
}

export function hasChildren(a: Answers): boolean {
  return listPeople('c', a.childAges).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Steps and their fields

/** Whether a step is asked, given the answers so far. */
export function stepApplies(step: StepId, a: Answers): boolean {
  switch (step) {
    case 'studie':
      return possibleStudents(a).length > 0;
    case 'bedragen':
      return incomePeople(a).some((p) => incomeTypesOf(a, p.key).length > 0);
    default:
      return true;
  }
}

export function visibleSteps(a: Answers): StepId[] {
  return STEPS.filter((s) => stepApplies(s, a));
}

export function nextStep(step: StepId, a: Answers): StepId {
  const steps = visibleSteps(a);
  const i = steps.indexOf(step);
  if (i < 0) return steps.find((s) => STEPS.indexOf(s) > STEPS.indexOf(step)) ?? 'overzicht';
  return steps[Math.min(i + 1, steps.length - 1)]!;
}

export function previousStep(step: StepId, a: Answers): StepId | undefined {
  const steps = visibleSteps(a);
  const i = steps.indexOf(step);
  if (i < 0) return [...steps].reverse().find((s) => STEPS.indexOf(s) < STEPS.indexOf(step));
  return i > 0 ? steps[i - 1] : undefined;
}

/** The first step (in order) that has a problem; used before showing results. */
export function firstInvalidStep(a: Answers, ctx: ValidationContext): { step: StepId; errors: FieldError[] } | undefined {
  for (const step of visibleSteps(a)) {
    const errors = validateStep(step, a, ctx);
    if (errors.length > 0) return { step, errors };
  }
  return undefined;
}

export interface AmountFieldNames {
  amount: string;
  period: string;
  basis: string;
  hours?: string;
}

export function incomeFieldNames(person: string, type: string): AmountFieldNames {
  const base = `inc.${person}.${type}`;
  const names: AmountFieldNames = { amount: `${base}.amount`, period: `${base}.period`, basis: `${base}.basis` };
  if (WORK_INCOME_TYPES.includes(type) && (person === 'a' || person === 'p')) names.hours = `${base}.hours`;
  return names;
}

/** Costs we ask: child care only with children. */
export function costKeys(a: Answers): CostKey[] {
  return COST_KEYS.filter((k) => k !== 'childcare' || hasChildren(a));
}

/** The form fields a step owns. On submit, these are replaced by what the form sends. */
export function stepFields(step: StepId, a: Answers): string[] {
  switch (step) {
    case 'gemeente':
      return ['place', 'municipality'];
    case 'jij':
      return ['age', 'partner', 'partnerAge'];
    case 'huis':
      return ['childAges', 'adultChildAges', 'otherAges'];
    case 'studie':
      return ['students'];
    case 'wonen':
      return ['housing', 'rent', 'serviceCosts', confirmField('rent'), confirmField('serviceCosts')];
    case 'inkomen':
      return incomePeople(a).map((p) => `inc.${p.key}`);
    case 'bedragen':
      return incomePeople(a).flatMap((p) =>
        incomeTypesOf(a, p.key).flatMap((t) => {
          const f = incomeFieldNames(p.key, t);
          return [...(Object.values(f) as string[]), confirmField(f.amount)];
        }),
      );
    case 'lasten':
      return costKeys(a).flatMap((k) => [`cost.${k}`, confirmField(`cost.${k}`)]);
    case 'geld':
      return ['savings', 'debts', confirmField('savings'), confirmField('debts')];
    case 'regelingen':
      return ['receiving'];
    case 'overzicht':
      return [];
  }
}

/** Fields that can hold several values (checkbox groups), joined with commas in the answers. */
export function isMultiField(name: string): boolean {
  return name === 'students' || name === 'receiving' || /^inc\.(a|p)$/.test(name);
}

// ---------------------------------------------------------------------------------------------
// Reading and merging form data

const ANSWER_KEY =
  /^(place|municipality|age|partner|partnerAge|childAges|adultChildAges|otherAges|students|housing|rent|serviceCosts|savings|debts|receiving|cost\.[A-Za-z]+|inc\.(a|p|[ckh]\d{1,2})(\.[a-z-]+\.(amount|period|basis|hours))?|confirm\.(rent|serviceCosts|savings|debts|cost\.[A-Za-z]+|inc\.(a|p|[ckh]\d{1,2})\.[a-z-]+\.amount))$/;

export function isAnswerKey(key: string): boolean {
  return ANSWER_KEY.test(key);
}

/** Only known keys with short string values: whatever arrives in a hidden field or storage. */
export function cleanAnswers(input: unknown): Answers {
  const out: Answers = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return out;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (typeof v === 'string' && isAnswerKey(k)) out[k] = v.slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

export function parseAnswersJson(text: string | null | undefined): Answers {
  if (!text || text.length > 32_000) return {};
  try {
    return cleanAnswers(JSON.parse(text));
  } catch {
    return {};
  }
}

/** The values of a submitted form, with checkbox groups joined by commas. */
export function formValues(entries: Iterable<[string, FormDataEntryValue]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v !== 'string') continue;
    if (isMultiField(k)) out[k] = out[k] ? `${out[k]},${v}` : v;
    else out[k] = v;
  }
  return out;
}

/** The answers after a step's form is sent: the step's own fields are replaced, the rest is kept. */
export function mergeStep(a: Answers, step: StepId, values: Record<string, string>): Answers {
  // Fields of the step before and after the change (choosing a type adds amount fields).
  const owned = new Set([...stepFields(step, a), ...stepFields(step, { ...a, ...values })]);
  const out: Answers = {};
  for (const [k, v] of Object.entries(a)) if (!owned.has(k)) out[k] = v;
  for (const f of owned) {
    const v = values[f];
    if (v !== undefined && v.trim() !== '') out[f] = v.trim().slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface FieldError {
  /** The form field name (also the id of its input). */
  field: string;
  /** A message key under `check.errors`. */
  code: string;
  params?: Record<string, string | number>;
}

export interface ValidationContext {
  places: PlaceIndex;
  /** Scheme ids a household may say it receives. */
  schemeIds: ReadonlySet<string>;
}

/** The answer that says "yes, this amount is right" after the check asked about it. */
export const confirmField = (field: string): string => `confirm.${field}`;

/**
 * Amounts per month above which the check asks whether the amount is right before it runs (a slip of
 * a separator can turn 400,55 into 400.555). Not law: a question, answered with one tick.
 */
const PLAUSIBLE_PER_MONTH = { income: 15_000, rent: 3_000, serviceCosts: 500, cost: 2_000 } as const;
const PER_MONTH: Record<string, number> = { month: 1, 'four-weeks': 13 / 12, year: 1 / 12 };

/**
 * An amount field: required or not, a valid amount, and, unless the resident confirmed it, not
 * implausible: no comma followed by three digits (thousands or cents?), not above `limit` per month.
 */
function checkAmount(a: Answers, field: string, errors: FieldError[], required: boolean, limit?: number, perMonth = 1): void {
  const v = a[field];
  if (v === undefined || v.trim() === '') {
    if (required) errors.push({ field, code: 'amount-required' });
    return;
  }
  const r = parseAmount(v);
  if (!r.ok) {
    errors.push({ field, code: r.code });
    return;
  }
  if (a[confirmField(field)] === 'yes') return;
  if (/^\s*(€\s*)?\d{1,3},\d{3}\s*$/u.test(westernDigits(v))) errors.push({ field, code: 'amount-check-separator' });
  else if (limit !== undefined && r.value * perMonth > limit) errors.push({ field, code: 'amount-check-large' });
}

function checkAge(a: Answers, field: string, errors: FieldError[], min: number): void {
  const raw = a[field];
  const v = raw === undefined ? undefined : westernDigits(raw);
  if (v === undefined || v.trim() === '') errors.push({ field, code: 'age-required' });
  else if (!/^\s*\d+\s*$/.test(v)) errors.push({ field, code: 'age-format' });
  else {
    const n = Number(v);
    if (n < min || n > 120) errors.push({ field, code: 'age-range', params: { min, max: 120 } });
  }
}

function checkAgeList(a: Answers, field: string, errors: FieldError[], min: number, max: number, code: string): void {
  const ages = parseAgeList(a[field]);
  if (ages.some((n) => n === undefined)) errors.push({ field, code: 'ages-format' });
  else if (ages.some((n) => n! < min || n! > max)) errors.push({ field, code, params: { min, max } });
}

function checkChoice(a: Answers, field: string, options: readonly string[], errors: FieldError[], code: string): void {
  if (!options.includes(a[field] ?? '')) errors.push({ field, code });
}

export function validateStep(step: StepId, a: Answers, ctx: ValidationContext): FieldError[] {
  const errors: FieldError[] = [];
  switch (step) {
    case 'gemeente': {
      const r = resolvePlace(a.place ?? '', ctx.places);
      if (r.kind === 'empty') errors.push({ field: 'place', code: 'place-required' });
      else if (r.kind === 'ambiguous') {
        if (!r.candidates.some((c) => c.code === a.municipality)) errors.push({ field: 'place', code: 'place-ambiguous' });
      } else if (r.kind !== 'found') errors.push({ field: 'place', code: r.kind });
      break;
    }
    case 'jij':
      checkAge(a, 'age', errors, 16);
      checkChoice(a, 'partner', ['yes', 'no'], errors, 'partner-required');
      if (a.partner === 'yes') checkAge(a, 'partnerAge', errors, 16);
      break;
    case 'huis': {
      checkAgeList(a, 'childAges', errors, 0, 17, 'child-age-range');
      checkAgeList(a, 'adultChildAges', errors, 18, 120, 'adult-child-age-range');
      checkAgeList(a, 'otherAges', errors, 18, 120, 'other-age-range');
      if (errors.length === 0 && people(a).length > MAX_PEOPLE)
        errors.push({ field: 'childAges', code: 'too-many-people', params: { max: MAX_PEOPLE } });
      break;
    }
    case 'studie': {
      const allowed = new Set(possibleStudents(a).map((p) => p.key));
      if (listOf(a.students).some((k) => !allowed.has(k))) errors.push({ field: 'students', code: 'choice-invalid' });
      break;
    }
    case 'wonen':
      checkChoice(a, 'housing', HOUSING_TYPES, errors, 'housing-required');
      if (a.housing === 'rent') {
        checkAmount(a, 'rent', errors, true, PLAUSIBLE_PER_MONTH.rent);
        if (errors.length === 0 && parseAmount(a.rent ?? '').ok && (parseAmount(a.rent!) as { value: number }).value === 0) {
          errors.push({ field: 'rent', code: 'rent-zero' });
        }
        checkAmount(a, 'serviceCosts', errors, false, PLAUSIBLE_PER_MONTH.serviceCosts);
      }
      break;
    case 'inkomen':
      for (const p of incomePeople(a)) {
        const field = `inc.${p.key}`;
        const chosen = listOf(a[field]);
        const allowed: readonly string[] = p.kind === 'a' || p.kind === 'p' ? [...INCOME_TYPES, 'none'] : [...OTHER_INCOME_TYPES, 'none'];
        if (chosen.length === 0) errors.push({ field, code: p.kind === 'a' ? 'income-required' : 'income-required-other' });
        else if (chosen.some((t) => !allowed.includes(t))) errors.push({ field, code: 'choice-invalid' });
        else if (chosen.includes('none') && chosen.length > 1) errors.push({ field, code: 'income-none-and-other' });
      }
      break;
    case 'bedragen':
      for (const p of incomePeople(a)) {
        for (const t of incomeTypesOf(a, p.key)) {
          const f = incomeFieldNames(p.key, t);
          checkAmount(a, f.amount, errors, true, PLAUSIBLE_PER_MONTH.income, PER_MONTH[a[f.period] ?? 'month'] ?? 1);
          checkChoice(a, f.period, PERIODS, errors, 'period-required');
          checkChoice(a, f.basis, BASES, errors, 'basis-required');
          if (f.hours && a[f.hours] && a[f.hours]!.trim() !== '' && parseHours(a[f.hours]!) === undefined) {
            errors.push({ field: f.hours, code: 'hours-format' });
          }
        }
      }
      break;
    case 'lasten':
      for (const k of costKeys(a)) checkAmount(a, `cost.${k}`, errors, false, PLAUSIBLE_PER_MONTH.cost);
      break;
    case 'geld':
      checkAmount(a, 'savings', errors, false);
      checkAmount(a, 'debts', errors, false);
      break;
    case 'regelingen':
      if (listOf(a.receiving).some((id) => !ctx.schemeIds.has(id))) errors.push({ field: 'receiving', code: 'choice-invalid' });
      break;
    case 'overzicht':
      break;
  }
  return errors;
}

/** The municipality code the answers point at, once the place question is answered well. */
export function municipalityOf(a: Answers, places: PlaceIndex): string | undefined {
  const r = resolvePlace(a.place ?? '', places);
  if (r.kind === 'found') return r.place.code;
  if (r.kind === 'ambiguous' && r.candidates.some((c) => c.code === a.municipality)) return a.municipality;
  return undefined;
}

/** After a valid place step: store the resolved code next to what was typed. */
export function withMunicipality(a: Answers, places: PlaceIndex): Answers {
  const code = municipalityOf(a, places);
  const out = { ...a };
  if (code) out.municipality = code;
  else delete out.municipality;
  return out;
}

// ---------------------------------------------------------------------------------------------
// One step of navigation, the same with and without JavaScript

export type Navigation = 'next' | 'back' | 'reset' | 'stay' | `goto:${StepId}`;

export function parseNavigation(value: string | undefined): Navigation {
  if (value === 'back' || value === 'reset' || value === 'stay') return value;
  if (value?.startsWith('goto:') && isStep(value.slice(5))) return value as Navigation;
  return 'next';
}

export interface StepState {
  answers: Answers;
  step: StepId;
  errors: FieldError[];
  /** When editing from the summary, "next" goes back to it. */
  returnTo?: 'overzicht' | undefined;
}

/**
 * What happens when a step's form is sent: the answers are merged (never lost, also when they have
 * errors or when going back), then the step is checked (only when going forward).
 */
export function navigate(
  current: { answers: Answers; step: StepId; returnTo?: 'overzicht' | undefined },
  values: Record<string, string>,
  nav: Navigation,
  ctx: ValidationContext,
): StepState {
  if (nav === 'reset') return { answers: {}, step: 'gemeente', errors: [] };
  const step = current.step;
  let answers = nav === 'stay' || step === 'overzicht' ? current.answers : mergeStep(current.answers, step, values);
  if (step === 'gemeente') answers = withMunicipality(answers, ctx.places);
  if (nav === 'stay') return { answers, step, errors: [], returnTo: current.returnTo };
  if (nav === 'back') {
    if (current.returnTo === 'overzicht') return { answers, step: 'overzicht', errors: [] };
    return { answers, step: previousStep(step, answers) ?? step, errors: [] };
  }
  if (nav.startsWith('goto:')) {
    const target = nav.slice(5) as StepId;
    const fromSummary = step === 'overzicht' && target !== 'overzicht';
    return { answers, step: stepApplies(target, answers) ? target : step, errors: [], returnTo: fromSummary ? 'overzicht' : undefined };
  }
  const errors = validateStep(step, answers, ctx);
  if (errors.length > 0) return { answers, step, errors, returnTo: current.returnTo };
  if (current.returnTo === 'overzicht') {
    // Back to the summary, unless a question that now applies has not been answered yet.
    const missing = firstInvalidStep(answers, ctx);
    if (missing && STEPS.indexOf(missing.step) > STEPS.indexOf(step))
      return { answers, step: missing.step, errors: [], returnTo: 'overzicht' };
    return { answers, step: 'overzicht', errors: [] };
  }
  return { answers, step: nextStep(step, answers), errors: [] };
}
