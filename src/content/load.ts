/**
 * Reads `content/`, validates every file and compiles it into a {@link Rulebook}.
 *
 * All problems are collected and reported together, each with its file, so an editor can fix a
 * batch of content in one go. Nothing here is silently repaired.
 */
import { municipalityFileName } from './file-names.ts';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DEFAULT_CONTENT_DIR, readContent, type ContentFile } from './files.ts';
import type {
  AmountRule,
  AssetCondition,
  CalendarDocument,
  Conditions,
  DatedValue,
  LegalSource,
  Municipality,
  MunicipalScheme,
  LifeEvent,
  LocalTax,
  LocalTaxes,
  Parameter,
  MunicipalityContact,
  Place,
  Rule,
  Rulebook,
  Scale,
  Scheme,
  Unit,
} from '../engine/rulebook.ts';
import { ContentError } from './errors.ts';
import { addDays } from '../engine/dates.ts';
import { isRuleId, RULE_VERSIONS } from '../engine/rule-versions.ts';
import {
  calendarFileSchema,
  eventSchema,
  localTaxesFileSchema,
  municipalitySchema,
  parameterSchema,
  placesSchema,
  contactsFileSchema,
  choicesFileSchema,
  rulebookManifestSchema,
  regulationFileSchema,
  rulesFileSchema,
  sourcesFileSchema,
  schemeSchema,
  type DatedValueInput,
  type LocalTariffInput,
  type MunicipalSchemeInput,
  type ParameterInput,
  type RegulationFileInput,
  type SchemeParameterInput,
} from './schema.ts';

export { ContentError };
export { DEFAULT_CONTENT_DIR } from './files.ts';

function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
}

const MONEY_UNITS: ReadonlySet<Unit> = new Set(['EUR', 'EUR/day', 'EUR/week', 'EUR/month', 'EUR/quarter', 'EUR/year']);

export function isMoneyUnit(unit: Unit): boolean {
  return MONEY_UNITS.has(unit);
}

/** Exact conversion of a decimal number with at most `decimals` places to an integer times 10^decimals. */
function scaled(value: number, factor: number, what: string, problems: string[], where: string): number {
  const n = Math.round(value * factor);
  if (Math.abs(value * factor - n) > 1e-6) problems.push(`${where}: ${what} ${value} has more decimals than the unit allows`);
  return n;
}

/** A decimal with at most twelve decimals as an integer times 10^12, exactly (via its decimal text). */
function scaledFactor(value: number, problems: string[], where: string): number {
  const text = value.toFixed(12);
  if (Math.abs(Number(text) - value) > 1e-15) problems.push(`${where}: factor ${value} has more than twelve decimals`);
  const n = Number(text.replace('.', ''));
  if (!Number.isSafeInteger(n)) problems.push(`${where}: factor ${value} is too large`);
  return n;
}

function compileValue(unit: Unit, v: DatedValueInput['value'], problems: string[], where: string): number | Scale {
  if (unit === 'scale') {
    if (typeof v === 'number') {
      problems.push(`${where}: a scale needs a base and brackets`);
      return { base: 0, brackets: [] };
    }
    const brackets = v.brackets.map((b) => ({
      from: scaled(b.from, 100, 'bracket bound', problems, where),
      rate: scaled(b.rate, 10_000, 'rate', problems, where),
    }));
    for (let i = 1; i < brackets.length; i++) {
      if (brackets[i]!.from <= brackets[i - 1]!.from) problems.push(`${where}: scale brackets must ascend`);
    }
    return { base: scaled(v.base, 100, 'base', problems, where), brackets };
  }
  if (typeof v !== 'number') {
    problems.push(`${where}: unit ${unit} needs a number`);
    return 0;
  }
  if (isMoneyUnit(unit)) return scaled(v, 100, 'amount', problems, where);
  if (unit === 'percent') return scaled(v, 10_000, 'percentage', problems, where);
  if (unit === 'factor') return scaledFactor(v, problems, where);
  if (!Number.isInteger(v)) problems.push(`${where}: unit ${unit} needs a whole number`);
  return v;
}

const dayBefore = (isoDate: string): string => addDays(isoDate, -1);
const dayAfter = (isoDate: string): string => addDays(isoDate, 1);

