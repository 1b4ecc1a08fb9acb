/** GET /beheer/screening/<id>/resultaat.csv: the screening result per line, for spreadsheets. Logged. */
import type { APIRoute } from 'astro';
import { audit } from '../../../../server/audit/log.ts';
import { getImport, importRows } from '../../../../server/screening/imports.ts';
import { resultsCsv } from '../../../../server/screening/results.ts';
import { getServices } from '../../../../server/site-services.ts';
import { download } from '../../../../server/staff/csv.ts';
import { forbidden } from '../../../../server/staff/forms.ts';
import { consoleT } from '../../../../server/staff/i18n.ts';
import { signedIn } from '../../../../server/staff/page.ts';
import { can } from '../../../../server/staff/permissions.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, locals }) => {
  const user = signedIn(locals);
  if (!can(user, 'screening.use')) return forbidden();
  const s = await getServices();
  const imp = await getImport(s, user, params.id ?? '');
  if (!imp || imp.status !== 'done')
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { rows } = await importRows(s, imp.id, 'all');
  await audit(s.database.db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'screening.download',
    subjectType: 'import',
    subjectId: imp.id,
    details: { format: 'csv', rows: rows.length },
  });
  return download(
    resultsCsv(s, imp.municipality, rows, consoleT(user.language)),
    'text/csv; charset=utf-8',
    `screening-${imp.createdAt.toISOString().slice(0, 10)}.csv`,
  );
};
