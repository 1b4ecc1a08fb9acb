/**
 * The compiled rulebook: every parameter, scheme and municipality from `content/`, validated and
 * converted to the integer units the engine computes with. It is plain data (JSON-serialisable), so the
 * same rulebook can be loaded from disk on the server or shipped to the browser.
 *
 * Integer units:
 * - money (`EUR`, `EUR/month`, ...) in eurocents;
 * - rates (`percent`) in parts per million: 1.912 % is 19_120;
 * - `years`, `months`, `count` as whole numbers;
 * - `factor` as the decimal times 10^12 (a whole number);
 * - `scale`: a base amount in cents and brackets with a lower bound in cents and a marginal rate in ppm.
 */
import type { Role } from './types.ts';

/** The languages of the site, the mails and the rules' texts: the one list every other place derives from. */
export const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Provenance = 'official' | 'municipal' | 'secondary' | 'derived';
export type Unit =
  'EUR' | 'EUR/day' | 'EUR/week' | 'EUR/month' | 'EUR/quarter' | 'EUR/year' | 'percent' | 'years' | 'months' | 'count' | 'factor' | 'scale';

export type Texts = Record<Language, string>;

export interface LegalSource {
  title: string;
  bwb?: string | undefined;
  cvdr?: string | undefined;
  article?: string | undefined;
  url: string;
}

export interface Evidence {
  title: string;
  url: string;
  publication?: string | undefined;
  note?: string | undefined;
}

export interface Scale {
  /** Amount at zero income, in cents. */
  base: number;
  /** Lower bound in cents per year and marginal rate in ppm, ascending. */
  brackets: { from: number; rate: number }[];
}

export interface DatedValue {
  from: string;
  /** Inclusive. */
  to: string;
  value: number | Scale;
  provenance: Provenance;
  evidence: Evidence;
  unverified: boolean;
  /**
   * True when the official value for this period is not yet published and the last known value is
   * carried forward; `awaiting` then names the calendar document that will set it.
   */
  provisional: boolean;
  /** Id of the document in the rules calendar that will set or confirm this value. */
  awaiting?: string | undefined;
  note?: string | undefined;
}

export interface Parameter {
  id: string;
  title: { nl: string; en: string };
  unit: Unit;
  source: LegalSource;
  values: DatedValue[];
  /** Why it has no value after its last one, when that ends before the rulebook's period does. */
  lapsed?: string | undefined;
}

export type SchemeKind = 'benefit' | 'allowance' | 'tax-relief' | 'municipal';
export type Paid = 'month' | 'quarter' | 'year' | 'once' | 'varies';

export interface SchemeText {
  name: string;
  summary: string;
  who: string;
  amount: string;
  how: string;
  documents: string[];
  nextStep: string;
}

export interface Apply {
  url: string;
  phone?: string | undefined;
  deadline?: Texts | undefined;
}

export interface Scheme {
  id: string;
  kind: SchemeKind;
  administeredBy: Texts;
  legal: LegalSource;
  paid: Paid;
  apply?: Apply | undefined;
  texts: Record<Language, SchemeText>;
  /**
   * For a municipal scheme every municipality must run: the national conditions, used for residents
   * of a municipality without its own entry for the scheme (a generic scheme: `maybe`, no amount).
   */
  generic?: { conditions: Conditions } | undefined;
}

export type HouseholdTypeKey = 'single' | 'single-parent' | 'couple' | 'couple-with-children';

/** References to parameters (by id) inside compiled municipal schemes. */
export type ParameterRef = string;

export interface IncomeCondition {
  reference: 'bijstandsnorm' | 'wml-bruto';
  withKostendelersnorm: boolean;
  percent?: ParameterRef | undefined;
  percentSingle?: ParameterRef | undefined;
  percentMultiPerson?: ParameterRef | undefined;
}

export type AssetCondition =
  'participatiewet' | 'participatiewet-surplus' | 'none' | { single: ParameterRef; 'single-parent': ParameterRef; couple: ParameterRef };

