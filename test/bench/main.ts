/**
 * `npm run bench`: the benchmarks, with their figures printed as JSON.
 * - screening: `cli screen` over 200,000 generated households (throughput, peak memory);
 * - outreach: 100,000 outreach messages enqueued and delivered to a local SMTP server;
 * - site: page weight and Lighthouse scores (test/bench/site.ts), when present.
 * `npm run bench -- screening` runs one. PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster.
 */
import { existsSync } from 'node:fs';
import { benchOutreach } from './outreach.ts';
import { benchScreening } from './screening.ts';
import { startCluster, type Cluster } from '../support/postgres.ts';

const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);
const results: Record<string, unknown> = {};
let cluster: Cluster | undefined;

try {
  if (want('screening')) {
    results.screening = await benchScreening(200_000);
    process.stdout.write(`screening: ${JSON.stringify(results.screening)}\n`);
  }
  if (want('outreach')) {
    if (!process.env.TEST_DATABASE_URL) {
      cluster = await startCluster();
      process.env.TEST_DATABASE_URL = cluster.url;
    }
    results.outreach = await benchOutreach(100_000);
    process.stdout.write(`outreach: ${JSON.stringify(results.outreach)}\n`);
  }
  const site = new URL('./site.ts', import.meta.url);
  if (want('site') && existsSync(site)) {
    const mod = (await import(site.href)) as { benchSite?: () => Promise<unknown> };
    if (mod.benchSite) {
      results.site = await mod.benchSite();
      process.stdout.write(`site: ${JSON.stringify(results.site)}\n`);
    }
  }
} finally {
  cluster?.stop();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
