/**
 * The consent pages over HTTP against the built server (dist/), with bad input: wrong and oversize
 * fields, repeated requests (rate limit), replayed and expired confirmation links, a second
 * withdrawal, and the development outbox when mail goes over SMTP. Every answer is a page with a
 * clear message; never a 500, never a stack trace.
 *
 * The server runs on a fresh PostgreSQL database (TEST_DATABASE_URL), with its queue workers, so the
 * test can age a request past its confirmation deadline.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAnswers } from '../../src/site/examples.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const nl = (await import('../../src/i18n/locales/nl/consent.json', { with: { type: 'json' } })).default.consent;
const en = (await import('../../src/i18n/locales/en/consent.json', { with: { type: 'json' } })).default.consent;

const answers = JSON.stringify(exampleAnswers('alleenstaande-moeder-assen'));
let server: RunningServer;
let database: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  database = await createPostgresDatabase();
  server = await startServer({ DATABASE_URL: database.url, INLINE_WORKERS: 'true', QUEUE_POLLING_SECONDS: '0.5' });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** Text of a page without tags and with entities decoded, for comparing with catalogue strings. */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function expectNoStackTrace(html: string): void {
  expect(html).not.toMatch(/\.ts:\d+|at \w+ \(|Error:/);
}

async function post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
  return { status: r.status, html: await r.text(), headers: r.headers };
}

const ask = (fields: Record<string, string | string[]>, lang = '') =>
  post(`${lang}/toestemming`, { _answers: answers, _consent: '1', purpose: 'contact', ...fields });

