/**
 * The site's catalogues: every language has every key of the Dutch source (a missing translation
 * fails), the same placeholders, no HTML, no clash with the engine's keys; and every key the site's
 * code asks for exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASES, HOUSING_TYPES, INCOME_TYPES, PERIODS, STEPS, COST_KEYS } from '../../src/site/answers.ts';
import { INPUT_ERROR_CODES } from '../../src/site/change.ts';
import { EXAMPLE_IDS } from '../../src/site/examples.ts';
import { SITE_LANGUAGES } from '../../src/site/locale.ts';

const root = new URL('../../', import.meta.url).pathname;
type Tree = { [key: string]: string | string[] | Tree };

function load(lang: string, file = 'site'): Tree {
  return JSON.parse(readFileSync(join(root, `src/i18n/locales/${lang}/${file}.json`), 'utf8')) as Tree;
}

function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (Array.isArray(node)) node.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
/** The site's catalogue files per language: the interface, something is changing, volunteer mode, and asking to be contacted. */
const FILES = ['site', 'change', 'volunteer', 'consent'];
const loadAll = (lang: string): Tree => Object.assign({}, ...FILES.map((f) => load(lang, f))) as Tree;
const nl = flatten(loadAll('nl'));

describe.each(SITE_LANGUAGES.filter((l) => l !== 'nl'))('site catalogues %s', (lang) => {
  const other = flatten(loadAll(lang));
  it('has every key of the Dutch catalogue, and no others', () => {
    expect(
      [...nl.keys()].filter((k) => !other.has(k)),
      'missing',
    ).toEqual([]);
    expect(
      [...other.keys()].filter((k) => !nl.has(k)),
      'extra',
    ).toEqual([]);
  });
  it('uses the same placeholders', () => {
    const wrong = [...nl.entries()]
      .filter(([k, v]) => other.has(k) && placeholders(v).join() !== placeholders(other.get(k)!).join())
      .map(([k]) => k);
    expect(wrong).toEqual([]);
  });
  it('translates (no Dutch text left, apart from names)', () => {
    const same = [...nl.entries()].filter(([k, v]) => other.get(k) === v && v.split(' ').length > 3).map(([k]) => k);
    expect(same).toEqual([]);
  });
});

describe('site catalogues', () => {
  it('have no HTML and no empty strings', () => {
    for (const lang of SITE_LANGUAGES) {
      for (const [k, v] of flatten(loadAll(lang))) {
        expect(v, `${lang} ${k}`).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(v.trim(), `${lang} ${k}`).not.toBe('');
      }
    }
  });
  it("do not clash with the engine's top-level keys", () => {
    const engine = Object.keys(load('nl', 'engine'));
    expect(Object.keys(loadAll('nl')).filter((k) => engine.includes(k))).toEqual([]);
  });
  it('do not share top-level keys (one file would hide the other)', () => {
    const keys = FILES.flatMap((f) => Object.keys(load('nl', f)));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
  it("change.json does not clash with the site's or the engine's top-level keys", () => {
    const taken = [...Object.keys(load('nl', 'engine')), ...Object.keys(load('nl'))];
    expect(Object.keys(load('nl', 'change')).filter((k) => taken.includes(k))).toEqual([]);
  });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(astro|tsx?)$/.test(f) ? [p] : [];
  });
}

describe('keys used by the code', () => {
  it('exist in the Dutch catalogue', () => {
    const missing: string[] = [];
    const island = [join(root, 'src/islands')];
    for (const file of files(join(root, 'src'))) {
      const source = readFileSync(file, 'utf8');
      // Site code: the island, and every file that reads the site catalogue (not the staff console's own).
      if (!file.startsWith(island[0]!) && !source.includes('siteTranslator(')) continue;
      // The island's t() reads the `check` part of the catalogue.
      const prefix = island.some((d) => file.startsWith(d)) ? 'check.' : '';
      for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        const key = `${prefix}${m[1]}`;
        if (!nl.has(key)) missing.push(`${file.slice(root.length)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('exist for every value the code builds keys from', () => {
    const keys = [
      ...STEPS.map((s) => `check.steps.${s}.title`),
      ...[...INCOME_TYPES, 'none'].map((t) => `check.incomeTypes.${t}`),
      ...INCOME_TYPES.map((t) => `check.fields.amount.hints.${t}`),
      ...PERIODS.map((p) => `check.fields.period.options.${p}`),
      ...BASES.map((b) => `check.fields.basis.options.${b}`),
      ...HOUSING_TYPES.map((h) => `check.fields.housing.options.${h}`),
      ...COST_KEYS.flatMap((k) => ['label', 'hint', 'short'].map((p) => `check.fields.costs.${k}.${p}`)),
      ...['eligible', 'maybe', 'already-receiving', 'not-eligible'].map((s) => `results.status.${s}`),
      ...['benefit', 'allowance', 'tax-relief', 'municipal'].map((k) => `schemes.kinds.${k}`),
      ...[
        'place',
        'age',
        'partner',
        'partnerAge',
        'childAges',
        'adultChildAges',
        'otherAges',
        'students',
        'housing',
        'rent',
        'serviceCosts',
        'savings',
        'debts',
        'receiving',
      ].map((f) => `check.fields.${f}.short`),
      ...['cleared', 'saved', 'restored', 'forgotten'].map((n) => `check.notices.${n}`),
      ...['starts', 'stops', 'up', 'down', 'same'].map((k) => `change.kinds.${k}`),
      ...EXAMPLE_IDS.map((id) => `change.examples.${id}`),
      ...INPUT_ERROR_CODES.map((c) => `change.errors.${c}`),
    ];
    expect(keys.filter((k) => !nl.has(k))).toEqual([]);
  });

  it('has a message for every validation code', () => {
    const source = readFileSync(join(root, 'src/site/answers.ts'), 'utf8');
    const codes = new Set([...source.matchAll(/code: '([a-z-]+)'/g), ...source.matchAll(/, '([a-z]+-[a-z-]+)'\);/g)].map((m) => m[1]!));
    for (const c of [
      'place-required',
      'postcode-unknown',
      'place-unknown',
      'place-ambiguous',
      'age-format',
      'age-range',
      'ages-format',
      'child-age-range',
    ])
      codes.add(c);
    expect([...codes].filter((c) => !nl.has(`check.errors.${c}`))).toEqual([]);
  });
});
