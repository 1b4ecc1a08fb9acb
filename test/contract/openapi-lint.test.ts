/**
 * The OpenAPI document against Spectral's OpenAPI rules and the Dutch API Design Rules that a linter can
 * check (.config/spectral.yaml; `npm run lint:api` runs the same in CI). The document as a deployment
 * serves it passes with nothing to say, and each ADR rule catches the fault it is for.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { API_VERSION, openApiDocument } from '../../src/contract/openapi.ts';

type Json = Record<string, unknown>;
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rondkomen-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spectral's findings for one document, as `rule at.path`. */
async function lint(doc: Json, name: string): Promise<string[]> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const { stdout } = await promisify(execFile)(
    join(root, 'node_modules/.bin/spectral'),
    ['lint', '--quiet', '--format', 'json', '--fail-severity', 'error', '--ruleset', join(root, '.config/spectral.yaml'), file],
    { cwd: root },
  ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const results = JSON.parse(stdout || '[]') as { code: string; path: string[] }[];
  return [...new Set(results.map((r) => `${r.code} ${r.path.join('.')}`))].sort();
}

const deployed = () =>
  openApiDocument('https://rondkomen.example.nl', 'api@rondkomen.example.nl') as Json & { paths: Record<string, Json> };

describe('the OpenAPI document and the Dutch API Design Rules (Spectral)', () => {
  it('passes every rule, with nothing to say, as a deployment with a contact address serves it', async () => {
    expect(await lint(deployed(), 'deployed')).toEqual([]);
    expect((deployed()['info'] as Json)['version']).toBe(API_VERSION);
  }, 60_000);

  it('names the rule each fault breaks', async () => {
    const doc = deployed();
    doc['openapi'] = '2.0.0';
    (doc['info'] as Json)['version'] = '1.1';
    (doc['servers'] as Json[])[0]!['url'] = 'https://rondkomen.example.nl/api';
    doc.paths['/check/'] = { get: { operationId: 'slash', responses: { '204': { description: 'Nothing.' } } } };
    delete doc.paths['/openapi.json'];
    delete ((doc.paths['/schema']!['get'] as Json)['responses'] as Record<string, Json>)['200']!['headers'];
    expect((await lint(doc, 'broken')).filter((r) => r.startsWith('adr-'))).toEqual([
      'adr-include-major-version-in-uri servers.0.url',
      'adr-missing-version-header paths./check/.get.responses.204',
      'adr-missing-version-header paths./schema.get.responses.200',
      'adr-openapi-root-exists paths',
      'adr-openapi3 openapi',
      'adr-paths-no-trailing-slash paths./check/',
      'adr-semver info.version',
    ]);
  }, 60_000);

  it('allows only the standard HTTP methods', async () => {
    const doc = deployed();
    doc.paths['/check']!['trace'] = { operationId: 'trace', responses: { '405': { description: 'No.' } } };
    expect(await lint(doc, 'trace')).toContain('adr-http-methods paths./check.trace');
  }, 60_000);
});