/** The links of the newest mail to `to`, read from the development outbox like a developer would. */
async function mailLinks(to: string): Promise<{ confirm: string; withdraw: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = await (await fetch(`${server.url}/dev/outbox`)).text();
    const row = list.split('<tr').find((r) => r.includes(to));
    const href = row ? /href="([^"]+)"/.exec(row)?.[1] : undefined;
    if (href) {
      const mail = await (await fetch(`${server.url}${href}`)).text();
      const confirm = /href="(http[^"]+\/bevestigen\?t=[^"]+)"/.exec(mail)![1]!;
      const withdraw = /href="(http[^"]+\/afmelden\?t=[^"]+)"/.exec(mail)![1]!;
      return { confirm, withdraw };
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const tokenOf = (url: string): string => new URL(url).searchParams.get('t')!;

describe('the consent form', () => {
  it('refuses an invalid address with a message, keeping what was typed', async () => {
    const r = await ask({ email: 'ank@@example', phone: '06 12345678' });
    expect(r.status).toBe(400);
    expect(text(r.html)).toContain(nl.errors['email-invalid']);
    expect(r.html).toContain('value="ank@@example"');
    expect(r.html).toContain('value="06 12345678"');
    expect(r.html).toMatch(/name="purpose" value="contact" checked/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expectNoStackTrace(r.html);
  });

  it('refuses oversize fields, a wrong phone number and a body far too large', async () => {
    const long = `${'a'.repeat(250)}@example.org`;
    const r = await ask({ email: long, phone: '1'.repeat(60) });
    expect(r.status).toBe(400);
    expect(text(r.html)).toContain(nl.errors['email-too-long']);
    expect(text(r.html)).toContain(nl.errors['phone-invalid']);
    expect(r.html).toContain(`value="${'1'.repeat(40)}"`);
    // Over the one body limit of every route (256 KiB, src/server/http/gate.ts): refused before the page runs.
    const huge = await ask({ email: 'ank@example.org', padding: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(text(huge.html)).toContain('Dit formulier is te groot');
    expectNoStackTrace(huge.html);
  });

  it('asks for a purpose, and for the answers to be shared when rule changes are wanted', async () => {
    const r = await post('/en/toestemming', { _answers: answers, _consent: '1', email: 'ank@example.org', purpose: 'rule-changes' });
    expect(r.status).toBe(400);
    expect(text(r.html)).toContain(en.errors['share-required']);
    const none = await post('/toestemming', { _answers: answers, _consent: '1', email: 'ank@example.org' });
    expect(text(none.html)).toContain(nl.errors['purpose-required']);
  });

  it('without answers, or with broken ones, sends people to the check', async () => {
    for (const broken of ['', '{"place":', JSON.stringify({ place: 'Nergenshuizen' }), 'x'.repeat(40_000)]) {
      const r = await post('/toestemming', { _answers: broken, _consent: '1', purpose: 'contact', email: 'ank@example.org' });
      expect(r.status).toBe(400);
      expect(text(r.html)).toContain(nl.page.noAnswers);
    }
    const get = await fetch(`${server.url}/toestemming`);
    expect(get.status).toBe(200);
    expect(text(await get.text())).toContain(nl.page.noAnswers);
  });

  it('refuses a post from another site', async () => {
    const r = await post(
      '/toestemming',
      { _answers: answers, _consent: '1', email: 'ank@example.org' },
      { origin: 'https://evil.example' },
    );
    expect(r.status).toBe(403);
  });

  it('limits mails per mailbox: the fourth request in a day is kept without a mail, and the page says so', async () => {
    const mailed: (string | undefined)[] = [];
    let last = '';
    for (let i = 0; i < 4; i++) {
      const r = await ask({ email: 'Often@Example.org' });
      expect(r.status).toBe(200);
      mailed.push(/data-mailed="(yes|no)"/.exec(r.html)?.[1]);
      last = r.html;
    }
    expect(mailed).toEqual(['yes', 'yes', 'yes', 'no']);
    expect(text(last)).toContain('Open de laatste mail van Rondkomen');
  });
});

describe('the links in the mail', () => {
  it('confirms once by POST; opening or replaying the link says what happened', async () => {
    const sent = await ask({ email: 'confirm.me@example.org', purpose: ['contact', 'rule-changes'], share: 'yes' }, '/en');
    expect(sent.status).toBe(200);
    expect(text(sent.html)).toContain('confirm.me@example.org');
    const links = await mailLinks('confirm.me@example.org');
    expect(new URL(links.confirm).pathname).toBe('/en/bevestigen');

    // Opening the link (as a mail scanner does) changes nothing.
    for (let i = 0; i < 2; i++) {
      const shown = await fetch(links.confirm);
      expect(shown.status).toBe(200);
      expect(text(await shown.text())).toContain(en.confirm.button);
    }
    const first = await post('/en/bevestigen', { t: tokenOf(links.confirm) });
    expect(first.status).toBe(200);
    expect(text(first.html)).toContain(en.confirm.doneTitle);
    const replay = await post('/en/bevestigen', { t: tokenOf(links.confirm) });
    expect(replay.status).toBe(200);
    expect(text(replay.html)).toContain(en.confirm.alreadyTitle);
  });

  it('refuses an expired link, and unknown or malformed tokens, with a message', async () => {
    await ask({ email: 'too.late@example.org' });
    const links = await mailLinks('too.late@example.org');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`update consents set confirm_before = now() - interval '1 day' where email = 'too.late@example.org'`);
    } finally {
      await client.end();
    }
    const shown = await fetch(links.confirm);
    expect(shown.status).toBe(410);
    expect(text(await shown.text())).toContain(nl.confirm.expiredTitle);
    const posted = await post('/bevestigen', { t: tokenOf(links.confirm) });
    expect(posted.status).toBe(410);
    expect(text(posted.html)).toContain(nl.confirm.expiredTitle);

    for (const t of ['x'.repeat(43), 'short', '<script>', 'a'.repeat(500)]) {
      const get = await fetch(`${server.url}/bevestigen?t=${encodeURIComponent(t)}`);
      expect(get.status).toBe(404);
      const html = await get.text();
      expect(text(html)).toContain(nl.confirm.unknownTitle);
      expectNoStackTrace(html);
      const p = await post('/bevestigen', { t });
      expect(p.status).toBe(404);
    }
    expect((await post('/bevestigen', {})).status).toBe(404);
  });

  it('withdraws and deletes at once; a second time finds nothing', async () => {
    await ask({ email: 'leave.me@example.org', phone: '0612345678' });
    const links = await mailLinks('leave.me@example.org');
    const shown = await fetch(links.withdraw);
    expect(shown.status).toBe(200);
    expect(text(await shown.text())).toContain(nl.withdraw.itemPhone);
    const done = await post('/afmelden', { t: tokenOf(links.withdraw) });
    expect(done.status).toBe(200);
    expect(text(done.html)).toContain(nl.withdraw.done);
    expect(text(done.html)).toContain(nl.withdraw.itemPhone);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query(`select count(*)::int as n from consents where email = 'leave.me@example.org'`);
      expect(rows.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    const again = await post('/afmelden', { t: tokenOf(links.withdraw) });
    expect(again.status).toBe(404);
    expect(text(again.html)).toContain(nl.withdraw.gone);
    const confirm = await fetch(links.confirm);
    expect(confirm.status).toBe(404);
  });
});

describe('the privacy statement', () => {
  it('says what is kept when someone asks to be contacted, with the retention periods filled in', async () => {
    const page = text(await (await fetch(`${server.url}/privacy`)).text());
    expect(page).toContain(nl.privacy.sections[0]!.title);
    expect(page).toContain(nl.privacy.sections[0]!.paragraphs[2]!.replace('{{days}}', '7'));
    expect(page).not.toContain('{{');
  });
});

describe('the development outbox', () => {
  it('is not shown to requests that came through a proxy', async () => {
    expect((await fetch(`${server.url}/dev/outbox`)).status).toBe(200);
    expect((await fetch(`${server.url}/dev/outbox`, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(404);
    expect((await fetch(`${server.url}/dev/outbox/not-a-uuid`)).status).toBe(404);
    expect((await fetch(`${server.url}/dev/outbox/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('does not exist when mail goes over SMTP', async () => {
    const smtp = await startServer({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      for (const path of ['/dev/outbox', '/en/dev/outbox', '/dev/outbox/00000000-0000-4000-8000-000000000000']) {
        const r = await fetch(`${smtp.url}${path}`);
        expect(r.status, path).toBe(404);
        expect(await r.text()).not.toContain('@example.org');
      }
    } finally {
      await smtp.stop();
    }
  });
});
