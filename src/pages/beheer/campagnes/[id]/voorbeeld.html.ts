/**
 * GET /beheer/campagnes/<id>/voorbeeld.html?taal=nl: the HTML part of a campaign mail as the resident
 * would see it, with example schemes. Mail HTML needs inline styles, so this document gets its own
 * policy: inline styles only, no scripts, no requests, not framable.
 */
import type { APIRoute } from 'astro';
import { LANGUAGES } from '../../../../contract/household.ts';
import type { Language } from '../../../../engine/rulebook.ts';
import { getCampaign, previewMail } from '../../../../server/campaigns/campaigns.ts';
import { getServices } from '../../../../server/site-services.ts';
import { forbidden } from '../../../../server/staff/forms.ts';
import { signedIn } from '../../../../server/staff/page.ts';
import { can } from '../../../../server/staff/permissions.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, url, locals }) => {
  const user = signedIn(locals);
  if (!can(user, 'campaign.view')) return forbidden();
  const s = await getServices();
  const campaign = await getCampaign(s, user, params.id ?? '');
  if (!campaign) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const wanted = url.searchParams.get('taal') ?? 'nl';
  const language = ((LANGUAGES as readonly string[]).includes(wanted) ? wanted : 'nl') as Language;
  return new Response(previewMail(s, campaign, language).html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
};
