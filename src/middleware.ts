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
import { consoleGuard, isConsolePath, logCrossSitePost } from './server/staff/guard.ts';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Paths a foreign origin may POST to: the one-click unsubscribe of RFC 8058 (token in the URL, idempotent). */
const CROSS_SITE_ALLOWED = new Set(['/afmelden/one-click']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function allowedOrigins(url: URL): Set<string> {
  const origins = new Set([url.origin]);
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
  return origin === null || !allowedOrigins(url).has(origin);
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Links in mails carry tokens: never pass a URL on to another site. (`no-referrer` would make
  // browsers send `Origin: null` on same-origin form posts, which the origin check refuses.)
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

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
  if (context.url.protocol === 'https:') response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  const csp = response.headers.get('Content-Security-Policy');
  if (csp && !csp.includes('frame-ancestors'))
    response.headers.set('Content-Security-Policy', `${csp.trim().replace(/;?$/, ';')} frame-ancestors 'none';`);
  // Pages that answer a form (results, consent) may hold personal data: never cache them.
  if (!SAFE_METHODS.has(context.request.method) && !response.headers.has('Cache-Control'))
    response.headers.set('Cache-Control', 'no-store');
  return response;
});

export const onRequest = sequence(protect, consoleGuard);