export interface Conditions {
  applicantAge?: { min?: number; max?: number; belowAowAge?: boolean; aowAge?: boolean } | undefined;
  income?: IncomeCondition | undefined;
  assets?: AssetCondition | undefined;
  children?: { required: true; minAge?: number; maxAge?: number } | undefined;
  referencePeriodMonths?: number | undefined;
  notStudent?: boolean | undefined;
  judgement?: Texts[] | undefined;
}

export interface PersonAmount {
  who: 'child' | 'adult';
  minAge?: number | undefined;
  maxAge?: number | undefined;
  amount: ParameterRef;
}

/** An amount for a household type with a child of an age (`any` child, the `oldest` or the `youngest`). */
export interface ChildAgeAmount {
  household: 'single-parent' | 'couple';
  child: 'any' | 'oldest' | 'youngest';
  minAge: number;
  maxAge: number;
  amount: ParameterRef;
}

export type AmountRule =
  | {
      type: 'per-household-type';
      single: ParameterRef;
      'single-parent': ParameterRef;
      couple: ParameterRef;
      /** The first row that fits the household replaces its household type's amount. */
      byChildAge?: ChildAgeAmount[] | undefined;
      /** Added per child: `first` for the first, `next` (or `first` when absent) for each next child. */
      perChild?: { first: ParameterRef; next?: ParameterRef | undefined } | undefined;
      /** Added for each child whose age is in a range. */
      perChildByAge?: { minAge: number; maxAge: number; amount: ParameterRef }[] | undefined;
    }
  | { type: 'per-person'; persons: PersonAmount[] }
  | { type: 'fixed'; amount: ParameterRef }
  | { type: 'varies' };

export interface MunicipalScheme {
  id: string;
  legal: LegalSource;
  administeredBy?: Texts | undefined;
  paid: Paid;
  apply: Apply;
  conditions: Conditions;
  amount: AmountRule;
  exOfficio: { receiving: string }[];
  /** Texts of the scheme: its own, or those of the shared scheme with the same id. */
  texts: Record<Language, SchemeText>;
}

export interface Contact {
  name: string;
  url: string;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  hours?: Texts | undefined;
}

export interface Municipality {
  code: string;
  name: string;
  province: string;
  website: string;
  incomeService: Contact;
  taxOffice: Contact;
  postcodes: string[];
  /** When the tax office grants kwijtschelding without an application. */
  kwijtschelding?: { exOfficio: { receiving: string; source: LegalSource; note?: string | undefined }[] } | undefined;
  /** Municipal values that replace a national default, by the national parameter id. */
  parameterOverrides: Record<string, ParameterRef>;
  schemes: MunicipalScheme[];
}

/** A value in an event operation: a literal, or the answer to one of the event's questions. */
export type ValueRef = number | string | { input: string };

export type EventOperation =
  | { op: 'set-age'; person: ValueRef; age: ValueRef }
  | { op: 'add-years'; person: ValueRef; years: ValueRef }
  | { op: 'set-role'; person: ValueRef; role: Role }
  | { op: 'remove-person'; person: ValueRef }
  | { op: 'add-person'; id: string; role: 'partner' | 'child' | 'adult-child' | 'housemate'; age: ValueRef }
  | { op: 'remove-incomes'; person: ValueRef; types?: string[] | undefined }
  | { op: 'add-income'; person: ValueRef; type: string; amount: ValueRef; period: 'month' | 'four-weeks' | 'year'; basis: 'net' | 'gross' }
  | { op: 'add-work'; person: ValueRef; hours: ValueRef; hourlyWage?: ValueRef | undefined }
  | { op: 'set-municipality'; municipality: ValueRef }
  | { op: 'set-rent'; rent: ValueRef }
  | { op: 'stop-receiving'; schemes: string[] }
  | { op: 'set-reference-date'; date: ValueRef }
  | { op: 'next-year' };

export interface EventInputDefinition {
  id: string;
  type: 'person' | 'date' | 'number' | 'money' | 'municipality';
  roles?: Role[] | undefined;
  age?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  optional?: boolean | undefined;
}

export interface EventText {
  name: string;
  summary: string;
  inputs: Record<string, string>;
  todo: string[];
}

