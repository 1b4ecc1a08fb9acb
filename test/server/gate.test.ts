/**
 * The request gate in front of the adapter (src/server/http/gate.ts), against the built server:
 * one body limit on the bytes actually read for every route that reads a body (F3), 405 for
 * unexpected methods (F10), no image endpoint (F11), the CLI and the API agree on a byte order mark
 * (F12), errors stay small (F7), and the server does not start without its secret in production (F13).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/contract/check.ts';
import { forwardedClient, parseTrustedProxies } from '../../src/server/http/gate.ts';
import { rulebook } from '../support/rulebook.ts';
import { freePort, startServer, type RunningServer } from '../support/server.ts';

const root = new URL('../..', import.meta.url).pathname;
const site = (lang: string, file: string) => JSON.parse(readFileSync(`${root}src/i18n/locales/${lang}/${file}.json`, 'utf8'));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A raw request: the body is sent chunked (no Content-Length) unless `length` is given, and may be
 * larger than anything a client library would buffer. The server may close the connection after
 * its answer while the body is still being sent; the answer counts.
 */
function raw(
  method: string,
  path: string,
  options: { body?: number; length?: number; headers?: Record<string, string> } = {},
): Promise<Raw> {
  const u = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers: {
          origin: server.url,
          'content-type': 'application/x-www-form-urlencoded',
          ...(options.length !== undefined ? { 'content-length': String(options.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          resolve({ status: res.statusCode!, headers: res.headers, body });
          // A declared length that was never sent: the answer came, so stop here.
          if (options.length !== undefined) req.destroy();
        });
        res.on('error', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (options.body === undefined) {
      req.end();
      return;
    }
    // `_answers={}&x=aaaa…` in 64 KiB chunks, as fast as the server takes them.
    let left = options.body;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    req.write('_answers=%7B%7D&x=');
    const pump = (): void => {
      while (left > 0 && !answered && !req.destroyed) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!req.write(part)) {
          req.once('drain', pump);
          return;
        }
      }
      // With a declared length, only the start is sent: the answer must come before the rest.
      if (!req.destroyed && options.length === undefined) req.end();
    };
    pump();
  });
}

/** Every route of the site that reads a body (pages, actions, API, PDF routes, consent, console login). */
const BODY_ROUTES = [
  '/check?_action=checkStep',
  '/check',
  '/uitkomst',
  '/toestemming',
  '/verandering',
  '/bevestigen',
  '/afmelden',
  '/afmelden/one-click?t=xxxxxxxxxxxxxxxxxxxxxxxx',
  '/hulp/invullen',
  '/hulp/stappen',
  '/hulp/doorverwijzen',
  '/uitkomst.pdf',
  '/verandering.pdf',
  '/hulp/stappen.pdf',
  '/api/v1/check',
  '/beheer/inloggen',
];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

describe('one body limit for every route that reads a body (F3)', () => {
  it('a chunked body over 256 KiB gets 413 on every route, with a message in the language of the path', async () => {
    for (const route of BODY_ROUTES) {
      for (const prefix of route.startsWith('/api') || route.startsWith('/beheer') || route.startsWith('/afmelden/one-click')
        ? ['']
        : ['', '/en', '/ar']) {
        const r = await raw('POST', `${prefix}${route}`, { body: 300 * 1024 });
        expect(r.status, `${prefix}${route}`).toBe(413);
        if (route.startsWith('/api')) expect(JSON.parse(r.body).error.code).toBe('body-too-large');
        else {
          const lang = prefix === '' ? 'nl' : prefix.slice(1);
          expect(r.headers['content-type']).toMatch(/^text\/html/);
          expect(r.body, `${prefix}${route}`).toContain(site(lang, 'site').refusal.bodyTooLarge.title);
          expect(r.body).toContain(`lang="${lang}"`);
        }
      }
    }
  });

  it('a Content-Length over the limit is refused before the body is read', async () => {
    for (const route of BODY_ROUTES) {
      const r = await raw('POST', route, { length: 50 * 1024 * 1024, body: 1024 });
      expect(r.status, route).toBe(413);
    }
  });

  it('a body just under the limit still reaches the page', async () => {
    const r = await raw('POST', '/en/verandering', { body: 250 * 1024 });
    // The page read the form and answers with Post/Redirect/Get: a 303 to its own address (decision 0008).
    expect(r.status).toBe(303);
    expect(String(r.headers.location)).toMatch(/^\/en\/verandering(\?|$)/);
    expect(r.body).not.toContain(site('en', 'site').refusal.bodyTooLarge.title);
  });

  it('100 MB sent chunked is refused without being kept: the server grows by a few megabytes at most', async () => {
    const before = rssMb(server.process.pid!);
    const r = await raw('POST', '/verandering', { body: 100 * 1024 * 1024 });
    expect(r.status).toBe(413);
    expect(rssMb(server.process.pid!) - before).toBeLessThan(40);
    // And it still answers.
    expect((await fetch(`${server.url}/api/v1/schema`)).status).toBe(200);
  });
});

