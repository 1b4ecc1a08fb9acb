/**
 * The staff console over HTTP, against the built server on PostgreSQL, as the review of December
 * 2026 ran it: refused requests for another municipality's records are logged in both
 * municipalities' audit logs; an AVG search for another municipality's resident is logged there
 * without telling the searcher; bodies are capped on the bytes actually read, chunked too; and bad
 * logins are limited per client address, without counting good ones.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/server/audit/log.ts';
import { addStaff } from '../../src/server/staff/accounts.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { servicesOnNewPostgres, type TestServices } from '../support/services.ts';
import { resident } from './console-support.ts';

const PASSWORD = 'een lange zin als wachtwoord';
const ASSEN = 'GM0106';
const NIJKERK = 'GM0267';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request from a chosen loopback source address; `chunks` are sent with chunked encoding. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; chunks?: AsyncIterable<Buffer>; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, localAddress: options.from ?? '127.0.0.1' },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    // A server that stops reading a body answers and closes: writing on then fails, the answer counts.
    req.on('error', (e) => setTimeout(() => (answered ? undefined : reject(e)), 500));
    if (options.chunks) {
      void (async () => {
        try {
          for await (const c of options.chunks!) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
          req.end();
        } catch {
          // The server closed the request early, which is what a limit does.
        }
      })();
    } else req.end(options.body);
  });
}

async function* megabytes(n: number): AsyncIterable<Buffer> {
  const block = Buffer.alloc(64 * 1024, 'a');
  yield Buffer.from('email=x%40y.example&password=');
  for (let i = 0; i < n * 16; i++) yield block;
}

describe('the console over HTTP on PostgreSQL', () => {
  let server: RunningServer;
  let s: TestServices;
  let drop: () => Promise<void>;
  let bertId: string;
  let nijkerkAdminId: string;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  beforeAll(async () => {
    const created = await servicesOnNewPostgres();
    ({ s, drop } = created);
    const staffMember = async (email: string, municipality: string, role = 'admin') => {
      const r = await addStaff(s, municipality, { email, name: email.split('@')[0]!, role, password: PASSWORD });
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.staffId;
    };
    await staffMember('admin@assen.example', ASSEN);
    bertId = await staffMember('bert@assen.example', ASSEN, 'caseworker');
    nijkerkAdminId = await staffMember('admin@nijkerk.example', NIJKERK);
    for (let i = 0; i < 10; i++) await staffMember(`vaak${i}@nijkerk.example`, NIJKERK, 'viewer');
    await resident(s, { email: 'inwoner@assen.example', municipality: ASSEN });
    server = await startServer({ DATABASE_URL: created.url, CONSOLE_LOGIN_ATTEMPTS_PER_ADDRESS: '5' });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  const login = async (email: string, from = '127.0.0.1'): Promise<Answer> =>
    send(`${server.url}/beheer/inloggen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: form({ email, password: PASSWORD }),
      from,
    });

  /** A signed-in session: its cookie and the CSRF token of its forms. */
  const session = async (email: string): Promise<{ cookie: string; csrf: string }> => {
    const r = await login(email);
    expect(r.status).toBe(303);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const page = await send(`${server.url}/beheer/account`, { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!csrf) throw new Error('no CSRF token on the account page');
    return { cookie, csrf };
  };

  const denied = async (municipality: string) =>
    (await queryAudit(s.database.db, municipality, { action: 'access-denied' }, { offset: 0, limit: 100 })).rows;

  it('logs a refused request for another municipality’s colleague in both audit logs, and refused forms too', async () => {
    const nijkerk = await session('admin@nijkerk.example');
    const before = Date.now();
    const r = await send(`${server.url}/beheer/medewerkers/${bertId}`, { headers: { cookie: nijkerk.cookie } });
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('bert@assen.example');
    for (const m of [ASSEN, NIJKERK]) {
      const row = (await denied(m)).find((d) => d.subjectId === bertId);
      expect(row, m).toBeDefined();
      expect(row!.staffId).toBe(nijkerkAdminId);
      expect(row!.details).toMatchObject({ attempt: `GET /beheer/medewerkers/${bertId}`, status: 404, from: NIJKERK });
      expect(row!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    // A form without the session's token, and one from another site: refused and logged.
    const noToken = await send(`${server.url}/beheer/medewerkers/${bertId}`, {
      method: 'POST',
      headers: { cookie: nijkerk.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ _action: 'reset' }),
    });
    expect(noToken.status).toBe(403);
    const crossSite = await send(`${server.url}/beheer/medewerkers/${bertId}`, {
      method: 'POST',
      headers: { cookie: nijkerk.cookie, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ _action: 'reset', _csrf: nijkerk.csrf }),
    });
    expect(crossSite.status).toBe(403);
    const posts = (await denied(ASSEN)).filter((d) => d.subjectId === bertId && (d.details as { status: number }).status === 403);
    expect(posts).toHaveLength(2);
  });

  it('logs an AVG search for another municipality’s resident there, and tells the searcher nothing', async () => {
    const nijkerk = await session('admin@nijkerk.example');
    const r = await send(`${server.url}/beheer/avg`, {
      method: 'POST',
      headers: { cookie: nijkerk.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ _csrf: nijkerk.csrf, _action: 'search', email: 'inwoner@assen.example' }),
    });
    expect(r.status).toBe(200);
    const assen = (await denied(ASSEN)).filter((d) => (d.details as { attempt: string }).attempt === 'avg.search');
    expect(assen).toHaveLength(1);
    expect(assen[0]!.staffId).toBe(nijkerkAdminId);
    const own = (await queryAudit(s.database.db, NIJKERK, { action: 'avg.search' }, { offset: 0, limit: 10 })).rows;
    expect(own[0]!.details).toMatchObject({ found: 0, searched: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect(JSON.stringify(own)).not.toContain('inwoner');
    expect((await denied(NIJKERK)).filter((d) => (d.details as { attempt: string }).attempt === 'avg.search')).toEqual([]);
  });

  it('stops reading a chunked body at the limit: 413 for the login page and for a console form', async () => {
    const login413 = await send(`${server.url}/beheer/inloggen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      chunks: megabytes(64),
    });
    expect(login413.status).toBe(413);
    expect(login413.text).toContain('te groot');
    const nijkerk = await session('admin@nijkerk.example');
    const form413 = await send(`${server.url}/beheer/avg`, {
      method: 'POST',
      headers: { cookie: nijkerk.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      chunks: megabytes(8),
    });
    expect(form413.status).toBe(413);
    // The server still answers.
    expect((await send(`${server.url}/beheer/inloggen`)).status).toBe(200);
  }, 60_000);

  it('limits bad logins per client address, and does not count good ones', async () => {
    for (let i = 0; i < 8; i++) expect((await login(`vaak${i}@nijkerk.example`, '127.0.0.4')).status, `good login ${i}`).toBe(303);
    for (let i = 0; i < 5; i++) {
      const r = await send(`${server.url}/beheer/inloggen`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
        body: form({ email: `onbekend${i}@nijkerk.example`, password: 'fout wachtwoord' }),
        from: '127.0.0.2',
      });
      expect(r.status).toBe(401);
    }
    expect((await login('vaak9@nijkerk.example', '127.0.0.2')).status).toBe(429);
    expect((await login('vaak9@nijkerk.example', '127.0.0.3')).status).toBe(303);
  }, 60_000);
});
