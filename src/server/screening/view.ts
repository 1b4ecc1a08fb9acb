/**
 * What the console shows of one screening import, each read logged with it in one transaction: the
 * import page (a page of rows, filtered) and its letters as PDF. The downloads are in download.ts.
 */
import { audit } from '../audit/log.ts';
import { inTransaction, type Services } from '../services.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import { getImport, importRows, type RowFilter, type ScreeningImport, type ScreeningRow } from './imports.ts';
import { LETTERS_PER_PDF, needsLetter } from './letters.ts';

export const ROW_FILTERS: readonly RowFilter[] = ['all', 'errors', 'qualifying', 'ex-officio', 'letters'];

export interface ImportView {
  imp: ScreeningImport;
  /** The rows on this page. */
  shown: ScreeningRow[];
  /** All rows that pass the filter. */
  total: number;
  /** The households that get a letter (no e-mail, likely to qualify, not already in the worklist). */
  letters: number;
}

/** One page of an import's rows under `filter`; the view is logged with what it showed. */
export async function viewImport(
  s: Services,
  user: ConsoleUser,
  id: string,
  filter: RowFilter,
  page: { number: number; size: number },
): Promise<ImportView | undefined> {
  return inTransaction(s, async (tx) => {
    const imp = await getImport(tx, user, id);
    if (!imp) return undefined;
    const done = imp.status === 'done';
    const window = { offset: (page.number - 1) * page.size, limit: page.size };
    // Letters: rows without e-mail that are not already in the worklist; paged here, after that filter.
    const letterRows = done ? (await importRows(tx, imp.id, 'letters')).rows.filter(needsLetter) : [];
    const listed = !done
      ? { rows: [], total: 0 }
      : filter === 'letters'
        ? { rows: letterRows.slice(window.offset, window.offset + window.limit), total: letterRows.length }
        : await importRows(tx, imp.id, filter, window);
    await audit(tx.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'screening.view',
      subjectType: 'import',
      subjectId: imp.id,
      details: { filter, page: page.number, shown: listed.rows.length },
    });
    return { imp, shown: listed.rows, total: listed.total, letters: letterRows.length };
  });
}

/**
 * The letters of a finished import to print: one line's (`line`), or batch `part` of LETTERS_PER_PDF.
 * Undefined when there is nothing to print; the rows handed out are logged by line.
 */
export async function importLetters(
  s: Services,
  user: ConsoleUser,
  id: string,
  pick: { line: number } | { part: number },
): Promise<{ imp: ScreeningImport; rows: ScreeningRow[] } | undefined> {
  return inTransaction(s, async (tx) => {
    const imp = await getImport(tx, user, id);
    if (!imp || imp.status !== 'done') return undefined;
    const all = (await importRows(tx, imp.id, 'letters')).rows.filter(needsLetter);
    const rows =
      'line' in pick ? all.filter((r) => r.line === pick.line) : all.slice((pick.part - 1) * LETTERS_PER_PDF, pick.part * LETTERS_PER_PDF);
    if (rows.length === 0) return undefined;
    await audit(tx.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'screening.letters',
      subjectType: 'import',
      subjectId: imp.id,
      details: { letters: rows.length, lines: rows.map((r) => r.line) },
    });
    return { imp, rows };
  });
}