export function compileParameter(id: string, input: ParameterInput, problems: string[], where: string): Parameter {
  const sorted = [...input.values].sort((a, b) => a.from.localeCompare(b.from));
  const values: DatedValue[] = [];
  sorted.forEach((v, i) => {
    const next = sorted[i + 1];
    const to = v.to ?? (next ? dayBefore(next.from) : undefined);
    if (to === undefined) {
      problems.push(`${where}: the last value (from ${v.from}) needs an explicit "to" date`);
      return;
    }
    if (to < v.from) problems.push(`${where}: value from ${v.from} ends before it starts (${to})`);
    if (next && to >= next.from) problems.push(`${where}: values from ${v.from} and ${next.from} overlap`);
    else if (next && dayAfter(to) !== next.from) problems.push(`${where}: gap between ${to} and ${next.from}; end the parameter explicitly or fill the gap`);
    if (v.provenance === 'derived' && !v.note) problems.push(`${where}: derived value from ${v.from} needs a note on how it was derived`);
    if (v.unverified && !v.note) problems.push(`${where}: unverified value from ${v.from} needs a note saying why`);
    if (v.provisional && !(v.unverified && v.awaiting))
      problems.push(`${where}: provisional value from ${v.from} must also be unverified and name the document it is awaiting`);
    values.push({
      from: v.from,
      to,
      value: compileValue(input.unit, v.value, problems, `${where} (from ${v.from})`),
      provenance: v.provenance,
      evidence: v.evidence,
      unverified: v.unverified ?? false,
      provisional: v.provisional ?? false,
      awaiting: v.awaiting,
      note: v.note,
    });
  });
  return { id, title: input.title, unit: input.unit, source: input.source, values, lapsed: input.lapsed };
}

/** What the law lets a council replace: the national parameters whose file declares `delegatedTo`. */
type Delegations = Record<string, NonNullable<ParameterInput['delegatedTo']>>;

/**
 * A council's own value for a national parameter: allowed only where the parameter is delegated to the
 * council, in the national unit, and within the range the law allows.
 */
function checkCouncilChoice(
  where: string,
  nationalId: string,
  unit: Unit,
  values: readonly DatedValueInput[],
  parameters: Record<string, Parameter>,
  delegations: Delegations,
  periodStart: string,
  problems: string[],
): void {
  const national = parameters[nationalId];
  const delegation = delegations[nationalId];
  if (!national) {
    problems.push(`${where}: ${nationalId} is no national parameter`);
    return;
  }
  if (!delegation) {
    problems.push(`${where}: ${nationalId} is not delegated to the council (its file declares no delegatedTo), so a council may not replace it`);
    return;
  }
  if (national.unit !== unit) problems.push(`${where}: ${nationalId} has unit ${unit}, the national one ${national.unit}`);
  // The engine reads the council's value instead of the national one on every day, so it must start with the period.
  const first = [...values].sort((a, b) => a.from.localeCompare(b.from))[0];
  if (first && first.from > periodStart) problems.push(`${where}: ${nationalId} starts on ${first.from}, after the period starts (${periodStart})`);
  for (const v of values) {
    if (typeof v.value !== 'number') continue;
    if ((delegation.min !== undefined && v.value < delegation.min) || (delegation.max !== undefined && v.value > delegation.max))
      problems.push(`${where}: ${nationalId} from ${v.from} is ${v.value}, outside what the council may choose (${delegation.min ?? '…'} to ${delegation.max ?? '…'})`);
  }
}

interface Regulations {
  inputs: Record<string, RegulationFileInput>;
  /** Regulation ids a municipality file referred to, to report regulations nobody uses. */
  used: Set<string>;
}

/** What compiling one municipality file needs: where problems and parameters go, and the shared regulations. */
interface MunicipalityFile {
  file: string;
  code: string;
  name: string;
  parameters: Record<string, Parameter>;
  regulations: Regulations;
  problems: string[];
}

