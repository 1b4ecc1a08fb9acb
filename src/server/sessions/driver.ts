/**
 * The Astro session driver (astro.config.mjs `session.driver`): the session store on the server's
 * own database, PGlite or PostgreSQL, opened once per process (src/server/site-services.ts).
 */
import { getServices } from '../site-services.ts';
import { sessionStore, type SessionStore } from './store.ts';

export default function databaseSessionDriver(): SessionStore {
  return sessionStore(async () => (await getServices()).database.db);
}
