/**
 * The check: one household in, every scheme with status, amount and reasons out, plus the
 * disposable-income test and a receipt. Pure: no I/O, no clock (the caller gives the date).
 */
import { ageOn } from './dates.ts';
import { disposableIncome } from './disposable-income.ts';
import { deriveFacts } from './facts.ts';
import { buildLedger } from './ledger.ts';
import { knownSchemeIds, municipalityExists } from './known.ts';
import { isProvisional, ParameterReader } from './parameters.ts';
import { count, money, reason, text } from './reasons.ts';
import type { MunicipalScheme, Rulebook } from './rulebook.ts';
import { namedSource } from './sources.ts';
import { bijstand } from './rules/bijstand.ts';
import { huurtoeslag } from './rules/huurtoeslag.ts';
import { kinderbijslag } from './rules/kinderbijslag.ts';
import { kindgebondenBudget } from './rules/kindgebonden-budget.ts';
import { kwijtschelding } from './rules/kwijtschelding.ts';
import { municipalScheme } from './rules/municipal-scheme.ts';
import { zorgtoeslag } from './rules/zorgtoeslag.ts';
import type { CheckOutcome, Household, Reason, SchemeOutcome } from './types.ts';
import { ENGINE_VERSION } from './version.ts';

/** Input that is well-formed but does not fit the rulebook (unknown municipality, date out of range). */
export class CheckInputError extends Error {
  readonly issues: { path: string; code: string; params: Record<string, string> }[];
  constructor(issues: CheckInputError['issues']) {
    super(issues.map((i) => `${i.path}: ${i.code}`).join('; '));
    this.name = 'CheckInputError';
    this.issues = issues;
  }
}

const generic = new WeakMap<Rulebook, MunicipalScheme[]>();

/**
 * The municipal schemes every municipality must run (`generic` in content/schemes/), as municipal
 * schemes with the national conditions only: the amount varies and no income limit is set.
 */
export function genericSchemes(rulebook: Rulebook): MunicipalScheme[] {
  let list = generic.get(rulebook);
  if (!list) {
    list = [];
    for (const s of Object.values(rulebook.schemes)) {
      if (!s.generic) continue;
      list.push({
        id: s.id,
        legal: s.legal,
        paid: s.paid,
        apply: s.apply ?? { url: s.legal.url },
        conditions: s.generic.conditions,
        amount: { type: 'varies' },
        exOfficio: [],
        texts: s.texts,
      });
    }
    list.sort((a, b) => a.id.localeCompare(b.id));
    generic.set(rulebook, list);
  }
  return list;
}

export function validateAgainstRulebook(household: Household, rulebook: Rulebook): void {
  const issues: CheckInputError['issues'] = [];
  const date = household.referenceDate;
  if (date < rulebook.validFrom || date > rulebook.validTo) {
    issues.push({ path: 'referenceDate', code: 'date-out-of-range', params: { from: rulebook.validFrom, to: rulebook.validTo } });
  }
  if (!municipalityExists(rulebook, household.municipality, date)) {
    issues.push({ path: 'municipality', code: 'unknown-municipality', params: { code: household.municipality } });
  }
  for (let i = 0; i < household.people.length; i++) {
    const p = household.people[i]!;
    if (p.birthDate && ageOn(p.birthDate, date) !== p.age)
      issues.push({ path: `people.${i}.birthDate`, code: 'birthdate-age', params: {} });
  }
  const known = knownSchemeIds(rulebook);
  for (let i = 0; i < household.receiving.length; i++) {
    const id = household.receiving[i]!;
    if (!known.has(id)) issues.push({ path: `receiving.${i}`, code: 'unknown-scheme', params: { id } });
  }
  if (issues.length > 0) throw new CheckInputError(issues);
}

/** What a scheme pays per month: its amount when eligible or already received, else nothing. */
function paidMonthly(s: SchemeOutcome): number {
  return s.status === 'eligible' || s.status === 'already-receiving' ? s.monthly : 0;
}

