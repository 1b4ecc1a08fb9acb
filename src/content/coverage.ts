/**
 * How far content/ covers the municipalities: per municipality and per scheme the council decides,
 * whether the figures are the council's own (by the weakest provenance of their values: `official`,
 * `municipal` or `secondary`) or `generic` (national rules only), and the newest dated value.
 */
import type { MunicipalScheme, Provenance, Rulebook } from '../engine/rulebook.ts';

export const COVERAGE_SCHEMES = ['individuele-inkomenstoeslag', 'bijzondere-bijstand', 'kwijtschelding', 'collectieve-zorgverzekering'] as const;
export type CoverageScheme = (typeof COVERAGE_SCHEMES)[number];

/** `none`: the scheme is not compulsory and content has nothing for this municipality. */
export type CoverageClass = 'official' | 'municipal' | 'secondary' | 'generic' | 'none';

export interface CoverageRow {
  code: string;
  name: string;
  schemes: Record<CoverageScheme, CoverageClass>;
  /** Own schemes beyond the four (meedoen, witgoed, ...). */
  otherSchemes: number;
  /** The newest `from` date of the council's own published values, when it has any. */
  newest: string | undefined;
}

export interface Coverage {
  date: string;
  rows: CoverageRow[];
  /** Per scheme, how many municipalities have each class. */
  summary: Record<CoverageScheme, Record<CoverageClass, number>>;
}

/** Weakest first: a scheme is as strong as its weakest value. */
const ORDER: Provenance[] = ['secondary', 'derived', 'municipal', 'official'];

function classOf(provenances: Provenance[], hasCvdr: boolean): CoverageClass {
  if (provenances.length === 0) return hasCvdr ? 'official' : 'municipal';
  const weakest = ORDER.find((p) => provenances.includes(p))!;
  // A value derived from the council's own figures is as strong as a municipal one.
  return weakest === 'derived' ? 'municipal' : weakest;
}

/** Parameter ids a compiled municipal scheme reads. */
function parameterIds(s: MunicipalScheme): string[] {
  const ids: string[] = [];
  const i = s.conditions.income;
  if (i) for (const id of [i.percent, i.percentSingle, i.percentMultiPerson]) if (id) ids.push(id);
  const a = s.conditions.assets;
  if (a && typeof a !== 'string') ids.push(a.single, a['single-parent'], a.couple);
  const m = s.amount;
  if (m.type === 'per-household-type') {
    ids.push(m.single, m['single-parent'], m.couple, ...(m.byChildAge ?? []).map((r) => r.amount));
    if (m.perChild) ids.push(m.perChild.first, ...(m.perChild.next ? [m.perChild.next] : []));
    ids.push(...(m.perChildByAge ?? []).map((b) => b.amount));
  }
  else if (m.type === 'fixed') ids.push(m.amount);
  else if (m.type === 'per-person') ids.push(...m.persons.map((p) => p.amount));
  return ids;
}

/** The newest `from` of the published (not provisional) values of these parameters. */
function newestFrom(rulebook: Rulebook, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) for (const v of rulebook.parameters[id]?.values ?? []) if (!v.provisional) out.push(v.from);
  return out;
}

/** Values of parameters in force on `date` (or the first after it). */
function valuesOn(rulebook: Rulebook, ids: readonly string[], date: string) {
  const out = [];
  for (const id of ids) {
    const p = rulebook.parameters[id];
    if (!p) continue;
    const v = p.values.find((x) => x.from <= date && date <= x.to) ?? p.values.find((x) => x.from > date);
    if (v) out.push(v);
  }
  return out;
}

export function coverage(rulebook: Rulebook, date: string): Coverage {
  const rows: CoverageRow[] = [];
  const codes = Object.keys(rulebook.places)
    .filter((c) => {
      const p = rulebook.places[c]!;
      return (p.from === undefined || p.from <= date) && (p.to === undefined || date <= p.to);
    })
    .sort();
  for (const code of codes) {
    const m = Object.hasOwn(rulebook.municipalities, code) ? rulebook.municipalities[code] : undefined;
    const schemes = {} as Record<CoverageScheme, CoverageClass>;
    const dates: string[] = [];
    for (const id of COVERAGE_SCHEMES) {
      let ids: string[] | undefined;
      let cvdr = false;
      if (id === 'kwijtschelding') {
        const own = m?.parameterOverrides['kwijtschelding/norm-percentage'] ?? rulebook.councilChoices[code]?.['kwijtschelding/norm-percentage'];
        ids = own === undefined ? undefined : [own];
      } else {
        const s = m?.schemes.find((x) => x.id === id);
        if (s) {
          ids = parameterIds(s);
          cvdr = s.legal.cvdr !== undefined;
        }
      }
      if (ids === undefined) {
        schemes[id] = id === 'collectieve-zorgverzekering' ? 'none' : 'generic';
        continue;
      }
      const values = valuesOn(rulebook, ids, date);
      schemes[id] = classOf(
        values.map((v) => v.provenance),
        cvdr,
      );
      dates.push(...newestFrom(rulebook, ids));
    }
    const own = new Set<string>(COVERAGE_SCHEMES);
    const others = m?.schemes.filter((s) => !own.has(s.id)) ?? [];
    for (const s of others) dates.push(...newestFrom(rulebook, parameterIds(s)));
    rows.push({
      code,
      name: rulebook.places[code]!.name,
      schemes,
      otherSchemes: others.length,
      newest: dates.length > 0 ? dates.sort().at(-1) : undefined,
    });
  }
  const summary = {} as Coverage['summary'];
  for (const id of COVERAGE_SCHEMES) {
    summary[id] = { official: 0, municipal: 0, secondary: 0, generic: 0, none: 0 };
    for (const r of rows) summary[id][r.schemes[id]]++;
  }
  return { date, rows, summary };
}

const SHORT: Record<CoverageScheme, string> = {
  'individuele-inkomenstoeslag': 'Individuele inkomenstoeslag',
  'bijzondere-bijstand': 'Bijzondere bijstand',
  kwijtschelding: 'Kwijtschelding (norm %)',
  'collectieve-zorgverzekering': 'Collectieve zorgverzekering',
};

/** The summary as a Markdown table: per scheme, how many municipalities have each class. */
export function summaryTable(c: Coverage): string {
  const classes: CoverageClass[] = ['official', 'municipal', 'secondary', 'generic', 'none'];
  const lines = [
    `| Scheme (${c.rows.length} municipalities, ${c.date}) | ${classes.join(' | ')} |`,
    `|---|${classes.map(() => '--:').join('|')}|`,
  ];
  for (const id of COVERAGE_SCHEMES) lines.push(`| ${SHORT[id]} | ${classes.map((k) => c.summary[id][k]).join(' | ')} |`);
  return lines.join('\n');
}

/** Every municipality as a row of a Markdown table; `ownOnly` keeps those with own figures. */
export function coverageTable(c: Coverage, ownOnly = false): string {
  const head = ['Code', 'Municipality', ...COVERAGE_SCHEMES.map((id) => SHORT[id]), 'Other own schemes', 'Newest value from'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of c.rows) {
    if (ownOnly && r.newest === undefined) continue;
    const cells = [r.code, r.name, ...COVERAGE_SCHEMES.map((id) => r.schemes[id]), String(r.otherSchemes), r.newest ?? '—'];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