function compileMunicipality(
  file: string,
  input: z.infer<typeof municipalitySchema>,
  schemes: Record<string, Scheme>,
  parameters: Record<string, Parameter>,
  delegations: Delegations,
  regulations: Regulations,
  periodStart: string,
  problems: string[],
): Municipality {
  const expected = municipalityFileName(input.code, input.name);
  if (!file.endsWith(`/${expected}`) && file !== expected) problems.push(`${file}: the file name must be the CBS code and the name (${expected})`);
  const code = input.code;
  const m: MunicipalityFile = { file, code, name: input.name, parameters, regulations, problems };

  const parameterOverrides: Record<string, string> = {};
  for (const [nationalId, p] of Object.entries(input.parameters ?? {})) {
    checkCouncilChoice(`${file}: parameters`, nationalId, p.unit, p.values, parameters, delegations, periodStart, problems);
    parameterOverrides[nationalId] = inlineParameter(m, nationalId, p);
  }

  const ids = new Set<string>();
  const compiledSchemes = input.schemes.map((s: MunicipalSchemeInput): MunicipalScheme => {
    if (ids.has(s.id)) problems.push(`${file}: scheme ${s.id} appears twice`);
    ids.add(s.id);
    return compileMunicipalScheme(m, s, schemes);
  });

  return {
    code,
    name: input.name,
    province: input.province,
    website: input.website,
    incomeService: input.incomeService,
    taxOffice: input.taxOffice,
    postcodes: input.postcodes,
    kwijtschelding: input.kwijtschelding,
    parameterOverrides,
    schemes: compiledSchemes,
  };
}

/** The shared regulation a file refers to, when it exists and lists this municipality. */
function sharedRegulation(m: MunicipalityFile, id: string, where: string): RegulationFileInput | undefined {
  const r = m.regulations.inputs[id];
  m.regulations.used.add(id);
  if (!r) m.problems.push(`${m.file}: ${where} refers to regulation ${id}, which is not in content/regulations/`);
  else if (!r.municipalities.includes(m.code)) m.problems.push(`${m.file}: ${where} refers to regulation ${id}, which does not list ${m.code}`);
  return r;
}

/** A scheme's parameter, as `<code>/<path>` whether written here or taken from a shared regulation. */
function inlineParameter(m: MunicipalityFile, path: string, p: SchemeParameterInput): string {
  const id = `${m.code}/${path}`;
  let own: Omit<ParameterInput, 'title'> & { title?: ParameterInput['title'] | undefined };
  if ('regulation' in p) {
    const shared = sharedRegulation(m, p.regulation, path)?.values[p.value];
    if (!shared && m.regulations.inputs[p.regulation]) m.problems.push(`${m.file}: ${path} refers to ${p.value}, which regulation ${p.regulation} does not have`);
    if (!shared) return id;
    own = { ...shared, title: p.title ?? { nl: `${shared.title.nl} (${m.name})`, en: `${shared.title.en} (${m.name})` } };
  } else own = p;
  const title = own.title ?? { nl: `${m.code} ${path}`, en: `${m.code} ${path}` };
  m.parameters[id] = compileParameter(id, { ...own, title }, m.problems, `${m.file}: ${path}`);
  return id;
}

/** One of the municipality's schemes: its conditions and amount as parameters, its texts and its legal source. */
function compileMunicipalScheme(m: MunicipalityFile, s: MunicipalSchemeInput, schemes: Record<string, Scheme>): MunicipalScheme {
  const conditions = compileConditions(m, s);
  const amount = compileAmount(m, s);
  const texts = s.texts ?? schemes[s.id]?.texts;
  if (!texts) m.problems.push(`${m.file}: scheme ${s.id} has no texts, and there is no content/schemes/${s.id}.yaml`);
  if (s.texts && schemes[s.id]) m.problems.push(`${m.file}: scheme ${s.id} is a shared scheme; its texts live in content/schemes/${s.id}.yaml`);
  let legal: LegalSource;
  if ('regulation' in s.legal) {
    const r = sharedRegulation(m, s.legal.regulation, `scheme ${s.id}: legal`);
    // A missing regulation was reported above; the placeholder never leaves this function.
    const { url, ...head } = r?.legal ?? { title: s.legal.regulation, url: '' };
    legal = { ...head, ...(s.legal.article ? { article: s.legal.article } : {}), url };
  } else legal = s.legal;
  return {
    id: s.id,
    legal,
    administeredBy: s.administeredBy,
    paid: s.paid,
    apply: s.apply,
    conditions,
    amount,
    exOfficio: s.exOfficio ?? [],
    // A missing text was reported above; the empty record never leaves this function.
    texts: texts ?? ({} as MunicipalScheme['texts']),
  };
}

