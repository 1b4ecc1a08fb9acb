/**
 * Reading parameters as of a reference date.
 *
 * A value missing for that date is an error that names the parameter and the date, never a silent
 * fallback to an older value. A municipality's own value replaces the national one where the council
 * may choose (for example the kwijtschelding norm percentage); that is a legal rule, not a fallback.
 */
import type { DatedValue, LegalSource, Municipality, Parameter, Rule, RuleVersion, Rulebook, Scale, Unit } from './rulebook.ts';
import { PPM } from './money.ts';
import type { RuleId, VersionOf } from './rule-versions.ts';

export class MissingParameterError extends Error {
  readonly parameter: string;
  readonly date: string;
  constructor(parameter: string, date: string, why: string) {
    super(`parameter ${parameter} has no value on ${date}: ${why}`);
    this.name = 'MissingParameterError';
    this.parameter = parameter;
    this.date = date;
  }
}

/**
 * One resolved parameter. The dated values come from content in several shapes (with and without a
 * note, for example); the fields read for every parameter are copied here, so reading them is the
 * same for every parameter.
 */
interface Entry {
  value: DatedValue;
  /** The id actually read (the municipality's replacement when it has one). */
  effective: string;
  unit: Unit;
  unverified: boolean;
  /** The value when it is a number, undefined for a scale. */
  number: number | undefined;
}

/**
 * A value worked out from parameters alone (no household), such as a year's tax tables: worked out
 * once per date and municipality. The unverified values it rests on are kept with it, so every
 * reader that uses it records them as if it had read them itself.
 */
export class Derived<T> {
  /** What the value is, for people reading a heap snapshot or a debugger; the cache keys on the object. */
  readonly name: string;
  readonly compute: (p: ParameterReader) => T;
  constructor(name: string, compute: (p: ParameterReader) => T) {
    this.name = name;
    this.compute = compute;
  }
}

interface DerivedValue {
  value: unknown;
  unverified: string[];
}

/** Marks a parameter without a source (one that does not exist), so the cache needs one lookup. */
const NO_SOURCE = null;

/**
 * Values resolved for one rulebook, date and municipality, with the municipality's replacements
 * folded in, so batch screening looks each parameter up once per date.
 */
class Resolved {
  readonly values = new Map<string, Entry>();
  /** Legal sources by id, for reasons: looked up once, whether or not the parameter has a value on the date. */
  private readonly sources = new Map<string, LegalSource | typeof NO_SOURCE>();
  /** Whether a parameter has a value on the date, by id. */
  private readonly present = new Map<string, boolean>();
  readonly derived = new Map<Derived<unknown>, DerivedValue>();
  /** The rule version in force on the date, by rule id. */
  private readonly rules = new Map<string, RuleVersion>();
  readonly rulebook: Rulebook;
  readonly date: string;
  readonly municipality: Municipality | undefined;
  constructor(rulebook: Rulebook, date: string, municipality: Municipality | undefined) {
    this.rulebook = rulebook;
    this.date = date;
    this.municipality = municipality;
  }

  effectiveId(id: string): string {
    return this.municipality?.parameterOverrides[id] ?? id;
  }

  get(id: string): Entry {
    return this.values.get(id) ?? this.resolve(id);
  }

  private resolve(id: string): Entry {
    const effective = this.effectiveId(id);
    const parameter = this.rulebook.parameters[effective];
    if (!parameter) throw new MissingParameterError(effective, this.date, 'no such parameter in content/');
    const v = valueOn(parameter, this.date);
    if (!v) {
      const ranges = parameter.values.map((x) => `${x.from}..${x.to}`).join(', ');
      throw new MissingParameterError(effective, this.date, `its values cover ${ranges}`);
    }
    const entry: Entry = {
      value: v,
      effective,
      unit: parameter.unit,
      unverified: v.unverified,
      number: typeof v.value === 'number' ? v.value : undefined,
    };
    this.values.set(id, entry);
    return entry;
  }

  source(id: string): LegalSource | undefined {
    let source = this.sources.get(id);
    if (source === undefined) {
      source = this.rulebook.parameters[this.effectiveId(id)]?.source ?? NO_SOURCE;
      this.sources.set(id, source);
    }
    return source === NO_SOURCE ? undefined : source;
  }

  rule(id: RuleId): RuleVersion {
    let version = this.rules.get(id);
    if (!version) {
      const rule: Rule | undefined = this.rulebook.rules[id];
      if (!rule) throw new MissingParameterError(`rule ${id}`, this.date, 'no such rule in content/rules.yaml');
      version = versionOn(rule, this.date);
      if (!version) {
        const ranges = rule.versions.map((x) => `${x.from}..${x.to}`).join(', ');
        throw new MissingParameterError(`rule ${id}`, this.date, `its versions cover ${ranges}`);
      }
      this.rules.set(id, version);
    }
    return version;
  }

  has(id: string): boolean {
    let present = this.present.get(id);
    if (present === undefined) {
      const parameter = this.rulebook.parameters[this.effectiveId(id)];
      present = parameter !== undefined && valueOn(parameter, this.date) !== undefined;
      this.present.set(id, present);
    }
    return present;
  }
}

/**
 * Resolved values by rulebook, then date, then municipality (undefined: no municipal data). Nested
 * maps rather than one `date|code` key, so finding them costs no string building per check.
 */
const cache = new WeakMap<Rulebook, Map<string, Map<Municipality | undefined, Resolved>>>();
/** Dates kept per rulebook before the cache starts over (batches use a handful). */
const MAX_DATES = 64;

