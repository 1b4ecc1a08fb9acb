/**
 * "Wanneer krijg je wat?": the payments a household gets or could get in the twelve months from the
 * reference date, month by month, and the deadlines it would otherwise miss.
 *
 * It lives in the site, not in the engine: it decides nothing about a scheme. It lays the result's own
 * amounts (its ledger and its schemes) over the payers' rules from content/payment-dates.yaml, which the
 * engine may not read. Pure: no I/O, the same input gives the same calendar (test/site/payment-calendar.test.ts);
 * `calendarOfView` adds the result of the same household on 1 January of the next year.
 *
 * - A payment is placed in the month it is paid, with the period it is for: the toeslagen advance for
 *   January comes around 20 December, the kinderbijslag for the first quarter at the start of April.
 * - Amounts are the result's: a month's scheme amount, the quarter's kinderbijslag, the holiday pay as
 *   twelve times what the ledger spreads over a month. A payment for a period in the next year takes the
 *   amounts of the result on 1 January of that year (`nextYear`), when the rules reach that far.
 * - A day is shown only where the payer published it; otherwise the payer's rule ("rond de 20e").
 * - Schemes that may apply (`maybe`) are listed as such; kwijtschelding lowers a bill and is not a payment;
 *   schemes without a fixed moment (bijzondere bijstand, a yearly municipal allowance) go in `noFixedMonth`.
 * - A deadline is `first` from six weeks (42 days) before its last day: the page puts it at the top.
 */
import { runCheckOn, type Checked } from '../contract/check.ts';
import type { PublicResult, PublicScheme } from '../contract/result.ts';
import type { DeadlineRule, Payer, PaymentDates } from '../content/schema.ts';
import { addDays, addMonths } from '../engine/dates.ts';
import type { Language, Paid, Rulebook } from '../engine/rulebook.ts';
import type { ContractHousehold } from './household.ts';

/** Six weeks: from this many days before a deadline, the results put it first. */
export const DEADLINE_FIRST_DAYS = 42;

/** How the page says when a payment comes (a key of `results.calendar.when`). */
export type When = 'toeslagen' | 'kinderbijslag' | 'bijstand' | 'wages' | 'income' | 'holiday-pay' | 'discount' | 'month';

export interface CalendarPayment {
  /** A scheme id, or an income type for incomes and holiday pay. */
  id: string;
  kind: 'scheme' | 'income' | 'holiday-pay';
  name: string;
  /** Euros, for this payment. */
  amount: number;
  /** What it is for: a month (`2027-01`), a quarter (`2027-Q1`) or a year (`2027`). */
  period: string;
  when: When;
  /** The published day, when the payer published one. */
  day?: string;
  /** The scheme may apply: not sure yet. */
  maybe: boolean;
  /** Whose income it is (a person id of the household), for incomes and holiday pay. */
  person?: string;
}

export interface CalendarDeadline {
  id: string;
  /** The last day (inclusive). */
  date: string;
  /** Names of the schemes it concerns, in the result's language. */
  schemes: string[];
  /** For an application deadline: the year the application is about. */
  year: number;
  daysLeft: number;
  /** Within six weeks: shown first on the results page. */
  first: boolean;
}

export interface CalendarMonth {
  /** `YYYY-MM`. */
  month: string;
  payments: CalendarPayment[];
  deadlines: CalendarDeadline[];
  /** 1 January falls in this month: new amounts (after the reference month). */
  newYear: boolean;
}

export interface ComingChange {
  event: string;
  name: string;
  summary: string;
}

export interface PaymentCalendar {
  months: CalendarMonth[];
  noFixedMonth: CalendarPayment[];
  /** Birthdays that change amounts within the year; their month is not known (the check asks ages only). */
  changes: ComingChange[];
  deadlines: CalendarDeadline[];
  /** The payers whose days are their rule only, not published days. */
  provisional: boolean;
}

export interface CalendarInput {
  result: PublicResult;
  /** The result on 1 January of the next year, when that day is inside the window and the rules. */
  nextYear?: PublicResult | undefined;
  dates: PaymentDates;
  /** How often a scheme pays, from the rulebook (`paid` of a national or municipal scheme). */
  paid: (schemeId: string) => Paid | undefined;
  changes?: ComingChange[];
}

const PAYS: ReadonlySet<string> = new Set(['eligible', 'already-receiving', 'maybe']);
const OPEN: ReadonlySet<string> = new Set(['eligible', 'maybe']);

/** `YYYY-MM` moved by `n` months. */
const monthPlus = (month: string, n: number): string => addMonths(`${month}-01`, n).slice(0, 7);
const quarterOf = (month: string): string => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const cents = (euros: number): number => Math.round(euros * 100);

/** The start of the year after the reference date: where `nextYear` amounts apply. */
export function nextYearStart(referenceDate: string): string {
  return `${Number(referenceDate.slice(0, 4)) + 1}-01-01`;
}

