/**
 * "Wanneer krijg je wat?" (issue 14): the calendar of payments and deadlines for the twelve months from the
 * reference date, from the result's own amounts and content/payment-dates.yaml.
 *
 * The days and rules it rests on, as published:
 * - Dienst Toeslagen pays the advance for a month on the 20th of the month before (Belastingdienst, "Hoe krijg
 *   ik mijn toeslag uitbetaald?": "Wij betalen uw toeslag uit op de 20e van de maand").
 * - The SVB pays kinderbijslag after the quarter has ended ("De SVB betaalt de kinderbijslag als het kwartaal is
 *   afgelopen": the second quarter in July). Per quarter from 1 July 2026: EUR 426.29 for a child of 12–17 and
 *   EUR 362.35 for a child of 6–11 (content/parameters/kinderbijslag/).
 * - Holiday pay on wages is paid in June unless agreed otherwise (Wml art. 17 lid 1).
 * - Notice to a health insurer by 31 December (Zvw art. 7 lid 1); a new insurance within a month, so by
 *   31 January (Zvw art. 5 lid 5 b); a toeslag over a year applied for before 1 September of the next (Awir art. 15).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/contract/check.ts';
import { ContentError } from '../../src/content/load.ts';
import { loadPaymentDates, schemeIds } from '../../src/content/payment-dates.ts';
import type { PaymentDates } from '../../src/content/schema.ts';
import { exampleAnswers, type ExampleId } from '../../src/site/examples.ts';
import {
  calendarOfView,
  comingChanges,
  DEADLINE_FIRST_DAYS,
  paymentCalendar,
  type PaymentCalendar,
} from '../../src/site/payment-calendar.ts';
import { computeResults, type ResultsView } from '../../src/site/results.ts';
import { rulebook } from '../support/rulebook.ts';

const dates = loadPaymentDates(schemeIds(rulebook()));

function view(example: ExampleId, today: string): ResultsView {
  const r = computeResults(exampleAnswers(example), 'nl', rulebook(), today, `${today}T09:00:00Z`);
  if (!r.ok) throw new Error(`example ${example} gave no result`);
  return r.view;
}

const calendar = (example: ExampleId, today: string): PaymentCalendar => calendarOfView(view(example, today), rulebook(), dates, 'nl');
const paymentsOf = (c: PaymentCalendar, id: string) =>
  c.months.flatMap((m) => m.payments.filter((p) => p.id === id).map((p) => ({ month: m.month, ...p })));

describe('the calendar of Ank in Assen on 6 December 2026 (wages, bijstand, three toeslagen, kinderbijslag for children of 8 and 14)', () => {
  const v = view('alleenstaande-moeder-assen', '2026-12-06');
  const c = calendarOfView(v, rulebook(), dates, 'nl');
  const next = runCheck({ ...v.household, referenceDate: '2027-01-01' }, rulebook(), { today: '2027-01-01', computedAt: 'x' });
  if (!next.ok) throw new Error('no 2027 result');
  const scheme2027 = (id: string) => next.result.schemes.find((s) => s.id === id)!;

  it('runs from December 2026 to November 2027, and marks January as the new year', () => {
    expect(c.months.map((m) => m.month)).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
    ]);
    expect(c.months.filter((m) => m.newYear).map((m) => m.month)).toEqual(['2027-01']);
  });

  it('pays each toeslag advance in the month before the month it is for, around the 20th, with the 2027 amounts', () => {
    for (const id of ['huurtoeslag', 'zorgtoeslag', 'kindgebonden-budget']) {
      const ps = paymentsOf(c, id);
      expect(ps.map((p) => [p.month, p.period])).toEqual(c.months.map((m) => [m.month, addMonth(m.month)]));
      expect(ps.every((p) => p.when === 'toeslagen' && p.day === undefined)).toBe(true);
      // The advance for January 2027, paid around 20 December 2026, is the 2027 amount.
      expect(ps[0]!.amount).toBe(scheme2027(id).amount.monthly);
      expect(ps[0]!.amount).toBeGreaterThan(0);
    }
  });

  it('pays kinderbijslag after each quarter: EUR 788.64 (426.29 + 362.35) for the fourth quarter of 2026 in January', () => {
    const ps = paymentsOf(c, 'kinderbijslag');
    expect(ps.map((p) => [p.month, p.period])).toEqual([
      ['2027-01', '2026-Q4'],
      ['2027-04', '2027-Q1'],
      ['2027-07', '2027-Q2'],
      ['2027-10', '2027-Q3'],
    ]);
    expect(ps[0]!.amount).toBe(788.64);
    expect(ps[1]!.amount).toBe(scheme2027('kinderbijslag').amount.quarterly);
  });

  it('pays bijstand every month at the end or start of the month, her wages on her payday, and the holiday pay on her wages in June', () => {
    expect(paymentsOf(c, 'bijstand').map((p) => [p.month, p.when, p.kind])[0]).toEqual(['2026-12', 'bijstand', 'scheme']);
    expect(paymentsOf(c, 'bijstand')[0]!.amount).toBe(v.result.schemes.find((s) => s.id === 'bijstand')!.amount.monthly);
    expect(paymentsOf(c, 'bijstand')[1]!.amount).toBe(scheme2027('bijstand').amount.monthly);
    const wages = paymentsOf(c, 'wages').filter((p) => p.kind === 'income');
    expect(wages).toHaveLength(12);
    expect(wages[0]!.amount).toBe(v.result.ledger.incomes[0]!.monthlyPaid);
    const holiday = paymentsOf(c, 'wages').filter((p) => p.kind === 'holiday-pay');
    expect(holiday.map((p) => [p.month, p.period])).toEqual([['2027-06', '2027']]);
    const line2027 = next.result.ledger.incomes.find((l) => l.type === 'wages')!;
    expect(holiday[0]!.amount).toBe(Math.round(line2027.holidayPay * 100 * 12) / 100);
  });

  it('puts the notice to the health insurer (31 December, 25 days away) first, and the new insurer (31 January, 56 days) in its month only', () => {
    expect(c.deadlines.map((d) => [d.id, d.date, d.daysLeft, d.first])).toEqual([
      ['zorgverzekering-opzeggen', '2026-12-31', 25, true],
      ['zorgverzekering-nieuw', '2027-01-31', 56, false],
    ]);
    expect(c.months[0]!.deadlines.map((d) => d.id)).toEqual(['zorgverzekering-opzeggen']);
    expect(c.months[1]!.deadlines.map((d) => d.id)).toEqual(['zorgverzekering-nieuw']);
  });

  it('lists a municipal allowance without a fixed month apart, marked maybe, and never kwijtschelding', () => {
    expect(c.noFixedMonth.map((p) => [p.id, p.amount, p.maybe])).toEqual([['meedoenpremie-schoolgaande-kinderen', 510, true]]);
    expect(paymentsOf(c, 'kwijtschelding')).toEqual([]);
  });
});

describe('deadlines first from six weeks before', () => {
  const first = (today: string) =>
    calendar('alleenstaande-moeder-assen', today)
      .deadlines.filter((d) => d.first)
      .map((d) => d.id);

  it(`puts 31 December first from ${DEADLINE_FIRST_DAYS} days before (19 November), not on 18 November or on 1 November`, () => {
    expect(first('2026-11-19')).toEqual(['zorgverzekering-opzeggen']);
    expect(first('2026-11-18')).toEqual([]);
    expect(first('2026-11-01')).toEqual([]);
  });

  it('on 1 January the notice is past: the new insurer (31 January, 30 days) comes first', () => {
    const c = calendar('alleenstaande-moeder-assen', '2027-01-01');
    expect(c.deadlines.map((d) => [d.id, d.date, d.first])).toEqual([
      ['zorgverzekering-opzeggen', '2027-12-31', false],
      ['zorgverzekering-nieuw', '2027-01-31', true],
    ]);
  });

  it('a toeslag the household may get but does not receive: apply for 2026 by 31 August 2027', () => {
    const c = calendar('gepensioneerd-stel-nijkerk', '2026-12-06');
    const d = c.deadlines.find((x) => x.id === 'toeslagen-aanvragen')!;
    expect([d.date, d.year, d.first, d.schemes]).toEqual(['2027-08-31', 2026, false, ['Huurtoeslag']]);
    expect(calendar('gepensioneerd-stel-nijkerk', '2027-07-20').deadlines.find((x) => x.id === 'toeslagen-aanvragen')?.first).toBe(true);
  });

  it('no deadline about a scheme the household already receives or cannot get', () => {
    expect(calendar('alleenstaande-moeder-assen', '2026-08-01').deadlines.map((d) => d.id)).not.toContain('toeslagen-aanvragen');
  });
});

describe('the first month and the end of the rules', () => {
  it('an advance paid around the 20th is past on the 21st', () => {
    const on = (today: string) =>
      paymentsOf(calendar('alleenstaande-moeder-assen', today), 'huurtoeslag')
        .filter((p) => p.month === '2026-12')
        .map((p) => p.period);
    expect(on('2026-12-20')).toEqual(['2027-01']);
    expect(on('2026-12-21')).toEqual([]);
  });

  it('after the rules end (31 December 2027) no amount is guessed: no advance for January 2028 in December 2027', () => {
    const c = calendar('alleenstaande-moeder-assen', '2027-03-01');
    expect(paymentsOf(c, 'huurtoeslag').map((p) => p.period)).not.toContain('2028-01');
    expect(paymentsOf(c, 'huurtoeslag').at(-1)!.period).toBe('2027-12');
  });
});

describe('a published day and the changes of the year', () => {
  it('shows the day a payer published instead of its rule', () => {
    const published: PaymentDates = structuredClone(dates);
    published.payers[0]!.published = [{ for: '2026-05', date: '2026-04-20', evidence: { title: 'test', url: 'https://example.org/' } }];
    const v = view('alleenstaande-moeder-assen', '2026-03-02');
    const c = paymentCalendar({ result: v.result, dates: published, paid: (id) => rulebook().schemes[id]?.paid });
    const april = paymentsOf(c, 'huurtoeslag').filter((p) => p.month === '2026-04');
    expect(april.map((p) => [p.period, p.day])).toEqual([['2026-05', '2026-04-20']]);
    expect(paymentsOf(c, 'huurtoeslag').filter((p) => p.day !== undefined)).toHaveLength(1);
  });

  it('a child of 11, 15 or 17 turns 12, 16 or 18 within the year; children of 8 and 14 do not', () => {
    const events = (ages: number[]) =>
      comingChanges(rulebook(), [{ role: 'applicant', age: 38 }, ...ages.map((age) => ({ role: 'child', age }))], 'nl').map((c) => c.event);
    expect(events([11, 15, 17])).toEqual(['child-turns-12', 'child-turns-16', 'child-turns-18']);
    expect(events([8, 14])).toEqual([]);
  });
});

describe('content/payment-dates.yaml', () => {
  it('is valid, covers the rules to 31 December 2027 and names a source for every payer and deadline', () => {
    expect(dates.to).toBe('2027-12-31');
    expect(dates.payers.map((p) => p.id)).toEqual(['toeslagen', 'kinderbijslag', 'bijstand']);
    for (const r of [...dates.payers, ...dates.holidayPay, ...dates.deadlines]) expect(r.source.url).toMatch(/^https:\/\//);
    // No exact day was seen in an official list: the rule stands in, marked provisional.
    expect(dates.payers.every((p) => p.provisional && p.published.length === 0)).toBe(true);
  });

  it('refuses an unknown scheme and a day that is not in every year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-dates-'));
    writeFileSync(
      join(dir, 'payment-dates.yaml'),
      [
        'from: 2026-01-01',
        'to: 2027-12-31',
        'payers:',
        '  - { id: x, schemes: [geen-regeling], paidIn: same-month, provisional: true, provenance: official, published: [],',
        '      source: { title: Wet, bwb: BWBR0015703, url: "https://wetten.overheid.nl/BWBR0015703" } }',
        'holidayPay: []',
        'deadlines:',
        '  - { id: y, month: 2, day: 30, schemes: [huurtoeslag], provenance: official,',
        '      source: { title: Wet, bwb: BWBR0015703, url: "https://wetten.overheid.nl/BWBR0015703" } }',
      ].join('\n'),
    );
    expect(() => loadPaymentDates(schemeIds(rulebook()), dir)).toThrow(ContentError);
    try {
      loadPaymentDates(schemeIds(rulebook()), dir);
    } catch (e) {
      expect((e as ContentError).problems).toEqual([
        'payment-dates.yaml: payer x: unknown scheme geen-regeling',
        'payment-dates.yaml: deadline y: day 30 is not in every year',
      ]);
    }
  });
});

function addMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