function resolvedFor(rulebook: Rulebook, date: string, municipality: Municipality | undefined): Resolved {
  let byDate = cache.get(rulebook);
  if (!byDate) cache.set(rulebook, (byDate = new Map()));
  let byMunicipality = byDate.get(date);
  if (!byMunicipality) {
    if (byDate.size >= MAX_DATES) byDate.clear();
    byDate.set(date, (byMunicipality = new Map()));
  }
  let r = byMunicipality.get(municipality);
  if (!r) byMunicipality.set(municipality, (r = new Resolved(rulebook, date, municipality)));
  return r;
}

export function valueOn(parameter: Parameter, date: string): DatedValue | undefined {
  for (const v of parameter.values) if (v.from <= date && date <= v.to) return v;
  return undefined;
}

/** Whether the value of a parameter on a date is provisional (not yet published, carried forward). */
export function isProvisional(rulebook: Rulebook, id: string, date: string): boolean {
  const parameter = rulebook.parameters[id];
  return parameter !== undefined && valueOn(parameter, date)?.provisional === true;
}

export function versionOn(rule: Rule, date: string): RuleVersion | undefined {
  for (const v of rule.versions) if (v.from <= date && date <= v.to) return v;
  return undefined;
}

/**
 * Reads parameters for one reference date and one municipality, and records which unverified
 * values it read, so every conclusion can say which of its values are not yet verified.
 */
export class ParameterReader {
  readonly rulebook: Rulebook;
  readonly date: string;
  readonly municipality: Municipality | undefined;
  private readonly resolved: Resolved;
  /** Created on the first unverified value: most readers never read one. */
  private unverifiedIds: Set<string> | undefined;

  constructor(rulebook: Rulebook, date: string, municipality: Municipality | undefined, resolved?: Resolved) {
    this.rulebook = rulebook;
    this.date = date;
    this.municipality = municipality;
    this.resolved = resolved ?? resolvedFor(rulebook, date, municipality);
  }

  /** A fresh reader for the same date and municipality with its own record of what was used. */
  fork(): ParameterReader {
    return new ParameterReader(this.rulebook, this.date, this.municipality, this.resolved);
  }

  /** The id actually read: the municipality's replacement when it has one. */
  effectiveId(id: string): string {
    return this.resolved.effectiveId(id);
  }

  /** The legal source of a parameter (the municipality's own when it replaced the national value). */
  source(id: string): LegalSource | undefined {
    return this.resolved.source(id);
  }

  /** The unit of the parameter actually read. */
  unit(id: string): Unit {
    return this.resolved.get(id).unit;
  }

  raw(id: string): DatedValue {
    return this.read(id).value;
  }

  /** The entry of a parameter, noting it when its value is unverified. */
  private read(id: string): Entry {
    const entry = this.resolved.get(id);
    if (entry.unverified) (this.unverifiedIds ??= new Set()).add(entry.effective);
    return entry;
  }

  private number(id: string): number {
    const v = this.read(id).number;
    if (v === undefined) throw new TypeError(`parameter ${id} is a scale, not a number`);
    return v;
  }

  /** Money in cents. */
  money(id: string): number {
    return this.number(id);
  }

  /** A rate in parts per million. */
  rate(id: string): number {
    return this.number(id);
  }

  /** Whole years, months or a count. */
  count(id: string): number {
    return this.number(id);
  }

  /** A factor times 10^12. */
  factor(id: string): number {
    return this.number(id);
  }

  scale(id: string): Scale {
    const v = this.raw(id).value;
    if (typeof v === 'number') throw new TypeError(`parameter ${id} is a number, not a scale`);
    return v;
  }

  /**
   * A derived value for this date and municipality. Worked out with a reader of its own the first
   * time; a missing parameter throws as a direct read would, and nothing is kept.
   */
  derive<T>(d: Derived<T>): T {
    let kept = this.resolved.derived.get(d);
    if (!kept) {
      const own = this.fork();
      kept = { value: d.compute(own), unverified: own.unverified() };
      this.resolved.derived.set(d, kept);
    }
    for (const id of kept.unverified) (this.unverifiedIds ??= new Set()).add(id);
    return kept.value as T;
  }

  /** Whether the parameter exists on the date. Rules choose their way of calculating with `rule`, never with this. */
  has(id: string): boolean {
    return this.resolved.has(id);
  }

  /** Which version of a rule applies on the date (content/rules.yaml); an error when none does. */
  rule<R extends RuleId>(id: R): VersionOf<R> {
    return this.resolved.rule(id).version as VersionOf<R>;
  }

  /** The law that sets the version of a rule in force on the date. */
  ruleSource(id: RuleId): LegalSource {
    return this.resolved.rule(id).source;
  }

  /** Ids of the unverified values read so far. */
  unverified(): string[] {
    return this.unverifiedIds === undefined ? [] : [...this.unverifiedIds];
  }
}

/** Value of a piecewise linear scale at a yearly amount (cents); the result is in cents, rounded half up. */
export function evaluateScale(scale: Scale, amount: number): number {
  let total = scale.base * PPM;
  const b = scale.brackets;
  for (let i = 0; i < b.length; i++) {
    const from = b[i]!.from;
    if (amount <= from) break;
    const to = i + 1 < b.length ? Math.min(amount, b[i + 1]!.from) : amount;
    total += (to - from) * b[i]!.rate;
  }
  return Math.round(total / PPM);
}
