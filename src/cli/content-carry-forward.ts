/**
 * `npm run content:carry-forward -- --to YYYY-MM-DD`: opens a new period of the rules before its
 * official documents are out, so that no check stops on the first day of the new year.
 *
 * For every parameter whose last value ends on the day the period ends now (national files, the
 * councils' values inside municipality files, the council choices in content/choices/ and the tariffs
 * in content/local-taxes/):
 * - an amount that a document of the rules calendar sets (content/calendar.yaml) gets a new value
 *   from the next day: the same number, `provisional: true`, awaiting that document, with a note
 *   that says where it comes from. The site tells residents that such amounts are not yet known.
 * - any other value (an age, a percentage fixed in the law) runs on: its `to` moves to the new end.
 * The last version of every rule (content/rules.yaml) runs on, and rulebook.yaml gets the new end.
 * Then replace each provisional value when its document appears (docs/content-format.md).
 *
 * It edits the YAML files in place and keeps their comments; it never changes a number.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document, YAMLMap, type YAMLSeq } from 'yaml';
import { addDays, isIsoDate } from '../engine/dates.ts';
import { DEFAULT_CONTENT_DIR } from '../content/files.ts';

const MONEY = /^EUR(\/(day|week|month|quarter|year))?$/;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface CalendarEntry {
  id: string;
  title: string;
  months: number[];
  effective?: number[];
  sets: string[];
}

/**
 * The document that sets a parameter's value from `from`: one whose values take effect in that month,
 * naming the parameter itself, or else its folder (a folder stands for the amounts and scales in it).
 */
function documentFor(id: string, unit: string, from: string, calendar: readonly CalendarEntry[]): CalendarEntry | undefined {
  const month = Number(from.slice(5, 7));
  const inEffect = calendar.filter((d) => d.effective === undefined || d.effective.includes(month));
  const explicit = inEffect.find((d) => d.sets.includes(id));
  if (explicit) return explicit;
  if (!MONEY.test(unit) && unit !== 'scale') return undefined;
  return inEffect.find((d) => d.sets.some((s) => s.endsWith('/') && id.startsWith(s)));
}

export interface CarryForwardReport {
  provisional: string[];
  extended: string[];
  rules: string[];
  files: number;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (name.endsWith('.yaml')) out.push(full);
  }
  return out;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * Carries every parameter of one YAML document forward. `id` names the parameter (a national file),
 * or `prefix` the municipality whose inline parameters are found by walking the document.
 */
