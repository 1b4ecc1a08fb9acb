/**
 * The result and the errors of the check contract v1 as zod schemas: the same shapes as the
 * `PublicResult` and `ContractError` interfaces (a compile-time check below holds them equal), so the
 * OpenAPI document (openapi.ts) describes every response from one source. Objects are open: v1 only
 * ever adds optional fields, and a client ignores the ones it does not know.
 */
import { z } from 'zod';
import { INCOME_TYPES } from '../engine/types.ts';
import type { ContractError } from './errors.ts';
import type { PublicResult } from './result.ts';

const euros = () => z.number().meta({ description: 'Euros, at most two decimals.' });
const perMonth = () => euros().meta({ description: 'Euros per month.' });
const isoDate = () => z.iso.date();

const status = z.enum(['eligible', 'maybe', 'not-eligible', 'already-receiving']).meta({
  description:
    '`eligible`: the rules give it; `maybe`: we need to know more (see `missing`) or a person must judge; ' +
    '`not-eligible`; `already-receiving`: the household said it receives it.',
});

export const publicReasonSchema = z
  .object({
    code: z.string().meta({ description: 'Stable code of the conclusion.' }),
    text: z.string().meta({ description: 'The conclusion in plain language, in the requested language.' }),
    source: z.string().min(1).meta({
      description: "Legal basis (BWB or CVDR id and article, or a named publication), or Rondkomen's own estimate.",
    }),
    url: z.url().optional().meta({ description: 'Where the source can be read.' }),
  })
  .meta({ title: 'Reason' });

const amount = z.object({ monthly: euros(), yearly: euros(), quarterly: euros().optional() });

const unverifiedValue = z
  .object({
    parameter: z.string(),
    title: z.string(),
    reason: z.enum(['not-yet-published', 'unconfirmed']),
  })
  .meta({ description: 'A value behind a conclusion that no official text has confirmed yet.' });

const publicScheme = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['benefit', 'allowance', 'tax-relief', 'municipal']),
  administeredBy: z.string(),
  status,
  amount,
  amountVaries: z.boolean().meta({ description: 'The amount depends on actual costs; `amount` is then 0 and does not mean nothing.' }),
  estimate: z.boolean(),
  exOfficio: z.object({ possible: z.boolean(), basis: z.string().optional(), code: z.string().optional() }),
  reasons: z.array(publicReasonSchema),
  missing: z.array(publicReasonSchema),
  nextStep: z.object({ text: z.string(), url: z.string() }),
  unverified: z.array(unverifiedValue),
  figures: z
    .enum(['own', 'generic'])
    .optional()
    .meta({
      description:
        "Municipal schemes and kwijtschelding: `own` when content holds the council's own figures, `generic` when only " +
        'the national rules are known (no amount, no income limit guessed; ask the municipality, see `municipality.contact`).',
    }),
});

const publicLine = z.object({
  key: z.string(),
  label: z.string(),
  person: z.string().optional(),
  monthly: perMonth(),
  counted: z.boolean(),
  why: z.enum(['child-benefit', 'in-norm', 'replaced-by-rules']).optional().meta({ description: 'Why a line does not count.' }),
});

const ledgerExclusion = z
  .enum(['replaced-by-rules', 'maybe', 'not-eligible', 'amount-varies', 'lowers-a-cost'])
  .meta({ description: 'Why an amount is shown but not counted in what you keep.' });

