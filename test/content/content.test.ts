/**
 * Every file in content/ is valid: every value has a source, a unit and a provenance; dates do not
 * overlap or leave gaps; municipality codes are valid CBS codes; every scheme has texts in every
 * language. And the engine finds every parameter it needs on every day of the rulebook period.
 */
import { describe, expect, it } from 'vitest';
import { ContentError, loadRulebook } from '../../src/content/load.ts';
import { LANGUAGES, PROVENANCES, UNITS } from '../../src/content/schema.ts';
import { check } from '../../src/engine/check.ts';
import type { Household } from '../../src/engine/types.ts';
import { rulebook } from '../support/rulebook.ts';

const rb = rulebook();

describe('content/', () => {
  it('loads without a single problem', () => {
    expect(() => loadRulebook()).not.toThrow();
  });

  it('reports problems with the file they are in', () => {
    try {
      loadRulebook(new URL('./fixtures/broken/', import.meta.url).pathname);
      expect.unreachable('the broken fixture must not load');
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      const problems = (e as ContentError).problems.join('\n');
      expect(problems).toContain('parameters/example/overlap.yaml: values from 2025-01-01 and 2025-06-01 overlap');
      expect(problems).toContain('parameters/example/no-end.yaml: the last value (from 2025-01-01) needs an explicit "to" date');
      expect(problems).toContain('parameters/example/gap.yaml: gap between 2025-06-30 and 2025-08-01');
      expect(problems).toContain('parameters/example/cents.yaml (from 2025-01-01): amount 1.234 has more decimals than the unit allows');
      expect(problems).toContain('parameters/example/unverified.yaml: unverified value from 2025-01-01 needs a note saying why');
      expect(problems).toContain('parameters/example/no-source.yaml: source');
      // Provisional values, lapsed parameters and the rules calendar.
      expect(problems).toContain(
        'parameters/example/provisional.yaml: provisional value from 2025-01-01 must also be unverified and name the document it is awaiting',
      );
      expect(problems).toContain('parameter example/provisional: the value from 2026-01-01 awaits no-such-document, which is not in calendar.yaml');
      expect(problems).toContain(
        'parameter example/ends-early: its values end on 2025-12-31, before the period ends (2026-12-31); add a value or say why it lapsed',
      );
      expect(problems).toContain('parameter example/lapsed-but-present: says it lapsed, but has a value up to 2026-12-31');
      expect(problems).toContain('calendar.yaml: normenbrief sets nowhere/, which is no parameter or folder of parameters');
      // Dated rule versions: known to the engine, without gaps, covering the whole period.
      expect(problems).toContain('rules.yaml: huurtoeslag/berekening: normhuur-2025 ends on 2025-12-31 but lineair-2026 starts on 2026-02-01');
      expect(problems).toContain('rules.yaml: participatiewet/vrijlating-inkomsten: version art-99 is unknown to the engine');
      expect(problems).toContain('rules.yaml: kindgebonden-budget/afbouw: the versions must cover 2025-01-01 to 2026-12-31');
      expect(problems).toContain('rules.yaml: onbekend/regel: the engine knows no rule of that id');
      // Local tax tariffs: named by a Dutch municipality's code, in euros a year, for every household or for both sizes.
      expect(problems).toContain('local-taxes/GM0001.yaml: GM9999 is not in places/municipalities.yaml');
      expect(problems).toContain('local-taxes/GM0002.yaml: taxes.0.tariffs.all.unit: Invalid input: expected "EUR/year"');
      expect(problems).toContain('local-taxes/GM0003.yaml: taxes.0.tariffs: tariffs are either `all`, or `single` and `multi-person`');
    }
  });

  it('gives every parameter a unit, a legal source and a URL', () => {
    for (const p of Object.values(rb.parameters)) {
      expect(UNITS, p.id).toContain(p.unit);
      expect(p.source.bwb ?? p.source.cvdr ?? p.source.article, `${p.id} names a BWB or CVDR id or an article`).toBeTruthy();
      expect(p.source.url, p.id).toMatch(/^https?:\/\//);
    }
  });

  it('gives every value a provenance and evidence, and dates that neither overlap nor leave gaps', () => {
    for (const p of Object.values(rb.parameters)) {
      p.values.forEach((v, i) => {
        expect(PROVENANCES, `${p.id} from ${v.from}`).toContain(v.provenance);
        expect(v.evidence.url, `${p.id} from ${v.from}`).toMatch(/^https?:\/\//);
        expect(v.to >= v.from, `${p.id} from ${v.from}`).toBe(true);
        const next = p.values[i + 1];
        if (next) expect(next.from > v.to, `${p.id}: ${v.from}..${v.to} overlaps ${next.from}`).toBe(true);
        if (v.unverified || v.provenance === 'derived') expect(v.note, `${p.id} from ${v.from} explains itself`).toBeTruthy();
      });
    }
  });

  it('lists every Dutch municipality with a valid CBS code', () => {
    const places = Object.values(rb.places);
    const on = (date: string) => places.filter((p) => (!p.from || p.from <= date) && (!p.to || date <= p.to)).length;
    // CBS: 342 municipalities on 1 January 2025 and on 1 January 2026.
    expect(on('2025-01-01')).toBe(342);
    expect(on('2026-01-01')).toBe(342);
    for (const p of places) expect(p.code).toMatch(/^GM\d{4}$/);
    expect(rb.places['GM0363']?.name).toBe('Amsterdam');
  });

  it('has the five municipalities of the project, under their CBS codes', () => {
    const names = Object.fromEntries(Object.values(rb.municipalities).map((m) => [m.code, m.name]));
    expect(names).toMatchObject({ GM0106: 'Assen', GM1680: 'Aa en Hunze', GM1730: 'Tynaarlo', GM0267: 'Nijkerk', GM1708: 'Steenwijkerland' });
    for (const m of Object.values(rb.municipalities)) {
      expect(rb.places[m.code]?.name).toBe(m.name);
      expect(m.postcodes.length).toBeGreaterThan(0);
    }
  });

  it('gives every scheme its texts in every language', () => {
    const all = [...Object.values(rb.schemes), ...Object.values(rb.municipalities).flatMap((m) => m.schemes)];
    for (const s of all) {
      for (const lang of LANGUAGES) {
        const t = s.texts[lang];
        expect(t, `${s.id} in ${lang}`).toBeDefined();
        for (const field of ['name', 'summary', 'who', 'amount', 'how', 'nextStep'] as const) {
          expect(t[field].trim().length, `${s.id}.${lang}.${field}`).toBeGreaterThan(1);
        }
      }
    }
  });

  it('has no postcode in two municipalities', () => {
    const seen = new Map<string, string>();
    for (const m of Object.values(rb.municipalities)) {
      for (const range of m.postcodes) {
        const [from, to = from] = range.split('-').map(Number) as [number, number?];
        for (let pc = from; pc <= to!; pc++) {
          expect(seen.get(String(pc)), `PC4 ${pc} in ${m.code}`).toBeUndefined();
          seen.set(String(pc), m.code);
        }
      }
    }
  });
});

/** Households that together touch every rule: young, old, couples, children, housemates, renters. */
function households(date: string, municipality: string): Household[] {
  const base = { referenceDate: date, municipality, language: 'nl' as const, annualTaxableIncome: {}, assets: 0, costs: { localTaxes: 3000, healthInsurancePremium: 15000 }, receiving: [] };
  const person = (id: string, role: Household['people'][number]['role'], age: number) => ({ id, role, age, student: false, inInstitution: false });
  return [
    { ...base, people: [person('a', 'applicant', 20), person('h', 'housemate', 50)], incomes: [], housing: { type: 'none' } },
    {
      ...base,
      people: [person('a', 'applicant', 35), person('c', 'child', 4), person('d', 'child', 13), person('e', 'child', 16)],
      incomes: [{ person: 'a', type: 'wages', amount: 120000, period: 'month', basis: 'net' }],
      housing: { type: 'rent', rent: 70000, serviceCosts: 3000 },
    },
    {
      ...base,
      people: [person('a', 'applicant', 70), person('p', 'partner', 68)],
      incomes: [{ person: 'a', type: 'aow', amount: 100000, period: 'month', basis: 'net' }, { person: 'p', type: 'pension', amount: 30000, period: 'month', basis: 'gross' }],
      housing: { type: 'rent', rent: 95000, serviceCosts: 0 },
    },
    {
      ...base,
      people: [person('a', 'applicant', 40), person('p', 'partner', 19), person('h', 'housemate', 30), person('k', 'adult-child', 22)],
      incomes: [{ person: 'a', type: 'self-employment', amount: 24000, period: 'year', basis: 'gross' }],
      housing: { type: 'rent', rent: 45000, serviceCosts: 0 },
    },
    { ...base, people: [person('a', 'applicant', 19)], incomes: [], housing: { type: 'rent', rent: 60000, serviceCosts: 0 } },
  ];
}

describe('the rulebook period', () => {
  const months: string[] = [];
  for (let d = new Date(`${rb.validFrom}T00:00:00Z`); d.toISOString().slice(0, 10) <= rb.validTo; d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(d.toISOString().slice(0, 10));
  }
  months.push(rb.validTo);

  it.each(months)('has every parameter the engine needs on %s, in every municipality we cover', (date) => {
    for (const code of [...Object.keys(rb.municipalities), 'GM0363']) {
      for (const h of households(date, code)) expect(() => check(h, rb)).not.toThrow();
    }
  });
});