describe('methods (F10) and the image endpoint (F11)', () => {
  it('TRACE, PUT, DELETE, PATCH and other methods answer 405 with Allow on every kind of route, never 500', async () => {
    for (const path of [
      '/',
      '/check',
      '/en/uitkomst',
      '/uitkomst.pdf',
      '/api/v1/check',
      '/api/v1/schema',
      '/favicon.svg',
      '/beheer',
      '/nope',
    ]) {
      // (A method Node's HTTP parser does not know at all gets its 400 before any code runs.)
      for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'MKCOL']) {
        const r = await raw(method, path);
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
        expect(r.headers['x-content-type-options']).toBe('nosniff');
      }
      const options = await raw('OPTIONS', path);
      expect(options.status).toBe(204);
    }
    const english = await raw('TRACE', '/en/check');
    expect(english.body).toContain(site('en', 'site').refusal.method.title);
    expect(server.output()).not.toMatch(/unsupported|TypeError|at .*\.(m?js|ts):\d+/);
  });

  it('/_image answers 404, whatever it is asked', async () => {
    for (const q of [`href=${'x'.repeat(300)}`, 'href=//evil.example/x.png', 'href=/favicon.svg&w=10', '']) {
      const r = await fetch(`${server.url}/_image?${q}`);
      expect(r.status, q).toBe(404);
    }
  });
});

describe('errors stay small (F7)', () => {
  it('5,000 keys in annualTaxableIncome (a 60 KB body) give at most 51 short issues, in every language', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => i.toString(36));
    const household = {
      municipality: 'GM0106',
      people: [{ id: 'a', role: 'applicant', age: 30 }],
      annualTaxableIncome: Object.fromEntries(keys.map((k) => [k, -1])),
    };
    for (const language of ['nl', 'uk']) {
      const r = await fetch(`${server.url}/api/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...household, language }),
      });
      expect(r.status).toBe(400);
      const text = await r.text();
      expect(text.length).toBeLessThan(20_000);
      const issues = JSON.parse(text).error.issues as { code: string; message: string }[];
      expect(issues.length).toBeLessThanOrEqual(51);
      expect(issues.at(-1)!.code).toBe('more-issues');
      expect(issues.at(-1)!.message).toMatch(/\d/);
    }
  });

  it('a long unknown key is cut in path and message; many keys in the record are one issue', () => {
    const key = 'x'.repeat(5000);
    const r = runCheck({ municipality: 'GM0106', people: [{ id: 'a', role: 'applicant', age: 30 }], [key]: 1 }, rulebook(), {
      today: '2026-01-01',
      computedAt: '',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(JSON.stringify(r.error).length).toBeLessThan(500);
    const many = runCheck(
      {
        municipality: 'GM0106',
        people: [{ id: 'a', role: 'applicant', age: 30 }],
        annualTaxableIncome: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, 1])),
      },
      rulebook(),
      { today: '2026-01-01', computedAt: '' },
    );
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.error.error.issues.map((i) => i.code)).toEqual(['too-many']);
  });
});

describe('the command line and the API agree on a byte order mark (F12)', () => {
  it('cli check reads a file that starts with a UTF-8 BOM, as the API does', async () => {
    const body = '\ufeff{"municipality":"GM0106","people":[{"id":"a","role":"applicant","age":30}]}';
    const file = join(mkdtempSync(join(tmpdir(), 'rondkomen-bom-')), 'bom.json');
    writeFileSync(file, body);
    const cli = spawnSync(process.execPath, ['src/cli/main.ts', 'check', file], { cwd: root, encoding: 'utf8' });
    expect(cli.status).toBe(0);
    const viaStdin = spawnSync(process.execPath, ['src/cli/main.ts', 'check', '-'], { cwd: root, encoding: 'utf8', input: body });
    expect(viaStdin.status).toBe(0);
    const api = await fetch(`${server.url}/api/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(api.status).toBe(200);
    expect(JSON.parse(cli.stdout).schemes).toEqual((await api.json()).schemes);
  });
});

