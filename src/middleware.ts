/**
 * Request middleware: the same-origin check for form posts (CSRF), with one exemption, and security
 * headers on every response; then the staff console's gate for /beheer (src/server/staff/guard.ts).
 *
 * Astro's own `checkOrigin` is off because it refuses the RFC 8058 one-click unsubscribe POST that
 * mailbox providers send from their servers; this check is the same except for that one path.
 *
 * The Content-Security-Policy of pages comes from Astro (`security.csp` in astro.config.mjs: hashes
 * of every script and style Astro emits); here `frame-ancestors`, which only a header can carry, is
 * added to it.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { FORWARDED_PROTO_HEADER, HSTS, SECURITY_HEADERS, withFrameAncestors } from './server/http/headers.ts';
import { consoleGuard, isConsolePath, logCrossSitePost } from './server/staff/guard.ts';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Paths a foreign origin may POST to: the one-click unsubscribe of RFC 8058 (token in the URL, idempotent). */
const CROSS_SITE_ALLOWED = new Set(['/afmelden/one-click']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the client came over HTTPS: directly, or through a trusted proxy (the request gate says so). */
function overHttps(request: Request, url: URL): boolean {
  return url.protocol === 'https:' || request.headers.get(FORWARDED_PROTO_HEADER) === 'https';
}

function allowedOrigins(request: Request, url: URL): Set<string> {
  const origins = new Set([url.origin]);
  // Behind a proxy that ends TLS the request reaches us as http://, the browser's Origin is https://.
  if (overHttps(request, url)) origins.add(`https://${url.host}`);
  const publicUrl = process.env.PUBLIC_URL;
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  return origins;
}

export function isCrossSiteFormPost(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (CROSS_SITE_ALLOWED.has(url.pathname)) return false;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const formLike = type === '' || FORM_TYPES.includes(type);
  if (!formLike) return false;
  const origin = request.headers.get('origin');
  return origin === null || !allowedOrigins(request, url).has(origin);
}

const protect = defineMiddleware(async (context, next) => {
  if (isCrossSiteFormPost(context.request, context.url)) {
    if (isConsolePath(context.url.pathname)) await logCrossSitePost(context);
    return new Response('Cross-site form posts are not accepted.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
    });
  }
  const response = await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  if (overHttps(context.request, context.url)) response.headers.set('Strict-Transport-Security', HSTS);
  const csp = response.headers.get('Content-Security-Policy');
  if (csp) response.headers.set('Content-Security-Policy', withFrameAncestors(csp));
  // Pages that answer a form (results, consent) may hold personal data: never cache them.
  if (!SAFE_METHODS.has(context.request.method) && !response.headers.has('Cache-Control'))
    response.headers.set('Cache-Control', 'no-store');
  return response;
});

export const onRequest = sequence(protect, consoleGuard);
