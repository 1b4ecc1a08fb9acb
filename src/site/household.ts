/**
 * From the site's answers to the household of the check contract (v1, euros). Only answers that
 * apply are used: an old partner age stays in the answers (so nothing is lost when someone changes
 * their mind) but does not reach the engine when "no partner" is chosen.
 */
import type { Language } from '../engine/rulebook.ts';
import type { Role } from '../engine/types.ts';
import {
  BASES,
  costKeys,
  incomeFieldNames,
  incomePeople,
  incomeTypesOf,
  listOf,
  municipalityOf,
  parseAmount,
  parseHours,
  people,
  PERIODS,
  possibleStudents,
  type Answers,
} from './answers.ts';
import type { PlaceIndex } from './places.ts';

export interface ContractHousehold {
  referenceDate?: string;
  municipality: string;
  language: Language;
  people: { id: string; role: Role; age: number; student?: boolean }[];
  incomes: { person: string; type: string; amount: number; period: string; basis: string }[];
  assets: number;
  housing: { type: 'rent'; rent: number; serviceCosts?: number } | { type: 'owner' | 'lodger' | 'none' };
  costs: Record<string, number>;
  receiving: string[];
}

const ROLES: Record<string, Role> = { a: 'applicant', p: 'partner', c: 'child', k: 'adult-child', h: 'housemate' };

function euros(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const r = parseAmount(text);
  return r.ok ? r.value : undefined;
}

/** The household for `runCheck`; the answers must have passed validation. */
export function answersToHousehold(a: Answers, language: Language, places: PlaceIndex, referenceDate?: string): ContractHousehold {
  const students = new Set(listOf(a.students).filter((k) => possibleStudents(a).some((p) => p.key === k)));
  const persons = people(a).map((p) => {
    const out: ContractHousehold['people'][number] = { id: p.key, role: ROLES[p.kind]!, age: p.age ?? 0 };
    if (students.has(p.key)) out.student = true;
    return out;
  });
  const incomes: ContractHousehold['incomes'] = [];
  for (const p of incomePeople(a)) {
    for (const type of incomeTypesOf(a, p.key)) {
      const f = incomeFieldNames(p.key, type);
      const amount = euros(a[f.amount]);
      if (amount === undefined) continue;
      const period = (PERIODS as readonly string[]).includes(a[f.period] ?? '') ? a[f.period]! : 'month';
      const basis = (BASES as readonly string[]).includes(a[f.basis] ?? '') ? a[f.basis]! : 'net';
      incomes.push({ person: p.key, type, amount, period, basis });
    }
  }
  const costs: Record<string, number> = {};
  for (const k of costKeys(a)) {
    const v = euros(a[`cost.${k}`]);
    if (v !== undefined) costs[k] = v;
  }
  let housing: ContractHousehold['housing'];
  if (a.housing === 'rent') {
    housing = { type: 'rent', rent: euros(a.rent) ?? 0 };
    const service = euros(a.serviceCosts);
    if (service !== undefined) housing.serviceCosts = service;
  } else if (a.housing === 'owner' || a.housing === 'lodger' || a.housing === 'none') {
    housing = { type: a.housing };
  } else {
    housing = { type: 'none' };
  }
  const assets = Math.round(((euros(a.savings) ?? 0) - (euros(a.debts) ?? 0)) * 100) / 100;
  const household: ContractHousehold = {
    municipality: municipalityOf(a, places) ?? a.municipality ?? '',
    language,
    people: persons,
    incomes,
    assets,
    housing,
    costs,
    receiving: [...new Set(listOf(a.receiving))],
  };
  if (referenceDate) household.referenceDate = referenceDate;
  return household;
}

/** Hours per week of work the applicant (or partner) gave, for marking "now" in the what-if chart. */
export function hoursOf(a: Answers, person: string): number | undefined {
  const f = incomeFieldNames(person, 'wages');
  if (!f.hours || !incomeTypesOf(a, person).includes('wages')) return undefined;
  const v = a[f.hours];
  if (!v) return undefined;
  return parseHours(v);
}
