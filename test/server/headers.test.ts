/**
 * F8, F9 (issue 15): the same security headers on every answer of the built server: prerendered
 * pages (which the adapter serves from dist/client without the site's middleware), static files,
 * server-rendered pages, the API, the PDF routes' HTML answers, redirects, refusals and errors.
 * The walk covers every file under src/pages (a page without a sample request fails the test) and
 * every file in dist/client.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAnswers } from '../../src/site/examples.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const root = new URL('../..', import.meta.url).pathname;
const client = join(root, 'dist', 'client');
const answers = JSON.stringify(exampleAnswers('alleenstaande-moeder-assen'));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

interface Sample {
  method?: 'GET' | 'POST';
  path: string;
  form?: Record<string, string>;
}

const form = (path: string, fields: Record<string, string> = { _answers: answers }): Sample => ({ method: 'POST', path, form: fields });

/** Requests for each route of src/pages that is not prerendered (those come from dist/client below). */
const ROUTES: Record<string, Sample[]> = {
  '404.astro': [{ path: '/bestaat-niet' }, { path: '/en/does-not-exist' }],
  '[...locale]/afmelden.astro': [{ path: '/afmelden' }, form('/en/afmelden', { t: 'x'.repeat(43) })],
  '[...locale]/bevestigen.astro': [{ path: '/bevestigen?t=' + 'x'.repeat(43) }, form('/ar/bevestigen', { t: 'x'.repeat(43) })],
  '[...locale]/check.astro': [
    { path: '/check' },
    form('/en/check?_action=checkStep', { _answers: '{}', _step: 'gemeente', place: 'Assen' }),
  ],
  '[...locale]/dev/outbox/[id].astro': [{ path: '/dev/outbox/00000000-0000-0000-0000-000000000000' }],
  '[...locale]/dev/outbox/index.astro': [{ path: '/dev/outbox' }],
  '[...locale]/hulp/[org].astro': [{ path: '/hulp/bibliotheek-assen' }, { path: '/tr/hulp/onbekend' }],
  '[...locale]/hulp/doorverwijzen.astro': [form('/hulp/doorverwijzen'), { path: '/hulp/doorverwijzen' }],
  '[...locale]/hulp/einde.astro': [{ path: '/hulp/einde' }, form('/hulp/einde', {})],
  '[...locale]/hulp/index.astro': [{ path: '/hulp' }],
  '[...locale]/hulp/invullen.astro': [form('/hulp/invullen', { _answers: '{}', _go: 'start' }), form('/pl/hulp/invullen')],
  '[...locale]/hulp/organisatie/[code].astro': [{ path: '/hulp/organisatie/bibliotheek-assen' }],
  '[...locale]/hulp/stappen.astro': [form('/hulp/stappen'), form('/uk/hulp/stappen', { _answers: '{}' })],
  '[...locale]/hulp/stappen.pdf.ts': [form('/hulp/stappen.pdf', { _answers: '{}' }), { path: '/hulp/stappen.pdf' }],
  '[...locale]/toestemming.astro': [
    { path: '/toestemming' },
    form('/toestemming'),
    form('/en/toestemming', { _answers: answers, _consent: '1' }),
  ],
  '[...locale]/uitkomst.astro': [{ path: '/uitkomst' }, { path: '/uitkomst?voorbeeld=alleenstaande-moeder-assen' }, form('/en/uitkomst')],
  '[...locale]/uitkomst.pdf.ts': [form('/uitkomst.pdf', { _answers: '{}' }), form('/ar/uitkomst.pdf', { _answers: '{"age":"x"}' })],
  '[...locale]/verandering.astro': [{ path: '/verandering' }, form('/verandering')],
  '[...locale]/verandering.pdf.ts': [form('/verandering.pdf', { _answers: '{}' }), { path: '/en/verandering.pdf' }],
  'afmelden/one-click.ts': [form('/afmelden/one-click?t=' + 'x'.repeat(43), { 'List-Unsubscribe': 'One-Click' })],
  'api/v1/check.ts': [{ method: 'POST', path: '/api/v1/check' }, { path: '/api/v1/check' }],
  'api/v1/schema.ts': [{ path: '/api/v1/schema' }],
  'api/v1/openapi.json.ts': [{ path: '/api/v1/openapi.json' }],
};

/** The console's routes (another part of the issue) are walked only for the headers of the gate: not signed in, they redirect or ask to sign in. */
const CONSOLE = (file: string): Sample[] => {
  const path = `/beheer/${file
    .replace(/\.(astro|ts)$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[id\]/g, '00000000-0000-0000-0000-000000000000')}`;
  return [{ path }];
};

