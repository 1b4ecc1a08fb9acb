/**
 * The downloadable result of a screening import: per line of the upload, who likely qualifies for
 * what, who is an ex officio candidate, the estimate, whether the household gets a letter, and the
 * problems with lines that could not be screened. CSV for spreadsheets, NDJSON for systems.
 */
import type { TFunction } from 'i18next';
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
