/**
 * F1 (issue 15): ids and keys that are names on Object.prototype (`constructor`, `toString`,
 * `__proto__`, `valueOf`, …) must behave like any other id, through every entry point of the check:
 * `runCheck`, `cli check`, `cli screen`, `POST /api/v1/check` and the site's pages. A property test:
 * generated households with one person renamed to such a name give the same result as with an
 * ordinary id, and never a 500, a `null` amount, "€ NaN" or an internal message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/contract/check.ts';
import { brokenAmounts, comparable, PROTOTYPE_NAMES, prototypeIdCases } from '../support/prototype-names.ts';
import { rulebook } from '../support/rulebook.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rondkomen-proto-'));
const options = { today: '2026-03-01', computedAt: '2026-03-01T00:00:00.000Z' };

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The neutral id of a twin, as `prototypeIdCases` names it. */
const twinId = (twin: string): string => /"(neutral-\d+)"/.exec(twin)![1]!;

describe('runCheck: a person id that is a name on Object.prototype', () => {
  const cases = prototypeIdCases(600);

  it('every name in every role, on both years, gives the same result as an ordinary id (600 households)', () => {
    const failures: string[] = [];
    for (const c of cases) {
      let got: ReturnType<typeof runCheck>;
      try {
        got = runCheck(JSON.parse(c.json), rulebook(), options);
      } catch (e) {
        failures.push(`${c.name} (${c.role}): threw ${(e as Error).message}`);
        continue;
      }
      const want = runCheck(JSON.parse(c.twin), rulebook(), options);
      if (!got.ok || !want.ok) {
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${c.name} (${c.role}): ${JSON.stringify(got).slice(0, 200)}`);
        continue;
      }
      const broken = brokenAmounts(got.result);
      if (broken.length > 0) failures.push(`${c.name} (${c.role}): not a number at ${broken.slice(0, 3).join(', ')}`);
      else if (comparable(got.result, c.name) !== comparable(want.result, twinId(c.twin))) failures.push(`${c.name} (${c.role}): differs`);
    }
    expect(failures).toEqual([]);
    // The generator reaches every name and every role.
    expect(new Set(cases.map((c) => c.name)).size).toBe(PROTOTYPE_NAMES.length);
    expect(new Set(cases.map((c) => c.role))).toEqual(new Set(['applicant', 'partner', 'child', 'housemate', 'adult-child']));
  });

  it('such names as unknown keys, at every level, are refused in plain language', () => {
    for (const name of PROTOTYPE_NAMES) {
      const key = JSON.stringify(name);
      for (const json of [
        `{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":40}],${key}:1}`,
        `{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":40,${key}:1}]}`,
        `{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":40}],"costs":{${key}:1}}`,
        `{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":40}],"housing":{"type":"rent","rent":1,${key}:1}}`,
        `{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":40}],"annualTaxableIncome":{${key}:1}}`,
        `{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":40}],"receiving":[${key}]}`,
        `{"municipality":${key},"people":[{"id":"a","role":"applicant","age":40}]}`,
      ]) {
        const r = runCheck(JSON.parse(json), rulebook(), { ...options, language: 'en' });
        expect(r.ok, json).toBe(false);
        if (r.ok) continue;
        expect(r.error.error.code).toBe('invalid-input');
        for (const issue of r.error.error.issues) {
          expect(typeof issue.message).toBe('string');
          expect(issue.message, json).not.toMatch(/function|\[object|undefined|native code/);
        }
      }
    }
  });
});

describe('the command line', () => {
  it('cli check gives the result, exit 0, for ids constructor, toString, __proto__, valueOf and hasOwnProperty', () => {
    const cases = prototypeIdCases(60).filter((c) =>
      ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'].includes(c.name),
    );
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      // A partner with that id, renting, on the 2025 rules: the reviewer's crash.
      const json = `{"municipality":"GM0106","referenceDate":"2025-06-01","people":[{"id":"a","role":"applicant","age":40},{"id":${JSON.stringify(name)},"role":"partner","age":40}],"housing":{"type":"rent","rent":500}}`;
      const r = cli(['check', '-'], json);
      expect(r.stderr, name).not.toMatch(/at .*\.ts:\d+|BigInt/);
      expect(r.code, name).toBe(0);
      expect(brokenAmounts(JSON.parse(r.stdout))).toEqual([]);
    }
    const c = cases[0]!;
    const r = cli(['check', '-'], c.json);
    expect(r.code).toBe(0);
    const want = runCheck(JSON.parse(c.twin), rulebook(), { ...options, today: JSON.parse(r.stdout).receipt.referenceDate });
    expect(want.ok).toBe(true);
    if (want.ok) expect(comparable(JSON.parse(r.stdout), c.name)).toBe(comparable(want.result, twinId(c.twin)));
  });

  it('cli screen screens such ids like any other: no internal-error lines, the same result as the twin', () => {
    const cases = prototypeIdCases(240, 16);
    const lines = cases.flatMap((c, i) => [`{"id":"p${i}",${c.json.slice(1)}`, `{"id":"t${i}",${c.twin.slice(1)}`]);
    const file = join(dir, 'proto.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = cli(['screen', file, '--workers', '1']);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; result?: unknown; error?: unknown });
    expect(out).toHaveLength(lines.length);
    expect(out.filter((l) => l.error !== undefined).map((l) => JSON.stringify(l).slice(0, 200))).toEqual([]);
    for (let i = 0; i < cases.length; i++) {
      expect(brokenAmounts(out[2 * i]!.result), cases[i]!.name).toEqual([]);
      expect(JSON.stringify(out[2 * i]!.result), `${cases[i]!.name} (${cases[i]!.role})`).toBe(JSON.stringify(out[2 * i + 1]!.result));
    }
  });
});

describe('the built server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ RONDKOMEN_TODAY: '2026-03-01' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams(fields).toString(),
  });

  it('POST /api/v1/check answers such ids like any other (120 households)', async () => {
    for (const c of prototypeIdCases(120, 17)) {
      const r = await fetch(`${server.url}/api/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: c.json,
      });
      expect(r.status, `${c.name} (${c.role})`).toBe(200);
      const body = await r.json();
      expect(brokenAmounts(body)).toEqual([]);
      const want = runCheck(JSON.parse(c.twin), rulebook(), { ...options, today: body.receipt.referenceDate });
      if (want.ok) expect(comparable(body, c.name)).toBe(comparable(want.result, twinId(c.twin)));
    }
  });

  it('the results page, examples, partner links and volunteer forms never take a prototype member for data', async () => {
    const unknownExample = await (await fetch(`${server.url}/uitkomst?voorbeeld=geen-voorbeeld`)).text();
    for (const name of PROTOTYPE_NAMES) {
      const enc = encodeURIComponent(name);
      // An example id: the same page as for any unknown example.
      const example = await fetch(`${server.url}/uitkomst?voorbeeld=${enc}`);
      expect(example.status, name).toBeLessThan(500);
      expect((await example.text()).length, name).toBe(unknownExample.length);
      // Answers with such keys and values.
      const answers = `{${JSON.stringify(name)}:"x","place":${JSON.stringify(name)},"inc.a":${JSON.stringify(name)},"receiving":${JSON.stringify(name)}}`;
      const results = await fetch(`${server.url}/uitkomst`, form({ _answers: answers, _example: name }));
      expect(results.status, name).toBeLessThan(500);
      // A partner link and an organisation's figures: unknown, never "Object".
      const partner = await fetch(`${server.url}/hulp/${enc}`);
      expect(partner.status, name).toBe(200);
      const partnerHtml = await partner.text();
      expect(partnerHtml).toContain('role="status"');
      expect(partnerHtml).not.toMatch(/native code|\bObject\b/);
      const figures = await fetch(`${server.url}/hulp/organisatie/${enc}`);
      expect(figures.status, name).toBe(404);
      const volunteer = await fetch(`${server.url}/hulp/invullen`, form({ _answers: '{}', _org: name, _go: 'start' }));
      expect(volunteer.status, name).toBe(200);
      expect(await volunteer.text()).not.toMatch(/native code|name="_org" value="[^"]+"/);
      const change = await fetch(`${server.url}/verandering`, form({ _answers: '{}', _event: name, _step: 'questions' }));
      expect(change.status, name).toBeLessThan(500);
    }
  });
});
