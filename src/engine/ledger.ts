/**
 * One account of a household's money for one reference date: every income as entered and as counted,
 * every scheme's amount, the fixed costs, and "what you keep" (wat je overhoudt), defined here once.
 * The results page, the disposable-income test, the what-if chart, the change page and every PDF read
 * their figures from it; none adds up money itself.
 *
 * Conventions, said to residents in words where they matter:
 * - Every amount is per month, averaged over the year: holiday pay that is paid once a year (wages,
 *   WW, WIA and Wajong: 8 %; bijstand: the reserved 5 % vakantietoeslag) is inside the monthly figure,
 *   and each income that has it gets a sentence with both figures.
 * - A scheme counts with the amount the rules give. For bijstand and AIO that the household says it
 *   receives, the amount it typed is shown beside the rules' amount, once, with a sentence when they
 *   differ; the rules' amount counts, so before and after a change are measured the same way. When the
 *   rules give nothing but the household says it receives bijstand, what it receives counts.
 * - What you keep = counted income + counted schemes − fixed costs. Schemes that may apply but are not
 *   sure (`maybe`), whose amount depends on costs, or that lower a cost (kwijtschelding lowers the
 *   local taxes) are shown apart with why they do not count.
 */
import type { Facts } from './facts.ts';
import type { PersonIncome } from './income.ts';
import { roundDiv } from './money.ts';
import type { ParameterReader } from './parameters.ts';
import { label, money, rate, reason, scheme } from './reasons.ts';
import type { CostKey, IncomeType, Ledger, LedgerCost, LedgerIncome, LedgerScheme, Reason, Role, SchemeOutcome } from './types.ts';
import { COST_KEYS } from './types.ts';

/** Incomes with holiday pay on top that is paid once a year, and the parameter that sets it. */
const HOLIDAY_PAY: Partial<Record<IncomeType, string>> = {
  wages: 'wml/vakantiebijslag-percentage',
  'benefit-ww': 'wml/vakantiebijslag-percentage',
  'benefit-wia': 'wml/vakantiebijslag-percentage',
  'benefit-wajong': 'wml/vakantiebijslag-percentage',
  bijstand: 'participatiewet/vakantietoeslag-percentage',
};

/** Bijstand (below the AOW age) and AIO (from it) are both declared as the income type `bijstand`. */
const ASSISTANCE: ReadonlySet<string> = new Set(['bijstand', 'aio']);

const WHOSE: Record<Role, string> = {
  applicant: 'whose-applicant',
  partner: 'whose-partner',
  child: 'whose-child',
  'adult-child': 'whose-adult-child',
  housemate: 'whose-housemate',
};

/** A difference of less than this many cents between received and the rules' amount is rounding, not news. */
const SAME_WITHIN = 100;

const pays = (s: SchemeOutcome): boolean => s.status === 'eligible' || s.status === 'already-receiving';

/** Why a scheme's amount does not count in what you keep, or undefined when it counts. */
function schemeExclusion(s: SchemeOutcome): LedgerScheme['why'] {
  if (s.kind === 'tax-relief') return 'lowers-a-cost';
  if (s.status === 'maybe') return 'maybe';
  if (!pays(s)) return 'not-eligible';
  if (s.amountVaries) return 'amount-varies';
  return undefined;
}

function incomeLines(
  f: Facts,
  assistanceByRules: number,
  p: ParameterReader,
  notes: Reason[],
): { lines: LedgerIncome[]; received: number } {
  const lines: LedgerIncome[] = [];
  let received = 0;
  for (const person of f.household.people) {
    const pi: PersonIncome = f.income.get(person.id)!;
    for (const e of pi.incomes) {
      const monthly = roundDiv(e.yearlyNet, 12);
      const line: LedgerIncome = {
        person: person.id,
        type: e.income.type,
        entered: { amount: e.income.amount, period: e.income.period, basis: e.income.basis },
        monthlyPaid: e.monthlyNet,
        monthly,
        holidayPay: e.income.period === 'year' ? 0 : Math.max(0, monthly - e.monthlyNet),
        counts: true,
      };
      if (e.income.type === 'bijstand') {
        received += monthly;
        // The rules' amount counts in its place (see the module comment).
        if (assistanceByRules > 0) {
          line.counts = false;
          line.why = 'replaced-by-rules';
        }
      }
      const holidayId = HOLIDAY_PAY[e.income.type];
      if (line.holidayPay > 0 && holidayId) {
        notes.push(
          reason(
            'ledger-holiday-pay',
            {
              income: label(e.income.type),
              whose: label(WHOSE[person.role]),
              paid: money(line.monthlyPaid),
              monthly: money(line.monthly),
              percentage: rate(p.rate(holidayId)),
            },
            p.source(holidayId),
          ),
        );
      }
      lines.push(line);
    }
  }
  return { lines, received };
}

