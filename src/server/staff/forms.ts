/**
 * Reading console forms: every POST carries the session's CSRF token (a hidden field) on top of the
 * same-origin check in src/middleware.ts and the SameSite=Strict cookie. A form without it, or with
 * another session's token, is refused.
 */
import type { Services } from '../services.ts';
import { csrfMatches, type ConsoleUser } from './sessions.ts';

export const CSRF_FIELD = '_csrf';

export function forbidden(message = 'Forbidden'): Response {
  return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The form of a console POST, or a 403 response when its CSRF token is missing or wrong. */
export async function readForm(s: Services, user: ConsoleUser, request: Request): Promise<FormData | Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response('Bad request', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (!csrfMatches(s, user, form.get(CSRF_FIELD)))
    return forbidden('The form has expired or did not come from this console. Reload the page and try again.');
  return form;
}

/** A text field, trimmed, at most `max` characters. */
export function field(form: FormData, name: string, max = 500): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}
