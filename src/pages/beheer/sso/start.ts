/**
 * The start of a login with a municipality's identity provider (src/server/staff/sso.ts): a plain
 * link from the login page, answered with a redirect to the provider and the flow's cookie.
 */
import type { APIRoute } from 'astro';
import { getServices } from '../../../server/site-services.ts';
import { seeOther } from '../../../server/staff/guard.ts';
import { startSso } from '../../../server/staff/sso.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  const s = await getServices();
  const started = await startSso(s, url.searchParams.get('gemeente') ?? '', url.searchParams.get('terug'));
  if (!started) return seeOther('/beheer/inloggen?sso=onbereikbaar');
  return seeOther(started.location, { 'set-cookie': started.cookie });
};
