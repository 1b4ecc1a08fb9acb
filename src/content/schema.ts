/**
 * The shape of every file in `content/`, as zod schemas.
 *
 * Content is data written by people who follow the law and council decisions, not by programmers.
 * These schemas are the contract for those files: `loadRulebook` validates every file against them
 * and then compiles the euros and percentages into the integer form the engine computes with.
 */
import { z } from 'zod';

import { LANGUAGES, type Language } from '../engine/rulebook.ts';
import { ROLES } from '../engine/types.ts';

export { LANGUAGES, type Language };

export const PROVENANCES = ['official', 'municipal', 'secondary', 'derived'] as const;

/**
 * Units of a parameter. Money is written in euros (at most two decimals), rates in percent (at most four
 * decimals), a `factor` as a plain decimal with at most twelve decimals (the huurtoeslag normhuur factors).
 */
export const UNITS = [
  'EUR',
  'EUR/day',
  'EUR/week',
  'EUR/month',
  'EUR/quarter',
  'EUR/year',
  'percent',
  'years',
  'months',
  'count',
  'factor',
  'scale',
] as const;
export type Unit = (typeof UNITS)[number];

const isoDate = z.iso.date();
const url = z.url({ protocol: /^https?$/ });

/** The law or regulation a rule rests on: a BWB id (national law) or a CVDR id (local regulation). */
export const legalSourceSchema = z
  .strictObject({
    title: z.string().min(3),
    bwb: z
      .string()
      .regex(/^BWBR\d{7}$/)
      .optional(),
    cvdr: z
      .string()
      .regex(/^CVDR\d+(_\d+)?$/)
      .optional(),
    article: z.string().min(1).optional(),
    url,
  })
  .refine((s) => s.bwb !== undefined || s.cvdr !== undefined || s.article !== undefined, {
    message: 'a legal source names a BWB or CVDR id, or at least an article',
  });
export type LegalSource = z.infer<typeof legalSourceSchema>;

/** Where a value was actually seen: the publication that states the number. */
export const evidenceSchema = z.strictObject({
  title: z.string().min(3),
  url,
  publication: z.string().optional(),
  note: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

const scaleBracket = z.strictObject({
  /** Lower bound of the bracket, in euros per year. */
  from: z.number().nonnegative(),
  /** Marginal rate in percent; negative for a taper (afbouw). */
  rate: z.number(),
});

const valueSchema = z.union([z.number(), z.strictObject({ base: z.number(), brackets: z.array(scaleBracket).min(1) })]);

export const datedValueSchema = z.strictObject({
  from: isoDate,
  /** Last day the value applies (inclusive). Required on the last value; otherwise the day before the next one. */
  to: isoDate.optional(),
  value: valueSchema,
  provenance: z.enum(PROVENANCES),
  evidence: evidenceSchema,
  /** True when no official or municipal text confirmed the value; the site says so. */
  unverified: z.boolean().optional(),
  /**
   * True when the official value for this period is not yet published and the last known value is
   * carried forward until it is. Also `unverified`; `awaiting` names the document that will set it.
   */
  provisional: z.boolean().optional(),
  /** The document of the rules calendar (content/calendar.yaml) that will set or confirm this value. */
  awaiting: z.string().optional(),
  /** How a derived value was computed, or why a value is unverified. */
  note: z.string().optional(),
});
export type DatedValueInput = z.infer<typeof datedValueSchema>;

export const textsSchema = z.strictObject(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().min(1)])) as Record<Language, z.ZodString>);

