/**
 * The security headers of every answer, static or not: set by the request gate (gate.ts) in front
 * of the adapter, and by src/middleware.ts for what the site renders (also under `astro dev`).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Links in mails carry tokens: never pass a URL on to another site. (`no-referrer` would make
  // browsers send `Origin: null` on same-origin form posts, which the origin check refuses.)
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Set by the request gate only (any such header a client sends is removed): the client came over HTTPS. */
export const FORWARDED_PROTO_HEADER = 'x-rondkomen-proto';

/**
 * Set by the request gate only: the request carried forwarding headers (X-Forwarded-For, X-Real-IP,
 * …) that the gate removed because they did not come from a trusted proxy. It did pass through
 * something, perhaps a proxy nobody told the server about: pages for this machine only stay closed.
 */
export const PROXIED_HEADER = 'x-rondkomen-proxied';

/** Sent only over HTTPS (directly, or from a trusted proxy that says so). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** A policy with `frame-ancestors 'none'` (which only a header can carry, never a <meta>). */
export function withFrameAncestors(csp: string): string {
  return csp.includes('frame-ancestors') ? csp : `${csp.trim().replace(/;?$/, ';')} frame-ancestors 'none';`;
}
