/**
 * Post/Redirect/Get for the pages that answer a form, with the form sealed in the address
 * (`sealed.ts`; the design: docs/decisions/0008-back-that-works.md). Server-only.
 */
import type { AstroGlobal } from 'astro';
import { BROWSER_KEY_COOKIE, isBrowserKey, newBrowserKey, openForm, sealForm } from './sealed.ts';

export const SEALED_PARAM = 's';

export type SealedForm =
  /** Send this instead (the redirect after a POST). */
  | { kind: 'redirect'; response: Response }
  /** A GET with a token that opened: the form as it was posted. */
  | { kind: 'form'; form: FormData }
  /** A GET with a token that no longer opens (another or a closed browser, an ended session, too old). */
  | { kind: 'expired' }
  /** A GET without a token. */
  | { kind: 'none' };

function toFormData(fields: [string, string][]): FormData {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return form;
}

export function browserKey(astro: Pick<AstroGlobal, 'cookies'>): string | undefined {
  const v = astro.cookies.get(BROWSER_KEY_COOKIE)?.value;
  return isBrowserKey(v) ? v : undefined;
}

/** A 303 to `path` (default: the page itself) with `fields` sealed in the address, for this browser only. */
export function redirectSealed(astro: AstroGlobal, purpose: string, fields: [string, string][], path = astro.url.pathname): Response {
  let key = browserKey(astro);
  if (!key) {
    key = newBrowserKey();
    // A session cookie (no Max-Age): it ends when the browser closes, and with it every sealed address.
    astro.cookies.set(BROWSER_KEY_COOKIE, key, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: astro.url.protocol === 'https:',
    });
  }
  const token = sealForm(fields, purpose, key);
  const response = astro.redirect(token ? `${path}?${SEALED_PARAM}=${token}` : path, 303);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** The text fields of the posted form (none when it is not a form). */
export async function postedFields(astro: AstroGlobal): Promise<[string, string][]> {
  const fields: [string, string][] = [];
  try {
    for (const [k, v] of await astro.request.formData()) if (typeof v === 'string') fields.push([k, v]);
  } catch {
    // Not a form: an empty one.
  }
  return fields;
}

/** A GET's sealed form: opened, expired, or none. */
export function openSealed(astro: AstroGlobal, purpose: string): SealedForm {
  const token = astro.url.searchParams.get(SEALED_PARAM);
  if (token === null) return { kind: 'none' };
  const fields = openForm(token, purpose, browserKey(astro));
  return fields ? { kind: 'form', form: toFormData(fields) } : { kind: 'expired' };
}

/**
 * A POST becomes a 303 to `path` (default: the page itself) with the sealed form; a GET opens its token.
 * `fields` replaces the posted form as what is sealed (the check seals the state its action chose).
 */
export async function postRedirectGet(
  astro: AstroGlobal,
  purpose: string,
  options: { path?: string; fields?: [string, string][] } = {},
): Promise<SealedForm> {
  if (astro.request.method === 'POST') {
    const fields = options.fields ?? (await postedFields(astro));
    return { kind: 'redirect', response: redirectSealed(astro, purpose, fields, options.path) };
  }
  return openSealed(astro, purpose);
}
