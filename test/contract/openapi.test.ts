/**
 * The OpenAPI document describes what the API really answers: every household of the engine cases
 * is posted to the built server, and each answer (status, content type, headers, body) is validated
 * against the document served at GET /api/v1/openapi.json, with a JSON Schema validator (ajv). The
 * published schemas are open (v1 adds fields); here every object is closed, so a field the API
 * sends and the document does not name fails too. A deliberately wrong answer must fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { API_VERSION } from '../../src/contract/openapi.ts';
import { ank } from '../support/households.ts';
import { startServer, type RunningServer } from '../support/server.ts';

type Json = Record<string, unknown>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let server: RunningServer;
let document: Json;
let ajv: Ajv2020;

/** A copy of a schema with every object closed: properties it does not name are not allowed. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, closed(s)])) : closed(v);
  if (out['type'] === 'object' && out['properties'] !== undefined && out['additionalProperties'] === undefined)
    out['additionalProperties'] = false;
  return out;
}

function resolve(node: unknown): Json {
  let n = node as Json;
  while (typeof n['$ref'] === 'string') {
    n = (n['$ref'] as string)
      .slice(2)
      .split('/')
      .reduce<Json>((at, key) => at[key] as Json, document);
  }
  return n;
}

const validators = new Map<string, ValidateFunction>();

/** Validates one real answer against the documented response of the operation; returns the problems. */
async function problems(path: string, method: string, response: Response): Promise<string[]> {
  const operation = ((document['paths'] as Json)[path] as Json | undefined)?.[method] as Json | undefined;
  if (!operation) return [`${method.toUpperCase()} ${path} is not in the document`];
  const documented = (operation['responses'] as Json)[String(response.status)];
  if (!documented) return [`${response.status} is not documented for ${method.toUpperCase()} ${path}`];
  return problemsAgainst(resolve(documented), response, `${path} ${method} ${response.status}`);
}

/** Validates an answer against one documented response: its headers, content type and body. */
async function problemsAgainst(documented: Json, response: Response, key: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of Object.keys((documented['headers'] as Json | undefined) ?? {})) {
    if (!response.headers.has(name)) out.push(`header ${name} is missing`);
  }
  const content = documented['content'] as Json | undefined;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!content || !(type in content)) return [...out, `content type ${type} is not documented for ${response.status}`];
  let validate = validators.get(`${key} ${type}`);
  if (!validate) validators.set(`${key} ${type}`, (validate = ajv.compile(closed(resolveRefs((content[type] as Json)['schema'])) as Json)));
  const body: unknown = type === 'application/json' ? await response.json() : await response.text();
  if (!validate(body))
    out.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
  return out;
}

