/**
 * Reading a screening upload: CSV (one household per row, columns below) or NDJSON (one household of
 * the check contract per line, with an `id` and optional `contact`). Each line becomes a household
 * for the engine plus the contact details for the letter, or a list of problems with that line. A bad
 * line never stops the file. The columns are documented in docs/decisions/0004-screening-input.md.
 */
import { INCOME_TYPES } from '../../engine/types.ts';
import type { ScreeningContact, ScreeningProblem } from '../db/schema.ts';
import { csvRecords } from '../staff/csv.ts';

export type LineProblem = ScreeningProblem;

export type ParsedLine =
  | { line: number; externalId: string | null; contact: ScreeningContact; household: Record<string, unknown> }
  | { line: number; externalId: string | null; contact: ScreeningContact; problems: LineProblem[] };

export interface ParsedFile {
  format: 'csv' | 'ndjson';
  lines: ParsedLine[];
  /** Problems with the file as a whole (no header, unknown columns). */
  fileProblems: LineProblem[];
  /** For CSV: which contract path came from which column, to name columns in engine errors. */
  columnOf: (line: number, contractPath: string) => string;
}

/** Everything the CSV format knows, with what each column means (shown on the upload page too). */
export const CSV_COLUMNS = [
  'id',
  'name',
  'address',
  'postcode',
  'city',
  'email',
  'reference_date',
  'applicant_age',
  'applicant_student',
  'partner_age',
  'partner_student',
  'children_ages',
  'adult_children_ages',
  'housemate_ages',
  'applicant_income',
  'applicant_income_type',
  'applicant_income_period',
  'applicant_income_basis',
  'partner_income',
  'partner_income_type',
  'partner_income_period',
  'partner_income_basis',
  'applicant_taxable_income',
  'partner_taxable_income',
  'assets',
  'housing',
  'rent',
  'service_costs',
  'health_insurance_premium',
  'energy',
  'water',
  'local_taxes',
  'debt_repayments',
  'childcare',
  'receiving',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const COST_COLUMNS: Record<string, string> = {
  health_insurance_premium: 'healthInsurancePremium',
  energy: 'energy',
  water: 'water',
  local_taxes: 'localTaxes',
  debt_repayments: 'debtRepayments',
  childcare: 'childcare',
};

/** Decodes an upload: UTF-8 (with or without BOM), or Windows-1252 as Excel writes it in the Netherlands. */
export function decodeUpload(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

export function detectFormat(fileName: string, text: string): 'csv' | 'ndjson' {
  if (/\.(nd)?jsonl?$/i.test(fileName)) return 'ndjson';
  if (/\.csv$/i.test(fileName) || /\.txt$/i.test(fileName)) return 'csv';
  return text.trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

/** A number in euros or years: `1234.56`, and with `;` files also `1.234,56` and `1234,56`. */
export function parseNumber(raw: string, decimalComma: boolean): number | undefined {
  let v = raw.replace(/[€\s]/g, '');
  if (v === '') return undefined;
  if (decimalComma) v = v.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(v)) return Number.NaN;
  return Number(v);
}

function parseBoolean(raw: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '') return undefined;
  if (['ja', 'j', 'yes', 'y', 'true', '1', 'waar'].includes(v)) return true;
  if (['nee', 'n', 'no', 'false', '0', 'onwaar'].includes(v)) return false;
  return undefined;
}

function ages(raw: string): number[] | undefined {
  const parts = raw.split(/[\s|/;,]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,3}$/.test(p))) return undefined;
  return parts.map(Number);
}

const roundCents = (n: number): number => Math.round(n * 100) / 100;

/** Reads one CSV row's cells by column, collecting problems and which column each contract path came from. */
interface RowReader {
  get: (c: Column) => string;
  number: (c: Column, opts?: { min?: number; integer?: boolean }) => number | undefined;
  problems: LineProblem[];
  columns: Record<string, string>;
}

