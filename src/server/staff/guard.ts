/**
 * The console's gate, run by src/middleware.ts for every path under /beheer: it loads the session
 * from the cookie onto `locals.staff`, sends everyone without a session to the login page (and anyone
 * with a temporary password to the account page), and marks every console response as private:
 * never cached, never indexed.
 *
 * Every refusal to a signed-in person (403, or 404 for a record id: another municipality's case,
 * campaign, import or colleague) is written to the audit log of the person's municipality and of the
 * municipality the record belongs to, with who, what and when (`logRefusal`).
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { and, eq, isNotNull } from 'drizzle-orm';
import { auditDenied } from '../audit/log.ts';
import type { Db } from '../db/client.ts';
import { campaigns, consents, screeningImports, staffMemberships } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { getServices } from '../site-services.ts';
import { clientKey } from './auth.ts';
import { clearedCookie, loadSession, tokenFromCookies, type ConsoleUser } from './sessions.ts';
import { consoleSettings } from './settings.ts';

export const CONSOLE_PREFIX = '/beheer';
/** Reachable without a session. */
const OPEN_PATHS = new Set(['/beheer/inloggen', '/beheer/sso/start', '/beheer/sso/terug']);
/** Reachable with a temporary password that still has to be changed. */
const PASSWORD_PATHS = new Set(['/beheer/account', '/beheer/uitloggen']);

export function isConsolePath(pathname: string): boolean {
  return pathname === CONSOLE_PREFIX || pathname.startsWith(`${CONSOLE_PREFIX}/`);
}

/** A safe place to return to after login: a console path, never another site. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith(`${CONSOLE_PREFIX}`) || value.startsWith('//') || /[\\\s]/.test(value))
    return CONSOLE_PREFIX;
  const path = value.split('?')[0]!;
  return isConsolePath(path) && path !== '/beheer/inloggen' && path !== '/beheer/uitloggen' ? value : CONSOLE_PREFIX;
}

export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, ...headers } });
}

export async function consoleGuard(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const path = context.url.pathname.length > 1 ? context.url.pathname.replace(/\/+$/, '') : context.url.pathname;
  if (!isConsolePath(path)) return next();
  const s = await getServices();
  const secure = consoleSettings().secureCookies;
  const token = tokenFromCookies(context.request.headers.get('cookie'), secure);
  const user = token ? await loadSession(s, token) : undefined;
  context.locals.staff = user;
  let response: Response;
  if (!user && !OPEN_PATHS.has(path)) {
    const back = context.request.method === 'GET' ? `?terug=${encodeURIComponent(path + context.url.search)}` : '';
    response = seeOther(`/beheer/inloggen${back}`, token ? { 'set-cookie': clearedCookie(secure) } : {});
  } else if (user?.mustChangePassword && !PASSWORD_PATHS.has(path)) {
    response = seeOther('/beheer/account');
  } else if (user && !user.secondFactor && consoleSettings().requireSecondFactor && !PASSWORD_PATHS.has(path)) {
    // CONSOLE_REQUIRE_SECOND_FACTOR: nothing but the account page until an authenticator app is set up.
    response = seeOther('/beheer/account');
  } else {
    response = await next();
    if (user && (response.status === 403 || response.status === 404) && !context.locals.refusalLogged)
      await logRefusal(s, user, context.request.method, path, response.status, context.clientAddress);
  }
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  const csp = response.headers.get('Content-Security-Policy');
  if (!csp) response.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  // The console has no style attributes; only the public site's charts need them.
  else response.headers.set('Content-Security-Policy', csp.replace("style-src-attr 'unsafe-inline'", "style-src-attr 'none'"));
  return response;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The municipalities a record named in a console path belongs to. */
export async function ownersOf(
  db: Db,
  path: string,
  id: string,
): Promise<{ type: 'consent' | 'campaign' | 'import' | 'staff'; municipalities: string[] } | undefined> {
  const section = path.split('/')[2];
  if (section === 'werklijst') {
    const rows = await db.select({ m: consents.municipality }).from(consents).where(eq(consents.id, id));
    return { type: 'consent', municipalities: rows.map((r) => r.m) };
  }
  if (section === 'campagnes') {
    const rows = await db.select({ m: campaigns.municipality }).from(campaigns).where(eq(campaigns.id, id));
    return { type: 'campaign', municipalities: rows.map((r) => r.m) };
  }
  if (section === 'screening') {
    const rows = await db.select({ m: screeningImports.municipality }).from(screeningImports).where(eq(screeningImports.id, id));
    return { type: 'import', municipalities: rows.map((r) => r.m) };
  }
  if (section === 'medewerkers') {
    const rows = await db
      .select({ m: staffMemberships.municipality })
      .from(staffMemberships)
      .where(and(eq(staffMemberships.staffId, id), isNotNull(staffMemberships.acceptedAt)));
    return { type: 'staff', municipalities: rows.map((r) => r.m) };
  }
  return undefined;
}

/**
 * Logs a refused console request of a signed-in person: always for 403, and for 404 when the path
 * names a record (an id), in the person's municipality and in the one the record belongs to. The path
 * holds only ids; the query string, which could hold search terms, is left out.
 */
export async function logRefusal(
  s: Services,
  user: ConsoleUser,
  method: string,
  path: string,
  status: number,
  client: string | undefined,
): Promise<void> {
  const ids = [...path.matchAll(UUID)].map((m) => m[0].toLowerCase());
  if (status === 404 && ids.length === 0) return;
  const owner = ids[0] ? await ownersOf(s.database.db, path, ids[0]) : undefined;
  await auditDenied(s.database.db, {
    municipality: user.municipality,
    staffId: user.id,
    attempt: `${method} ${path.slice(0, 200)}`,
    status,
    subjectType: owner?.type ?? 'path',
    subjectId: ids[0],
    concerned: owner?.municipalities,
    client: client ? clientKey(s, client) : undefined,
    at: s.now(),
  });
}

/** A cross-site form post to the console (refused in src/middleware.ts), logged when it carries a session. */
export async function logCrossSitePost(context: APIContext): Promise<void> {
  const s = await getServices();
  const token = tokenFromCookies(context.request.headers.get('cookie'), consoleSettings().secureCookies);
  const user = token ? await loadSession(s, token) : undefined;
  if (user) await logRefusal(s, user, context.request.method, context.url.pathname, 403, context.clientAddress);
}
