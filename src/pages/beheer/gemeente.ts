/** POST /beheer/gemeente: staff of a shared service switch to another of their municipalities. */
import type { APIRoute } from 'astro';
import { audit } from '../../server/audit/log.ts';
import { getServices } from '../../server/site-services.ts';
import { field, forbidden, readForm } from '../../server/staff/forms.ts';
import { seeOther } from '../../server/staff/guard.ts';
import { signedIn } from '../../server/staff/page.ts';
import { switchMunicipality } from '../../server/staff/sessions.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, locals }) => {
  const user = signedIn(locals);
  const s = await getServices();
  const form = await readForm(s, user, request);
  if (form instanceof Response) return form;
  const municipality = field(form, 'municipality', 10);
  if (!(await switchMunicipality(s, user, municipality))) return forbidden();
  await audit(s.database.db, { municipality, staffId: user.id, action: 'municipality-switched', details: { from: user.municipality } });
  return seeOther('/beheer');
};

export const GET: APIRoute = () => seeOther('/beheer');
