/**
 * `npm run bench`: the benchmarks, with their figures printed as JSON.
 * - screening: `cli screen` over 50,000, 200,000 and 1,000,000 generated households (throughput, peak
 *   memory), each against a parse-and-echo baseline on the same file (echo-screen.ts);
 * - outreach: 100,000 outreach messages enqueued and delivered to a local SMTP server;
 * - api: POST /api/v1/check throughput and p50/p95/p99 at a fixed rate, with GET /api/v1/schema as
 *   the baseline in the same run, and runCheck in µs (test/bench/api.ts; needs `npm run build`);
 * - results: the results page (a form post to /uitkomst and the page it redirects to) at 50 req/s
 *   offered, p50/p95/p99 (test/bench/results-page.ts; needs `npm run build`);
 * - site: JavaScript per page and Lighthouse scores with their budgets (test/bench/site.ts); a missed
 *   budget makes the run exit 1.
 * `npm run bench -- screening` runs one. PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster.
 */
import { benchApi, formatApiBench } from './api.ts';
import { benchOutreach } from './outreach.ts';
import { benchResultsPage, formatResultsBench } from './results-page.ts';
import { benchScreening } from './screening.ts';
import { benchSite, formatSiteBench } from './site.ts';
import { startCluster, type Cluster } from '../support/postgres.ts';

const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);
const results: Record<string, unknown> = {};
let cluster: Cluster | undefined;

try {
  if (want('screening')) {
    const sizes = (process.env.BENCH_SCREENING_SIZES ?? '50000,200000,1000000').split(',').map(Number);
    const figures: Record<string, unknown> = {};
    for (const size of sizes) {
      figures[size] = await benchScreening(size);
      process.stdout.write(`screening ${size}: ${JSON.stringify(figures[size])}\n`);
    }
    results.screening = figures;
  }
  if (want('outreach')) {
    if (!process.env.TEST_DATABASE_URL) {
      cluster = await startCluster();
      process.env.TEST_DATABASE_URL = cluster.url;
    }
    results.outreach = await benchOutreach(100_000);
    process.stdout.write(`outreach: ${JSON.stringify(results.outreach)}\n`);
  }
  if (want('api')) {
    const figures = await benchApi();
    results.api = figures;
    process.stdout.write(`${formatApiBench(figures)}\n`);
  }
  if (want('results')) {
    const figures = await benchResultsPage();
    results.results = figures;
    process.stdout.write(`${formatResultsBench(figures)}\n`);
  }
  if (want('site')) {
    const figures = await benchSite();
    results.site = figures;
    process.stdout.write(`${formatSiteBench(figures)}\n`);
    if (!figures.ok) process.exitCode = 1;
  }
} finally {
  cluster?.stop();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
