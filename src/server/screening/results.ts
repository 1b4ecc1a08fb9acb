/**
 * The downloadable result of a screening import: per line of the upload, who likely qualifies for
 * what, who is an ex officio candidate, the estimate, whether the household gets a letter, and the
 * problems with lines that could not be screened. CSV for spreadsheets, NDJSON for systems.
 */
import type { TFunction } from 'i18next';
import { toCents } from '../../engine/money.ts';
import type { ScreeningProblem } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { csvDocument, csvEuros } from '../staff/csv.ts';
import type { ScreeningRow } from './imports.ts';
import { qualifies } from './imports.ts';
import { needsLetter } from './letters.ts';
import { schemeNames } from '../consent/links.ts';

export function problemText(t: TFunction, p: ScreeningProblem): string {
  return p.message ?? t(`screening.problem.${p.code ?? 'internal'}`, { ...(p.params ?? {}), defaultValue: p.code ?? '' });
}

/** One line of an import as the import page lists it. */
export interface RowSummary {
  line: number;
  externalId: string | null;
  name: string;
  /** The schemes the household likely qualifies for, and those among them that can be granted ex officio. */
  likely: string[];
  exOfficio: string[];
  /** The estimate per year of the likely schemes, in cents, when there is one. */
  yearly?: number | undefined;
  /** How the household is reached: already in the worklist, by e-mail, by letter, or not at all. */
  contact: 'worklist' | 'email' | 'letter' | 'none';
  problems: ScreeningProblem[];
}

export function rowSummary(row: ScreeningRow): RowSummary {
  const likely = likelyOf(row);
  return {
    line: row.line,
    externalId: row.externalId,
    name: row.contact?.name ?? '',
    likely: likely.map((x) => x.id),
    exOfficio: likely.filter((x) => x.exOfficio).map((x) => x.id),
    yearly: likely.some((x) => x.yearly > 0) ? toCents(likely.reduce((n, x) => n + x.yearly, 0)) : undefined,
    contact: row.inWorklist ? 'worklist' : row.contact?.email ? 'email' : needsLetter(row) ? 'letter' : 'none',
    problems: row.errors ?? [],
  };
}

function likelyOf(row: ScreeningRow): { id: string; yearly: number; exOfficio: boolean }[] {
  return (row.result?.schemes ?? []).filter((x) => qualifies(x.status));
}

export function resultsCsv(s: Services, municipality: string, rows: ScreeningRow[], t: TFunction): string {
  const names = (ids: string[]): string => schemeNames(s, municipality, ids, 'nl').join(', ');
  const header = [
    t('screening.csv.line'),
    t('screening.csv.id'),
    t('screening.csv.name'),
    t('screening.csv.address'),
    t('screening.csv.postcode'),
    t('screening.csv.city'),
    t('screening.csv.email'),
    t('screening.csv.status'),
    t('screening.csv.likely'),
    t('screening.csv.exOfficio'),
    t('screening.csv.yearly'),
    t('screening.csv.inWorklist'),
    t('screening.csv.letter'),
    t('screening.csv.problems'),
  ];
  const body = rows.map((r) => {
    const likely = likelyOf(r);
    return [
      r.line,
      r.externalId ?? '',
      r.contact?.name ?? '',
      r.contact?.address ?? '',
      r.contact?.postcode ?? '',
      r.contact?.city ?? '',
      r.contact?.email ?? '',
      r.errors ? t('screening.csv.statusError') : likely.length ? t('screening.csv.statusLikely') : t('screening.csv.statusNone'),
      names(likely.map((x) => x.id)),
      names(likely.filter((x) => x.exOfficio).map((x) => x.id)),
      likely.length ? csvEuros(likely.reduce((sum, x) => sum + x.yearly, 0)) : '',
      r.inWorklist ? t('common.yes') : t('common.no'),
      needsLetter(r) ? t('common.yes') : t('common.no'),
      (r.errors ?? []).map((p) => `${p.path ? `${p.path}: ` : ''}${problemText(t, p)}`).join(' | '),
    ];
  });
  return csvDocument(header, body);
}

export function resultsNdjson(rows: ScreeningRow[], t: TFunction): string {
  return rows
    .map((r) =>
      JSON.stringify({
        line: r.line,
        id: r.externalId,
        contact: r.contact,
        ...(r.result ? { result: r.result } : {}),
        ...(r.errors ? { problems: r.errors.map((p) => ({ path: p.path, message: problemText(t, p) })) } : {}),
        likely: likelyOf(r).map((x) => x.id),
        exOfficio: likelyOf(r)
          .filter((x) => x.exOfficio)
          .map((x) => x.id),
        inWorklist: r.inWorklist,
        letter: needsLetter(r),
      }),
    )
    .join('\n')
    .concat(rows.length ? '\n' : '');
}
