/**
 * Reading parameters as of a reference date.
 *
 * A value missing for that date is an error that names the parameter and the date, never a silent
 * fallback to an older value. A municipality's own value replaces the national one where the council
 * may choose (for example the kwijtschelding norm percentage); that is a legal rule, not a fallback.
 */
import type { DatedValue, Municipality, Parameter, Rulebook, Scale } from './rulebook.ts';
import { PPM } from './money.ts';

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
 * Values resolved for one rulebook, date and municipality, with the municipality's replacements
 * folded in, so batch screening looks each parameter up once per date.
 */
interface Entry {
  value: DatedValue;
  /** The id actually read (the municipality's replacement when it has one). */
  effective: string;
}

class Resolved {
  readonly values = new Map<string, Entry>();
  readonly rulebook: Rulebook;
  readonly date: string;
  readonly municipality: Municipality | undefined;
  constructor(rulebook: Rulebook, date: string, municipality: Municipality | undefined) {
    this.rulebook = rulebook;
    this.date = date;
    this.municipality = municipality;
  }

  get(id: string): Entry {
    const hit = this.values.get(id);
    if (hit) return hit;
    const effective = this.municipality?.parameterOverrides[id] ?? id;
    const parameter = this.rulebook.parameters[effective];
    if (!parameter) throw new MissingParameterError(effective, this.date, 'no such parameter in content/');
    const v = valueOn(parameter, this.date);
    if (!v) {
      const ranges = parameter.values.map((x) => `${x.from}..${x.to}`).join(', ');
      throw new MissingParameterError(effective, this.date, `its values cover ${ranges}`);
    }
    const entry = { value: v, effective };
    this.values.set(id, entry);
    return entry;
  }
}

const cache = new WeakMap<Rulebook, Map<string, Resolved>>();

function resolvedFor(rulebook: Rulebook, date: string, municipality: Municipality | undefined): Resolved {
  let byKey = cache.get(rulebook);
  if (!byKey) cache.set(rulebook, (byKey = new Map()));
  const key = `${date}|${municipality?.code ?? ''}`;
  let r = byKey.get(key);
  if (!r) {
    if (byKey.size > 256) byKey.clear();
    byKey.set(key, (r = new Resolved(rulebook, date, municipality)));
  }
  return r;
}

export function valueOn(parameter: Parameter, date: string): DatedValue | undefined {
  for (const v of parameter.values) if (v.from <= date && date <= v.to) return v;
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
  private readonly unverifiedIds = new Set<string>();

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
    return this.municipality?.parameterOverrides[id] ?? id;
  }

  raw(id: string): DatedValue {
    const entry = this.resolved.get(id);
    if (entry.value.unverified) this.unverifiedIds.add(entry.effective);
    return entry.value;
  }

  private number(id: string): number {
    const v = this.raw(id).value;
    if (typeof v !== 'number') throw new TypeError(`parameter ${id} is a scale, not a number`);
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

  /** Whether the parameter exists on the date (for rules that changed structure, such as huurtoeslag 2026). */
  has(id: string): boolean {
    const parameter = this.rulebook.parameters[this.effectiveId(id)];
    return parameter !== undefined && valueOn(parameter, this.date) !== undefined;
  }

  /** Ids of the unverified values read so far. */
  unverified(): string[] {
    return this.unverifiedIds.size === 0 ? [] : [...this.unverifiedIds];
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
