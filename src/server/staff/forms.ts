/**
 * Reading console forms: every POST carries the session's CSRF token (a hidden field) on top of the
 * same-origin check in src/middleware.ts and the SameSite=Strict cookie. A form without it, or with
 * another session's token, is refused.
 *
 * Bodies are read with a limit on the bytes actually read, not on the declared Content-Length, so a
 * chunked upload cannot make the server hold more than the limit: a console form is at most
 * {@link FORM_MAX_BYTES}, the login form {@link LOGIN_MAX_BYTES}; the screening upload passes its own.
 */
import { z } from 'zod';
import type { Services } from '../services.ts';
import { consoleT } from './i18n.ts';
import { csrfMatches, type ConsoleUser } from './sessions.ts';

export const CSRF_FIELD = '_csrf';

/** Console forms: campaign texts in six languages fit many times over. */
export const FORM_MAX_BYTES = 1024 * 1024;
/** The login form: an address, a password and a return path. */
export const LOGIN_MAX_BYTES = 16 * 1024;

/**
 * The body of a request, or `too-large` as soon as more than `limit` bytes arrive (or are declared);
 * the rest is not read.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array | 'too-large'> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return 'too-large';
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The form of a request, read within `limit` bytes: `too-large`, `bad` (not a form), or the form. */
export async function readLimitedForm(request: Request, limit: number): Promise<FormData | 'too-large' | 'bad'> {
  let body: Uint8Array | 'too-large';
  try {
    body = await readBody(request, limit);
  } catch {
    return 'bad';
  }
  if (body === 'too-large') return body;
  try {
    return await new Response(body as BodyInit, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return 'bad';
  }
}

export function tooLarge(message: string): Response {
  return new Response(message, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' } });
}

export function forbidden(message = 'Forbidden'): Response {
  return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The form of a console POST, or a 403 response when its CSRF token is missing or wrong. */
export async function readForm(s: Services, user: ConsoleUser, request: Request, limit = FORM_MAX_BYTES): Promise<FormData | Response> {
  const form = await readLimitedForm(request, limit);
  const t = consoleT(user.language);
  if (form === 'too-large') return tooLarge(t('common.tooLarge', { kb: Math.round(limit / 1024) }));
  if (form === 'bad') return new Response(t('common.badForm'), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!csrfMatches(s, user, form.get(CSRF_FIELD)))
    return forbidden('The form has expired or did not come from this console. Reload the page and try again.');
  return form;
}

/** A text field as `field()` reads it, for a form's zod schema: trimmed, at most `max` characters, '' when missing. */
export const text = (max = 500) => z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, max) : ''), z.string());

/**
 * A posted form as typed input: each field's first value (as `form.get` gives it) through `schema`.
 * Schemas built from `text()` never fail on what a browser sends; a schema that can fail throws.
 */
export function formInput<S extends z.ZodType>(form: FormData, schema: S): z.infer<S> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) raw[key] = form.get(key);
  return schema.parse(raw);
}

/** A text field, trimmed, at most `max` characters. */
export function field(form: FormData, name: string, max = 500): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}