/** One legal fact, with its values by effective date. Used for parameter files and inline in municipality files. */
export const parameterSchema = z.strictObject({
  title: z.strictObject({ nl: z.string().min(3), en: z.string().min(3) }),
  unit: z.enum(UNITS),
  source: legalSourceSchema,
  description: z.string().optional(),
  /**
   * Why the parameter has no value after its last one, when that ends before the rulebook's period
   * does (for example a 2025 formula the law replaced). Without it, every parameter must have a value
   * up to the end of the period.
   */
  lapsed: z.string().min(10).optional(),
  values: z.array(datedValueSchema).min(1),
  /**
   * The law lets the council replace this national value by its own (for example the kwijtschelding
   * norm percentage, 90 to 100 %): only a parameter that says so may be set by a municipality file's
   * `parameters:` or by content/choices/. With the article that delegates, and the range the council may choose in.
   */
  delegatedTo: z
    .strictObject({
      body: z.literal('council'),
      source: legalSourceSchema,
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .optional(),
});
export type ParameterInput = z.infer<typeof parameterSchema>;

// ---------------------------------------------------------------------------------------------
// Schemes: the plain-language texts of every scheme, national and municipal.
// ---------------------------------------------------------------------------------------------

export const SCHEME_KINDS = ['benefit', 'allowance', 'tax-relief', 'municipal'] as const;

const schemeTextSchema = z.strictObject({
  /** Short name, as residents know it. */
  name: z.string().min(2),
  /** One or two sentences: what it is. */
  summary: z.string().min(10),
  /** Who can get it, in plain words. */
  who: z.string().min(10),
  /** How the amount is set, in plain words. */
  amount: z.string().min(5),
  /** How to apply: the steps. */
  how: z.string().min(10),
  /** Documents to have at hand. */
  documents: z.array(z.string().min(2)),
  /** The call to action on the result page, for example "Vraag zorgtoeslag aan bij Dienst Toeslagen". */
  nextStep: z.string().min(5),
});
export type SchemeText = z.infer<typeof schemeTextSchema>;

export const schemeTextsSchema = z.strictObject(
  Object.fromEntries(LANGUAGES.map((l) => [l, schemeTextSchema])) as Record<Language, typeof schemeTextSchema>,
);

const applySchema = z.strictObject({
  url,
  phone: z.string().optional(),
  /** Deadline or application window in plain words per language, when there is one. */
  deadline: textsSchema.optional(),
});

/**
 * What the national law itself says about a scheme every municipality must have, for residents of a
 * municipality whose own figures are not in content/: only conditions the law sets (an age range, the
 * asset limit of Participatiewet art. 34) and the conditions a person judges. No income limit and no
 * amount: those are the council's own, and a generic scheme never guesses them.
 */
const genericConditionsSchema = z.strictObject({
  applicantAge: z
    .strictObject({ min: z.number().int().nonnegative().optional(), belowAowAge: z.boolean().optional() })
    .optional(),
  assets: z.enum(['participatiewet', 'participatiewet-surplus']).optional(),
  judgement: z.array(textsSchema).min(1),
});

/** A national scheme, or the shared description of a scheme every municipality has (`content/schemes/`). */
export const schemeSchema = z.strictObject({
  kind: z.enum(SCHEME_KINDS),
  administeredBy: textsSchema,
  legal: legalSourceSchema,
  /** How often it is paid: drives which amounts the result shows. */
  paid: z.enum(['month', 'quarter', 'year', 'once', 'varies']),
  apply: applySchema.optional(),
  texts: schemeTextsSchema,
  /**
   * A municipal scheme every municipality must run: shown, as `maybe` with these national conditions,
   * to residents of a municipality that has no own entry for it in content/municipalities/.
   */
  generic: z.strictObject({ conditions: genericConditionsSchema }).optional(),
});
export type SchemeInput = z.infer<typeof schemeSchema>;

// ---------------------------------------------------------------------------------------------
// Municipalities: what the council decides, keyed by the CBS code.
// ---------------------------------------------------------------------------------------------

const contactSchema = z.strictObject({
  name: z.string().min(2),
  url,
  phone: z.string().optional(),
  email: z.email().optional(),
  address: z.string().optional(),
  /** Opening hours or when to call, per language. */
  hours: textsSchema.optional(),
});

const pc4Range = z.string().regex(/^[1-9]\d{3}(-[1-9]\d{3})?$/);

const regulationId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** A dated value written inline in a municipality file, used in scheme conditions and amounts. */
const ownParameter = parameterSchema.omit({ title: true, delegatedTo: true }).extend({
  title: z.strictObject({ nl: z.string().min(3), en: z.string().min(3) }).optional(),
});
export type InlineParameterInput = z.infer<typeof ownParameter>;

/**
 * A value of a regulation several municipalities share (`content/regulations/<regulation>.yaml`), by
 * its key there; the title says what it is in this municipality's scheme.
 */
const regulationValueRef = z.strictObject({
  regulation: regulationId,
  value: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.strictObject({ nl: z.string().min(3), en: z.string().min(3) }).optional(),
});
export type RegulationValueRef = z.infer<typeof regulationValueRef>;

/** A dated parameter of a scheme: written here, or a value of a shared regulation. */
const inlineParameter = z.union([regulationValueRef, ownParameter]);
export type SchemeParameterInput = z.infer<typeof inlineParameter>;

export const HOUSEHOLD_TYPES = ['single', 'single-parent', 'couple', 'couple-with-children'] as const;
export type HouseholdTypeKey = (typeof HOUSEHOLD_TYPES)[number];

const incomeConditionSchema = z.strictObject({
  /**
   * What the limit is a percentage of:
   * - `bijstandsnorm`: the applicable Participatiewet norm (art. 20-22, incl. vakantietoeslag) for the household,
   *   without the kostendelersnorm unless `withKostendelersnorm` is true; compared with net household income.
   * - `wml-bruto`: the gross statutory minimum wage per month (21+); compared with gross household income.
   */
  reference: z.enum(['bijstandsnorm', 'wml-bruto']),
  withKostendelersnorm: z.boolean().optional(),
  /** Percentage of the reference. Either one value for every household, or one per household size. */
  percent: inlineParameter.optional(),
  percentSingle: inlineParameter.optional(),
  percentMultiPerson: inlineParameter.optional(),
});

const assetConditionSchema = z.union([
  /** The vermogensgrens of Participatiewet art. 34. */
  z.literal('participatiewet'),
  /**
   * Savings above the vermogensgrens of art. 34 are used first, but do not end the claim
   * (bijzondere bijstand, art. 35 lid 1): the result names the limit and never says no on it.
   */
  z.literal('participatiewet-surplus'),
  z.literal('none'),
  /** A municipal limit per household type, in euros. */
  z.strictObject({ single: inlineParameter, 'single-parent': inlineParameter, couple: inlineParameter }),
]);

const conditionsSchema = z.strictObject({
  applicantAge: z
    .strictObject({
      min: z.number().int().nonnegative().optional(),
      max: z.number().int().positive().optional(),
      /** Applicant below the AOW age. */
      belowAowAge: z.boolean().optional(),
      /** Applicant at or above the AOW age. */
      aowAge: z.boolean().optional(),
    })
    .optional(),
  income: incomeConditionSchema.optional(),
  assets: assetConditionSchema.optional(),
  children: z
    .strictObject({
      required: z.literal(true),
      minAge: z.number().int().nonnegative().optional(),
      maxAge: z.number().int().positive().optional(),
    })
    .optional(),
  /** The income must have been low this many months; the engine cannot see history, so it asks. */
  referencePeriodMonths: z.number().int().positive().optional(),
  notStudent: z.boolean().optional(),
  /** Conditions only a person can judge (for example "no prospect of a higher income"), per language. */
  judgement: z.array(textsSchema).optional(),
});

const personAmountSchema = z.strictObject({
  /** Who gets this amount: children in an age range (`minAge`..`maxAge`), or adults (18+). */
  who: z.enum(['child', 'adult']),
  minAge: z.number().int().nonnegative().optional(),
  maxAge: z.number().int().positive().optional(),
  amount: inlineParameter,
});

/**
 * An amount that replaces a household type's amount when its children are of an age: "€ 990 als u getrouwd bent
 * of samenwoont en kinderen heeft van 12 t/m 17 jaar". `child` says which child's age counts: `any` (at least one
 * child in the range, "tenminste 1 kind"; the default), `oldest` or `youngest`.
 */
const childAgeAmountSchema = z.strictObject({
  household: z.enum(['single-parent', 'couple']),
  child: z.enum(['any', 'oldest', 'youngest']).optional(),
  minAge: z.number().int().nonnegative(),
  maxAge: z.number().int().nonnegative(),
  amount: inlineParameter,
});

/** An add-on per child on top of the household type's amount: `first` for the first child, `next` for each next one. */
const perChildSchema = z.strictObject({ first: inlineParameter, next: inlineParameter.optional() });

/** An add-on for each child whose age is in a range (both inclusive): "€ 130 per kind … tussen de 12 en 18 jaar". */
const perChildByAgeSchema = z.strictObject({
  minAge: z.number().int().nonnegative(),
  maxAge: z.number().int().nonnegative(),
  amount: inlineParameter,
});

const amountSchema = z.discriminatedUnion('type', [
  /**
   * A fixed amount per household type (for example the individuele inkomenstoeslag). Optionally, `byChildAge`
   * rows (the first that fits replaces the amount of its household type), `perChild` and `perChildByAge` add-ons.
   */
  z.strictObject({
    type: z.literal('per-household-type'),
    single: inlineParameter,
    'single-parent': inlineParameter,
    couple: inlineParameter,
    byChildAge: z.array(childAgeAmountSchema).min(1).optional(),
    perChild: perChildSchema.optional(),
    perChildByAge: z.array(perChildByAgeSchema).min(1).optional(),
  }),
  /** An amount per person (for example a participation budget per child and per adult). */
  z.strictObject({ type: z.literal('per-person'), persons: z.array(personAmountSchema).min(1) }),
  /** One fixed amount for the household. */
  z.strictObject({ type: z.literal('fixed'), amount: inlineParameter }),
  /** The amount depends on actual costs (bijzondere bijstand) or on an insurer's offer. */
  z.strictObject({ type: z.literal('varies') }),
]);

const exOfficioSchema = z.strictObject({
  /** The municipality can grant without an application when the household already receives this scheme. */
  receiving: z.string().min(2),
});

/** The legal basis of a municipal scheme: written here, or a shared regulation and the article of it. */
const schemeLegalSchema = z.union([z.strictObject({ regulation: regulationId, article: z.string().min(1).optional() }), legalSourceSchema]);

export const municipalSchemeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  legal: schemeLegalSchema,
  /** The organisation that handles it, when not the municipality's income service. */
  administeredBy: textsSchema.optional(),
  paid: z.enum(['month', 'quarter', 'year', 'once', 'varies']),
  apply: applySchema,
  conditions: conditionsSchema,
  amount: amountSchema,
  exOfficio: z.array(exOfficioSchema).optional(),
  /** Texts for municipal schemes; a shared scheme (`content/schemes/<id>.yaml`) may leave them out. */
  texts: schemeTextsSchema.optional(),
});
export type MunicipalSchemeInput = z.infer<typeof municipalSchemeSchema>;

