/**
 * Issue 15, "done when": a bounded fuzz of every public endpoint of the built server. Thousands of
 * generated requests (seeded, so a failure can be replayed with FUZZ_SEED): households for the API,
 * valid and mutated; form posts with mutated answers to every page that takes one, the PDF routes
 * included; GETs with odd paths and queries; odd methods and content types. It fails on any 5xx, any
 * stack trace or file path in an answer or in the server's log, and on any request that hangs (30 s).
 * At most FUZZ_SECONDS (45) of requests, so the test stays under a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHousehold, random } from '../bench/households.ts';
import { exampleAnswers, EXAMPLE_IDS } from '../../src/site/examples.ts';
import { PROTOTYPE_NAMES } from '../support/prototype-names.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 1512);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const TARGET = Number(process.env.FUZZ_REQUESTS ?? 4000);
const CONCURRENCY = 4;
/** A request that takes longer than this hangs (a PDF waits at most PDF_QUEUE_SECONDS for its turn, then takes a few seconds). */
const HANG_MS = 30_000;
const TRACE = /\bat [\w.<>$]+ \([^)]*:\d+:\d+\)|\/src\/[\w/.[\]-]+\.ts\b|node_modules\/|\bTypeError\b|\bReferenceError\b/;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ PDF_PER_CLIENT_PER_HOUR: '100000', PDF_QUEUE: '8', PDF_QUEUE_SECONDS: '5' });
});
afterAll(async () => {
  await server?.stop();
});

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** Values that break naive code: wrong types, extremes, odd text. */
function oddValue(rand: Rand): unknown {
  const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
  return pick(rand, [
    () => null,
    () => true,
    () => -1,
    () => 0.005,
    () => 1e308,
    () => 2 ** 53 + 1,
    () => 5e-324,
    () => -0,
    () => 'NaN',
    () => 'Infinity',
    () => '1e309',
    () => '',
    () => 'x'.repeat(pick(rand, [41, 61, 5000])),
    () => '\u202egnp.exe',
    () => '\ud800',
    () => 'Z̴̡̛a̵l̶g̷o',
    () => '😀'.repeat(30),
    () => ({}),
    () => [],
    () => deep(40),
    () => pick(rand, PROTOTYPE_NAMES),
    () => '<script>alert(1)</script>',
    () => '../../etc/passwd',
  ])();
}

