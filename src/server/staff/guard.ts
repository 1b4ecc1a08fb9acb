/**
 * The console's gate, run by src/middleware.ts for every path under /beheer: it loads the session
 * from the cookie onto `locals.staff`, sends everyone without a session to the login page (and anyone
 * with a temporary password to the account page), and marks every console response as private:
 * never cached, never indexed.
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { getServices } from '../site-services.ts';
import { clearedCookie, loadSession, tokenFromCookies } from './sessions.ts';
import { consoleSettings } from './settings.ts';

export const CONSOLE_PREFIX = '/beheer';
/** Reachable without a session. */
const OPEN_PATHS = new Set(['/beheer/inloggen']);
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
  } else {
    response = await next();
  }
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  const csp = response.headers.get('Content-Security-Policy');
  if (!csp) response.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  // The console has no style attributes; only the public site's charts need them.
  else response.headers.set('Content-Security-Policy', csp.replace("style-src-attr 'unsafe-inline'", "style-src-attr 'none'"));
  return response;
}
