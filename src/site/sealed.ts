/**
 * Answers in the address bar, unreadable (docs/decisions, "Back that works"). A page that answers a
 * form (the check's steps without JavaScript, the results, the change page, volunteer mode) does not
 * render the POST: it seals what was posted into a token and redirects (303) to its own address with
 * `?s=<token>`; the GET opens the token and renders. So Back, Forward and Reload are plain GETs, and
 * the server stores nothing.
 *
 * The token is AES-256-GCM over the deflated form, with a key derived (HKDF) from the server secret
 * and a random key that only this browser holds, in a session cookie (`rk_k`, HttpOnly, no expiry
 * date, so it ends when the browser closes). A token also ends two hours after it was made. Without
 * the cookie (another browser, a closed browser, a volunteer session that was ended with
 * Clear-Site-Data) an address from the history opens nothing. Server-only.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export const BROWSER_KEY_COOKIE = 'rk_k';
/** How long an address with answers keeps working, in the same browser. */
export const SEALED_TTL_MS = 2 * 60 * 60 * 1000;
/** Longest form we seal (the answers' own limit is 32,000 characters): longer posts are refused. */
const MAX_FORM_CHARS = 48_000;

let processSecret: Buffer | undefined;

/** RONDKOMEN_SECRET (required in production), else a random secret for this process (development and tests). */
function serverSecret(): Buffer {
  const env = process.env.RONDKOMEN_SECRET;
  if (env) return Buffer.from(env, 'utf8');
  return (processSecret ??= randomBytes(32));
}

export function newBrowserKey(): string {
  return randomBytes(18).toString('base64url');
}

export function isBrowserKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{24}$/.test(value);
}

function key(browserKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret(), Buffer.from(browserKey, 'utf8'), `rondkomen sealed form: ${purpose}`, 32));
}

interface Payload {
  /** Expiry, milliseconds since the epoch. */
  e: number;
  /** The form's fields in order (repeated names stay repeated). */
  f: [string, string][];
}

/** The form's text fields as a token for `purpose` (the page), for this browser only. */
export function sealForm(fields: [string, string][], purpose: string, browserKey: string, now = Date.now()): string | undefined {
  if (fields.reduce((n, [k, v]) => n + k.length + v.length, 0) > MAX_FORM_CHARS) return undefined;
  const payload: Payload = { e: now + SEALED_TTL_MS, f: fields };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(browserKey, purpose), iv);
  const body = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(JSON.stringify(payload), 'utf8'))), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The fields of a token, or undefined when it is not ours, not for this page or browser, or too old. */
export function openForm(token: string, purpose: string, browserKey: string | undefined, now = Date.now()): [string, string][] | undefined {
  if (!browserKey || !/^[A-Za-z0-9_-]{40,70000}$/.test(token)) return undefined;
  try {
    const raw = Buffer.from(token, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key(browserKey, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    const payload = JSON.parse(inflateRawSync(plain, { maxOutputLength: MAX_FORM_CHARS * 4 }).toString('utf8')) as Payload;
    if (typeof payload.e !== 'number' || payload.e < now || !Array.isArray(payload.f)) return undefined;
    return payload.f.filter((x): x is [string, string] => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'string');
  } catch {
    return undefined;
  }
}
