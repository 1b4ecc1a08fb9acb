/**
 * `npm run serve` (and `npm start` after building): the built site and API, with the database, the
 * queue and the mailer. In embedded mode (no DATABASE_URL) the queue workers run in this process;
 * with PostgreSQL they run in `npm run worker`. HOST and PORT come from the environment
 * (defaults 127.0.0.1:4321).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import compression from 'compression';
import { loadRulebookCached } from '../content/cache.ts';
import { closeServices, services } from './app.ts';
import { exitIfFolderInUse } from './db/lock.ts';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
process.env.RONDKOMEN_ROOT ??= new URL('../../', import.meta.url).pathname;

// Open storage before serving: migrations run, and the site shares this one instance (see app.ts).
const opened = await services(await loadRulebookCached()).catch(exitIfFolderInUse);
process.stdout.write(
  `rondkomen: storage ${opened.database.kind}, mail ${opened.mailer.kind}${opened.config.inlineWorkers ? ', workers in this process' : ''}\n`,
);

const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
const { startServer } = (await import(entry.href)) as { startServer: () => { server: { server: Server } } };
compressResponses(startServer().server.server);

const stop = async (): Promise<void> => {
  await closeServices(opened);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Compresses text responses (pages, styles, scripts, JSON) with gzip or deflate when the browser
 * accepts it, also the prerendered pages and assets the adapter serves from dist/client. The
 * adapter sends everything uncompressed; the stylesheet is ~190 KB raw and ~20 KB gzipped.
 */
function compressResponses(server: Server): void {
  const [listener] = server.listeners('request') as Listener[];
  if (!listener) return;
  const compress = compression({ threshold: 1024 });
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => listener(req, res));
  });
}
