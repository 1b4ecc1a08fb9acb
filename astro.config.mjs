// @ts-check
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { rulebookPlugin } from './src/content/vite-plugin.ts';
import { LANGUAGES } from './src/engine/rulebook.ts';

export const LOCALES = [...LANGUAGES];

export default defineConfig({
  output: 'server',
  // src/server/main.ts reads every body itself, within its own limits (src/server/http/gate.ts);
  // this is only the adapter's last line, far below its 1 GiB default.
  adapter: node({ mode: 'standalone', bodySizeLimit: 32 * 1024 * 1024 }),
  integrations: [preact()],
  // Sessions in the app's own database (PGlite or PostgreSQL), never on local disk.
  session: { driver: { entrypoint: new URL('./src/server/sessions/driver.ts', import.meta.url) }, ttl: 12 * 3600 },
  i18n: {
    defaultLocale: 'nl',
    locales: LOCALES,
    routing: { prefixDefaultLocale: false },
  },
  security: {
    // Our own middleware checks the origin of form posts, so the RFC 8058 one-click unsubscribe can pass.
    checkOrigin: false,
    // The client address (rate limits) comes from X-Forwarded-For, which Astro reads only for the
    // hosts listed here. Every host is listed because the request gate in front of the adapter
    // (src/server/http/gate.ts) decides that header: it removes it from every request, and writes
    // it only for requests from a proxy in RONDKOMEN_TRUSTED_PROXY, with the client it found.
    allowedDomains: [{}],
    // A Content-Security-Policy on every page: Astro adds the hashes of the scripts and styles it
    // emits (a header on server-rendered pages, a <meta> on prerendered ones). Nothing loads from
    // another origin. Style attributes stay allowed for the site's charts (bar widths); the console
    // forbids them too (src/server/staff/guard.ts). `frame-ancestors` is added by src/middleware.ts,
    // because a <meta> cannot carry it.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      styleDirective: { resources: [{ resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  // The site uses no astro:assets: the image endpoint Astro adds answers 404.
  image: { endpoint: { route: '/_image', entrypoint: './src/server/http/no-image-endpoint.ts' } },
  // No Markdown is rendered; Shiki's inline styles would not pass the policy above.
  markdown: { syntaxHighlight: false },
  vite: {
    plugins: [rulebookPlugin()],
  },
});