/** A household, then one to three changes to it. */
function mutatedHousehold(rand: Rand, i: number): unknown {
  const h = generateHousehold(rand, i) as Record<string, unknown>;
  delete h.id;
  if (rand() < 0.3) h.language = pick(rand, ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'xx']);
  if (rand() < 0.15) {
    // A person whose id is a name on Object.prototype (F1), in every place the id appears.
    const people = h.people as { id: string }[];
    const person = pick(rand, people);
    const name = pick(rand, PROTOTYPE_NAMES);
    for (const inc of h.incomes as { person: string }[]) if (inc.person === person.id) inc.person = name;
    person.id = name;
  }
  if (rand() < 0.15) return h;
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    // A random place in the object: replace, delete, or add a key.
    let node: Record<string, unknown> | unknown[] = h;
    for (let depth = 0; depth < 3; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const k = pick(rand, keys);
      const next = (node as Record<string, unknown>)[k];
      if (typeof next !== 'object' || next === null || rand() < 0.3) break;
      node = next as Record<string, unknown>;
    }
    const keys = Object.keys(node);
    const r = rand();
    if (r < 0.6 && keys.length > 0) (node as Record<string, unknown>)[pick(rand, keys)] = oddValue(rand);
    else if (r < 0.8 && keys.length > 0) Reflect.deleteProperty(node, pick(rand, keys));
    else
      Object.defineProperty(node, pick(rand, [...PROTOTYPE_NAMES, 'extra', 'x'.repeat(100)]), {
        value: oddValue(rand),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return h;
}

function apiBody(rand: Rand, i: number): { body: string; type: string } {
  const text = JSON.stringify(mutatedHousehold(rand, i));
  const r = rand();
  if (r < 0.75) return { body: text, type: 'application/json' };
  if (r < 0.8) return { body: `\ufeff${text}`, type: 'application/json' };
  if (r < 0.85) return { body: text.slice(0, Math.floor(rand() * text.length)), type: 'application/json' };
  if (r < 0.88) return { body: text.replace(/\d+(\.\d+)?/, '1e400'), type: 'application/json' };
  if (r < 0.91) return { body: text, type: pick(rand, ['text/plain', 'application/xml', 'text/json', 'application/vnd.x+json', '']) };
  if (r < 0.94) return { body: `{"people":${'['.repeat(5000)}`, type: 'application/json' };
  return { body: text.replace('{', '{"municipality":"GM0106",'), type: 'application/json' };
}

const ANSWER_KEYS = [
  'place',
  'municipality',
  'age',
  'partner',
  'partnerAge',
  'childAges',
  'adultChildAges',
  'otherAges',
  'students',
  'housing',
  'rent',
  'serviceCosts',
  'savings',
  'debts',
  'receiving',
  'inc.a',
  'inc.p',
  'inc.a.wages.amount',
  'inc.a.wages.period',
  'inc.a.wages.basis',
  'inc.a.wages.hours',
  'cost.energy',
  'cost.localTaxes',
];
const ANSWER_VALUES = [
  'Assen',
  '9402',
  'GM0106',
  '38',
  '-1',
  '121',
  'yes',
  'no',
  'rent',
  'owner',
  '8, 14',
  '1.250,50',
  '1250.505',
  '€ 1 250',
  'wages,bijstand',
  'zorgtoeslag',
  'month',
  'gross',
  '16',
  'a,p',
  '',
];

function answers(rand: Rand): string {
  const r = rand();
  if (r < 0.3) return JSON.stringify(exampleAnswers(pick(rand, EXAMPLE_IDS)));
  if (r < 0.4) return pick(rand, ['{}', '', 'null', '[]', '{"place":', 'x'.repeat(40_000), '{"__proto__":{"place":"Assen"}}']);
  const a: Record<string, unknown> = r < 0.7 ? { ...exampleAnswers(pick(rand, EXAMPLE_IDS)) } : {};
  for (let n = Math.floor(rand() * 6); n > 0; n--) {
    a[rand() < 0.9 ? pick(rand, ANSWER_KEYS) : pick(rand, PROTOTYPE_NAMES)] = rand() < 0.7 ? pick(rand, ANSWER_VALUES) : oddValue(rand);
  }
  return JSON.stringify(a);
}

const FORM_ROUTES = [
  '/check?_action=checkStep',
  '/check',
  '/uitkomst',
  '/toestemming',
  '/verandering',
  '/hulp/invullen',
  '/hulp/stappen',
  '/hulp/doorverwijzen',
  '/hulp/einde',
  '/bevestigen',
  '/afmelden',
  '/uitkomst.pdf',
  '/verandering.pdf',
  '/hulp/stappen.pdf',
];
const FORM_FIELDS = [
  '_step',
  '_nav',
  '_go',
  '_example',
  '_event',
  '_org',
  '_lang2',
  '_consent',
  'email',
  'phone',
  'purpose',
  'share',
  't',
  '_reference',
  'consent',
  'ev.date',
  'ev.person',
];
const FIELD_VALUES = [
  'gemeente',
  'overzicht',
  'next',
  'back',
  'goto:wonen',
  'start',
  'alleenstaande-moeder-assen',
  'baby',
  'bibliotheek-assen',
  'ar',
  '1',
  'a@example.org',
  'a@b',
  '06 12345678',
  'contact',
  'rule-changes',
  'yes',
  'RK-ABCD-1234',
  '2027-01-01',
];

function formBody(rand: Rand, route: string): string {
  const body = new URLSearchParams();
  // The PDF routes with answers that print would start Chromium: mostly incomplete answers there.
  body.set('_answers', route.endsWith('.pdf') && rand() < 0.9 ? pick(rand, ['{}', '{"age":"x"}', 'null']) : answers(rand));
  for (let n = Math.floor(rand() * 6); n > 0; n--) {
    const name = rand() < 0.85 ? pick(rand, FORM_FIELDS) : pick(rand, [...PROTOTYPE_NAMES, 'x'.repeat(300)]);
    body.append(name, rand() < 0.7 ? pick(rand, FIELD_VALUES) : String(oddValue(rand)));
  }
  return body.toString();
}

const GET_PATHS = [
  '/',
  '/check',
  '/uitkomst',
  '/uitkomst?voorbeeld=',
  '/verandering?voorbeeld=',
  '/toestemming',
  '/bevestigen?t=',
  '/afmelden?t=',
  '/hulp/',
  '/hulp/organisatie/',
  '/regelingen/',
  '/gemeenten/',
  '/gemeenten/assen/',
  '/dev/outbox/',
  '/api/v1/schema',
  '/api/v1/check',
  '/_image?href=',
  '/_astro/',
  '/favicon.svg',
  '/beheer/',
];
const SEGMENTS = [
  '',
  'zorgtoeslag',
  'assen',
  'bibliotheek-assen',
  '..%2f..%2fpackage.json',
  '%2e%2e',
  '.env',
  'x'.repeat(300),
  '%ff',
  '%E2%80%AE',
  'constructor',
  '__proto__',
  '<b>',
  '00000000-0000-0000-0000-000000000000',
];

function getPath(rand: Rand): string {
  const prefix = rand() < 0.4 ? pick(rand, ['/en', '/ar', '/tr', '/pl', '/uk', '/nl', '/xx']) : '';
  return `${prefix}${pick(rand, GET_PATHS)}${encodeURI(pick(rand, SEGMENTS)).replace(/%25/g, '%')}`;
}

interface Probe {
  method: string;
  path: string;
  body?: string;
  headers: Record<string, string>;
}

function probe(rand: Rand, i: number, origin: string): Probe {
  const r = rand();
  if (r < 0.4) {
    const { body, type } = apiBody(rand, i);
    return { method: 'POST', path: '/api/v1/check', body, headers: type ? { 'content-type': type } : {} };
  }
  if (r < 0.8) {
    const route = pick(rand, FORM_ROUTES);
    const prefix = rand() < 0.4 ? pick(rand, ['/en', '/ar', '/uk']) : '';
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (rand() < 0.95) headers.origin = origin;
    if (rand() < 0.2) headers['accept-language'] = pick(rand, ['ar', 'tr;q=0.5, en', '*', 'x'.repeat(200)]);
    return { method: 'POST', path: `${prefix}${route}`, body: formBody(rand, route), headers };
  }
  if (r < 0.95)
    return {
      method: 'GET',
      path: getPath(rand),
      headers: rand() < 0.1 ? { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' } : {},
    };
  return { method: pick(rand, ['HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE', 'PATCH']), path: getPath(rand), headers: {} };
}

describe('fuzzing every public endpoint', () => {
  it(`thousands of generated requests: no 5xx, no stack trace, no hang (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const rand = random(SEED);
    const deadline = Date.now() + SECONDS * 1000;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < TARGET && Date.now() < deadline && failures.length < 20) {
        const p = probe(rand, sent, server.url);
        sent++;
        const what = `${p.method} ${p.path.slice(0, 100)} ${p.body ? p.body.slice(0, 160) : ''}`;
        try {
          const r = await fetch(`${server.url}${p.path}`, {
            method: p.method,
            headers: p.headers,
            body: p.body,
            redirect: 'manual',
            signal: AbortSignal.timeout(HANG_MS),
          });
          const text = await r.text();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status >= 500 && !(r.status === 503 && p.path.includes('.pdf'))) failures.push(`${r.status}: ${what}`);
          if (TRACE.test(text)) failures.push(`stack trace: ${what}: ${TRACE.exec(text)![0]}`);
        } catch (e) {
          const name = (e as Error).name;
          if (name === 'TimeoutError' || name === 'AbortError') failures.push(`hang: ${what}`);
          // A request the client library refuses to send is not the server's fault.
          else if (!(e instanceof TypeError && /header|URL|method/i.test(String((e as Error).message)))) failures.push(`${name}: ${what}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    process.stdout.write(`fuzz: ${sent} requests in ${SECONDS}s at most, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    expect(failures).toEqual([]);
    // A floor, so a slow machine cannot pass by sending nothing (an idle one sends FUZZ_REQUESTS).
    expect(sent).toBeGreaterThanOrEqual(Math.min(TARGET, 500));
    // Nothing in the server's log either: no failed render, no stack.
    expect(server.output()).not.toMatch(/Could not render|Unhandled rejection|\bat [\w.<>$]+ \([^)]*:\d+:\d+\)/);
  });
});
