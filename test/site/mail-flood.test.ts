/**
 * F4 (issue 15): consent mails cannot flood a mailbox, and nobody can lock a mailbox's owner out.
 * Against the built server on PostgreSQL: mails are limited per normalised mailbox (lower case, no
 * +tag, Gmail without dots), a client address has one budget an hour for all its requests, and a
 * request over the mailbox's limit is kept and confirmed through an earlier mail's link.
 */
import pg from 'pg';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxSql, normaliseMailbox } from '../../src/server/consent/mailbox.ts';
import { token } from '../../src/server/security/secrets.ts';
import { exampleAnswers } from '../../src/site/examples.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const SECRET = 'a-test-secret-that-is-long-enough-for-the-check';
const answers = JSON.stringify(exampleAnswers('alleenstaande-moeder-assen'));
let server: RunningServer;
let database: { url: string; drop: () => Promise<void> };
let db: pg.Client;

beforeAll(async () => {
  database = await createPostgresDatabase();
  server = await startServer({ DATABASE_URL: database.url, RONDKOMEN_SECRET: SECRET });
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
  await database?.drop();
});

function post(path: string, fields: Record<string, string>, from: string): Promise<{ status: number; html: string }> {
  const u = new URL(path, server.url);
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        localAddress: from,
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let html = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (html += d));
        res.on('end', () => resolve({ status: res.statusCode!, html }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ask = (email: string, from: string) => post('/toestemming', { _answers: answers, _consent: '1', purpose: 'contact', email }, from);
const mailed = (html: string): string | undefined => /data-mailed="(yes|no)"/.exec(html)?.[1];

async function requestOf(email: string): Promise<string> {
  const r = await db.query<{ request_id: string }>('select request_id from consents where email = $1 order by created_at desc limit 1', [
    email,
  ]);
  return r.rows[0]!.request_id;
}

/** Confirmation mails queued for addresses of one mailbox. */
async function confirmationsTo(mailbox: string): Promise<number> {
  const r = await db.query<{ email: string }>(
    "select c.email from messages m join consents c on c.id = m.consent_id where m.kind = 'confirmation'",
  );
  return r.rows.filter((x) => normaliseMailbox(x.email) === mailbox).length;
}

describe('the mailbox', () => {
  it('is the address in lower case, without a +tag, and at Gmail without dots; the same in SQL', async () => {
    const cases: [string, string][] = [
      ['Victim@Example.org', 'victim@example.org'],
      ['victim+1@example.org', 'victim@example.org'],
      ['vic.tim+a+b@example.org', 'vic.tim@example.org'],
      ['V.i.c.t.i.m+x@googlemail.com', 'victim@gmail.com'],
      ['victim@gmail.com', 'victim@gmail.com'],
      ['first.last@outlook.com', 'first.last@outlook.com'],
    ];
    const dialect = new PgDialect();
    for (const [email, mailbox] of cases) {
      expect(normaliseMailbox(email)).toBe(mailbox);
      const q = dialect.sqlToQuery(sql`select ${mailboxSql(sql`${email.toLowerCase()}::text`)} as m`);
      expect((await db.query<{ m: string }>(q.sql, q.params)).rows[0]!.m).toBe(mailbox);
    }
  });
});

describe('consent requests for one mailbox', () => {
  it('plus-addressing gets three mails a day to the mailbox, not ten per client address', async () => {
    const seen: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await ask(`victim+${i}@example.org`, '127.0.0.41');
      expect(r.status).toBe(200);
      seen.push(mailed(r.html));
    }
    expect(seen).toEqual(['yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'no', 'no', 'no']);
    expect(await confirmationsTo('victim@example.org')).toBe(3);
    // The client's own budget for the hour is used up, whatever the address.
    expect((await ask('someone.else@example.org', '127.0.0.41')).status).toBe(429);
  });

  it('more client addresses do not add mails; and Gmail dots are the same mailbox', async () => {
    for (let i = 0; i < 6; i++) {
      const r = await ask('victim@example.org', `127.0.0.${50 + i}`);
      expect(r.status).toBe(200);
      expect(mailed(r.html)).toBe('no');
    }
    expect(await confirmationsTo('victim@example.org')).toBe(3);
    const gmail = [];
    for (const email of ['v.ictim@gmail.com', 'victim+1@googlemail.com', 'V.I.C.T.I.M@gmail.com', 'victim@gmail.com'])
      gmail.push(mailed((await ask(email, '127.0.0.60')).html));
    expect(gmail).toEqual(['yes', 'yes', 'yes', 'no']);
  });

  it("the owner is never locked out: their request is kept, and an earlier mail's link confirms it", async () => {
    const owner = await ask('Victim@example.org', '127.0.0.70');
    expect(owner.status).toBe(200);
    expect(mailed(owner.html)).toBe('no');
    expect(owner.html).toContain('Open de laatste mail van Rondkomen');
    const ownRequest = await requestOf('victim@example.org');
    // The link of the first mail that reached the mailbox (someone else asked with victim+0).
    const link = token(Buffer.from(SECRET), 'confirm', await requestOf('victim+0@example.org'));
    const page = await (await fetch(`${server.url}/bevestigen?t=${link}`)).text();
    expect(page).toContain(`data-request="${ownRequest}"`);
    // Requests for another mailbox are not shown.
    const gmailRequest = await requestOf('victim@gmail.com');
    expect(page).not.toContain(gmailRequest);
    const confirmed = await post('/bevestigen', { t: link, request: ownRequest }, '127.0.0.70');
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('data-state="confirmed"');
    const statuses = await db.query<{ request_id: string; status: string }>('select request_id, status from consents where email like $1', [
      'victim%@example.org',
    ]);
    for (const row of statuses.rows) expect(row.status, row.request_id).toBe(row.request_id === ownRequest ? 'confirmed' : 'pending');
    // A link cannot confirm a request of another mailbox.
    const other = await post('/bevestigen', { t: link, request: gmailRequest }, '127.0.0.70');
    expect(other.status).toBe(404);
    const gmail = await db.query<{ status: string }>('select status from consents where request_id = $1', [gmailRequest]);
    expect(gmail.rows[0]!.status).toBe('pending');
  });
});