const publicLedger = z
  .object({
    incomes: z.array(
      z.object({
        person: z.string(),
        type: z.enum(INCOME_TYPES),
        label: z.string(),
        entered: z.object({ amount: euros(), period: z.enum(['month', 'four-weeks', 'year']), basis: z.enum(['net', 'gross']) }),
        monthlyPaid: perMonth().meta({ description: 'Net per month as paid, without holiday pay paid once a year.' }),
        monthly: perMonth().meta({ description: 'Net per month averaged over the year, with holiday pay.' }),
        holidayPay: perMonth(),
        counts: z.boolean(),
        why: ledgerExclusion.optional(),
      }),
    ),
    schemes: z.array(
      z.object({ id: z.string(), name: z.string(), status, monthly: perMonth(), counts: z.boolean(), why: ledgerExclusion.optional() }),
    ),
    costs: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        entered: perMonth(),
        monthly: perMonth(),
        lowered: z.object({ by: z.string(), monthly: perMonth() }).optional(),
      }),
    ),
    keep: z.object({ income: perMonth(), schemes: perMonth(), costs: perMonth(), monthly: perMonth() }).meta({
      description: 'What you keep: counted income + counted schemes − fixed costs, per month.',
    }),
    notes: z.array(publicReasonSchema),
  })
  .meta({ description: "The household's money on the reference date, every figure once, in euros per month." });

export const publicResultSchema = z
  .object({
    referenceDate: isoDate(),
    municipality: z.object({
      code: z.string().regex(/^GM\d{4}$/),
      name: z.string(),
      hasSchemes: z
        .boolean()
        .meta({ description: 'The result lists municipal schemes (true for every municipality: at least the generic ones).' }),
      ownFigures: z.boolean().meta({ description: "Content holds the council's own schemes and figures." }),
      contact: z
        .object({
          name: z.string(),
          website: z.string(),
          phone: z.string().optional(),
          address: z.string().optional(),
          source: z.string().meta({ description: "The register of organisations' page for the municipality." }),
          retrieved: isoDate().meta({ description: 'The day the register was read.' }),
        })
        .optional()
        .meta({ description: 'Where to ask the municipality, from the government register of organisations (organisaties.overheid.nl).' }),
    }),
    household: z.object({
      type: z.enum(['single', 'single-parent', 'couple', 'couple-with-children']),
      kostendelers: z.number().int().min(1),
      size: z.number().int().min(1),
    }),
    schemes: z.array(publicScheme),
    disposableIncome: z.object({
      income: z.object({ monthly: perMonth(), lines: z.array(publicLine) }),
      fixedCosts: z.object({ monthly: perMonth(), lines: z.array(publicLine) }),
      disposable: z.object({ monthly: perMonth() }),
      norm: z.object({ monthly: perMonth() }),
      difference: z.object({ monthly: perMonth() }),
      status: z.enum(['below-norm', 'above-norm']),
      steps: z.array(publicReasonSchema),
      unverified: z.array(unverifiedValue),
    }),
    ledger: publicLedger,
    notes: z.array(publicReasonSchema),
    receipt: z.object({
      engine: z.string(),
      parameters: z.string(),
      referenceDate: isoDate(),
      provisional: z.boolean().meta({ description: 'The result used a value that is not yet published (see `unverified`).' }),
      computedAt: z.iso.datetime(),
    }),
  })
  .meta({ title: 'Rondkomen check v1: result' });

export const ERROR_CODES = [
  'invalid-input',
  'invalid-json',
  'body-too-large',
  'too-many-requests',
  'no-rules',
  'internal-error',
  'method-not-allowed',
] as const;

export const contractErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      issues: z
        .array(
          z.object({
            path: z.string().meta({ description: 'The field, dotted (`people.0.age`); empty for the body as a whole.' }),
            code: z.string().meta({ description: 'Stable code of the problem.' }),
            message: z.string().meta({ description: 'What is wrong, in plain language, in the requested language.' }),
          }),
        )
        .max(51),
    }),
  })
  .meta({ title: 'Rondkomen check v1: error' });

/** Holds the schemas and the interfaces equal: a field added to one and not the other fails type-checking. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultMatches: Same<z.infer<typeof publicResultSchema>, PublicResult> = true;
const errorMatches: Same<z.infer<typeof contractErrorSchema>['error']['issues'], ContractError['error']['issues']> = true;
void resultMatches;
void errorMatches;
