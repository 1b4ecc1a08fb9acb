/**
 * The household of the check contract v1 (`docs/contract/check-v1.md`), as a zod schema. The JSON
 * Schema served at `GET /api/v1/schema` is generated from it. Unknown fields are rejected.
 */
import { z } from 'zod';
import { LANGUAGES } from '../engine/rulebook.ts';
import { householdType } from '../engine/facts.ts';
import { INCOME_TYPES, ROLES, type COST_KEYS, type Household as EngineHousehold, type HouseholdType } from '../engine/types.ts';
import { toCents } from '../engine/money.ts';

export { LANGUAGES };

/** Most people in one household. */
export const MAX_PEOPLE = 20;

/** Largest amount we accept, in euros: far above any household, small enough for exact cents. */
export const MAX_EUROS = 10_000_000;

const hasAtMostTwoDecimals = (v: number): boolean => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

const isoDate = z.iso.date();

/** Euros with at most two decimals. */
export const euros = (min = 0) =>
  z
    .number()
    .min(min)
    .max(MAX_EUROS)
    .refine(hasAtMostTwoDecimals, { params: { code: 'too-many-decimals' } });

/** A toetsingsinkomen in `annualTaxableIncome`, in euros per year. */
export const taxableIncomeSchema = euros();

export const personSchema = z.strictObject({
  id: z.string().min(1).max(40),
  role: z.enum(ROLES),
  age: z.number().int().min(0).max(120),
  student: z.boolean().optional(),
  inInstitution: z.boolean().optional(),
  /** Date of birth, when known; must agree with `age` on the reference date. */
  birthDate: isoDate.optional(),
});

export const incomeSchema = z.strictObject({
  person: z.string().min(1).max(40),
  type: z.enum(INCOME_TYPES),
  amount: euros(),
  period: z.enum(['month', 'four-weeks', 'year']),
  basis: z.enum(['net', 'gross']),
  /** First day of this income, when known; new work can earn a temporary disregard in bijstand. */
  since: isoDate.optional(),
});

export const housingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rent'), rent: euros(), serviceCosts: euros().optional() }),
  z.strictObject({ type: z.literal('owner') }),
  z.strictObject({ type: z.literal('lodger') }),
  z.strictObject({ type: z.literal('none') }),
]);

export const costsSchema = z.strictObject({
  healthInsurancePremium: euros().optional(),
  energy: euros().optional(),
  water: euros().optional(),
  localTaxes: euros().optional(),
  debtRepayments: euros().optional(),
  childcare: euros().optional(),
} satisfies Record<(typeof COST_KEYS)[number], unknown>);