/** A scheme's conditions, with its income percentages and asset limits as parameters. */
function compileConditions(m: MunicipalityFile, s: MunicipalSchemeInput): Conditions {
  const c = s.conditions;
  const income = c.income;
  const conditions: Conditions = {
    applicantAge: c.applicantAge,
    children: c.children,
    referencePeriodMonths: c.referencePeriodMonths,
    notStudent: c.notStudent,
    judgement: c.judgement,
  };
  if (income) {
    if (!income.percent && !(income.percentSingle && income.percentMultiPerson)) {
      m.problems.push(`${m.file}: scheme ${s.id}: income needs percent, or percentSingle and percentMultiPerson`);
    }
    conditions.income = {
      reference: income.reference,
      withKostendelersnorm: income.withKostendelersnorm ?? false,
      percent: income.percent && inlineParameter(m, `${s.id}/income/percent`, income.percent),
      percentSingle: income.percentSingle && inlineParameter(m, `${s.id}/income/percent-single`, income.percentSingle),
      percentMultiPerson: income.percentMultiPerson && inlineParameter(m, `${s.id}/income/percent-multi-person`, income.percentMultiPerson),
    };
  }
  if (c.assets !== undefined) {
    const a = c.assets;
    const assets: AssetCondition =
      typeof a === 'string'
        ? a
        : {
            single: inlineParameter(m, `${s.id}/assets/single`, a.single),
            'single-parent': inlineParameter(m, `${s.id}/assets/single-parent`, a['single-parent']),
            couple: inlineParameter(m, `${s.id}/assets/couple`, a.couple),
          };
    conditions.assets = assets;
  }
  return conditions;
}

/** A scheme's amount, with every amount as a parameter. */
function compileAmount(m: MunicipalityFile, s: MunicipalSchemeInput): AmountRule {
  const a = s.amount;
  switch (a.type) {
    case 'per-household-type':
      return {
        type: a.type,
        single: inlineParameter(m, `${s.id}/amount/single`, a.single),
        'single-parent': inlineParameter(m, `${s.id}/amount/single-parent`, a['single-parent']),
        couple: inlineParameter(m, `${s.id}/amount/couple`, a.couple),
        byChildAge: a.byChildAge?.map((r, i) => {
          const path = `${s.id}/amount/${r.household}-children-${r.minAge}-${r.maxAge}`;
          if (r.minAge > r.maxAge) m.problems.push(`${m.file}: scheme ${s.id}: byChildAge row ${i + 1}: minAge above maxAge`);
          if (m.parameters[`${m.code}/${path}`]) m.problems.push(`${m.file}: scheme ${s.id}: byChildAge row ${i + 1} repeats an earlier row`);
          return {
            household: r.household,
            child: r.child ?? 'any',
            minAge: r.minAge,
            maxAge: r.maxAge,
            amount: inlineParameter(m, path, r.amount),
          };
        }),
        perChild: a.perChild && {
          first: inlineParameter(m, `${s.id}/amount/first-child`, a.perChild.first),
          next: a.perChild.next && inlineParameter(m, `${s.id}/amount/next-child`, a.perChild.next),
        },
        perChildByAge: a.perChildByAge?.map((b, i) => {
          const path = `${s.id}/amount/per-child-${b.minAge}-${b.maxAge}`;
          if (b.minAge > b.maxAge) m.problems.push(`${m.file}: scheme ${s.id}: perChildByAge row ${i + 1}: minAge above maxAge`);
          if (m.parameters[`${m.code}/${path}`]) m.problems.push(`${m.file}: scheme ${s.id}: perChildByAge row ${i + 1} repeats an earlier row`);
          return { minAge: b.minAge, maxAge: b.maxAge, amount: inlineParameter(m, path, b.amount) };
        }),
      };
    case 'per-person':
      return {
        type: a.type,
        persons: a.persons.map((p, i) => ({
          who: p.who,
          minAge: p.minAge,
          maxAge: p.maxAge,
          amount: inlineParameter(m, `${s.id}/amount/${p.who}-${i + 1}`, p.amount),
        })),
      };
    case 'fixed':
      return { type: a.type, amount: inlineParameter(m, `${s.id}/amount`, a.amount) };
    case 'varies':
      return { type: 'varies' };
  }
}

interface Period {
  validFrom: string;
  validTo: string;
}