function carryDocument(
  doc: Document,
  name: (path: readonly (string | number)[]) => string,
  end: string,
  to: string,
  calendar: readonly CalendarEntry[],
  report: CarryForwardReport,
): boolean {
  let changed = false;
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      const values = node.get('values');
      const unit = node.get('unit');
      if (isSeq(values) && typeof unit === 'string') {
        if (carryParameter(values, unit, name(path), end, to, calendar, report)) changed = true;
        return;
      }
      for (const pair of node.items) visit(pair.value, [...path, str((pair.key as { value?: unknown })?.value ?? pair.key)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
  };
  visit(doc.contents, []);
  return changed;
}

function carryParameter(
  values: YAMLSeq,
  unit: string,
  id: string,
  end: string,
  to: string,
  calendar: readonly CalendarEntry[],
  report: CarryForwardReport,
): boolean {
  const last = values.items.at(-1);
  if (!isMap(last) || str(last.get('to')) !== end) return false;
  const document = documentFor(id, unit, addDays(end, 1), calendar);
  if (!document) {
    last.set('to', to);
    report.extended.push(id);
    return true;
  }
  const next = new YAMLMap();
  next.set('from', addDays(end, 1));
  next.set('to', to);
  next.set('value', last.get('value', true));
  next.set('provenance', 'derived');
  next.set('evidence', last.get('evidence', true));
  next.set('unverified', true);
  next.set('provisional', true);
  next.set('awaiting', document.id);
  const months = document.months.map((m) => MONTH_NAMES[m - 1]).join(' or ');
  next.set(
    'note',
    `Not yet published: the value from ${str(last.get('from'))} (${str(last.get('provenance'))}) is carried forward until ${document.id} appears (normally in ${months}).`,
  );
  values.add(next);
  report.provisional.push(id);
  return true;
}

export function carryForward(to: string, contentDir: string = DEFAULT_CONTENT_DIR): CarryForwardReport {
  const manifestPath = join(contentDir, 'rulebook.yaml');
  const manifest = parseDocument(readFileSync(manifestPath, 'utf8'));
  const end = str(manifest.get('validTo'));
  if (!isIsoDate(to) || to <= end) throw new Error(`--to must be a date after the current end of the period (${end})`);

  const calendarDoc = parseDocument(readFileSync(join(contentDir, 'calendar.yaml'), 'utf8')).toJS() as Record<
    string,
    Omit<CalendarEntry, 'id'>
  >;
  const calendar = Object.entries(calendarDoc).map(([id, d]) => ({ id, ...d }));
  const report: CarryForwardReport = { provisional: [], extended: [], rules: [], files: 0 };
  const write = (path: string, doc: Document): void => {
    writeFileSync(path, doc.toString({ indentSeq: false, lineWidth: 124 }));
    report.files++;
  };

  const parametersDir = join(contentDir, 'parameters');
  for (const file of yamlFiles(parametersDir)) {
    const id = file.slice(parametersDir.length + 1).replace(/\.yaml$/, '');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    if (carryDocument(doc, () => id, end, to, calendar, report)) write(file, doc);
  }
  for (const file of yamlFiles(join(contentDir, 'municipalities'))) {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const code = str(doc.get('code'));
    const name = (path: readonly (string | number)[]): string => `${code}/${path.filter((p) => typeof p === 'string').join('/')}`;
    if (carryDocument(doc, name, end, to, calendar, report)) write(file, doc);
  }

  // A shared regulation's values (content/regulations/<id>.yaml), named regulations/<id>/<key>.
  const regulationsDir = join(contentDir, 'regulations');
  for (const file of yamlFiles(regulationsDir)) {
    const id = file.slice(regulationsDir.length + 1).replace(/\.yaml$/, '');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const name = (path: readonly (string | number)[]): string => `regulations/${id}/${str(path[1])}`;
    if (carryDocument(doc, name, end, to, calendar, report)) write(file, doc);
  }

  // A tariff's id is local-taxes/<code>/<tax>[-owner]/<household>, as the loader names it.
  for (const file of yamlFiles(join(contentDir, 'local-taxes'))) {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const code = str(doc.get('municipality'));
    const name = (path: readonly (string | number)[]): string => {
      const tax = (key: string): string => str(doc.getIn(['taxes', path[1]!, key]));
      return `local-taxes/${code}/${tax('id')}${tax('payer') === 'owner' ? '-owner' : ''}/${str(path[3])}`;
    };
    if (carryDocument(doc, name, end, to, calendar, report)) write(file, doc);
  }

  // Council choices (content/choices/): each council's values, in the unit of the national parameter they replace.
  for (const file of yamlFiles(join(contentDir, 'choices'))) {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const parameter = str(doc.get('parameter'));
    const unit = str(parseDocument(readFileSync(join(parametersDir, `${parameter}.yaml`), 'utf8')).get('unit'));
    const councils = doc.get('councils');
    let changed = false;
    if (isSeq(councils)) {
      for (const council of councils.items) {
        const values = isMap(council) ? council.get('values') : undefined;
        if (
          isMap(council) &&
          isSeq(values) &&
          carryParameter(values, unit, `${str(council.get('code'))}/${parameter}`, end, to, calendar, report)
        )
          changed = true;
      }
    }
    if (changed) write(file, doc);
  }

  const rulesPath = join(contentDir, 'rules.yaml');
  const rules = parseDocument(readFileSync(rulesPath, 'utf8'));
  if (isMap(rules.contents)) {
    for (const pair of rules.contents.items) {
      const versions = isMap(pair.value) ? pair.value.get('versions') : undefined;
      const last: unknown = isSeq(versions) ? versions.items.at(-1) : undefined;
      if (isMap(last) && str(last.get('to')) === end) {
        last.set('to', to);
        report.rules.push(str((pair.key as { value?: unknown })?.value ?? pair.key));
      }
    }
  }
  write(rulesPath, rules);
  (manifest as Document).set('validTo', to);
  write(manifestPath, manifest);
  return report;
}

export function carryForwardCommand(args: readonly string[]): number {
  const i = args.indexOf('--to');
  const to = i >= 0 ? args[i + 1] : undefined;
  if (!to) {
    process.stderr.write('usage: npm run content:carry-forward -- --to YYYY-MM-DD [CONTENT_DIR]\n');
    return 2;
  }
  const dir = args.find((_, j) => j !== i && j !== i + 1);
  try {
    const r = carryForward(to, dir);
    process.stdout.write(
      `period now ends on ${to}: ${r.provisional.length} values carried forward as provisional, ` +
        `${r.extended.length} fixed values extended, ${r.rules.length} rule versions extended, ${r.files} files written.\n` +
        `Replace each provisional value when its document appears; \`npm run content:check\` lists the documents due.\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}
