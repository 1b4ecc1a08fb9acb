/**
 * The engine's and the mail's catalogues: every language has every key of the Dutch source with the
 * same placeholders (a missing translation fails), and every reason and error code the code can emit
 * has a text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/contract/household.ts';

const root = new URL('../../', import.meta.url).pathname;

function load(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(root, `src/i18n/locales/${lang}/${file}.json`), 'utf8'));
}

function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const placeholders = (s: string): string =>
  [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1]!)
    .sort()
    .join();

describe.each(['engine', 'mail'])('%s.json', (file) => {
  const nl = flatten(load('nl', file));
  it.each(LANGUAGES.filter((l) => l !== 'nl'))('in %s has every Dutch key with the same placeholders', (lang) => {
    const other = flatten(load(lang, file));
    expect([...nl.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !nl.has(k))).toEqual([]);
    expect([...nl.entries()].filter(([k, v]) => placeholders(v) !== placeholders(other.get(k) ?? '')).map(([k]) => k)).toEqual([]);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : f.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('codes emitted by the code', () => {
  const engine = load('nl', 'engine') as { reasons: Record<string, string>; errors: Record<string, string> };

  it('have a reason text for every reason code of the engine', () => {
    const code = sources(join(root, 'src/engine')).join('\n');
    const literal = [...code.matchAll(/reason\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]!);
    // Codes built from parts: the income limits, the changes and the actions of a comparison.
    const built = [
      ...['above', 'within'].flatMap((w) => ['net', 'gross'].map((k) => `income-${w}-limit-${k}`)),
      ...['starts', 'stops', 'up', 'down'].map((c) => `change-${c}`),
      ...['toeslagen', 'svb', 'municipality', 'tax-office'].map((t) => `action-report-${t}`),
    ];
    const ternary = [...code.matchAll(/'([a-z0-9-]+)'\s*:\s*'([a-z0-9-]+)'/g)]
      .flatMap((m) => [m[1]!, m[2]!])
      .filter((c) => c.includes('-') && engine.reasons[c] !== undefined);
    const missing = [...new Set([...literal, ...built, ...ternary])].filter((c) => engine.reasons[c] === undefined);
    expect(missing).toEqual([]);
    expect(literal.length).toBeGreaterThan(60);
  });

  it('have an error text for every error code of the contract and the engine', () => {
    const code = [
      ...sources(join(root, 'src/contract')),
      ...sources(join(root, 'src/engine')),
      ...sources(join(root, 'src/server/http')),
    ].join('\n');
    const codes = new Set([
      ...[...code.matchAll(/code: '([a-z0-9-]+)'/g)].map((m) => m[1]!),
      ...[...code.matchAll(/params: \{ code: '([a-z0-9-]+)' \}/g)].map((m) => m[1]!),
      ...Object.values({
        number: 'expected-number',
        int: 'whole-number',
        string: 'expected-text',
        array: 'expected-list',
        object: 'expected-object',
        boolean: 'expected-boolean',
      }),
    ]);
    const notErrors = new Set(['custom', 'invalid-input', 'internal-error', 'method-not-allowed']);
    const missing = [...codes].filter((c) => !notErrors.has(c) && engine.errors[c] === undefined);
    expect(missing).toEqual([]);
  });
});
