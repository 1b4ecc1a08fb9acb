/**
 * Names that live on Object.prototype (`constructor`, `toString`, `__proto__`, `valueOf`, …): as ids
 * or keys in user data, a plain-object lookup finds a function or an object instead of nothing.
 * Generated households with such ids, for property tests of every entry point of the check.
 */
import { generateHousehold, random } from '../bench/households.ts';

export const PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

export interface IdCase {
  /** The household with one person's id replaced by a name of Object.prototype, as JSON text. */
  json: string;
  /** The same household with an ordinary id in its place: the result must not differ. */
  twin: string;
  name: string;
  role: string;
}

function renamed(h: Record<string, unknown>, from: string, to: string): string {
  const people = (h.people as { id: string }[]).map((p) => (p.id === from ? { ...p, id: to } : p));
  const incomes = (h.incomes as { person: string }[]).map((i) => (i.person === from ? { ...i, person: to } : i));
  const taxable = h.annualTaxableIncome as Record<string, number> | undefined;
  // Built as text: an object literal with a `__proto__` key would set the prototype instead.
  const rest: Record<string, unknown> = { ...h, people, incomes };
  delete rest.annualTaxableIncome;
  const body = JSON.stringify(rest).slice(0, -1);
  if (!taxable) return `${body}}`;
  const entries = Object.entries(taxable).map(([k, v]) => `${JSON.stringify(k === from ? to : k)}:${v}`);
  return `${body},"annualTaxableIncome":{${entries.join(',')}}}`;
}

/**
 * `count` households (all roles, incomes, housing, both years' rules), each with one person renamed
 * to a name of Object.prototype, and sometimes a given taxable income for that person or another.
 */
export function prototypeIdCases(count: number, seed = 15): IdCase[] {
  const rand = random(seed);
  const out: IdCase[] = [];
  for (let i = 0; i < count; i++) {
    const h = generateHousehold(rand, i);
    delete h.id;
    const people = h.people as { id: string; role: string }[];
    const person = people[Math.floor(rand() * people.length)]!;
    const name = PROTOTYPE_NAMES[i % PROTOTYPE_NAMES.length]!;
    if (rand() < 0.4) {
      const taxable: Record<string, number> = {};
      for (const p of people) if (p.role !== 'child' && rand() < 0.6) taxable[p.id] = Math.round(rand() * 4_000_000) / 100;
      if (Object.keys(taxable).length > 0) h.annualTaxableIncome = taxable;
    }
    out.push({ json: renamed(h, person.id, name), twin: renamed(h, person.id, `neutral-${i}`), name, role: person.role });
  }
  return out;
}

/** The result without what may differ between two runs or two ids: the time, and the id itself. */
export function comparable(result: unknown, id: string): string {
  const { receipt, ...rest } = result as { receipt: Record<string, unknown> };
  const stable = { ...receipt };
  delete stable.computedAt;
  return JSON.stringify({ ...rest, receipt: stable }).replaceAll(JSON.stringify(id), '"<id>"');
}

/** Amounts that are not finite numbers (`null` from NaN) anywhere in a result. */
export function brokenAmounts(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (typeof value === 'string') return /NaN|\[object |function /.test(value) ? [path] : [];
  if (typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => brokenAmounts(v, `${path}.${k}`));
}
