/**
 * GET /beheer/screening/<id>/brieven.pdf?deel=N: letters N (a batch of LETTERS_PER_PDF households
 * without e-mail who likely qualify), or ?regel=L: the letter for line L. A tagged PDF made by
 * Chromium in memory; nothing is stored. Logged.
 */
import type { APIRoute } from 'astro';
import { audit } from '../../../../server/audit/log.ts';
import { getImport, importRows } from '../../../../server/screening/imports.ts';
import { letterContext, LETTERS_PER_PDF, lettersPdf, needsLetter } from '../../../../server/screening/letters.ts';
import { getServices } from '../../../../server/site-services.ts';
import { download } from '../../../../server/staff/csv.ts';
import { forbidden } from '../../../../server/staff/forms.ts';
import { signedIn } from '../../../../server/staff/page.ts';
import { can } from '../../../../server/staff/permissions.ts';
import { htmlToPdf, internalOrigin } from '../../../../site/pdf.ts';

export const prerender = false;

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ params, url, locals }) => {
  const user = signedIn(locals);
  if (!can(user, 'screening.use')) return forbidden();
  const s = await getServices();
  const imp = await getImport(s, user, params.id ?? '');
  if (!imp || imp.status !== 'done') return notFound();
  const all = (await importRows(s, imp.id, 'letters')).rows.filter(needsLetter);
  const line = Number(url.searchParams.get('regel'));
  const part = Math.max(1, Number(url.searchParams.get('deel') ?? '1') || 1);
  const rows = url.searchParams.has('regel')
    ? all.filter((r) => r.line === line)
    : all.slice((part - 1) * LETTERS_PER_PDF, part * LETTERS_PER_PDF);
  if (rows.length === 0) return notFound();
  await audit(s.database.db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'screening.letters',
    subjectType: 'import',
    subjectId: imp.id,
    details: { letters: rows.length, lines: rows.map((r) => r.line) },
  });
  // Each letter carries its own footer: no page numbers across the batch.
  const { pdf } = await lettersPdf(letterContext(s, imp), rows, (html) =>
    htmlToPdf(html, `${internalOrigin(url)}/beheer/screening/${imp.id}/brieven`, {}),
  );
  const suffix = url.searchParams.has('regel') ? `regel-${line}` : `deel-${part}`;
  return download(pdf, 'application/pdf', `brieven-${imp.createdAt.toISOString().slice(0, 10)}-${suffix}.pdf`);
};