function rowReader(header: Column[], cells: string[], decimalComma: boolean): RowReader {
  const get = (c: Column): string => (cells[header.indexOf(c)] ?? '').trim();
  const problems: LineProblem[] = [];
  const number = (c: Column, opts: { min?: number; integer?: boolean } = {}): number | undefined => {
    const raw = get(c);
    const v = parseNumber(raw, decimalComma);
    if (v === undefined) return undefined;
    if (Number.isNaN(v) || (opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min)) {
      problems.push({ path: c, code: opts.integer ? 'not-whole-number' : 'not-a-number', params: { value: raw } });
      return undefined;
    }
    return opts.integer ? v : roundCents(v);
  };
  return { get, number, problems, columns: {} };
}

/** One CSV row as a contract household plus contact details, with the contract path → column map. */
function csvRow(
  header: Column[],
  cells: string[],
  decimalComma: boolean,
  municipality: string,
  referenceDate: string,
): {
  externalId: string | null;
  contact: ScreeningContact;
  household?: Record<string, unknown>;
  problems: LineProblem[];
  columns: Record<string, string>;
} {
  const r = rowReader(header, cells, decimalComma);
  const { get, problems, columns } = r;
  const externalId = get('id') || null;
  const contact = rowContact(r);
  if (!externalId) problems.push({ path: 'id', code: 'id-missing' });

  const people = rowPeople(r);
  const { incomes, taxable } = rowIncomes(r);
  const household: Record<string, unknown> = {
    referenceDate: get('reference_date') || referenceDate,
    municipality,
    language: 'nl',
    people,
  };
  columns['referenceDate'] = 'reference_date';
  columns['people'] = 'applicant_age';
  if (incomes.length) household.incomes = incomes;
  if (Object.keys(taxable).length) household.annualTaxableIncome = taxable;
  const assets = r.number('assets');
  if (assets !== undefined) {
    household.assets = assets;
    columns['assets'] = 'assets';
  }
  const housing = rowHousing(r);
  if (housing) household.housing = housing;
  const costs: Record<string, number> = {};
  for (const [column, key] of Object.entries(COST_COLUMNS)) {
    const v = r.number(column as Column, { min: 0 });
    if (v !== undefined) {
      costs[key] = v;
      columns[`costs.${key}`] = column;
    }
  }
  if (Object.keys(costs).length) household.costs = costs;
  const receiving = get('receiving')
    .split(/[\s|/;,]+/)
    .filter(Boolean);
  if (receiving.length) {
    household.receiving = [...new Set(receiving)];
    columns['receiving'] = 'receiving';
  }
  return { externalId, contact, ...(problems.length === 0 ? { household } : {}), problems, columns };
}

/** The resident's name and address for the letter, cut to 200 characters; an email that is no address is dropped. */
function rowContact(r: RowReader): ScreeningContact {
  const contact: ScreeningContact = {};
  for (const c of ['name', 'address', 'postcode', 'city', 'email'] as const) {
    const v = r.get(c).slice(0, 200);
    if (v) contact[c] = v;
  }
  if (contact.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) {
    r.problems.push({ path: 'email', code: 'not-an-email', params: { value: contact.email } });
    delete contact.email;
  }
  return contact;
}

/** The applicant, the partner, and the children, adult children and housemates from their lists of ages. */
function rowPeople(r: RowReader): Record<string, unknown>[] {
  const { get, number, problems, columns } = r;
  const people: Record<string, unknown>[] = [];
  const addPerson = (id: string, role: string, age: number, column: Column, student?: boolean): void => {
    columns[`people.${people.length}`] = column;
    people.push({ id, role, age, ...(student ? { student: true } : {}) });
  };
  const applicantAge = number('applicant_age', { min: 0, integer: true });
  if (applicantAge === undefined && !problems.some((p) => p.path === 'applicant_age')) {
    problems.push({ path: 'applicant_age', code: 'applicant-age-missing' });
  }
  if (applicantAge !== undefined)
    addPerson('applicant', 'applicant', applicantAge, 'applicant_age', parseBoolean(get('applicant_student')));
  const partnerAge = number('partner_age', { min: 0, integer: true });
  if (partnerAge !== undefined) addPerson('partner', 'partner', partnerAge, 'partner_age', parseBoolean(get('partner_student')));
  for (const [column, role, prefix] of [
    ['children_ages', 'child', 'child'],
    ['adult_children_ages', 'adult-child', 'adult-child'],
    ['housemate_ages', 'housemate', 'housemate'],
  ] as const) {
    const raw = get(column);
    if (!raw) continue;
    const list = ages(raw);
    if (!list) {
      problems.push({ path: column, code: 'not-ages', params: { value: raw } });
      continue;
    }
    list.forEach((age, i) => addPerson(`${prefix}-${i + 1}`, role, age, column));
  }
  return people;
}