function schemeAmount(s: PublicScheme, paid: Paid | undefined): number {
  if (paid === 'quarter') return s.amount.quarterly ?? cents(s.amount.yearly / 4) / 100;
  if (paid === 'year') return s.amount.yearly;
  return s.amount.monthly;
}

function publishedDay(payer: Payer, period: string): string | undefined {
  return payer.published.find((d) => d.for === period)?.date;
}

/** The calendar being filled: its twelve months from the reference month, and the result that applies to each. */
interface Filling {
  ref: string;
  first: string;
  months: CalendarMonth[];
  dates: CalendarInput['dates'];
  /** The result whose amounts apply to a period starting in `month`. */
  resultFor: (month: string) => PublicResult | undefined;
  put: (month: string, p: CalendarPayment) => void;
}

export function paymentCalendar(input: CalendarInput): PaymentCalendar {
  const { result, nextYear, dates, paid } = input;
  const ref = result.referenceDate;
  const first = ref.slice(0, 7);
  const months: CalendarMonth[] = Array.from({ length: 12 }, (_, i) => {
    const month = monthPlus(first, i);
    return { month, payments: [], deadlines: [], newYear: i > 0 && month.endsWith('-01') };
  });
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const newYearFrom = nextYearStart(ref);
  const c: Filling = {
    ref,
    first,
    months,
    dates,
    resultFor: (month) => (`${month}-01` >= newYearFrom ? nextYear : result),
    put: (month, p) => {
      byMonth.get(month)?.payments.push(p);
    },
  };
  const noFixedMonth: CalendarPayment[] = [];

  // Schemes: in the months they are paid, for the periods they are for.
  for (const s of result.schemes) {
    if (!PAYS.has(s.status) || s.kind === 'tax-relief') continue;
    const how = paid(s.id);
    const payer = dates.payers.find((p) => p.schemes.includes(s.id));
    if (!payer && how !== 'month') {
      if (s.amount.yearly > 0 || s.amount.monthly > 0)
        noFixedMonth.push({
          id: s.id,
          kind: 'scheme',
          name: s.name,
          amount: schemeAmount(s, how),
          period: ref.slice(0, 4),
          when: 'month',
          maybe: s.status === 'maybe',
        });
      continue;
    }
    // Periods from the one paid in the first month to the one paid in the last.
    for (let i = -3; i < 13; i++) schemePayment(c, s, how, payer, monthPlus(first, i), byMonth);
  }

  // Incomes as the household entered them, monthly; bijstand it receives only where the rules' amount does not replace it.
  result.ledger.incomes.forEach((line, index) => incomePayments(c, line, index));

  const deadlines = dates.deadlines.flatMap((d) => deadlineFor(d, result));
  for (const d of deadlines) byMonth.get(d.date.slice(0, 7))?.deadlines.push(d);
  for (const m of months) m.payments.sort((a, b) => order(a) - order(b));
  return {
    months,
    noFixedMonth,
    changes: input.changes ?? [],
    deadlines,
    provisional: dates.payers.some((p) => p.provisional),
  };
}

/** A scheme's payment for the period starting in `start`, in the month it is paid, if that month is on the calendar. */
function schemePayment(
  c: Filling,
  s: PublicScheme,
  how: Paid | undefined,
  payer: Payer | undefined,
  start: string,
  byMonth: Map<string, CalendarMonth>,
): void {
  let payMonth: string;
  let period: string;
  if (payer?.paidIn === 'after-quarter') {
    if (Number(start.slice(5, 7)) % 3 !== 1) return;
    payMonth = monthPlus(start, 3);
    period = quarterOf(start);
  } else {
    payMonth = payer?.paidIn === 'month-before' ? monthPlus(start, -1) : start;
    period = start;
  }
  if (!byMonth.has(payMonth)) return;
  // A day published for the period, or the rule's day: payments before the reference date are past.
  const day = payer ? publishedDay(payer, start) : undefined;
  const ruleDay = payer?.day ? `${payMonth}-${String(payer.day).padStart(2, '0')}` : undefined;
  if ((day ?? ruleDay ?? `${payMonth}-31`) < c.ref) return;
  const source = c.resultFor(start)?.schemes.find((x) => x.id === s.id);
  if (!source || !PAYS.has(source.status)) return;
  const amount = schemeAmount(source, how);
  if (amount <= 0) return;
  const when: When = payer ? (payer.id as When) : s.id === 'collectieve-zorgverzekering' ? 'discount' : 'month';
  c.put(payMonth, {
    id: s.id,
    kind: 'scheme',
    name: source.name,
    amount,
    period,
    when,
    ...(day ? { day } : {}),
    maybe: source.status === 'maybe',
  });
}