export const municipalitySchema = z.strictObject({
  code: z.string().regex(/^GM\d{4}$/),
  name: z.string().min(2),
  province: z.string().min(2),
  website: url,
  /** Who carries out the Participatiewet and the minima schemes. */
  incomeService: contactSchema,
  /** Who decides on kwijtschelding of the municipal taxes. */
  taxOffice: contactSchema,
  /** Postcode areas (PC4), single or as ranges "9400-9409". */
  postcodes: z.array(pc4Range).min(1),
  /**
   * Kwijtschelding as the tax office handles it: when it grants kwijtschelding again without an
   * application (for example to last year's recipients whose situation did not change), with its source.
   */
  kwijtschelding: z
    .strictObject({
      exOfficio: z.array(z.strictObject({ receiving: z.string().min(2), source: legalSourceSchema, note: z.string().optional() })).min(1),
    })
    .optional(),
  /**
   * Council choices that replace a national value, by parameter id (for example `kwijtschelding/norm-percentage`);
   * only parameters whose file declares `delegatedTo`.
   */
  parameters: z.record(z.string(), parameterSchema.omit({ delegatedTo: true })).optional(),
  schemes: z.array(municipalSchemeSchema),
});
export type MunicipalityInput = z.infer<typeof municipalitySchema>;