/** A life event: what it changes in a household, as operations on the household. */
export interface LifeEvent {
  id: string;
  requires?:
    | {
        roles?: ('partner' | 'child' | 'adult-child' | 'housemate')[] | undefined;
        noPartner?: boolean | undefined;
        belowAowAge?: boolean | undefined;
      }
    | undefined;
  inputs: EventInputDefinition[];
  operations: EventOperation[];
  /** Schemes whose payer learns of the event by itself (for example from birth dates in the BRP): no "report it" action for them. */
  payersKnow?: string[] | undefined;
  texts: Record<Language, EventText>;
}

/** Where to ask a municipality, from the government's register of organisations (content/contacts/). */
export interface MunicipalityContact {
  name: string;
  website: string;
  phone?: string | undefined;
  /** Postal address in one line. */
  address?: string | undefined;
  /** The record in the register, and the day the register was read. */
  register: string;
  retrieved: string;
}

/** A Dutch municipality from the CBS list, for picking by name and validating codes. */
export interface Place {
  code: string;
  name: string;
  province: string;
  from?: string | undefined;
  to?: string | undefined;
  aliases?: string[] | undefined;
}

/**
 * One dated version of a rule: which way of calculating applies from when to when (for example the
 * 2025 huurtoeslag normhuur, replaced by the linear taper in 2026). The version names are the
 * engine's own (see `RULE_VERSIONS` in rule-versions.ts); content chooses them by date.
 */
export interface RuleVersion {
  from: string;
  /** Inclusive. */
  to: string;
  version: string;
  source: LegalSource;
  /** True when no official text confirmed that this version is in force on these dates. */
  unverified?: boolean | undefined;
  note?: string | undefined;
}

export interface Rule {
  id: string;
  title: { nl: string; en: string };
  versions: RuleVersion[];
}

/** A document that sets parameters, and when it normally appears (the rules calendar). */
export interface CalendarDocument {
  id: string;
  title: string;
  publisher: string;
  url: string;
  /** The months (1–12) in which it normally appears. */
  months: number[];
  /** Months (1–12) in which the values it sets take effect, when not every month. */
  effective?: number[] | undefined;
  /** The parameters it sets (ids, or a folder prefix ending in `/`: the amounts and scales in it). */
  sets: string[];
  note?: string | undefined;
}

export interface Rulebook {
  /** Content version and hash, for example `2026.11-3f2a9c1b`. */
  version: string;
  validFrom: string;
  validTo: string;
  parameters: Record<string, Parameter>;
  /** Dated rule versions by rule id. */
  rules: Record<string, Rule>;
  /** The rules calendar: documents that set parameters, by id. */
  calendar: Record<string, CalendarDocument>;
  /** Sources of reasons that rest on no single parameter (content/sources.yaml), by id. */
  sources: Record<string, LegalSource>;
  schemes: Record<string, Scheme>;
  municipalities: Record<string, Municipality>;
  /** Every Dutch municipality by CBS code; those in `municipalities` also have their own schemes. */
  places: Record<string, Place>;
  /**
   * Council choices of municipalities without their own file: by CBS code, the national parameter id and
   * the id of the council's parameter that replaces it (content/choices/).
   */
  councilChoices: Record<string, Record<string, string>>;
  /** Where to ask, by CBS code (website, phone, postal address), where the register has the municipality. */
  contacts: Record<string, MunicipalityContact>;
  /** Life events by id. */
  events: Record<string, LifeEvent>;
  /** Tariffs of the local taxes kwijtschelding covers, by CBS code (content/local-taxes/). */
  localTaxes: Record<string, LocalTaxes>;
}

/** One local tax kwijtschelding covers, with its tariffs as parameters (ids into `parameters`). */
export interface LocalTax {
  id: 'afvalstoffenheffing' | 'rioolheffing';
  /** `user`: tenants and owner-occupiers get the assessment; `owner`: owner-occupiers only. */
  payer: 'user' | 'owner';
  source: LegalSource;
  /** One tariff for every household, or one for a household of one person and one for more persons. */
  tariffs: { all: ParameterRef } | { single: ParameterRef; 'multi-person': ParameterRef };
  note?: string | undefined;
}

export interface LocalTaxes {
  municipality: string;
  taxes: LocalTax[];
}
