/**
 * The rules calendar in the console: from 60 days before the rules' period ends, admins see on every
 * console page how many days are left and which official documents are still awaited; other staff do
 * not, and nobody does earlier. On the built server, with its date pinned near the end of the period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/client.ts';
import { addStaff } from '../../src/server/staff/accounts.ts';
import { addDays } from '../../src/engine/dates.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { rulebook } from '../support/rulebook.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { testServices } from '../support/services.ts';

const PASSWORD = 'een lange zin als wachtwoord';
const rb = rulebook();

async function signedIn(server: RunningServer, email: string): Promise<string> {
  const r = await fetch(`${server.url}/beheer/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  });
  expect(r.status).toBe(303);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

describe('the console notice on the rules calendar', () => {
  let drop: () => Promise<void>;
  const servers: RunningServer[] = [];
  let late: RunningServer;
  let early: RunningServer;

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    const db = await openDatabase({ url: created.url });
    const s = await testServices(db);
    for (const [email, role] of [
      ['admin@assen.example', 'admin'],
      ['bert@assen.example', 'caseworker'],
    ] as const) {
      const r = await addStaff(s, 'GM0106', { email, name: email.split('@')[0]!, role, password: PASSWORD });
      if (!r.ok) throw new Error(JSON.stringify(r));
    }
    drop = async () => {
      await s.stop();
      await db.close();
      await created.drop();
    };
    late = await startServer({ DATABASE_URL: created.url, RONDKOMEN_TODAY: addDays(rb.validTo, -30) });
    early = await startServer({ DATABASE_URL: created.url, RONDKOMEN_TODAY: addDays(rb.validTo, -90) });
    servers.push(late, early);
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) await server.stop();
    await drop?.();
  });

  it('shows admins the days left and the documents due, 30 days before the end', async () => {
    const cookie = await signedIn(late, 'admin@assen.example');
    const page = await (await fetch(`${late.url}/beheer`, { headers: { cookie } })).text();
    expect(page).toContain('data-rules-notice');
    expect(page).toContain('nog 30 dagen');
    expect(page).toContain(rb.calendar['normenbrief-januari']!.title);
  });

  it('does not show it to other staff, nor 90 days before the end', async () => {
    const caseworker = await signedIn(late, 'bert@assen.example');
    expect(await (await fetch(`${late.url}/beheer/werklijst`, { headers: { cookie: caseworker } })).text()).not.toContain(
      'data-rules-notice',
    );
    const admin = await signedIn(early, 'admin@assen.example');
    expect(await (await fetch(`${early.url}/beheer`, { headers: { cookie: admin } })).text()).not.toContain('data-rules-notice');
  });
});