/** The prerendered routes: their pages are the HTML files in dist/client. */
const PRERENDERED = new Set([
  '[...locale]/gemeenten/[slug]/[id].astro',
  '[...locale]/gemeenten/[slug]/index.astro',
  '[...locale]/gemeenten/index.astro',
  '[...locale]/hoe-werkt-het.astro',
  '[...locale]/index.astro',
  '[...locale]/privacy.astro',
  '[...locale]/regelingen/[id].astro',
  '[...locale]/regelingen/index.astro',
  '[...locale]/toegankelijkheid.astro',
]);

async function send(s: Sample): Promise<Response> {
  const body = s.form ? new URLSearchParams(s.form).toString() : s.method === 'POST' ? '{}' : undefined;
  return fetch(`${server.url}${s.path}`, {
    method: s.method ?? 'GET',
    redirect: 'manual',
    body,
    headers: s.form
      ? { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }
      : s.method === 'POST'
        ? { 'content-type': 'application/json' }
        : {},
  });
}

/** What every answer must carry; for HTML also a policy that forbids framing. */
function problems(r: Response, what: string): string[] {
  const out: string[] = [];
  const h = r.headers;
  if (h.get('x-content-type-options') !== 'nosniff') out.push(`${what}: no nosniff`);
  if (h.get('referrer-policy') !== 'same-origin') out.push(`${what}: Referrer-Policy ${h.get('referrer-policy')}`);
  if (h.get('x-frame-options') !== 'DENY') out.push(`${what}: X-Frame-Options ${h.get('x-frame-options')}`);
  const csp = h.get('content-security-policy');
  if (!csp) out.push(`${what}: no Content-Security-Policy`);
  else if (!csp.includes("frame-ancestors 'none'")) out.push(`${what}: CSP without frame-ancestors`);
  if (r.status >= 500) out.push(`${what}: ${r.status}`);
  return out;
}

describe('security headers on every answer', () => {
  it('every route in src/pages has sample requests here (or is prerendered)', () => {
    const pages = files(join(root, 'src', 'pages')).map((f) =>
      relative(join(root, 'src', 'pages'), f)
        .split(sep)
        .join('/'),
    );
    const missing = pages.filter((p) => !p.startsWith('beheer/') && !ROUTES[p] && !PRERENDERED.has(p));
    expect(missing).toEqual([]);
  });

  it('server-rendered pages, the API, the PDF routes (HTML answers included), redirects, refusals and the console', async () => {
    const found: string[] = [];
    const consolePages = files(join(root, 'src', 'pages', 'beheer')).map((f) =>
      relative(join(root, 'src', 'pages', 'beheer'), f)
        .split(sep)
        .join('/'),
    );
    const samples = [...Object.values(ROUTES).flat(), ...consolePages.flatMap(CONSOLE)];
    // Refusals of the request gate.
    samples.push({ method: 'POST', path: '/uitkomst', form: { _answers: 'x'.repeat(300 * 1024) } });
    for (const s of samples) {
      const r = await send(s);
      const type = r.headers.get('content-type') ?? '';
      await r.arrayBuffer();
      found.push(...problems(r, `${s.method ?? 'GET'} ${s.path.slice(0, 80)} (${r.status})`));
      if (s.path.includes('.pdf') && /^text\/html/.test(type) && !r.headers.get('content-security-policy')?.includes('script-src'))
        found.push(`${s.path}: the PDF route's HTML answer lacks its page's policy`);
    }
    const trace = await fetch(`${server.url}/check`, { method: 'DELETE' });
    found.push(...problems(trace, `DELETE /check (${trace.status})`));
    expect(found).toEqual([]);
  });

  it('every prerendered page in dist/client, with its own policy as a header, and every static file', async () => {
    const found: string[] = [];
    const all = files(client);
    for (const file of all) {
      const rel = `/${relative(client, file).split(sep).join('/')}`;
      const path = rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
      const r = await fetch(`${server.url}${encodeURI(path)}`, { redirect: 'manual' });
      await r.arrayBuffer();
      found.push(...problems(r, `${path} (${r.status})`));
      if (rel.endsWith('.html') && r.status === 200) {
        const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/
          .exec(readFileSync(file, 'utf8'))?.[1]
          ?.replace(/&#39;/g, "'");
        const header = r.headers.get('content-security-policy') ?? '';
        // The header allows exactly what the page's own <meta> allows (its script and style hashes).
        if (meta && !header.startsWith(meta.trim().replace(/;?$/, ';'))) found.push(`${path}: header policy differs from its <meta>`);
      }
    }
    expect(all.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