export const householdSchema = z
  .strictObject({
    referenceDate: isoDate.optional(),
    municipality: z.string().regex(/^GM\d{4}$/),
    language: z.enum(LANGUAGES).optional(),
    people: z.array(personSchema).min(1).max(MAX_PEOPLE),
    incomes: z.array(incomeSchema).max(60).optional(),
    annualTaxableIncome: z.record(z.string().min(1).max(40), taxableIncomeSchema).optional(),
    assets: euros(-MAX_EUROS).optional(),
    housing: housingSchema.optional(),
    costs: costsSchema.optional(),
    receiving: z.array(z.string().min(1).max(60)).max(40).optional(),
  })
  .superRefine((h, ctx) => {
    const applicants = h.people.filter((p) => p.role === 'applicant').length;
    if (applicants !== 1) ctx.addIssue({ code: 'custom', path: ['people'], params: { code: 'one-applicant' }, message: 'one-applicant' });
    if (h.people.filter((p) => p.role === 'partner').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['people'], params: { code: 'one-partner' }, message: 'one-partner' });
    }
    const ids = new Set<string>();
    h.people.forEach((p, i) => {
      if (ids.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], params: { code: 'duplicate-person' }, message: 'duplicate-person' });
      ids.add(p.id);
      if (p.role === 'child' && p.age >= 18)
        ctx.addIssue({ code: 'custom', path: ['people', i, 'age'], params: { code: 'child-age' }, message: 'child-age' });
      if (p.role === 'adult-child' && p.age < 18)
        ctx.addIssue({ code: 'custom', path: ['people', i, 'age'], params: { code: 'adult-child-age' }, message: 'adult-child-age' });
      if ((p.role === 'applicant' || p.role === 'partner') && p.age < 16)
        ctx.addIssue({ code: 'custom', path: ['people', i, 'age'], params: { code: 'adult-age' }, message: 'adult-age' });
    });
    (h.incomes ?? []).forEach((inc, i) => {
      if (!ids.has(inc.person))
        ctx.addIssue({ code: 'custom', path: ['incomes', i, 'person'], params: { code: 'unknown-person' }, message: 'unknown-person' });
    });
    // One income per person at most: a body with thousands of keys gets one issue, not thousands.
    const taxableIds = Object.keys(h.annualTaxableIncome ?? {});
    if (taxableIds.length > MAX_PEOPLE)
      ctx.addIssue({ code: 'custom', path: ['annualTaxableIncome'], params: { code: 'too-many', max: MAX_PEOPLE }, message: 'too-many' });
    else
      for (const id of taxableIds) {
        if (!ids.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['annualTaxableIncome', id],
            params: { code: 'unknown-person' },
            message: 'unknown-person',
          });
      }
    const receiving = h.receiving ?? [];
    if (new Set(receiving).size !== receiving.length)
      ctx.addIssue({ code: 'custom', path: ['receiving'], params: { code: 'duplicate-scheme' }, message: 'duplicate-scheme' });
  });

export type HouseholdInput = z.infer<typeof householdSchema>;

/**
 * The same schema compiled by zod into generated code (`z.compile`): about four times faster on
 * valid input, which is nearly all of batch screening. Invalid input falls back to zod's runtime
 * parser, so errors are exactly zod's own. Zod holds the two paths equal; test/contract checks that
 * they agree on generated and on broken households. Only the server and the command line use it.
 */
export const householdParser = z.compile(householdSchema);

/** Converts a validated contract household (euros) to the engine's household (cents). */
export function toEngineHousehold(input: HouseholdInput, today: string): EngineHousehold {
  const housing = input.housing ?? { type: 'none' as const };
  return {
    referenceDate: input.referenceDate ?? today,
    municipality: input.municipality,
    language: input.language ?? 'nl',
    people: input.people.map((p) => ({
      id: p.id,
      role: p.role,
      age: p.age,
      student: p.student ?? false,
      inInstitution: p.inInstitution ?? false,
      birthDate: p.birthDate,
    })),
    incomes: (input.incomes ?? []).map((i) => ({ ...i, amount: toCents(i.amount) })),
    annualTaxableIncome: Object.fromEntries(Object.entries(input.annualTaxableIncome ?? {}).map(([k, v]) => [k, toCents(v)])),
    assets: toCents(input.assets ?? 0),
    housing:
      housing.type === 'rent' ? { type: 'rent', rent: toCents(housing.rent), serviceCosts: toCents(housing.serviceCosts ?? 0) } : housing,
    costs: Object.fromEntries(
      Object.entries(input.costs ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toCents(v as number)]),
    ),
    receiving: input.receiving ?? [],
  };
}

/** The household type the rules use (single, single parent, couple, couple with children), for campaigns that select on it. */
export function typeOfHousehold(household: Pick<EngineHousehold, 'people'>): HouseholdType {
  const people = household.people;
  return householdType(
    people.find((p) => p.role === 'partner'),
    people.filter((p) => p.role === 'child'),
  );
}

/** JSON Schema (draft 2020-12) of the household input, generated from the zod schema. */
export function householdJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://rondkomen.nl/api/v1/schema',
    title: 'Rondkomen check v1: household',
    ...z.toJSONSchema(householdSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
