/**
 * CSV for Dutch spreadsheets around csv-parse and csv-stringify: what the console writes (BOM, `;`,
 * CRLF, quotes, the formula guard) and what the screening upload reads (`;` or `,`, a BOM, quoted
 * line breaks, the line each record starts on, and the line from which a broken file cannot be read).
 */
import { describe, expect, it } from 'vitest';
import { parseUpload } from '../../src/server/screening/format.ts';
import { csvDocument, csvRecords } from '../../src/server/staff/csv.ts';

describe('writing CSV for a Dutch spreadsheet', () => {
  it('starts with a BOM, puts ; between fields and CRLF after every record', () => {
    expect(csvDocument(['naam', 'aantal'], [['Assen', 3]])).toBe('\uFEFFnaam;aantal\r\nAssen;3\r\n');
  });

  it('quotes a cell with ;, a quote or a line break, and doubles the quote', () => {
    expect(csvDocument(['a'], [['Laan 6; achterom'], ['zei "ja"'], ['regel 1\nregel 2'], ['x\ry']])).toBe(
      '\uFEFFa\r\n"Laan 6; achterom"\r\n"zei ""ja"""\r\n"regel 1\nregel 2"\r\n"x\ry"\r\n',
    );
  });

  it('keeps formulas from running: = + - @ and a tab get an apostrophe, plain numbers do not', () => {
    const doc = csvDocument(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [['=HYPERLINK("x")', '+31', '-5', '-12,50', '@SUM(A1)', '\tx', '- los']]);
    expect(doc.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")";'+31;-5;-12,50;'@SUM(A1);'\tx;'- los`);
  });

  it('writes nothing for null and undefined, and text for booleans and numbers', () => {
    expect(csvDocument(['a', 'b', 'c', 'd'], [[null, undefined, true, 1.5]]).split('\r\n')[1]).toBe(';;true;1.5');
  });
});

describe('reading an uploaded CSV', () => {
  it('reads ; and , whichever the header uses, and drops a BOM', () => {
    expect(csvRecords('\uFEFFid;naam\r\n1;Ank\r\n')).toEqual({
      ok: true,
      delimiter: ';',
      records: [
        { line: 1, cells: ['id', 'naam'] },
        { line: 2, cells: ['1', 'Ank'] },
      ],
    });
    expect(csvRecords('\uFEFFid,naam\n1,"de Vries, A."\n')).toEqual({
      ok: true,
      delimiter: ',',
      records: [
        { line: 1, cells: ['id', 'naam'] },
        { line: 2, cells: ['1', 'de Vries, A.'] },
      ],
    });
  });

  it('keeps a quoted line break in its cell and counts lines as an editor does (CRLF, LF or CR)', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = ['id;adres', '1;"Laan 6', 'achterom"', '', '2;Markt 2'].join(eol);
      const read = csvRecords(text);
      expect(read).toEqual({
        ok: true,
        delimiter: ';',
        records: [
          { line: 1, cells: ['id', 'adres'] },
          { line: 2, cells: ['1', 'Laan 6\nachterom'] },
          { line: 5, cells: ['2', 'Markt 2'] },
        ],
      });
    }
  });

  it('reads doubled quotes, quotes inside a cell, and skips lines that are blank', () => {
    expect(csvRecords('a;b\n"zei ""ja""";x "y" z\n ; \n')).toEqual({
      ok: true,
      delimiter: ';',
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['zei "ja"', 'x "y" z'] },
      ],
    });
  });

  it('names the line from which it cannot read a file whose quote is not closed', () => {
    expect(csvRecords('id;naam\n1;Ank\n\n2;"Bram\n3;Cas\n')).toEqual({ ok: false, delimiter: ';', line: 4 });
    const file = parseUpload('klanten.csv', 'id;applicant_age\nA-1;40\nA-2;"41\nA-3;42\n', 'GM0106', '2026-03-02');
    expect(file.lines).toEqual([]);
    expect(file.fileProblems).toEqual([{ path: '', code: 'unreadable', params: { line: 3 } }]);
  });
});
