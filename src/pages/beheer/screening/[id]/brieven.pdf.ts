/**
 * GET /beheer/screening/<id>/brieven.pdf?deel=N: letters N (a batch of LETTERS_PER_PDF households
 * without e-mail who likely qualify), or ?regel=L: the letter for line L. A tagged PDF made by
 * Chromium in memory; nothing is stored. importLetters logs which letters were made.
 */
import type { APIRoute } from 'astro';
import { letterContext, lettersPdf } from '../../../../server/screening/letters.ts';
import { importLetters } from '../../../../server/screening/view.ts';
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
  const line = Number(url.searchParams.get('regel'));
  const part = Math.max(1, Number(url.searchParams.get('deel') ?? '1') || 1);
  const picked = await importLetters(s, user, params.id ?? '', url.searchParams.has('regel') ? { line } : { part });
  if (!picked) return notFound();
  const { imp, rows } = picked;
  // Each letter carries its own footer: no page numbers across the batch.
  const { pdf } = await lettersPdf(letterContext(s, imp), rows, (html) =>
    htmlToPdf(html, `${internalOrigin(url)}/beheer/screening/${imp.id}/brieven`, {}),
  );
  const suffix = url.searchParams.has('regel') ? `regel-${line}` : `deel-${part}`;
  return download(pdf, 'application/pdf', `brieven-${imp.createdAt.toISOString().slice(0, 10)}-${suffix}.pdf`);
};
