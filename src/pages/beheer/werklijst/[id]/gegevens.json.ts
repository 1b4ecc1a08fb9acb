/**
 * GET /beheer/werklijst/<id>/gegevens.json: everything held about the resident's request, as a JSON
 * file for an AVG request (access and portability). exportCase logs the export.
 */
import type { APIRoute } from 'astro';
import { getServices } from '../../../../server/site-services.ts';
import { download } from '../../../../server/staff/csv.ts';
import { forbidden } from '../../../../server/staff/forms.ts';
import { signedIn } from '../../../../server/staff/page.ts';
import { can } from '../../../../server/staff/permissions.ts';
import { exportCase } from '../../../../server/worklist/avg.ts';
import { caseNumber } from '../../../../server/worklist/reference.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, locals }) => {
  const user = signedIn(locals);
  if (!can(user, 'case.export')) return forbidden();
  const s = await getServices();
  const id = params.id ?? '';
  const data = await exportCase(s, user, id);
  if (!data) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return download(`${JSON.stringify(data, null, 2)}\n`, 'application/json; charset=utf-8', `avg-gegevens-${caseNumber(id)}.json`);
};