const LOCAL_TAX_TITLES: Record<LocalTax['id'], { nl: string; en: string }> = {
  afvalstoffenheffing: { nl: 'Afvalstoffenheffing', en: 'Waste collection tax' },
  rioolheffing: { nl: 'Rioolheffing', en: 'Sewerage tax' },
};
const LOCAL_TARIFF_TITLES: Record<'all' | 'single' | 'multi-person', { nl: string; en: string }> = {
  all: { nl: 'per huishouden', en: 'per household' },
  single: { nl: 'eenpersoonshuishouden', en: 'one-person household' },
  'multi-person': { nl: 'meerpersoonshuishouden', en: 'household of more persons' },
};

/**
 * A municipality's local taxes: every tariff becomes a parameter `local-taxes/<code>/<tax>/<household>`,
 * so it has dates, provenance and the coverage check like any other value. Keyed by the CBS code,
 * which must be a Dutch municipality; it needs no municipality file of its own.
 */
function compileLocalTaxes(
  file: string,
  input: z.infer<typeof localTaxesFileSchema>,
  places: Record<string, Place>,
  parameters: Record<string, Parameter>,
  problems: string[],
): LocalTaxes {
  const code = input.municipality;
  const place = places[code];
  if (!place) problems.push(`${file}: ${code} is not in places/municipalities.yaml`);
  else if (!file.endsWith(`/${municipalityFileName(code, place.name)}`))
    problems.push(`${file}: the file name must be the CBS code and the name (${municipalityFileName(code, place.name)})`);
  const seen = new Set<string>();
  const taxes = input.taxes.map((t): LocalTax => {
    const key = `${t.id}/${t.payer}`;
    if (seen.has(key)) problems.push(`${file}: ${t.id} for the ${t.payer} appears twice`);
    seen.add(key);
    const tariff = (household: 'all' | 'single' | 'multi-person', p: LocalTariffInput): string => {
      const id = `local-taxes/${code}/${t.id}${t.payer === 'owner' ? '-owner' : ''}/${household}`;
      const name = places[code]?.name ?? code;
      const title = {
        nl: `${LOCAL_TAX_TITLES[t.id].nl} ${name}, ${LOCAL_TARIFF_TITLES[household].nl}`,
        en: `${LOCAL_TAX_TITLES[t.id].en} ${name}, ${LOCAL_TARIFF_TITLES[household].en}`,
      };
      parameters[id] = compileParameter(id, { ...p, title, source: t.source }, problems, `${file}: ${t.id} ${household}`);
      return id;
    };
    // The schema allows `all`, or `single` and `multi-person`.
    const { all, single, 'multi-person': multi } = t.tariffs;
    const tariffs: LocalTax['tariffs'] = all
      ? { all: tariff('all', all) }
      : { single: tariff('single', single!), 'multi-person': tariff('multi-person', multi!) };
    return { id: t.id, payer: t.payer, source: t.source, tariffs, note: t.note };
  });
  return { municipality: code, taxes };
}

/** Dated rule versions: known to the engine, in order, without gaps, covering the whole period. */
function compileRules(input: z.infer<typeof rulesFileSchema> | undefined, period: Period, problems: string[]): Record<string, Rule> {
  const rules: Record<string, Rule> = {};
  if (!input) return rules;
  for (const [id, r] of Object.entries(input)) {
    const where = `rules.yaml: ${id}`;
    if (!isRuleId(id)) {
      problems.push(`${where}: the engine knows no rule of that id (known: ${Object.keys(RULE_VERSIONS).join(', ')})`);
      continue;
    }
    const known: readonly string[] = RULE_VERSIONS[id];
    const versions = [...r.versions].sort((a, b) => a.from.localeCompare(b.from));
    versions.forEach((v, i) => {
      if (!known.includes(v.version)) problems.push(`${where}: version ${v.version} is unknown to the engine (known: ${known.join(', ')})`);
      if (v.to < v.from) problems.push(`${where}: version ${v.version} ends before it starts`);
      if (v.unverified && !v.note) problems.push(`${where}: unverified version ${v.version} needs a note saying why`);
      const next = versions[i + 1];
      if (next && dayAfter(v.to) !== next.from) problems.push(`${where}: ${v.version} ends on ${v.to} but ${next.version} starts on ${next.from}`);
    });
    if (versions[0]!.from > period.validFrom || versions.at(-1)!.to < period.validTo)
      problems.push(`${where}: the versions must cover ${period.validFrom} to ${period.validTo}`);
    rules[id] = { id, title: r.title, versions };
  }
  for (const id of Object.keys(RULE_VERSIONS)) if (!rules[id]) problems.push(`rules.yaml: rule ${id} has no versions`);
  return rules;
}