/** `content/rulebook.yaml`: which period the content covers, and its version. */
export const rulebookManifestSchema = z.strictObject({
  version: z.string().min(1),
  validFrom: isoDate,
  validTo: isoDate,
});

/**
 * `content/sources.yaml`: the source of each reason that rests on no single parameter, by id. A
 * source is the law that sets what the reason says, or, where Rondkomen estimates or computes
 * something by its own method, says so in its title ("Rondkomen: eigen schatting") and names the
 * law the method follows.
 */
export const sourcesFileSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), legalSourceSchema);

/** `content/rules.yaml`: which version of a rule applies on which dates, with the law that sets it. */
export const rulesFileSchema = z.record(
  z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  z.strictObject({
    title: z.strictObject({ nl: z.string().min(3), en: z.string().min(3) }),
    versions: z
      .array(
        z.strictObject({
          from: isoDate,
          to: isoDate,
          version: z.string().min(1),
          source: legalSourceSchema,
          /** True when no official text confirmed that this version is in force on these dates; the note says why. */
          unverified: z.boolean().optional(),
          note: z.string().optional(),
        }),
      )
      .min(1),
  }),
);

/** `content/calendar.yaml`: the documents that set parameters, and when each normally appears. */
export const calendarFileSchema = z.record(
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  z.strictObject({
    title: z.string().min(3),
    publisher: z.string().min(2),
    url,
    /** Months (1–12) in which the document normally appears. */
    months: z.array(z.number().int().min(1).max(12)).min(1),
    /** Months (1–12) in which the values it sets take effect, when not every month (1 January, 1 July). */
    effective: z.array(z.number().int().min(1).max(12)).min(1).optional(),
    /** Parameter ids it sets, or folders of them (`huurtoeslag/`): a folder stands for the amounts and scales in it. */
    sets: z.array(z.string().min(2)).min(1),
    note: z.string().optional(),
  }),
);

