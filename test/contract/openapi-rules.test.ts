/**
 * The OpenAPI document against the Dutch API Design Rules that a linter can check (the rules the
 * ADR linter of developer.overheid.nl scores: openapi3, openapi-root-exists, missing-version-header,
 * include-major-version-in-uri, paths-no-trailing-slash, info-contact-fields-exist, http-methods,
 * semver), written here so CI checks them without fetching a ruleset.
 */
import { describe, expect, it } from 'vitest';
import { API_VERSION, openApiDocument } from '../../src/contract/openapi.ts';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The rules one document breaks, by rule name. */
function adrProblems(doc: Json): string[] {
  const out: string[] = [];
  if (!/^3\.\d+\.\d+$/.test(String(doc['openapi']))) out.push('openapi3');
  const info = doc['info'] as Json;
  if (!/^\d+\.\d+\.\d+$/.test(String(info['version']))) out.push('semver');
  const contact = (info['contact'] ?? {}) as Json;
  for (const field of ['name', 'url', 'email']) if (!contact[field]) out.push(`info-contact-fields-exist: ${field}`);
  const servers = (doc['servers'] ?? []) as Json[];
  if (servers.length === 0 || !servers.every((s) => /\/v\d+$/.test(String(s['url'])))) out.push('include-major-version-in-uri');
  const paths = doc['paths'] as Record<string, Json>;
  if (!paths['/openapi.json']?.['get']) out.push('openapi-root-exists');
  const components = (doc['components'] ?? {}) as Json;
  const resolve = (r: Json): Json => {
    const ref = r['$ref'];
    if (typeof ref !== 'string') return r;
    return ref
      .slice(2)
      .split('/')
      .reduce<Json>((at, k) => at[k] as Json, { components } as Json);
  };
  for (const [path, item] of Object.entries(paths)) {
    if (path !== '/' && path.endsWith('/')) out.push(`paths-no-trailing-slash: ${path}`);
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) {
        out.push(`http-methods: ${method} ${path}`);
        continue;
      }
      for (const [status, response] of Object.entries((operation as Json)['responses'] as Json)) {
        if (!/^[23]\d\d$/.test(status)) continue;
        const headers = (resolve(response as Json)['headers'] ?? {}) as Json;
        if (!('API-Version' in headers)) out.push(`missing-version-header: ${method} ${path} ${status}`);
      }
    }
  }
  return out;
}

describe('the OpenAPI document and the Dutch API Design Rules', () => {
  it('breaks none of the rules a linter scores, once a contact address is set', () => {
    expect(adrProblems(openApiDocument('https://rondkomen.example.nl', 'api@rondkomen.example.nl'))).toEqual([]);
    expect((openApiDocument('https://rondkomen.example.nl')['info'] as Json)['version']).toBe(API_VERSION);
  });

  it('says which rule a document breaks', () => {
    const doc = openApiDocument('https://rondkomen.example.nl') as Json & { paths: Record<string, Json> };
    doc.paths['/check/'] = { trace: {} };
    ((doc.paths['/schema']!['get'] as Json)['responses'] as Json)['200'] = { description: 'no headers' };
    expect(adrProblems(doc)).toEqual([
      'info-contact-fields-exist: email',
      'missing-version-header: get /schema 200',
      'paths-no-trailing-slash: /check/',
      'http-methods: trace /check/',
    ]);
  });
});