/** The rules calendar: every document sets parameters that exist. */
function compileCalendar(
  input: z.infer<typeof calendarFileSchema> | undefined,
  parameters: Record<string, Parameter>,
  problems: string[],
): Record<string, CalendarDocument> {
  const calendar: Record<string, CalendarDocument> = {};
  if (!input) return calendar;
  const ids = Object.keys(parameters);
  for (const [id, d] of Object.entries(input)) {
    for (const target of d.sets) {
      const found = target.endsWith('/') ? ids.some((p) => p.startsWith(target)) : parameters[target] !== undefined;
      if (!found) problems.push(`calendar.yaml: ${id} sets ${target}, which is no parameter or folder of parameters`);
    }
    calendar[id] = { id, ...d };
  }
  return calendar;
}

/**
 * Every parameter has a value on every day of the period, unless it says why it lapsed; every value
 * that awaits a document names one in the calendar.
 */
function checkCoverage(parameters: Record<string, Parameter>, calendar: Record<string, CalendarDocument>, period: Period, problems: string[]): void {
  for (const p of Object.values(parameters)) {
    const last = p.values.at(-1);
    if (!last) continue;
    if (last.to < period.validTo && !p.lapsed) problems.push(`parameter ${p.id}: its values end on ${last.to}, before the period ends (${period.validTo}); add a value or say why it lapsed`);
    if (last.to >= period.validTo && p.lapsed) problems.push(`parameter ${p.id}: says it lapsed, but has a value up to ${last.to}`);
    if (last.to > period.validTo) problems.push(`parameter ${p.id}: a value runs past the end of the period (${last.to} > ${period.validTo})`);
    for (const v of p.values) {
      if (v.awaiting !== undefined && !calendar[v.awaiting])
        problems.push(`parameter ${p.id}: the value from ${v.from} awaits ${v.awaiting}, which is not in calendar.yaml`);
    }
  }
}

/** Loads and validates all of `content/`. Throws a {@link ContentError} listing every problem found. */
export function loadRulebook(contentDir: string = DEFAULT_CONTENT_DIR): Rulebook {
  return compileRulebook(readContent(contentDir));
}

/** Parses one content file against its schema; a problem is recorded and the file skipped. */
type ParseFile = <T>(f: ContentFile, schema: z.ZodType<T>) => T | undefined;

function fileParser(problems: string[]): ParseFile {
  return <T>(f: ContentFile, schema: z.ZodType<T>): T | undefined => {
    let raw: unknown;
    try {
      raw = parseYaml(f.text);
    } catch (e) {
      problems.push(`${f.path}: not valid YAML: ${(e as Error).message}`);
      return undefined;
    }
    const r = schema.safeParse(raw);
    if (!r.success) {
      problems.push(...formatIssues(f.path, r.error));
      return undefined;
    }
    return r.data;
  };
}

