/**
 * POST /afmelden/one-click?t=TOKEN: the one-click unsubscribe of RFC 8058, sent by mailbox providers
 * from their own servers (no origin, no cookies). It withdraws the consent and deletes the data;
 * it is idempotent and never redirects.
 */
import type { APIRoute } from 'astro';
import { withdrawConsent } from '../../server/consent/confirm.ts';
import { getServices } from '../../server/site-services.ts';

export const prerender = false;

export const POST: APIRoute = async ({ url }) => {
  const t = url.searchParams.get('t') ?? '';
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(t))
    return new Response('Unknown link.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const s = await getServices();
  await withdrawConsent(s, t);
  return new Response('You are unsubscribed and your data is deleted. / Je bent afgemeld en je gegevens zijn gewist.', {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
};