export function check(household: Household, rulebook: Rulebook): CheckOutcome {
  validateAgainstRulebook(household, rulebook);
  const municipality = Object.hasOwn(rulebook.municipalities, household.municipality)
    ? rulebook.municipalities[household.municipality]
    : undefined;
  const root = new ParameterReader(rulebook, household.referenceDate, municipality);
  const f = deriveFacts(household, root);
  const notes: Reason[] = [];
  if (f.toeslagInkomenEstimated)
    notes.push(
      reason('toetsingsinkomen-estimated', { income: money(f.toeslagInkomen) }, namedSource(rulebook, 'toetsingsinkomen-geschat')),
    );

  const schemes: SchemeOutcome[] = [];
  const pw = bijstand(f, root.fork());
  schemes.push(pw);
  const bijstandTopUp = pw.status === 'eligible' ? pw.monthly : 0;
  const zt = zorgtoeslag(f, root.fork());
  const ht = huurtoeslag(f, root.fork());
  schemes.push(zt, ht, kindgebondenBudget(f, root.fork()), kinderbijslag(f, root.fork()));
  // A council's kwijtschelding percentage from content/choices/, for a municipality without its own file.
  const choices = Object.hasOwn(rulebook.councilChoices, household.municipality)
    ? rulebook.councilChoices[household.municipality]
    : undefined;
  schemes.push(
    kwijtschelding(f, root.fork(), {
      bijstandTopUp,
      huurtoeslagMonthly: paidMonthly(ht),
      zorgtoeslagMonthly: paidMonthly(zt),
      councilNorm: choices?.['kwijtschelding/norm-percentage'],
    }),
  );

  const placeName = rulebook.places[household.municipality]!.name;
  if (municipality) {
    for (const s of municipality.schemes) schemes.push({ ...municipalScheme(s, f, root.fork(), { bijstandTopUp }), figures: 'own' });
  } else {
    notes.push(reason('municipality-no-data', { name: text(placeName) }, namedSource(rulebook, 'gemeentelijke-regelingen')));
  }
  // The schemes every municipality must run, with only what national law says where the council's own
  // figures are not in content: `maybe`, no income limit and no amount guessed.
  for (const g of genericSchemes(rulebook)) {
    if (municipality?.schemes.some((s) => s.id === g.id)) continue;
    const out = municipalScheme(g, f, root.fork(), { bijstandTopUp });
    const own = reason('municipal-generic', { name: text(placeName) }, g.legal);
    // A yearly supplement's amount is the council's, not "depends on your costs": the first reason says so.
    const rest = g.paid === 'varies' ? out.reasons : out.reasons.filter((r) => r.code !== 'amount-varies');
    schemes.push({ ...out, reasons: [own, ...rest], figures: 'generic' });
  }

  const incomeParameters = root.unverified();
  if (incomeParameters.length > 0 && f.toeslagInkomenEstimated)
    notes.push(reason('estimate-unverified-parameters', {}, namedSource(rulebook, 'toetsingsinkomen-geschat')));

  const ledger = buildLedger(f, root.fork(), schemes);
  const disposable = disposableIncome(f, root.fork(), ledger);
  const provisional = usesProvisional(rulebook, household.referenceDate, schemes, disposable.unverified, incomeParameters);
  if (provisional) notes.unshift(provisionalNote(rulebook, household.referenceDate, schemes));
  return {
    referenceDate: household.referenceDate,
    municipality: { code: household.municipality, name: rulebook.places[household.municipality]!.name, known: municipality !== undefined },
    household: { type: f.type, kostendelers: f.kostendelers, size: f.size },
    schemes,
    disposableIncome: disposable,
    ledger,
    notes,
    receipt: {
      engine: ENGINE_VERSION,
      parameters: rulebook.version,
      referenceDate: household.referenceDate,
      provisional,
    },
  };
}

/** At most this many schemes are named in the note on values that are not yet published. */
const MAX_NAMED = 3;

/**
 * One plain note for the whole result when amounts rest on values that are not yet published: which
 * schemes (with an amount) it concerns, and that last year's amounts are used for now.
 */
function provisionalNote(rulebook: Rulebook, date: string, schemes: readonly SchemeOutcome[]): Reason {
  const year = Number(date.slice(0, 4));
  const affected: string[] = [];
  for (const s of schemes) {
    if (s.status === 'not-eligible') continue;
    if (s.unverified.some((id) => isProvisional(rulebook, id, date))) affected.push(s.id);
  }
  const params = { year: count(year), previous: count(year - 1) };
  // A few schemes are named; a long list would hide the message, so then it speaks of "a part".
  return affected.length > 0 && affected.length <= MAX_NAMED
    ? reason('provisional-values', { ...params, schemes: { schemes: affected } }, namedSource(rulebook, 'regelkalender'))
    : reason('provisional-values-general', params, namedSource(rulebook, 'regelkalender'));
}

/** Whether any value behind the result is provisional: the unverified ids are few, so this is a short walk. */
function usesProvisional(rulebook: Rulebook, date: string, schemes: readonly SchemeOutcome[], ...more: (readonly string[])[]): boolean {
  for (const s of schemes) for (const id of s.unverified) if (isProvisional(rulebook, id, date)) return true;
  for (const ids of more) for (const id of ids) if (isProvisional(rulebook, id, date)) return true;
  return false;
}
