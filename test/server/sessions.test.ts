/** Astro sessions in the database (src/server/sessions): stored, replaced, removed and purged, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeSessions, sessionStore, SESSION_MAX_AGE_HOURS } from '../../src/server/sessions/store.ts';
import { testDatabases } from '../support/db.ts';

describe.each(testDatabases)('Astro sessions on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let now = new Date('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('stores, replaces and removes a session value, shared by every instance on the same database', async () => {
    const a = sessionStore(
      async () => db.db,
      () => now,
    );
    const b = sessionStore(
      async () => db.db,
      () => now,
    );
    expect(await a.getItem('s1')).toBeNull();
    await a.setItem('s1', '{"language":"nl"}');
    expect(await b.getItem('s1')).toBe('{"language":"nl"}');
    await b.setItem('s1', '{"language":"ar"}');
    expect(await a.getItem('s1')).toBe('{"language":"ar"}');
    await a.removeItem('s1');
    expect(await b.getItem('s1')).toBeNull();
  });

  it('purges sessions not written to for twelve hours, and keeps the rest', async () => {
    const store = sessionStore(
      async () => db.db,
      () => now,
    );
    await store.setItem('old', 'x');
    now = new Date(now.getTime() + 3_600_000);
    await store.setItem('recent', 'y');
    const at = new Date(now.getTime() + (SESSION_MAX_AGE_HOURS - 1) * 3_600_000 + 60_000);
    expect(await purgeSessions(db.db, at)).toBe(1);
    expect(await store.getItem('old')).toBeNull();
    expect(await store.getItem('recent')).toBe('y');
  });
});