/**
 * `content/contacts/municipalities.yaml`: where to ask, per municipality, from the government's register of
 * organisations (organisaties.overheid.nl, CC0), refreshed by `npm run content:contacts`.
 */
export const contactsFileSchema = z.strictObject({
  source: z.strictObject({
    title: z.string().min(3),
    url,
    /** Day the export was read (the newest record's day when copied from a mirror). */
    retrieved: isoDate,
    licence: z.string().min(2),
    note: z.string().optional(),
  }),
  municipalities: z
    .array(
      z.strictObject({
        code: z.string().regex(/^GM\d{4}$/),
        name: z.string().min(2),
        website: url,
        phone: z.string().min(3).optional(),
        /** Postal address in one line, as the register gives it. */
        address: z.string().min(5).optional(),
        /** The organisation's page in the register. */
        register: url,
        /** Last change of the record in the register, when it says so. */
        changed: isoDate.optional(),
      }),
    )
    .min(1),
});

/**
 * `content/regulations/<id>.yaml`: a regulation several municipalities share (for example the minima
 * norms of a joint income service), written once; municipality files refer to its legal basis and its
 * values by id and key. Every municipality that refers to it must be listed.
 */
export const regulationFileSchema = z.strictObject({
  title: z.string().min(3),
  /** Who made or carries out the regulation (a joint body, one council for several). */
  issuer: z.string().min(2),
  municipalities: z.array(z.string().regex(/^GM\d{4}$/)).min(2),
  /** The legal basis; a scheme that refers to it adds its article. */
  legal: legalSourceSchema,
  values: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), parameterSchema.omit({ delegatedTo: true })),
});
export type RegulationFileInput = z.infer<typeof regulationFileSchema>;