/**
 * A scheme's amount per month: the monthly payment of a scheme paid every month (a toeslag's advance
 * as Dienst Toeslagen pays it), and a quarterly or yearly amount spread over the year, like holiday pay.
 */
function perMonth(s: SchemeOutcome, p: ParameterReader): number {
  const paid = p.rulebook.schemes[s.id]?.paid ?? p.municipality?.schemes.find((m) => m.id === s.id)?.paid;
  if (paid === 'month' || s.yearly === 0) return s.monthly;
  return roundDiv(s.yearly, 12);
}

/** The household's ledger: built after the schemes, from the facts and the schemes' outcomes. */
export function buildLedger(f: Facts, p: ParameterReader, schemes: readonly SchemeOutcome[]): Ledger {
  const notes: Reason[] = [];
  let assistance: SchemeOutcome | undefined;
  for (const s of schemes) if (ASSISTANCE.has(s.id) && pays(s) && s.monthly > 0) assistance = s;
  const assistanceByRules = assistance?.monthly ?? 0;
  const { lines: incomes, received } = incomeLines(f, assistanceByRules, p, notes);

  if (assistance && received > 0 && Math.abs(received - assistanceByRules) >= SAME_WITHIN) {
    notes.push(
      reason(
        received < assistanceByRules ? 'ledger-received-less' : 'ledger-received-more',
        {
          scheme: scheme(assistance.id),
          received: money(received),
          rules: money(assistanceByRules),
        },
        p.rulebook.schemes[assistance.id]?.legal,
      ),
    );
  }

  const schemeLines: LedgerScheme[] = [];
  for (const s of schemes) {
    const why = schemeExclusion(s);
    schemeLines.push({
      id: s.id,
      kind: s.kind,
      status: s.status,
      // A `maybe` keeps its amount, to show apart; a tax relief lowers a cost instead (see costs).
      monthly: s.kind === 'tax-relief' || !(pays(s) || s.status === 'maybe') ? 0 : perMonth(s, p),
      counts: why === undefined,
      why,
    });
  }

  const costs: LedgerCost[] = [];
  const h = f.household;
  if (h.housing.type === 'rent') {
    costs.push({ key: 'rent', entered: h.housing.rent, monthly: h.housing.rent });
    if (h.housing.serviceCosts > 0) costs.push({ key: 'serviceCosts', entered: h.housing.serviceCosts, monthly: h.housing.serviceCosts });
  }
  const forgiven = schemes.find((s) => s.id === 'kwijtschelding');
  for (const key of COST_KEYS) {
    const v = h.costs[key as CostKey];
    if (v === undefined || v === 0) continue;
    const line: LedgerCost = { key, entered: v, monthly: v };
    if (key === 'localTaxes' && forgiven && pays(forgiven) && !forgiven.amountVaries && forgiven.monthly > 0) {
      line.monthly = Math.max(0, v - forgiven.monthly);
      line.lowered = { by: 'kwijtschelding', monthly: v - line.monthly };
    }
    costs.push(line);
  }

  let income = 0;
  for (const l of incomes) if (l.counts) income += l.monthly;
  let fromSchemes = 0;
  for (const l of schemeLines) if (l.counts) fromSchemes += l.monthly;
  let fixed = 0;
  for (const l of costs) fixed += l.monthly;
  return {
    incomes,
    schemes: schemeLines,
    costs,
    keep: { income, schemes: fromSchemes, costs: fixed, monthly: income + fromSchemes - fixed },
    notes,
  };
}
