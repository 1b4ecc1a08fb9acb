/**
 * `npm run worker`: the queue workers (mail, reminders, re-screening, purge) as their own process,
 * for the production shape with PostgreSQL (DATABASE_URL). Several may run side by side.
 * In embedded mode (PGlite) the web process runs the workers itself; this refuses to start while
 * another process uses the data folder (src/server/db/lock.ts).
 */
import { loadRulebookCached } from '../content/cache.ts';
import { closeServices, openServices } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import { secretProblem } from '../server/security/secrets.ts';
import { exitIfFolderInUse } from '../server/db/lock.ts';

const problem = secretProblem();
if (problem) {
  process.stderr.write(`worker: not started: ${problem}\n`);
  process.exit(1);
}
const config = readConfig();
const services = await openServices(await loadRulebookCached(), config, { workers: true }).catch(exitIfFolderInUse);
process.stdout.write(`worker: running on ${services.database.kind}, mail via ${services.mailer.kind}\n`);

const stop = async (): Promise<void> => {
  await closeServices(services);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
