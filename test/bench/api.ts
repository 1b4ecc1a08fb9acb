/**
 * API benchmark: `POST /api/v1/check` for a single parent with two children and wages, against the
 * built server, with `GET /api/v1/schema` (a fixed document) as the baseline in the same run:
 * - throughput: 20 connections sending back to back for a while (closed loop), requests per second;
 * - latency at a fixed offered rate (open loop: each request is sent at its planned time, whether or
 *   not earlier ones have come back, and its latency counts from that time), p50, p95 and p99;
 * - `runCheck` in process, µs per check, for the same household.
 * The load generator shares the machine with the server, so compare figures within one run.
 */
import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { runCheck } from '../../src/contract/check.ts';
import { loadRulebook } from '../../src/content/load.ts';
import { startServer } from '../support/server.ts';

/** The household of issue 17's figures: a single parent with two children and wages. */
export const singleParent = {
  referenceDate: '2026-03-01',
  municipality: 'GM0106',
  language: 'nl',
  people: [
    { id: 'a', role: 'applicant', age: 34 },
    { id: 'c1', role: 'child', age: 6 },
    { id: 'c2', role: 'child', age: 11 },
  ],
  incomes: [{ person: 'a', type: 'wages', amount: 1450, period: 'month', basis: 'net' }],
  housing: { type: 'rent', rent: 720 },
};

export interface LoadFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Answers other than 200, and failed connections. */
  errors: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
}

export interface ApiFigures {
  connections: number;
  throughput: { check: LoadFigures; schema: LoadFigures; checkToSchema: number };
  offeredRate: number;
  atRate: { check: LoadFigures; schema: LoadFigures };
  runCheckMicros: number;
}

interface Target {
  path: string;
  method: 'GET' | 'POST';
  body?: string;
}

/** What came back: the status, the headers and how many bytes of body (read to the end). */
export interface Exchanged {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: number;
}

/** One request on a keep-alive agent; a failed connection comes back as status 0. */
export function exchange(
  agent: Agent,
  base: URL,
  method: 'GET' | 'POST',
  path: string,
  headers: OutgoingHttpHeaders,
  body?: string,
): Promise<Exchanged> {
  return new Promise((resolve) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, method, headers }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', () => resolve({ status: 0, headers: {}, bytes: 0 }));
    req.end(body);
  });
}

async function send(agent: Agent, base: URL, t: Target): Promise<boolean> {
  const headers = t.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(t.body) };
  return (await exchange(agent, base, t.method, t.path, headers, t.body)).status === 200;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function figures(latencies: number[], errors: number, seconds: number): LoadFigures {
  latencies.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    seconds: round(seconds),
    perSecond: Math.round(latencies.length / seconds),
    errors,
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
  };
}

/** `connections` clients, each sending its next request when the last one is answered. */
export async function closedLoop(base: URL, t: Target, connections: number, seconds: number): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        if (await send(agent, base, t)) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  agent.destroy();
  return figures(latencies, errors, (performance.now() - start) / 1000);
}

/** Requests sent at a fixed rate; a request's latency counts from its planned time (no coordinated omission). */
export async function openLoop(base: URL, t: Target, rate: number, seconds: number): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  try {
    return await openLoopOf(() => send(agent, base, t), rate, seconds);
  } finally {
    agent.destroy();
  }
}

/** `attempt` started at a fixed rate, whether or not earlier ones have finished; true when it succeeded. */
export async function openLoopOf(attempt: () => Promise<boolean>, rate: number, seconds: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const planned = start + (i * 1000) / rate;
    const wait = planned - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      attempt().then((ok) => {
        if (ok) latencies.push(performance.now() - planned);
        else errors++;
      }),
    );
  }
  await Promise.all(pending);
  return figures(latencies, errors, (performance.now() - start) / 1000);
}

/** µs per `runCheck` of the household in this process, the fastest of a few rounds after a warm-up. */
export function runCheckMicros(rounds = 5, perRound = 2000): number {
  const rulebook = loadRulebook();
  const options = { today: '2026-03-01', computedAt: '2026-03-01T00:00:00.000Z' };
  for (let i = 0; i < perRound; i++) runCheck(singleParent, rulebook, options);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) runCheck(singleParent, rulebook, options);
    best = Math.min(best, ((performance.now() - t0) * 1000) / perRound);
  }
  return Math.round(best * 10) / 10;
}

export async function benchApi(options: { connections?: number; seconds?: number; rate?: number } = {}): Promise<ApiFigures> {
  const connections = options.connections ?? 20;
  const seconds = options.seconds ?? 10;
  const rate = options.rate ?? 200;
  const micros = runCheckMicros();
  const server = await startServer();
  try {
    const base = new URL(server.url);
    const check: Target = { path: '/api/v1/check', method: 'POST', body: JSON.stringify(singleParent) };
    const schema: Target = { path: '/api/v1/schema', method: 'GET' };
    // Warm up both paths (JIT, lazy formatters and templates) before measuring.
    await closedLoop(base, check, connections, 2);
    await closedLoop(base, schema, connections, 1);
    const checkMax = await closedLoop(base, check, connections, seconds);
    const schemaMax = await closedLoop(base, schema, connections, seconds);
    const checkRate = await openLoop(base, check, rate, seconds);
    const schemaRate = await openLoop(base, schema, rate, seconds);
    return {
      connections,
      throughput: { check: checkMax, schema: schemaMax, checkToSchema: Math.round((checkMax.perSecond / schemaMax.perSecond) * 100) / 100 },
      offeredRate: rate,
      atRate: { check: checkRate, schema: schemaRate },
      runCheckMicros: micros,
    };
  } finally {
    await server.stop();
  }
}

/** One line of load figures. */
export const formatLoad = (name: string, x: LoadFigures): string =>
  `  ${name.padEnd(22)} ${String(x.perSecond).padStart(6)} req/s   p50 ${x.p50} ms   p95 ${x.p95} ms   p99 ${x.p99} ms   errors ${x.errors}`;

export function formatApiBench(f: ApiFigures): string {
  const line = formatLoad;
  return [
    `api: runCheck ${f.runCheckMicros} µs per check (in process)`,
    `api: throughput, ${f.connections} connections (closed loop)`,
    line('POST /api/v1/check', f.throughput.check),
    line('GET /api/v1/schema', f.throughput.schema),
    `  check / schema: ${f.throughput.checkToSchema}`,
    `api: at ${f.offeredRate} req/s offered (open loop)`,
    line('POST /api/v1/check', f.atRate.check),
    line('GET /api/v1/schema', f.atRate.schema),
  ].join('\n');
}
