/**
 * `npm run serve` (and `npm start` after building): the built site and API, with the database, the
 * queue and the mailer. In embedded mode (no DATABASE_URL) the queue workers run in this process;
 * with PostgreSQL they run in `npm run worker`. HOST and PORT come from the environment
 * (defaults 127.0.0.1:4321).
 *
 * Every request passes the request gate first (src/server/http/gate.ts): methods, one body limit,
 * trusted proxies, security headers. The server refuses to start with settings it cannot honour:
 * no RONDKOMEN_SECRET in production, or a RONDKOMEN_TRUSTED_PROXY or RONDKOMEN_API_RATE_LIMIT it cannot read.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import compression from 'compression';
import { loadRulebookCached } from '../content/cache.ts';
import { closeServices, services } from './app.ts';
import { secretProblem } from './security/secrets.ts';
import { ConfigError, gate, MAX_BODY_BYTES, parseTrustedProxies, type Listener, type TrustedProxies } from './http/gate.ts';
import { parseApiRateLimit } from './http/rate-limit.ts';
import { publicApi, servePublicApi } from './http/public-api.ts';
import { API_MAX_BODY_BYTES } from './http/json.ts';
import { parseConsentPerClientPerHour } from './config.ts';
import { consoleSettings } from './staff/settings.ts';
import { exitIfFolderInUse } from './db/lock.ts';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
process.env.RONDKOMEN_ROOT ??= new URL('../../', import.meta.url).pathname;

function refuseToStart(problem: string): never {
  process.stderr.write(`rondkomen: not started: ${problem}\n`);
  process.exit(1);
}

const secret = secretProblem();
if (secret) refuseToStart(secret);
let trustedProxies: TrustedProxies | undefined;
try {
  trustedProxies = parseTrustedProxies(process.env.RONDKOMEN_TRUSTED_PROXY);
  parseApiRateLimit(process.env.RONDKOMEN_API_RATE_LIMIT);
  parseConsentPerClientPerHour(process.env.CONSENT_PER_CLIENT_PER_HOUR);
} catch (e) {
  if (e instanceof ConfigError) refuseToStart(e.message);
  throw e;
}

// Open storage before serving: migrations run, and the site shares this one instance (see app.ts).
const opened = await services(await loadRulebookCached()).catch(exitIfFolderInUse);
process.stdout.write(
  `rondkomen: storage ${opened.database.kind}, mail ${opened.mailer.kind}${opened.config.inlineWorkers ? ', workers in this process' : ''}` +
    `${trustedProxies ? `, trusting forwarded headers from ${trustedProxies.description}` : ''}\n`,
);

const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
const { startServer } = (await import(entry.href)) as { startServer: () => { server: { server: Server } } };
const server = startServer().server.server;
// A request (with its body: up to the screening upload's 20 MB on a slow line) must arrive within
// two minutes; a sender that never stops does not hold a connection for Node's default 5 minutes.
server.requestTimeout = 120_000;
const screeningPath = '/beheer/screening/';
const screeningLimit = consoleSettings().screeningMaxBytes + 65_536;
const api = publicApi(opened.rulebook);
wrapListener(server, (listener) =>
  gate(compressResponses(servePublicApi(listener, api)), {
    // The console's screening upload is the one form that carries a file; the public API takes 64 KiB.
    bodyLimit: (path) => (path === screeningPath ? screeningLimit : path.startsWith('/api/') ? API_MAX_BODY_BYTES : MAX_BODY_BYTES),
    trustedProxies,
    clientDir: new URL('../../dist/client/', import.meta.url).pathname,
  }),
);

const stop = async (): Promise<void> => {
  await closeServices(opened);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

/** Replaces the server's one request listener (the adapter's) with `wrap(listener)`. */
function wrapListener(s: Server, wrap: (listener: Listener) => Listener): void {
  const [listener] = s.listeners('request') as Listener[];
  if (!listener) return;
  s.removeAllListeners('request');
  s.on('request', wrap(listener));
}

/**
 * Compresses text responses (pages, styles, scripts, JSON) with gzip or deflate when the browser
 * accepts it, also the prerendered pages and assets the adapter serves from dist/client. The
 * adapter sends everything uncompressed; the stylesheet is ~190 KB raw and ~20 KB gzipped.
 */
function compressResponses(listener: Listener): Listener {
  const compress = compression({ threshold: 1024 });
  return (req: IncomingMessage, res: ServerResponse) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => listener(req, res));
  };
}