/** The applicant's and the partner's income (type, period and basis default to wages, a month, net) and taxable income. */
function rowIncomes(r: RowReader): { incomes: Record<string, unknown>[]; taxable: Record<string, number> } {
  const { get, number, problems, columns } = r;
  const incomes: Record<string, unknown>[] = [];
  const taxable: Record<string, number> = {};
  for (const who of ['applicant', 'partner'] as const) {
    const amount = number(`${who}_income`, { min: 0 });
    const type = get(`${who}_income_type`) || 'wages';
    const period = get(`${who}_income_period`) || 'month';
    const basis = get(`${who}_income_basis`) || 'net';
    if (amount !== undefined) {
      if (!(INCOME_TYPES as readonly string[]).includes(type))
        problems.push({ path: `${who}_income_type`, code: 'income-type', params: { value: type, allowed: INCOME_TYPES.join(', ') } });
      if (!['month', 'four-weeks', 'year'].includes(period))
        problems.push({ path: `${who}_income_period`, code: 'income-period', params: { value: period } });
      if (!['net', 'gross'].includes(basis)) problems.push({ path: `${who}_income_basis`, code: 'income-basis', params: { value: basis } });
      columns[`incomes.${incomes.length}`] = `${who}_income`;
      incomes.push({ person: who, type, amount, period, basis });
    }
    const t = number(`${who}_taxable_income`, { min: 0 });
    if (t !== undefined) {
      columns[`annualTaxableIncome.${who}`] = `${who}_taxable_income`;
      taxable[who] = t;
    }
  }
  return { incomes, taxable };
}

/** The housing: rent (a rent without a housing column means renting) with service costs, owner, lodger or none. */
function rowHousing(r: RowReader): Record<string, unknown> | undefined {
  const { get, number, problems, columns } = r;
  const housingType = get('housing') || (get('rent') ? 'rent' : '');
  if (!housingType) return undefined;
  let housing: Record<string, unknown> | undefined;
  if (!['rent', 'owner', 'lodger', 'none'].includes(housingType))
    problems.push({ path: 'housing', code: 'housing', params: { value: housingType } });
  else if (housingType === 'rent') {
    const rent = number('rent', { min: 0 });
    const service = number('service_costs', { min: 0 });
    if (rent === undefined && !problems.some((p) => p.path === 'rent')) problems.push({ path: 'rent', code: 'rent-missing' });
    housing = { type: 'rent', rent: rent ?? 0, ...(service !== undefined ? { serviceCosts: service } : {}) };
    columns['housing.rent'] = 'rent';
    columns['housing.serviceCosts'] = 'service_costs';
  } else housing = { type: housingType };
  columns['housing'] = 'housing';
  return housing;
}