/**
 * `content/choices/<parameter>.yaml`: a council's choice that fills in a national rule (for example the
 * kwijtschelding percentage), for municipalities without their own file in content/municipalities/.
 */
export const choicesFileSchema = z.strictObject({
  /** The national parameter the choice replaces. */
  parameter: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  councils: z
    .array(z.strictObject({ code: z.string().regex(/^GM\d{4}$/), values: z.array(datedValueSchema).min(1) }))
    .min(1),
});

/** `content/places/municipalities.yaml`: every Dutch municipality, for the picker and for code validation. */
export const placesSchema = z.strictObject({
  source: evidenceSchema,
  municipalities: z
    .array(
      z.strictObject({
        code: z.string().regex(/^GM\d{4}$/),
        name: z.string().min(2),
        province: z.string().min(2),
        /** First day the municipality exists in this form (after a merger), when within the rulebook period. */
        from: isoDate.optional(),
        /** Last day it exists (before a merger), when within the rulebook period. */
        to: isoDate.optional(),
        /** Other names people use (for example the Frisian name), to find it by name. */
        aliases: z.array(z.string().min(2)).optional(),
      }),
    )
    .min(300),
});

// ---------------------------------------------------------------------------------------------
// Life events: what a change in life does to the household, as data (`content/events/<id>.yaml`).
// ---------------------------------------------------------------------------------------------

const eventTextSchema = z.strictObject({
  /** Short name, for example "Mijn kind wordt 18". */
  name: z.string().min(3),
  /** One or two sentences: what changes. */
  summary: z.string().min(10),
  /** Labels of the questions this event asks, by input id. */
  inputs: z.record(z.string(), z.string().min(2)),
  /** What to do and report, to whom and when, in plain words. */
  todo: z.array(z.string().min(10)).min(1),
});

const valueRef = z.union([z.number(), z.string(), z.strictObject({ input: z.string() })]);

export const eventOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('set-age'), person: valueRef, age: valueRef }),
  z.strictObject({ op: z.literal('add-years'), person: valueRef, years: valueRef }),
  z.strictObject({ op: z.literal('set-role'), person: valueRef, role: z.enum(ROLES) }),
  z.strictObject({ op: z.literal('remove-person'), person: valueRef }),
  z.strictObject({ op: z.literal('add-person'), id: z.string().min(1), role: z.enum(['partner', 'child', 'adult-child', 'housemate']), age: valueRef }),
  z.strictObject({ op: z.literal('remove-incomes'), person: valueRef, types: z.array(z.string()).optional() }),
  z.strictObject({
    op: z.literal('add-income'),
    person: valueRef,
    type: z.string(),
    amount: valueRef,
    period: z.enum(['month', 'four-weeks', 'year']),
    basis: z.enum(['net', 'gross']),
  }),
  /** Paid work of so many hours a week at an hourly wage (the minimum wage unless an input gives one). */
  z.strictObject({ op: z.literal('add-work'), person: valueRef, hours: valueRef, hourlyWage: valueRef.optional() }),
  z.strictObject({ op: z.literal('set-municipality'), municipality: valueRef }),
  z.strictObject({ op: z.literal('set-rent'), rent: valueRef }),
  z.strictObject({ op: z.literal('stop-receiving'), schemes: z.array(z.string()) }),
  z.strictObject({ op: z.literal('set-reference-date'), date: valueRef }),
  /** The first of January after the household's reference date. */
  z.strictObject({ op: z.literal('next-year') }),
]);

export const eventInputSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  type: z.enum(['person', 'date', 'number', 'money', 'municipality']),
  /** For a person: the roles to choose from. */
  roles: z.array(z.enum(ROLES)).optional(),
  /** For a person: only people of this age (for example a child of 17 who turns 18). */
  age: z.number().int().nonnegative().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  optional: z.boolean().optional(),
});

