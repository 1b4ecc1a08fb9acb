/**
 * The engine's own view of a household and of a result: the check contract (v1) with money in
 * eurocents. `src/contract/` converts between this and the public JSON (euros) at the edge.
 */
import type { Language, LegalSource } from './rulebook.ts';
import type { Period } from './money.ts';

/** The roles of a person in a household: the one list the contract, the content schema and the site derive from. */
export const ROLES = ['applicant', 'partner', 'child', 'adult-child', 'housemate'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: string;
  role: Role;
  age: number;
  student: boolean;
  inInstitution: boolean;
  /** Date of birth, when known (municipal data): lets batch screening see birthdays coming. */
  birthDate?: string | undefined;
}

export const INCOME_TYPES = [
  'wages',
  'self-employment',
  'benefit-ww',
  'benefit-wia',
  'benefit-wajong',
  'aow',
  'pension',
  'bijstand',
  'alimony',
  'student-finance',
  'other',
] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];

export interface Income {
  person: string;
  type: IncomeType;
  /** Cents per period. */
  amount: number;
  period: Period;
  basis: 'net' | 'gross';
  /** First day of this income, when known (for example new work: the Participatiewet disregard). */
  since?: string | undefined;
}

export type Housing = { type: 'rent'; rent: number; serviceCosts: number } | { type: 'owner' } | { type: 'lodger' } | { type: 'none' };

export const COST_KEYS = ['healthInsurancePremium', 'energy', 'water', 'localTaxes', 'debtRepayments', 'childcare'] as const;
export type CostKey = (typeof COST_KEYS)[number];

export interface Household {
  referenceDate: string;
  municipality: string;
  language: Language;
  people: Person[];
  incomes: Income[];
  /** Toetsingsinkomen per person id, in cents per year, when known. */
  annualTaxableIncome: Record<string, number>;
  /** Cents; savings and other wealth minus debts. */
  assets: number;
  housing: Housing;
  /** Cents per month; absent when not given. */
  costs: Partial<Record<CostKey, number>>;
  receiving: string[];
}

export type Status = 'eligible' | 'maybe' | 'not-eligible' | 'already-receiving';

/** A conclusion with a stable code; `params` fill the plain-language text in any language. */
export interface Reason {
  code: string;
  params: Record<string, ReasonParam>;
  source: LegalSource | undefined;
}

export type ReasonParam =
  | { money: number }
  | { rate: number }
  | { count: number }
  | { text: string }
  | { scheme: string }
  /** Several schemes, said as a list in the reader's language ("zorgtoeslag en huurtoeslag"). */
  | { schemes: string[] }
  | { date: string }
  /** A label of the line-label catalogue (an income type, a cost, "you", "your partner"). */
  | { label: string }
  /** A text from content in every language (for example a municipality's condition). */
  | { texts: Record<Language, string> };

export interface SchemeOutcome {
  id: string;
  kind: 'benefit' | 'allowance' | 'tax-relief' | 'municipal';
  status: Status;
  /** Cents. */
  monthly: number;
  yearly: number;
  quarterly?: number | undefined;
  /** The amount depends on actual costs; `monthly`/`yearly` are 0 and do not mean "nothing". */
  amountVaries: boolean;
  /** The amount rests on an estimated toetsingsinkomen or on other assumptions. */
  estimate: boolean;
  reasons: Reason[];
  missing: Reason[];
  exOfficio: { possible: boolean; basis?: Reason | undefined };
  /** Ids of parameters this conclusion used whose values are not verified against an official source. */
  unverified: string[];
  /**
   * For a scheme the council decides (municipal schemes and kwijtschelding): `own` when content holds the
   * council's own figures, `generic` when only the national rules are known (no income limit, no amount).
   */
  figures?: 'own' | 'generic' | undefined;
}

export interface DisposableIncomeLine {
  /** An income type, a scheme id, or a cost key. */
  key: string;
  /** Person id for incomes, when it belongs to one person. */
  person?: string | undefined;
  monthly: number;
  /** Whether the line counts in the test (child benefits and costs the norm covers are shown, not counted). */
  counted: boolean;
  /** Why a line does not count. */
  why?: DisposableIncomeExclusion | undefined;
}

export type DisposableIncomeExclusion = 'child-benefit' | 'in-norm' | 'replaced-by-rules';

/** Why an amount is shown but not counted in what you keep. */
export type LedgerExclusion = 'replaced-by-rules' | 'maybe' | 'not-eligible' | 'amount-varies' | 'lowers-a-cost';

/** One income as entered and as counted, in cents. */
export interface LedgerIncome {
  person: string;
  type: IncomeType;
  /** As the household gave it: cents per period, net or gross. */
  entered: { amount: number; period: Period; basis: 'net' | 'gross' };
  /** Net per month as paid, without holiday pay that is paid once a year. */
  monthlyPaid: number;
  /** Net per month averaged over the year, with holiday pay: what the rules count. */
  monthly: number;
  /** The holiday pay inside `monthly`, per month (0 when none). */
  holidayPay: number;
  counts: boolean;
  why?: LedgerExclusion | undefined;
}

/** One scheme's amount per month (a quarterly or yearly amount spread over the year), in cents. */
export interface LedgerScheme {
  id: string;
  kind: SchemeOutcome['kind'];
  status: Status;
  monthly: number;
  counts: boolean;
  why?: LedgerExclusion | undefined;
}

export interface LedgerCost {
  key: 'rent' | 'serviceCosts' | CostKey;
  /** As given, cents per month. */
  entered: number;
  /** What the household pays, cents per month: lower when kwijtschelding forgives local taxes. */
  monthly: number;
  lowered?: { by: 'kwijtschelding'; monthly: number } | undefined;
}

/**
 * The household's money on one date, every figure once (see ledger.ts). `keep` is what you keep
 * (wat je overhoudt): counted income + counted schemes − fixed costs, per month.
 */
export interface Ledger {
  incomes: LedgerIncome[];
  schemes: LedgerScheme[];
  costs: LedgerCost[];
  keep: { income: number; schemes: number; costs: number; monthly: number };
  /** Sentences about the figures: holiday pay added, received and the rules' amount differing. */
  notes: Reason[];
}

export interface DisposableIncome {
  income: { monthly: number; lines: DisposableIncomeLine[] };
  fixedCosts: { monthly: number; lines: DisposableIncomeLine[] };
  disposable: { monthly: number };
  norm: { monthly: number; reasons: Reason[] };
  difference: { monthly: number };
  status: 'below-norm' | 'above-norm';
  steps: Reason[];
  unverified: string[];
}

export type HouseholdType = 'single' | 'single-parent' | 'couple' | 'couple-with-children';

export interface CheckOutcome {
  referenceDate: string;
  municipality: { code: string; name: string; known: boolean };
  household: { type: HouseholdType; kostendelers: number; size: number };
  schemes: SchemeOutcome[];
  disposableIncome: DisposableIncome;
  /** Every figure of the household's money, once. */
  ledger: Ledger;
  /** Reasons about the household as a whole (estimates made, assumptions). */
  notes: Reason[];
  /**
   * `provisional`: the result used at least one value that is not yet published (the last known
   * value carried forward, content says which document will set it).
   */
  receipt: { engine: string; parameters: string; referenceDate: string; provisional: boolean };
}
