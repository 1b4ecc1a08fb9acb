/**
 * CSV in the console, made for Dutch spreadsheets, around csv-parse and csv-stringify (which handle
 * quoting, quotes inside quotes, line breaks inside cells and the BOM).
 *
 * Writing (downloads): `;` between fields, CRLF line ends, a BOM so Excel reads UTF-8, a cell with a
 * line break always quoted, and no formulas: a cell that starts with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe, so a name like "=HYPERLINK(…)" from uploaded data cannot run in
 * the spreadsheet of the person who opens the file.
 *
 * Reading (the screening upload): `;` or `,` (or a tab), whichever the header line uses most, a BOM
 * dropped, blank lines skipped, and every record with the line of the file it starts on, so problems
 * can name the line a person sees in a text editor.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A cell's text with the formula guard: an apostrophe before = + - @ tab or CR, unless it is a plain number. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+([.,]\d+)?$/.test(text) ? `'${text}` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(
    [header, ...rows].map((r) => r.map(csvCell)),
    { delimiter: ';', record_delimiter: '\r\n', bom: true, quoted_match: /[\r\n]/ },
  );
}

/** Euros with a decimal comma, as Dutch spreadsheets expect. */
export function csvEuros(euros: number): string {
  return euros.toFixed(2).replace('.', ',');
}

export interface CsvRecord {
  /** The line of the file the record starts on (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

export type CsvRead =
  | { ok: true; delimiter: string; records: CsvRecord[] }
  /** The file cannot be read from `line` on (a quote that is not closed, for example). */
  | { ok: false; delimiter: string; line: number };

/** The delimiter of a file: `;` or `,`, whichever its first line has more of; a tab when it has tabs and no commas. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const count = (c: string): number => firstLine.split(c).length - 1;
  if (count(';') > count(',')) return ';';
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

const lineBreaks = (cells: string[]): number => cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);

/**
 * The records of a CSV text with their first line; records whose cells are all blank are left out.
 * Line ends (CRLF, LF, or a lone CR) become LF first, so lines are counted as an editor shows them.
 */
export function csvRecords(text: string): CsvRead {
  const lf = text.replace(/\r\n?/g, '\n');
  const delimiter = sniffDelimiter(lf.replace(/^\uFEFF/, ''));
  // The line the last whole record ended on: a record that cannot be read starts after it.
  let ended = 0;
  const starts: number[] = [];
  try {
    const rows = parse(lf, {
      delimiter,
      bom: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: '\n',
      on_record: (cells: string[], context: { lines: number }): string[] => {
        ended = context.lines;
        starts.push(context.lines - lineBreaks(cells));
        return cells;
      },
    });
    const records = rows.map((cells, i) => ({ line: starts[i]!, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
    return { ok: true, delimiter, records };
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, delimiter, line: ended + 1 };
    throw e;
  }
}

export function download(body: string | Uint8Array, contentType: string, fileName: string): Response {
  return new Response(body as BodyInit, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