/** Validates and compiles content that has been read (see `readContent`). */
export function compileRulebook(content: ReturnType<typeof readContent>): Rulebook {
  const problems: string[] = [];
  const parseFile = fileParser(problems);
  const requiredFile = <T>(path: string, text: string, schema: z.ZodType<T>): T | undefined => {
    if (text.trim() === '') {
      problems.push(`${path}: the file is missing or empty`);
      return undefined;
    }
    return parseFile({ path, text }, schema);
  };

  const manifest = rulebookManifestSchema.parse(parseYaml(content.manifestText));
  const files = content.files;
  const { parameters, delegations } = compileParameters(files.parameters, parseFile, problems);
  const schemes = compileSchemes(files.schemes, parseFile);
  const regulations = readRegulations(files.regulations, parseFile, problems);
  const municipalities: Record<string, Municipality> = {};
  for (const f of files.municipalities) {
    const input = parseFile(f, municipalitySchema);
    if (!input) continue;
    if (municipalities[input.code]) problems.push(`${f.path}: municipality ${input.code} is defined twice`);
    municipalities[input.code] = compileMunicipality(f.path, input, schemes, parameters, delegations, regulations, manifest.validFrom, problems);
  }
  for (const id of Object.keys(regulations.inputs)) {
    if (!regulations.used.has(id)) problems.push(`regulations/${id}.yaml: no municipality file refers to it`);
  }
  const places = compilePlaces(files.places, parseFile, municipalities, problems);

  const localTaxes: Record<string, LocalTaxes> = {};
  for (const f of files.localTaxes) {
    const input = parseFile(f, localTaxesFileSchema);
    if (!input) continue;
    if (localTaxes[input.municipality]) problems.push(`${f.path}: local taxes of ${input.municipality} are defined twice`);
    localTaxes[input.municipality] = compileLocalTaxes(f.path, input, places, parameters, problems);
  }
  const contacts = compileContacts(files.contacts, parseFile, places, problems);
  const national = { parameters, delegations, periodStart: manifest.validFrom };
  const councilChoices = compileCouncilChoices(files.choices, parseFile, national, places, municipalities, problems);
  const events = compileEvents(files.events, parseFile, problems);

  const rules = compileRules(requiredFile('rules.yaml', content.rulesText, rulesFileSchema), manifest, problems);
  const calendar = compileCalendar(requiredFile('calendar.yaml', content.calendarText, calendarFileSchema), parameters, problems);
  const sources = requiredFile('sources.yaml', content.sourcesText, sourcesFileSchema) ?? {};
  checkCoverage(parameters, calendar, manifest, problems);

  if (problems.length > 0) throw new ContentError(problems);
  return {
    version: `${manifest.version}+${content.hash.slice(0, 8)}`,
    validFrom: manifest.validFrom,
    validTo: manifest.validTo,
    parameters,
    rules,
    calendar,
    sources,
    schemes,
    municipalities,
    places,
    councilChoices,
    contacts,
    events,
    localTaxes,
  };
}

/** The id a file in a folder stands for: its path without the folder and `.yaml`. */
function idOf(f: ContentFile, folder: string): string {
  return f.path.replace(new RegExp(`^${folder}/`), '').replace(/\.yaml$/, '');
}

/** The national parameters, and which of them the law leaves to the council (and within what range). */
function compileParameters(
  files: ContentFile[],
  parseFile: ParseFile,
  problems: string[],
): { parameters: Record<string, Parameter>; delegations: Delegations } {
  const parameters: Record<string, Parameter> = {};
  const delegations: Delegations = {};
  for (const f of files) {
    const id = idOf(f, 'parameters');
    const input = parseFile(f, parameterSchema);
    if (!input) continue;
    parameters[id] = compileParameter(id, input, problems, f.path);
    if (input.delegatedTo) delegations[id] = input.delegatedTo;
  }
  return { parameters, delegations };
}

function compileSchemes(files: ContentFile[], parseFile: ParseFile): Record<string, Scheme> {
  const schemes: Record<string, Scheme> = {};
  for (const f of files) {
    const id = idOf(f, 'schemes');
    const input = parseFile(f, schemeSchema);
    if (input) schemes[id] = { id, ...input };
  }
  return schemes;
}

/** Regulations several municipalities share; their values are checked once here, so a mistake is reported against the regulation. */
function readRegulations(files: ContentFile[], parseFile: ParseFile, problems: string[]): Regulations {
  const regulations: Regulations = { inputs: {}, used: new Set() };
  for (const f of files) {
    const id = idOf(f, 'regulations');
    const input = parseFile(f, regulationFileSchema);
    if (!input) continue;
    regulations.inputs[id] = input;
    for (const [key, v] of Object.entries(input.values)) compileParameter(`regulations/${id}/${key}`, v, problems, `${f.path}: ${key}`);
  }
  return regulations;
}

/** The CBS register of municipalities; every municipality file must be in it, under the same name. */
function compilePlaces(
  files: ContentFile[],
  parseFile: ParseFile,
  municipalities: Record<string, Municipality>,
  problems: string[],
): Record<string, Place> {
  const places: Record<string, Place> = {};
  for (const f of files) {
    const input = parseFile(f, placesSchema);
    for (const m of input?.municipalities ?? []) {
      if (places[m.code]) problems.push(`${f.path}: ${m.code} appears twice`);
      places[m.code] = m;
    }
  }
  for (const m of Object.values(municipalities)) {
    const place = places[m.code];
    const file = `municipalities/${municipalityFileName(m.code, m.name)}`;
    if (!place) problems.push(`${file}: ${m.code} is not in places/municipalities.yaml`);
    else if (place.name !== m.name) problems.push(`${file}: name ${m.name} differs from the CBS name ${place.name}`);
  }
  return places;
}

