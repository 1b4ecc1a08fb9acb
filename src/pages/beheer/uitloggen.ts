/**
 * POST /beheer/uitloggen: ends the session (the row goes, so the cookie is worthless even if copied)
 * and clears the cookie.
 */
import type { APIRoute } from 'astro';
import { getServices } from '../../server/site-services.ts';
import { readForm } from '../../server/staff/forms.ts';
import { seeOther } from '../../server/staff/guard.ts';
import { signedIn } from '../../server/staff/page.ts';
import { logOut } from '../../server/staff/actions.ts';
import { clearedCookie, tokenFromCookies } from '../../server/staff/sessions.ts';
import { consoleSettings } from '../../server/staff/settings.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, locals }) => {
  const user = signedIn(locals);
  const s = await getServices();
  const form = await readForm(s, user, request);
  if (form instanceof Response) return form;
  const secure = consoleSettings().secureCookies;
  const token = tokenFromCookies(request.headers.get('cookie'), secure);
  await logOut(s, user, token);
  return seeOther('/beheer/inloggen?klaar=uitgelogd', { 'set-cookie': clearedCookie(secure) });
};

export const GET: APIRoute = () => seeOther('/beheer');
