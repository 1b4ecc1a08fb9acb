/** The command line entry points of the check contract: `cli check` and `cli screen`. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenLine } from '../../src/contract/check.ts';
import { todayInNetherlands } from '../../src/contract/today.ts';
import { ndjsonLines } from '../bench/households.ts';
import { ank } from '../support/households.ts';
import { rulebook } from '../support/rulebook.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rondkomen-cli-'));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('cli check', () => {
  it('prints the result JSON and exits 0 for a valid household', () => {
    const r = cli(['check', file('ank.json', JSON.stringify(ank))]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.municipality).toEqual({
      code: 'GM0106',
      name: 'Assen',
      hasSchemes: true,
      ownFigures: true,
      contact: {
        name: 'Gemeente Assen',
        website: 'https://www.assen.nl',
        phone: '(0592) 36 69 11',
        address: 'Postbus 30018, 9400 RA ASSEN',
        source: 'https://organisaties.overheid.nl/23236/assen',
        retrieved: '2026-05-16',
      },
    });
    expect(result.schemes.find((s: { id: string }) => s.id === 'zorgtoeslag').amount).toEqual({ monthly: 129, yearly: 1550 });
    expect(result.receipt.engine).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.receipt.parameters).toMatch(/^2026\.11\+[0-9a-f]{8}$/);
  });

  it('reads standard input with -', () => {
    const r = cli(['check', '-'], JSON.stringify(ank));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).household.type).toBe('single-parent');
  });

  it('exits 2 with the error JSON, in the requested language, for invalid input', () => {
    const r = cli(['check', '-'], JSON.stringify({ ...ank, language: 'en', municipality: 'GM9999', extra: true }));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    const e = JSON.parse(r.stdout);
    expect(e.error.code).toBe('invalid-input');
    expect(e.error.issues).toContainEqual({
      path: 'extra',
      code: 'unknown-field',
      message: 'extra: we do not know this field. Remove it.',
    });
  });

  it('rejects an unknown municipality code with a Dutch message by default', () => {
    const r = cli(['check', '-'], JSON.stringify({ ...ank, municipality: 'GM9999' }));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.issues).toEqual([
      { path: 'municipality', code: 'unknown-municipality', message: 'Gemeente: de gemeentecode GM9999 kennen we niet.' },
    ]);
  });

  it('exits 2 for text that is not JSON, without a stack trace', () => {
    const r = cli(['check', '-'], '{"people": [');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('invalid-json');
    expect(r.stderr).toBe('');
  });

  it('points at the field in every issue', () => {
    const r = cli(['check', '-'], JSON.stringify({ ...ank, people: [{ id: 'ank', role: 'applicant', age: 38.5 }] }));
    expect(r.code).toBe(2);
    const issues = JSON.parse(r.stdout).error.issues;
    expect(issues[0]).toMatchObject({ path: 'people.0.age', code: 'whole-number' });
    expect(issues[0].message).toBe('Persoon 1 – leeftijd: vul een heel getal in, zonder komma.');
  });
});

describe('cli screen', () => {
  const lines = [
    JSON.stringify({ id: 'one', ...ank }),
    'not json',
    JSON.stringify({ id: 2, municipality: 'GM0267', people: [{ id: 'a', role: 'applicant', age: 70 }] }),
    JSON.stringify({ municipality: 'GM0267', people: [{ id: 'a', role: 'applicant', age: 70 }] }),
    JSON.stringify({ id: 'bad', municipality: 'GM0267', people: [] }),
  ];

  it('answers every line in input order, compact by default, and reports throughput on standard error', () => {
    const r = cli(['screen', file('batch.ndjson', `${lines.join('\n')}\n`)]);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['one', null, 2, null, 'bad']);
    expect(Object.keys(out[0].result)).toEqual(['schemes', 'disposableIncome']);
    expect(Object.keys(out[0].result.schemes[0]).sort()).toEqual(['amount', 'exOfficio', 'id', 'status']);
    expect(out[0].result.disposableIncome).toMatchObject({ status: expect.stringMatching(/norm/) });
    expect(out[1].error.code).toBe('invalid-json');
    expect(out[2].result.schemes.find((s: { id: string }) => s.id === 'aio').status).toBe('eligible');
    expect(out[3].error.issues[0]).toMatchObject({ path: 'id', code: 'required' });
    expect(out[4].error.issues.map((i: { code: string }) => i.code)).toContain('too-few');
    expect(r.stderr).toMatch(/screened 5 households in [\d.]+ s: \d+ per second \(\d+ workers\), 3 with errors/);
  });

  it('gives the whole result with --full', () => {
    const r = cli(['screen', file('one.ndjson', lines[0]!), '--full']);
    const out = JSON.parse(r.stdout.trim());
    expect(out.result.schemes[0].reasons.length).toBeGreaterThan(0);
    expect(out.result.receipt.engine).toBeTruthy();
  });

  it('reads standard input with -', () => {
    const r = cli(['screen', '-'], `${lines[0]}\n${lines[2]}\n`);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('gives, line for line, what the check gives, across reads, reused buffers, a very long line and a last line without newline', () => {
    // 6,000 households are about 3 MB: a dozen reads and batches, so buffers go round several times.
    const households = [...ndjsonLines(6000, 5)];
    const long = JSON.stringify({ id: 'long', municipality: 'GM0106', note: 'x'.repeat(700_000), people: [] });
    const input = [...households.slice(0, 3000), long, '', ...households.slice(3000)];
    const options = { today: todayInNetherlands(), computedAt: '', full: false };
    const expected = input.filter((l) => l !== '').map((l) => screenLine(JSON.parse(l), rulebook(), options).line);
    for (const [args, stdin] of [[['screen', file('many.ndjson', input.join('\n'))]], [['screen', '-'], input.join('\n')]] as const) {
      const r = cli([...args], stdin);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').slice(0, -1)).toEqual(expected);
      expect(r.stderr).toMatch(/screened 6001 households in [\d.]+ s: \d+ per second \(\d+ workers\), 1 with errors/);
    }
  });

  it('lists coming life events with what they change, with --events', () => {
    const family = {
      id: 'f1',
      referenceDate: '2026-01-15',
      municipality: 'GM0106',
      people: [
        { id: 'a', role: 'applicant', age: 45 },
        { id: 'c', role: 'child', age: 17, birthDate: '2008-03-10' },
      ],
      annualTaxableIncome: { a: 20000 },
    };
    const r = cli(['screen', '-', '--events', '--until', '2026-06-30'], `${JSON.stringify(family)}\n`);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.id).toBe('f1');
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ event: 'child-turns-18', date: '2026-03-10' });
    expect(out.events[0].changes).toContainEqual({ id: 'kinderbijslag', change: 'stops', monthly: -140.51, yearly: -1686.12 });
  });
});