export const eventSchema = z.strictObject({
  /** Which household situations the event applies to (for the picker). */
  requires: z
    .strictObject({
      roles: z.array(z.enum(['partner', 'child', 'adult-child', 'housemate'])).optional(),
      noPartner: z.boolean().optional(),
      belowAowAge: z.boolean().optional(),
    })
    .optional(),
  inputs: z.array(eventInputSchema),
  operations: z.array(eventOperationSchema).min(1),
  /** Schemes whose payer learns of the event by itself (the SVB and Dienst Toeslagen read birth dates from the BRP): no "report it" action for them. */
  payersKnow: z.array(z.string().min(1)).optional(),
  texts: z.strictObject(Object.fromEntries(LANGUAGES.map((l) => [l, eventTextSchema])) as Record<Language, typeof eventTextSchema>),
});
export type EventInput = z.infer<typeof eventSchema>;

// ---------------------------------------------------------------------------------------------
// Partner organisations for volunteer mode: who helps residents, per municipality (one file per
// CBS code in content/organisations/). The code is what a partner link carries (/hulp/<code>).
// ---------------------------------------------------------------------------------------------

export const ORGANISATION_KINDS = ['library', 'welfare', 'debt-buddy', 'home-administration'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const organisationSchema = z
  .strictObject({
    /** Lower case letters, digits and dashes; stable, because referrals and figures are kept under it. */
    code: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/),
    name: z.string().min(3),
    kind: z.enum(ORGANISATION_KINDS),
    url: url.optional(),
    provenance: z.enum(PROVENANCES),
    evidence: evidenceSchema,
    /** Set when no source confirms that the organisation works in this municipality today. */
    unverified: z.boolean().optional(),
    note: z.string().optional(),
  })
  .refine((o) => !o.unverified || (o.note !== undefined && o.note.length > 0), { message: 'an unverified organisation needs a note' });

export const organisationsFileSchema = z.strictObject({
  municipality: z.string().regex(/^GM\d{4}$/),
  organisations: z.array(organisationSchema).min(1),
});
export type OrganisationInput = z.infer<typeof organisationSchema>;

// ---------------------------------------------------------------------------------------------
// Local taxes: a municipality's tariffs of the taxes kwijtschelding covers (one file per CBS code in
// content/local-taxes/). The engine compares a household's capacity to pay with them when the
// household did not say what it pays. Only tariffs with a source go in; a municipality without one
// has no file, and kwijtschelding then stays `maybe` there.
// ---------------------------------------------------------------------------------------------

export const LOCAL_TAX_IDS = ['afvalstoffenheffing', 'rioolheffing'] as const;
export type LocalTaxId = (typeof LOCAL_TAX_IDS)[number];

/** A tariff: a dated inline parameter in euros a year (title and source come from the tax). */
const localTariffSchema = parameterSchema
  .omit({ title: true, source: true, unit: true })
  .extend({ unit: z.literal('EUR/year') });
export type LocalTariffInput = z.infer<typeof localTariffSchema>;

export const localTaxSchema = z.strictObject({
  id: z.enum(LOCAL_TAX_IDS),
  /**
   * Who gets the assessment: the `user` of a home (tenants and owner-occupiers) or its `owner`
   * (owner-occupiers only).
   */
  payer: z.enum(['user', 'owner']),
  /** The regulation that sets the tariff (its CVDR id and article when known). */
  source: legalSourceSchema,
  /**
   * The tariff per household: one for every household (`all`), or one for a household of one person
   * and one for more persons, as the regulation distinguishes them. For kwijtschelding the tariff is
   * the part the tax office can forgive (for example the fixed part of a waste tax with a variable part).
   */
  tariffs: z
    .strictObject({ all: localTariffSchema.optional(), single: localTariffSchema.optional(), 'multi-person': localTariffSchema.optional() })
    .refine((t) => (t.all !== undefined ? !t.single && !t['multi-person'] : !!t.single && !!t['multi-person']), {
      message: 'tariffs are either `all`, or `single` and `multi-person`',
    }),
  /** What the tariff leaves out, or how it was put together. */
  note: z.string().optional(),
});
export type LocalTaxInput = z.infer<typeof localTaxSchema>;