/** Every municipality's contact details from the register, keyed by CBS code. */
function compileContacts(
  files: ContentFile[],
  parseFile: ParseFile,
  places: Record<string, Place>,
  problems: string[],
): Record<string, MunicipalityContact> {
  const contacts: Record<string, MunicipalityContact> = {};
  for (const f of files) {
    const input = parseFile(f, contactsFileSchema);
    if (!input) continue;
    for (const c of input.municipalities) {
      if (contacts[c.code]) problems.push(`${f.path}: ${c.code} appears twice`);
      else if (!places[c.code]) problems.push(`${f.path}: ${c.code} is not in places/municipalities.yaml`);
      contacts[c.code] = {
        name: c.name,
        website: c.website,
        phone: c.phone,
        address: c.address,
        register: c.register,
        retrieved: input.source.retrieved,
      };
    }
  }
  return contacts;
}

/**
 * Councils' choices for municipalities without a file of their own (content/choices/): each becomes a
 * parameter `<code>/<national id>`, checked against what the law lets the council choose.
 */
function compileCouncilChoices(
  files: ContentFile[],
  parseFile: ParseFile,
  national: { parameters: Record<string, Parameter>; delegations: Delegations; periodStart: string },
  places: Record<string, Place>,
  municipalities: Record<string, Municipality>,
  problems: string[],
): Record<string, Record<string, string>> {
  const { parameters, delegations, periodStart } = national;
  const councilChoices: Record<string, Record<string, string>> = {};
  for (const f of files) {
    const input = parseFile(f, choicesFileSchema);
    if (!input) continue;
    const nationalParameter = parameters[input.parameter];
    if (!nationalParameter || !delegations[input.parameter]) {
      checkCouncilChoice(f.path, input.parameter, nationalParameter?.unit ?? 'count', [], parameters, delegations, periodStart, problems);
      continue;
    }
    for (const c of input.councils) {
      checkCouncilChoice(`${f.path}: ${c.code}`, input.parameter, nationalParameter.unit, c.values, parameters, delegations, periodStart, problems);
      if (!places[c.code]) problems.push(`${f.path}: ${c.code} is not in places/municipalities.yaml`);
      if (municipalities[c.code]) problems.push(`${f.path}: ${c.code} has its own file; set the choice under parameters: there`);
      const choices = (councilChoices[c.code] ??= {});
      if (choices[input.parameter]) problems.push(`${f.path}: ${c.code} appears twice`);
      const id = `${c.code}/${input.parameter}`;
      const title = { nl: `${nationalParameter.title.nl} (${c.code})`, en: `${nationalParameter.title.en} (${c.code})` };
      const values = c.values;
      parameters[id] = compileParameter(id, { title, unit: nationalParameter.unit, source: nationalParameter.source, values }, problems, `${f.path}: ${c.code}`);
      choices[input.parameter] = id;
    }
  }
  return councilChoices;
}

/** Life events: every operation refers to an input the event asks, and every input has a label in every language. */
function compileEvents(files: ContentFile[], parseFile: ParseFile, problems: string[]): Record<string, LifeEvent> {
  const events: Record<string, LifeEvent> = {};
  for (const f of files) {
    const id = idOf(f, 'events');
    const input = parseFile(f, eventSchema);
    if (!input) continue;
    const inputIds = new Set(input.inputs.map((i) => i.id));
    const refs = JSON.stringify(input.operations).matchAll(/"input":"([^"]+)"/g);
    for (const [, ref] of refs) if (!inputIds.has(ref!)) problems.push(`${f.path}: an operation refers to input "${ref}", which the event does not ask`);
    for (const lang of Object.keys(input.texts)) {
      for (const i of input.inputs) if (!input.texts[lang as keyof typeof input.texts].inputs[i.id]) problems.push(`${f.path}: texts.${lang}.inputs has no label for ${i.id}`);
    }
    events[id] = { id, ...input };
  }
  return events;
}