/** An income the household entered, every month it counts, and its holiday pay in the month it comes. */
function incomePayments(c: Filling, line: PublicResult['ledger']['incomes'][number], index: number): void {
  if (!line.counts) return;
  const bijstandPayer = c.dates.payers.find((p) => p.incomes?.includes('bijstand'));
  for (let i = 0; i < 12; i++) {
    const month = monthPlus(c.first, i);
    const source = c.resultFor(month)?.ledger.incomes[index];
    if (!source || source.type !== line.type || !source.counts || source.monthlyPaid <= 0) continue;
    const when: When = line.type === 'bijstand' && bijstandPayer ? 'bijstand' : line.type === 'wages' ? 'wages' : 'income';
    c.put(month, {
      id: line.type,
      kind: 'income',
      name: source.label,
      amount: source.monthlyPaid,
      period: month,
      when,
      maybe: false,
      person: line.person,
    });
  }
  const holiday = c.dates.holidayPay.find((h) => h.incomes.includes(line.type));
  if (!holiday || line.holidayPay <= 0) return;
  const month = c.months.find((m) => Number(m.month.slice(5, 7)) === holiday.month && m.month >= c.first);
  if (!month) return;
  const source = c.resultFor(`${month.month.slice(0, 4)}-01`)?.ledger.incomes[index] ?? line;
  if (source.holidayPay <= 0) return;
  month.payments.push({
    id: line.type,
    kind: 'holiday-pay',
    name: source.label,
    amount: (cents(source.holidayPay) * 12) / 100,
    period: month.month.slice(0, 4),
    when: 'holiday-pay',
    maybe: false,
    person: line.person,
  });
}

/** Incomes first, then schemes by the day they come (toeslagen around the 20th last). */
function order(p: CalendarPayment): number {
  const rank: Record<When, number> = {
    wages: 0,
    income: 1,
    bijstand: 2,
    kinderbijslag: 3,
    discount: 4,
    month: 5,
    toeslagen: 6,
    'holiday-pay': 7,
  };
  return rank[p.when];
}

/** The next occurrence of a deadline on or after the reference date, if it concerns a scheme the household may get but does not receive. */
function deadlineFor(rule: DeadlineRule, result: PublicResult): CalendarDeadline[] {
  const schemes = result.schemes.filter((s) => rule.schemes.includes(s.id) && OPEN.has(s.status));
  if (schemes.length === 0) return [];
  const ref = result.referenceDate;
  const thisYear = Number(ref.slice(0, 4));
  const on = (year: number): string => `${year}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
  const date = on(thisYear) >= ref ? on(thisYear) : on(thisYear + 1);
  const daysLeft = daysBetween(ref, date);
  return [
    {
      id: rule.id,
      date,
      schemes: schemes.map((s) => s.name),
      year: Number(date.slice(0, 4)) - 1,
      daysLeft,
      first: daysLeft <= DEADLINE_FIRST_DAYS,
    },
  ];
}

/**
 * Birthdays within the year that change amounts: life events about a person of one age (a child turning
 * 12, 16 or 18) for every person of that age now. Without dates of birth the month is not known.
 */
export function comingChanges(rulebook: Rulebook, people: readonly { role: string; age: number }[], language: Language): ComingChange[] {
  const out: ComingChange[] = [];
  for (const event of Object.values(rulebook.events)) {
    const who = event.inputs.find((i) => i.type === 'person' && i.age !== undefined);
    if (!who || !event.inputs.some((i) => i.type === 'date')) continue;
    if (people.some((p) => p.age === who.age && (!who.roles || who.roles.includes(p.role as never)))) {
      out.push({ event: event.id, name: event.texts[language].name, summary: event.texts[language].summary });
    }
  }
  return out.sort((a, b) => a.event.localeCompare(b.event));
}

/** The last day of the calendar's window: twelve months from the reference month. */
export function calendarEnd(referenceDate: string): string {
  return addDays(addMonths(`${referenceDate.slice(0, 7)}-01`, 12), -1);
}

const calendars = new WeakMap<object, PaymentCalendar>();

/**
 * The calendar of a results view, made once per view (the deadlines at the top and the calendar below
 * share it): the view's result, and the same household on 1 January of the next year for the new year's
 * amounts when the rules reach that day.
 */
export function calendarOfView(
  view: { result: PublicResult; household: ContractHousehold; checked: Pick<Checked, 'household'> },
  rulebook: Rulebook,
  dates: PaymentDates,
  language: Language,
): PaymentCalendar {
  const known = calendars.get(view);
  if (known) return known;
  const from = nextYearStart(view.result.referenceDate);
  let nextYear: PublicResult | undefined;
  if (from <= rulebook.validTo) {
    // The household the page checked, on another date: not parsed and converted again.
    const r = runCheckOn(view.checked, from, rulebook, view.result.receipt.computedAt);
    if (r.ok) nextYear = r.result;
  }
  const code = view.result.municipality.code;
  const paid = (id: string): Paid | undefined =>
    rulebook.municipalities[code]?.schemes.find((s) => s.id === id)?.paid ?? rulebook.schemes[id]?.paid;
  const calendar = paymentCalendar({
    result: view.result,
    nextYear,
    dates,
    paid,
    changes: comingChanges(rulebook, view.household.people, language),
  });
  calendars.set(view, calendar);
  return calendar;
}
