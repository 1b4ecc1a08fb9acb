/** The HTTP entry points of the check contract: POST /api/v1/check and GET /api/v1/schema, on the built server. */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/contract/check.ts';
import type { PublicResult } from '../../src/contract/result.ts';
import { addDays } from '../../src/engine/dates.ts';
import { ank } from '../support/households.ts';
import { rulebook } from '../support/rulebook.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${server.url}/api/v1/check`, { method: 'POST', body, headers });

describe('POST /api/v1/check', () => {
  it('answers 200 with the same result as the engine gives directly', async () => {
    const r = await post(JSON.stringify(ank));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const body = await r.json();
    const direct = runCheck(ank, rulebook(), { today: '2026-01-01', computedAt: body.receipt.computedAt });
    expect(direct.ok).toBe(true);
    if (direct.ok) expect(body).toEqual(direct.result);
  });

  it('answers 400 with plain-language issues in the language of the body', async () => {
    const r = await post(JSON.stringify({ ...ank, language: 'en', people: [{ id: 'ank', role: 'applicant', age: 121 }] }));
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error.issues).toEqual([
      { path: 'people.0.age', code: 'too-big-number', message: 'Person 1 – age: the number may not be more than 120.' },
    ]);
  });

  it('uses Accept-Language when the body names no language', async () => {
    const r = await post('{"municipality":"GM0106"}', { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' });
    expect(r.status).toBe(400);
    expect((await r.json()).error.issues[0].message).toBe('People: this is missing. Please fill it in.');
  });

  it('rejects unknown fields and unknown municipality codes', async () => {
    const r = await post(JSON.stringify({ ...ank, municipality: 'GM0001', favouriteColour: 'blue' }));
    expect(r.status).toBe(400);
    const codes = (await r.json()).error.issues.map((i: { code: string }) => i.code);
    expect(codes).toEqual(['unknown-field']);
    const r2 = await post(JSON.stringify({ ...ank, municipality: 'GM0001' }));
    expect((await r2.json()).error.issues.map((i: { code: string }) => i.code)).toEqual(['unknown-municipality']);
  });

  it('answers 400 for text that is not JSON, without a stack trace', async () => {
    const r = await post('{"people":');
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(JSON.parse(text).error.code).toBe('invalid-json');
    expect(text).not.toMatch(/\.ts:\d+|at \w+ \(/);
  });

  it('answers 413 for a body over 64 KiB, with or without Content-Length', async () => {
    const big = JSON.stringify({ ...ank, padding: 'x'.repeat(70 * 1024) });
    const r = await post(big);
    expect(r.status).toBe(413);
    expect((await r.json()).error.code).toBe('body-too-large');
    // Chunked, so no Content-Length header: the server counts the bytes itself.
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${server.url}/api/v1/check`);
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 70; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 415 when the body is not declared as JSON', async () => {
    const r = await post(JSON.stringify(ank), { 'content-type': 'application/xml' });
    expect(r.status).toBe(415);
    expect((await r.json()).error.issues[0].code).toBe('content-type');
  });

  it('does not accept GET', async () => {
    const r = await fetch(`${server.url}/api/v1/check`);
    expect(r.status).toBe(405);
  });
});

describe('GET /api/v1/schema', () => {
  it('serves the JSON Schema of the household, generated from the zod schema', async () => {
    const r = await fetch(`${server.url}/api/v1/schema`);
    expect(r.status).toBe(200);
    const schema = await r.json();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['municipality', 'people']);
    expect(Object.keys(schema.properties)).toEqual([
      'referenceDate',
      'municipality',
      'language',
      'people',
      'incomes',
      'annualTaxableIncome',
      'assets',
      'housing',
      'costs',
      'receiving',
    ]);
    expect(schema.properties.people.items.properties.role.enum).toEqual(['applicant', 'partner', 'child', 'adult-child', 'housemate']);
  });
});

describe('form posts and one-click unsubscribe', () => {
  it('refuses a cross-site form post, and accepts the RFC 8058 one-click unsubscribe from anywhere', async () => {
    const form = await fetch(`${server.url}/check`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(form.status).toBe(403);
    const oneClick = await fetch(`${server.url}/afmelden/one-click?t=${'x'.repeat(43)}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Je bent afgemeld');
  });

  it('sends security headers', async () => {
    const r = await fetch(`${server.url}/api/v1/schema`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('compression', () => {
  /** Raw response headers and body size, without fetch's transparent decompression. */
  const raw = (path: string, acceptEncoding?: string): Promise<{ encoding: string | undefined; vary: string | undefined; bytes: number }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(`${server.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary?.toString(), bytes }));
      });
      req.on('error', reject);
      req.end();
    });

  it('compresses pages and the prerendered assets when the browser accepts it, and not otherwise', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const css = /\/_astro\/[^"]+\.css/.exec(html)?.[0];
    expect(css).toBeDefined();
    const plain = await raw(css!);
    const gzip = await raw(css!, 'gzip');
    expect(plain.encoding).toBeUndefined();
    expect(gzip.encoding).toBe('gzip');
    expect(gzip.vary).toContain('Accept-Encoding');
    expect(gzip.bytes).toBeLessThan(plain.bytes / 4);
    expect((await raw('/', 'br, gzip')).encoding).toBe('br');
  });
});

describe('after the last day the rules cover (a server whose clock is past it)', () => {
  let late: RunningServer;
  const rb = rulebook();
  const today = addDays(rb.validTo, 40);
  beforeAll(async () => {
    late = await startServer({ RONDKOMEN_TODAY: today });
  });
  afterAll(async () => late?.stop());

  it('keeps answering a check without a date, as of the last covered day, and says so first', async () => {
    const household: Record<string, unknown> = { ...ank };
    delete household.referenceDate;
    const r = await fetch(`${late.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(household),
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as PublicResult;
    expect(body.receipt.referenceDate).toBe(rb.validTo);
    expect(body.notes[0]!.code).toBe('rules-out-of-date');
  });

  it('and the results page shows the same note near the top', async () => {
    const r = await fetch(`${late.url}/uitkomst?voorbeeld=alleenstaande-moeder-assen`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('data-note="rules-out-of-date"');
  });
});