describe('trusted proxies: the setting', () => {
  it('reads addresses and networks, and refuses what it cannot read', () => {
    const t = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1')!;
    expect(['127.0.0.1', '::ffff:127.0.0.1', '10.1.2.3', '::1'].map(t.has)).toEqual([true, true, true, true]);
    expect(['127.0.0.2', '11.0.0.1', '::2', 'nonsense'].map(t.has)).toEqual([false, false, false, false]);
    expect(parseTrustedProxies('')).toBeUndefined();
    for (const bad of ['localhost', '10.0.0.0/33', '1.2.3', '10.0.0.0/', '::1/129'])
      expect(() => parseTrustedProxies(bad), bad).toThrow(/RONDKOMEN_TRUSTED_PROXY/);
  });

  it('takes the last address that is not a trusted proxy: a client cannot choose its own', () => {
    const t = parseTrustedProxies('127.0.0.1, 10.0.0.0/8')!;
    expect(forwardedClient('203.0.113.9', t)).toBe('203.0.113.9');
    expect(forwardedClient('1.1.1.1, 203.0.113.9', t)).toBe('203.0.113.9');
    expect(forwardedClient('1.1.1.1, 203.0.113.9, 10.0.0.5', t)).toBe('203.0.113.9');
    expect(forwardedClient('203.0.113.9:5555', t)).toBe('203.0.113.9');
    expect(forwardedClient('garbage, 203.0.113.9', t)).toBe('203.0.113.9');
    expect(forwardedClient('', t)).toBeUndefined();
  });
});

describe('the secret (F13)', { timeout: 180_000 }, () => {
  async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const port = await freePort();
    const child = spawn(process.execPath, ['src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PGLITE_DIR: 'memory://', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGTERM');
        resolve(null);
      }, 60_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
      child.stdout.on('data', () => {
        if (output.includes('listening')) {
          clearTimeout(timer);
          child.kill('SIGTERM');
        }
      });
    });
    return { code, output };
  }

  it('in production the server and the worker refuse to start without RONDKOMEN_SECRET, or with a short one', async () => {
    const none = await start({ NODE_ENV: 'production', RONDKOMEN_SECRET: '' });
    expect(none.code).toBe(1);
    expect(none.output).toMatch(/RONDKOMEN_SECRET is not set/);
    expect(none.output).not.toMatch(/at .*\.ts:\d+/);
    const short = await start({ NODE_ENV: 'production', RONDKOMEN_SECRET: 'too-short' });
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/too short/);
    const worker = spawnSync(process.execPath, ['src/cli/worker.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production', RONDKOMEN_SECRET: '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(worker.status).toBe(1);
    expect(worker.stderr).toMatch(/RONDKOMEN_SECRET is not set/);
  });

  it('with a secret it starts in production; in development it makes one itself', async () => {
    const ok = await start({ NODE_ENV: 'production', RONDKOMEN_SECRET: 'x'.repeat(48) });
    expect(ok.output).toContain('listening');
    const dev = await start({ RONDKOMEN_SECRET: '' });
    expect(dev.output).toContain('listening');
  });

  it('a trusted-proxy setting it cannot read stops the start with a clear line', async () => {
    const r = await start({ RONDKOMEN_TRUSTED_PROXY: 'proxy.example' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/RONDKOMEN_TRUSTED_PROXY: "proxy.example" is not an IP address/);
  });
});
