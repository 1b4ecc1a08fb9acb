/**
 * Life events applied to a household. An event is data (`content/events/<id>.yaml`): the questions it
 * asks and the operations it performs on the household (a child turns 18, starting work, a partner
 * moves in, a new year's rules…). This module only interprets those operations; no event has code of
 * its own.
 *
 * Answers are in engine units: money in cents, dates as YYYY-MM-DD, person ids as strings.
 */
import { ParameterReader } from './parameters.ts';
import type { EventOperation, LifeEvent, Rulebook, ValueRef } from './rulebook.ts';
import type { Household, IncomeType, Person } from './types.ts';
import { INCOME_TYPES } from './types.ts';

export type EventAnswers = Record<string, string | number>;

export class EventInputError extends Error {
  readonly issues: { input: string; code: 'required' | 'invalid' | 'not-in-household' | 'out-of-range' }[];
  constructor(issues: EventInputError['issues']) {
    super(issues.map((i) => `${i.input}: ${i.code}`).join('; '));
    this.name = 'EventInputError';
    this.issues = issues;
  }
}

const WEEKS_PER_YEAR = 52;
const MONTHS_PER_YEAR = 12;

/** Whether the event makes sense for this household (the picker shows only these). */
export function eventApplies(event: LifeEvent, h: Household, aowAge: number): boolean {
  const r = event.requires;
  if (!r) return true;
  const roles = new Set(h.people.map((p) => p.role));
  if (r.roles && !r.roles.some((role) => roles.has(role))) return false;
  if (r.noPartner && roles.has('partner')) return false;
  const applicant = h.people.find((p) => p.role === 'applicant')!;
  if (r.belowAowAge && applicant.age >= aowAge) return false;
  return true;
}

/** Checks the answers against the event's questions and the household; throws EventInputError. */
export function validateAnswers(event: LifeEvent, h: Household, answers: EventAnswers): void {
  const issues: EventInputError['issues'] = [];
  for (const def of event.inputs) {
    const v = answers[def.id];
    if (v === undefined || v === '') {
      if (!def.optional) issues.push({ input: def.id, code: 'required' });
      continue;
    }
    switch (def.type) {
      case 'person': {
        const p = h.people.find((x) => x.id === v);
        if (!p || (def.roles && !def.roles.includes(p.role))) issues.push({ input: def.id, code: 'not-in-household' });
        else if (def.age !== undefined && p.age !== def.age) issues.push({ input: def.id, code: 'out-of-range' });
        break;
      }
      case 'date':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) issues.push({ input: def.id, code: 'invalid' });
        break;
      case 'municipality':
        if (typeof v !== 'string' || !/^GM\d{4}$/.test(v)) issues.push({ input: def.id, code: 'invalid' });
        break;
      default:
        if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ input: def.id, code: 'invalid' });
        else if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max))
          issues.push({ input: def.id, code: 'out-of-range' });
    }
  }
  if (issues.length > 0) throw new EventInputError(issues);
}

/** `aow-age` stands for the AOW age on the household's reference date (a parameter, not a fixed 67). */
function resolve(ref: ValueRef, answers: EventAnswers, h?: Household, rulebook?: Rulebook): string | number {
  if (typeof ref === 'object') return answers[ref.input]!;
  if (ref === 'aow-age' && h && rulebook)
    return new ParameterReader(rulebook, h.referenceDate, rulebook.municipalities[h.municipality]).count('aow/leeftijd');
  return ref;
}

/** A person by the answer to a question, or `applicant` / `partner` for the person in that role. */
function person(h: Household, ref: ValueRef, answers: EventAnswers): Person {
  const id = String(resolve(ref, answers));
  const p =
    typeof ref === 'string' && (ref === 'applicant' || ref === 'partner')
      ? h.people.find((x) => x.role === ref)
      : h.people.find((x) => x.id === id);
  if (!p) throw new EventInputError([{ input: typeof ref === 'object' ? ref.input : id, code: 'not-in-household' }]);
  return p;
}

