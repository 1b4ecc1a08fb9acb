/** The downloads of a finished screening (CSV for spreadsheets, NDJSON for other systems); each one is logged. */
import type { APIRoute } from 'astro';
import { audit } from '../audit/log.ts';
import { getServices } from '../site-services.ts';
import { download } from '../staff/csv.ts';
import { forbidden } from '../staff/forms.ts';
import { consoleT } from '../staff/i18n.ts';
import { signedIn } from '../staff/page.ts';
import { can } from '../staff/permissions.ts';
import { getImport, importRows } from './imports.ts';
import { resultsCsv, resultsNdjson } from './results.ts';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
} as const;

export function screeningDownload(format: keyof typeof CONTENT_TYPES): APIRoute {
  return async ({ params, locals }) => {
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
      details: { format, rows: rows.length },
    });
    const t = consoleT(user.language);
    const body = format === 'csv' ? resultsCsv(s, imp.municipality, rows, t) : resultsNdjson(rows, t);
    return download(body, CONTENT_TYPES[format], `screening-${imp.createdAt.toISOString().slice(0, 10)}.${format}`);
  };
}