export function parseCsv(text: string, municipality: string, referenceDate: string): ParsedFile {
  const read = csvRecords(text);
  if (!read.ok)
    return {
      format: 'csv',
      lines: [],
      fileProblems: [{ path: '', code: 'unreadable', params: { line: read.line } }],
      columnOf: (_line, path) => path,
    };
  const { delimiter, records } = read;
  const [head, ...rows] = records;
  const columnMaps = new Map<number, Record<string, string>>();
  const columnOf = (line: number, path: string): string => {
    const map = columnMaps.get(line) ?? {};
    const parts = path.split('.');
    for (let n = parts.length; n > 0; n--) {
      const hit = map[parts.slice(0, n).join('.')];
      if (hit) return hit;
    }
    return path;
  };
  if (!head) return { format: 'csv', lines: [], fileProblems: [{ path: '', code: 'empty' }], columnOf };
  const header = head.cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, '_'));
  const unknown = header.filter((c) => c !== '' && !(CSV_COLUMNS as readonly string[]).includes(c));
  const fileProblems: LineProblem[] = [];
  if (unknown.length) fileProblems.push({ path: unknown.join(', '), code: 'unknown-columns', params: { columns: unknown.join(', ') } });
  if (!header.includes('id') || !header.includes('applicant_age')) {
    fileProblems.push({ path: 'id, applicant_age', code: 'no-header' });
    return { format: 'csv', lines: [], fileProblems, columnOf };
  }
  const duplicates = header.filter((c, i) => c !== '' && header.indexOf(c) !== i);
  if (duplicates.length) {
    fileProblems.push({ path: duplicates.join(', '), code: 'duplicate-columns', params: { columns: duplicates.join(', ') } });
    return { format: 'csv', lines: [], fileProblems, columnOf };
  }
  const known = header as Column[];
  const lines: ParsedLine[] = rows.map(({ line, cells }) => {
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      return {
        line,
        externalId: (cells[header.indexOf('id')] ?? '').trim() || null,
        contact: {},
        problems: [{ path: '', code: 'too-many-cells', params: { cells: cells.length, header: header.length } }],
      };
    }
    const r = csvRow(known, cells, delimiter === ';', municipality, referenceDate);
    columnMaps.set(line, r.columns);
    return r.household
      ? { line, externalId: r.externalId, contact: r.contact, household: r.household }
      : { line, externalId: r.externalId, contact: r.contact, problems: r.problems };
  });
  return { format: 'csv', lines, fileProblems, columnOf };
}

export function parseNdjson(text: string, municipality: string, referenceDate: string): ParsedFile {
  const lines: ParsedLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      lines.push({ line, externalId: null, contact: {}, problems: [{ path: '', code: 'invalid-json' }] });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      lines.push({ line, externalId: null, contact: {}, problems: [{ path: '', code: 'not-an-object' }] });
      return;
    }
    const { id, contact: rawContact, ...household } = value as Record<string, unknown>;
    const externalId = typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 100) : null;
    const contact: ScreeningContact = {};
    if (rawContact && typeof rawContact === 'object') {
      for (const k of ['name', 'address', 'postcode', 'city', 'email'] as const) {
        const v = (rawContact as Record<string, unknown>)[k];
        if (typeof v === 'string' && v.trim()) contact[k] = v.trim().slice(0, 200);
      }
    }
    const problems: LineProblem[] = [];
    if (!externalId) problems.push({ path: 'id', code: 'id-missing' });
    if (household.municipality !== undefined && household.municipality !== municipality) {
      problems.push({ path: 'municipality', code: 'other-municipality', params: { value: String(household.municipality) } });
    }
    if (problems.length) {
      lines.push({ line, externalId, contact, problems });
      return;
    }
    lines.push({ line, externalId, contact, household: { referenceDate, language: 'nl', ...household, municipality } });
  });
  return { format: 'ndjson', lines, fileProblems: [], columnOf: (_line, path) => path };
}

/** External ids that appear more than once: every line after the first with the same id gets a problem. */
export function markDuplicateIds(file: ParsedFile): void {
  const seen = new Map<string, number>();
  file.lines = file.lines.map((l) => {
    if (!l.externalId) return l;
    const first = seen.get(l.externalId);
    if (first === undefined) {
      seen.set(l.externalId, l.line);
      return l;
    }
    const problems = 'problems' in l ? l.problems : [];
    return {
      line: l.line,
      externalId: l.externalId,
      contact: l.contact,
      problems: [...problems, { path: 'id', code: 'duplicate-id', params: { line: first } }],
    };
  });
}

export function parseUpload(fileName: string, text: string, municipality: string, referenceDate: string): ParsedFile {
  const file =
    detectFormat(fileName, text) === 'ndjson'
      ? parseNdjson(text, municipality, referenceDate)
      : parseCsv(text, municipality, referenceDate);
  markDuplicateIds(file);
  return file;
}