function firstOfNextYear(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}-01-01`;
}

function apply(h: Household, op: EventOperation, answers: EventAnswers, rulebook: Rulebook): Household {
  switch (op.op) {
    case 'set-age': {
      const p = person(h, op.person, answers);
      return { ...h, people: h.people.map((x) => (x === p ? { ...x, age: Number(resolve(op.age, answers, h, rulebook)) } : x)) };
    }
    case 'add-years': {
      const years = Number(resolve(op.years, answers));
      if (typeof op.person === 'string' && op.person === '*') return { ...h, people: h.people.map((x) => ({ ...x, age: x.age + years })) };
      const p = person(h, op.person, answers);
      return { ...h, people: h.people.map((x) => (x === p ? { ...x, age: x.age + years } : x)) };
    }
    case 'set-role': {
      const p = person(h, op.person, answers);
      return { ...h, people: h.people.map((x) => (x === p ? { ...x, role: op.role } : x)) };
    }
    case 'remove-person': {
      const p = person(h, op.person, answers);
      const { [p.id]: _removed, ...taxable } = h.annualTaxableIncome;
      void _removed;
      return {
        ...h,
        people: h.people.filter((x) => x !== p),
        incomes: h.incomes.filter((i) => i.person !== p.id),
        annualTaxableIncome: taxable,
      };
    }
    case 'add-person': {
      const id = h.people.some((x) => x.id === op.id) ? `${op.id}-${h.people.length + 1}` : op.id;
      return {
        ...h,
        people: [...h.people, { id, role: op.role, age: Number(resolve(op.age, answers)), student: false, inInstitution: false }],
      };
    }
    case 'remove-incomes': {
      const p = person(h, op.person, answers);
      const types = op.types;
      const { [p.id]: _removed, ...taxable } = h.annualTaxableIncome;
      void _removed;
      return {
        ...h,
        incomes: h.incomes.filter((i) => i.person !== p.id || (types !== undefined && !types.includes(i.type))),
        annualTaxableIncome: taxable,
      };
    }
    case 'add-income':
      return addIncome(h, op, answers);
    case 'add-work':
      return addWork(h, op, answers, rulebook);
    case 'set-municipality':
      return { ...h, municipality: String(resolve(op.municipality, answers)) };
    case 'set-rent': {
      const rent = Number(resolve(op.rent, answers));
      return { ...h, housing: { type: 'rent', rent, serviceCosts: h.housing.type === 'rent' ? h.housing.serviceCosts : 0 } };
    }
    case 'stop-receiving':
      return { ...h, receiving: h.receiving.filter((id) => !op.schemes.includes(id)) };
    case 'set-reference-date':
      return { ...h, referenceDate: String(resolve(op.date, answers)) };
    case 'next-year':
      return { ...h, referenceDate: firstOfNextYear(h.referenceDate) };
  }
}

/** An income the event names; an optional amount left empty (for example a housemate without income) adds nothing. */
function addIncome(h: Household, op: Extract<EventOperation, { op: 'add-income' }>, answers: EventAnswers): Household {
  const p = person(h, op.person, answers);
  const type = op.type as IncomeType;
  if (!INCOME_TYPES.includes(type)) throw new TypeError(`unknown income type ${op.type}`);
  const amount = Number(resolve(op.amount, answers) ?? 0);
  if (!Number.isFinite(amount) || amount <= 0) return h;
  return { ...h, incomes: [...h.incomes, { person: p.id, type, amount, period: op.period, basis: op.basis }] };
}

/** Gross wages from hours a week, at the hourly wage given or else the minimum wage on the reference date. */
function addWork(h: Household, op: Extract<EventOperation, { op: 'add-work' }>, answers: EventAnswers, rulebook: Rulebook): Household {
  const p = person(h, op.person, answers);
  const hours = Number(resolve(op.hours, answers));
  const given = op.hourlyWage === undefined ? undefined : resolve(op.hourlyWage, answers);
  const hourly =
    given !== undefined && given !== ''
      ? Number(given)
      : new ParameterReader(rulebook, h.referenceDate, rulebook.municipalities[h.municipality]).money('wml/uurloon-bruto');
  const monthly = Math.round((hourly * hours * WEEKS_PER_YEAR) / MONTHS_PER_YEAR);
  if (monthly <= 0) return h;
  return {
    ...h,
    incomes: [...h.incomes, { person: p.id, type: 'wages', amount: monthly, period: 'month', basis: 'gross', since: h.referenceDate }],
  };
}

/** The household after the event. Pure: the input household is not changed. */
export function applyEvent(h: Household, event: LifeEvent, answers: EventAnswers, rulebook: Rulebook): Household {
  validateAnswers(event, h, answers);
  let after = h;
  for (const op of event.operations) after = apply(after, op, answers, rulebook);
  return after;
}
