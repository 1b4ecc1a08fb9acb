/**
 * Results-page benchmark (issue 17): what a resident waits for after the last question. The form post
 * to `/uitkomst` answers with a redirect to the page with the answers sealed in its address (decision
 * 0008), and the browser then gets that page: both count, from the planned send time (open loop, no
 * coordinated omission). The page computes the check and the what-if series. Households cycle through
 * 50 generated answer sets, so no cache of one answer can flatter the figures. Target: p95 < 50 ms at
 * 50 req/s. Needs `npm run build`.
 */
import { Agent } from 'node:http';
import { generateAnswers } from '../support/answers.ts';
import { startServer } from '../support/server.ts';
import { exchange, formatLoad, openLoopOf, type LoadFigures } from './api.ts';

export interface ResultsPageFigures {
  offeredRate: number;
  households: number;
  /** Post, redirect and page together. */
  atRate: LoadFigures;
  /** Bytes of the last page served. */
  pageBytes: number;
}

/** One resident's post and page; true when the page came back whole. */
async function resultsPage(agent: Agent, base: URL, body: string, seen: { bytes: number }): Promise<boolean> {
  const headers = {
    origin: base.origin,
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
  };
  const post = await exchange(agent, base, 'POST', '/uitkomst', headers, body);
  const location = post.headers.location;
  if (post.status !== 303 || !location) return false;
  const cookie = (post.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const page = await exchange(
    agent,
    base,
    'GET',
    new URL(location, base).pathname + new URL(location, base).search,
    cookie ? { cookie } : {},
  );
  seen.bytes = page.bytes;
  return page.status === 200 && page.bytes > 0;
}

export async function benchResultsPage(options: { rate?: number; seconds?: number } = {}): Promise<ResultsPageFigures> {
  const rate = options.rate ?? 50;
  const seconds = options.seconds ?? 20;
  const bodies = generateAnswers(17, 50).map((a) => new URLSearchParams({ _answers: JSON.stringify(a) }).toString());
  const server = await startServer({ RONDKOMEN_TODAY: '2026-12-06' });
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const seen = { bytes: 0 };
  try {
    const base = new URL(server.url);
    let next = 0;
    const attempt = (): Promise<boolean> => resultsPage(agent, base, bodies[next++ % bodies.length]!, seen);
    // Warm up (JIT, templates, the rulebook's per-date values) before measuring.
    await openLoopOf(attempt, rate, 3);
    const atRate = await openLoopOf(attempt, rate, seconds);
    return { offeredRate: rate, households: bodies.length, atRate, pageBytes: seen.bytes };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

export function formatResultsBench(f: ResultsPageFigures): string {
  return [
    `results: POST /uitkomst and its page, ${f.households} households in turn, at ${f.offeredRate} req/s offered (open loop), page ${Math.round(f.pageBytes / 1024)} KB`,
    formatLoad('POST+GET /uitkomst', f.atRate),
  ].join('\n');
}
