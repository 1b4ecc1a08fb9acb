/** POST /beheer/gemeente: staff of a shared service switch to another of their municipalities. */
import type { APIRoute } from 'astro';
import { getServices } from '../../server/site-services.ts';
import { field, forbidden, readForm } from '../../server/staff/forms.ts';
import { seeOther } from '../../server/staff/guard.ts';
import { signedIn } from '../../server/staff/page.ts';
import { switchTo } from '../../server/staff/actions.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, locals }) => {
  const user = signedIn(locals);
  const s = await getServices();
  const form = await readForm(s, user, request);
  if (form instanceof Response) return form;
  const municipality = field(form, 'municipality', 10);
  if (!(await switchTo(s, user, municipality))) return forbidden();
  return seeOther('/beheer');
};

export const GET: APIRoute = () => seeOther('/beheer');