export const localTaxesFileSchema = z.strictObject({
  municipality: z.string().regex(/^GM\d{4}$/),
  taxes: z.array(localTaxSchema).min(1),
  /** What was looked for and not found (taxes, years), so the next editor does not search again. */
  notFound: z.array(z.string().min(10)).optional(),
});
export type LocalTaxesInput = z.infer<typeof localTaxesFileSchema>;

// ---------------------------------------------------------------------------------------------
// Payment dates and deadlines (content/payment-dates.yaml): when the payers pay, as the rule each payer
// states (with the exact days it publishes, when seen), and the yearly deadlines a resident would
// otherwise miss. The results page's calendar (src/site/payment-calendar.ts) reads them; amounts come
// from the result, never from here.
// ---------------------------------------------------------------------------------------------

/**
 * When a payer pays for a period: `month-before` (the toeslagen advances: the month before the month
 * they are for), `after-quarter` (kinderbijslag: the first month after the quarter), `same-month`
 * (bijstand: at the end of the month or the start of the next, the municipality sets the day).
 */
export const PAID_IN = ['month-before', 'after-quarter', 'same-month'] as const;
export type PaidIn = (typeof PAID_IN)[number];

const contentId = z.string().regex(/^[a-z0-9-]+$/);

/** An exact payment day a payer published: the period it is for (a month or a quarter's first month) and the day. */
const publishedDaySchema = z.strictObject({
  for: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  date: isoDate,
  evidence: evidenceSchema,
});

const payerSchema = z
  .strictObject({
    id: contentId,
    /** The schemes of the result this payer pays. */
    schemes: z.array(contentId).min(1),
    /** Incomes the household enters that this payer pays (bijstand it already receives). */
    incomes: z.array(z.string()).optional(),
    paidIn: z.enum(PAID_IN),
    /** The day of the month the payer's rule names (Dienst Toeslagen: the 20th), if it names one. */
    day: z.number().int().min(1).max(31).optional(),
    /** True while the exact days of the covered years are not published (the rule stands in for them). */
    provisional: z.boolean(),
    provenance: z.enum(PROVENANCES),
    source: legalSourceSchema,
    evidence: evidenceSchema.optional(),
    published: z.array(publishedDaySchema),
  })
  .refine((p) => p.provisional || p.published.length > 0, { message: 'a payer that is not provisional lists its published days' });

const holidayPaySchema = z.strictObject({
  id: contentId,
  /** The income types whose holiday pay this is. */
  incomes: z.array(z.string()).min(1),
  /** The month it is paid in (1–12). */
  month: z.number().int().min(1).max(12),
  provenance: z.enum(PROVENANCES),
  source: legalSourceSchema,
  evidence: evidenceSchema.optional(),
});

/** A yearly deadline: its last day (month and day), the schemes it concerns, and the law that sets it. */
const deadlineSchema = z.strictObject({
  id: contentId,
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  schemes: z.array(contentId).min(1),
  provenance: z.enum(PROVENANCES),
  source: legalSourceSchema,
  evidence: evidenceSchema.optional(),
});

export const paymentDatesFileSchema = z.strictObject({
  /** The period the file covers: a calendar outside it says the rules only. */
  from: isoDate,
  to: isoDate,
  payers: z.array(payerSchema).min(1),
  holidayPay: z.array(holidayPaySchema),
  deadlines: z.array(deadlineSchema),
});
export type PaymentDates = z.infer<typeof paymentDatesFileSchema>;
export type Payer = PaymentDates['payers'][number];
export type HolidayPayRule = PaymentDates['holidayPay'][number];
export type DeadlineRule = PaymentDates['deadlines'][number];