/** The schema with its references to components written out (so closing it reaches every object). */
function resolveRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(resolveRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as Json;
  if (typeof s['$ref'] === 'string') return resolveRefs(resolve(s));
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, resolveRefs(v)]));
}

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${server.url}/api/v1/check`, { method: 'POST', body, headers });

beforeAll(async () => {
  server = await startServer();
  const r = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(r.status).toBe(200);
  document = (await r.json()) as Json;
  ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }));
  ajv.addKeyword('example');
});
afterAll(async () => {
  await server?.stop();
});

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document of every /api/v1 endpoint, served with the API version', async () => {
    const r = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(r.headers.get('api-version')).toBe(API_VERSION);
    expect(await problems('/openapi.json', 'get', r)).toEqual([]);
    expect(document['openapi']).toBe('3.1.0');
    expect((document['info'] as Json)['version']).toBe(API_VERSION);
    expect(Object.keys(document['paths'] as Json).sort()).toEqual(['/check', '/openapi.json', '/schema']);
    const statuses = Object.keys(((document['paths'] as Json)['/check'] as { post: { responses: Json } }).post.responses).sort();
    expect(statuses).toEqual(['200', '400', '405', '413', '415', '429', '500']);
  });

  it('describes the household input as GET /api/v1/schema does', async () => {
    const r = await fetch(`${server.url}/api/v1/schema`);
    expect(await problems('/schema', 'get', r.clone())).toEqual([]);
    const schema = (await r.json()) as Json;
    const household = ((document['components'] as Json)['schemas'] as Json)['Household'] as Json;
    expect(household['properties']).toEqual(schema['properties']);
    expect(household['required']).toEqual(schema['required']);
  });
});

const casesDir = new URL('../engine/cases/', import.meta.url).pathname;
const households = readdirSync(casesDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((file) =>
    (parse(readFileSync(join(casesDir, file), 'utf8')) as { cases: { name: string; household: Json }[] }).cases.map(
      (c) => [`${file}: ${c.name}`, c.household] as const,
    ),
  );

describe('POST /api/v1/check answers as the document says', () => {
  it('for every household of the engine cases (results and errors)', async () => {
    expect(households.length).toBeGreaterThan(200);
    const failures: string[] = [];
    const statuses = new Set<number>();
    for (const [name, household] of households) {
      const r = await post(JSON.stringify(household));
      statuses.add(r.status);
      const p = await problems('/check', 'post', r);
      if (p.length > 0) failures.push(`${name} (${r.status}): ${p.slice(0, 5).join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect([...statuses].sort()).toEqual([200, 400]);
  }, 300_000);

  it('in every language', async () => {
    for (const language of ['nl', 'en', 'ar', 'tr', 'pl', 'uk']) {
      expect(await problems('/check', 'post', await post(JSON.stringify({ ...ank, language })))).toEqual([]);
    }
  });

  it('for every error: not JSON, no rules, too large, not JSON by type (also a form post from another site)', async () => {
    const cases: [string, Response, number][] = [
      ['invalid JSON', await post('{"people":'), 400],
      ['no rules for the date', await post(JSON.stringify({ ...ank, referenceDate: '1999-01-01' })), 400],
      ['over 64 KiB', await post(JSON.stringify({ ...ank, pad: 'x'.repeat(70_000) })), 413],
      ['over the limit of the request gate', await post('x'.repeat(300 * 1024)), 413],
      ['XML', await post('<household/>', { 'content-type': 'application/xml' }), 415],
      // The API keeps no cookies, so another site's form can do nothing a direct request cannot: it is not JSON.
      ['cross-site form post', await post('a=b', { 'content-type': 'text/plain', origin: 'https://elsewhere.example' }), 415],
    ];
    for (const [what, response, status] of cases) {
      expect(response.status, what).toBe(status);
      expect(await problems('/check', 'post', response), what).toEqual([]);
    }
  });

  it('for a method an endpoint does not take (405, as documented once for all)', async () => {
    const documented = resolve({ $ref: '#/components/responses/MethodNotAllowed' });
    const answers = [
      await fetch(`${server.url}/api/v1/check`),
      await fetch(`${server.url}/api/v1/schema`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${server.url}/api/v1/openapi.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${server.url}/api/v1/check`, { method: 'PUT', body: '{}' }),
    ];
    for (const r of answers) {
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBeTruthy();
      expect(await problemsAgainst(documented, r, `405 ${r.url}`)).toEqual([]);
    }
  });
});

describe('POST /api/v1/check over a rate limit', () => {
  it('answers 429 with Retry-After and the error JSON, as documented', async () => {
    const limited = await startServer({ RONDKOMEN_API_RATE_LIMIT: '2' });
    try {
      const send = () =>
        fetch(`${limited.url}/api/v1/check`, {
          method: 'POST',
          body: JSON.stringify(ank),
          // Refused before its body is read, the answer speaks the language of Accept-Language.
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await problems('/check', 'post', refused.clone())).toEqual([]);
      const body = (await refused.json()) as { error: { code: string; issues: { message: string }[] } };
      expect(body.error.code).toBe('too-many-requests');
      expect(body.error.issues[0]!.message).toMatch(/^You sent too many requests in a short time\. Wait \d+ seconds and try again\.$/);
    } finally {
      await limited.stop();
    }
  });
});

describe('a wrong answer fails', () => {
  it('a result with a field removed, a wrong type, an unknown status or an undocumented field', async () => {
    const good = await (await post(JSON.stringify(ank))).json();
    const wrongs: [string, (r: Json & { schemes: Json[]; ledger: Json }) => void][] = [
      ['reason without source', (r) => delete ((r.schemes[0]!['reasons'] as Json[])[0] as Json)['source']],
      ['money as text', (r) => (((r.schemes[0] as Json)['amount'] as Json)['monthly'] = '12,50')],
      ['unknown status', (r) => ((r.schemes[0] as Json)['status'] = 'perhaps')],
      ['undocumented field', (r) => ((r.ledger['keep'] as Json)['extra'] = 1)],
      ['ledger missing', (r) => delete (r as Json)['ledger']],
      ['unknown why', (r) => ((r.ledger['schemes'] as Json[])[0]!['why'] = 'because')],
    ];
    for (const [what, spoil] of wrongs) {
      const body = structuredClone(good);
      spoil(body);
      const response = new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json', 'api-version': API_VERSION, 'content-language': 'nl' },
      });
      expect((await problems('/check', 'post', response)).length, what).toBeGreaterThan(0);
    }
    const unchanged = new Response(JSON.stringify(good), {
      status: 200,
      headers: { 'content-type': 'application/json', 'api-version': API_VERSION, 'content-language': 'nl' },
    });
    expect(await problems('/check', 'post', unchanged)).toEqual([]);
  });

  it('an answer without its version header or with an undocumented status', async () => {
    const body = JSON.stringify({ error: { code: 'invalid-input', issues: [] } });
    expect(await problems('/check', 'post', new Response(body, { status: 400, headers: { 'content-type': 'application/json' } }))).toEqual([
      'header API-Version is missing',
    ]);
    expect(
      await problems(
        '/check',
        'post',
        new Response(body, { status: 418, headers: { 'content-type': 'application/json', 'api-version': '1' } }),
      ),
    ).toEqual(['418 is not documented for POST /check']);
  });
});
