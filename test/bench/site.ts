/**
 * The site's benchmark (part of `npm run bench`): builds if needed, starts the built server on a free
 * port, and measures
 * - JavaScript per page: every script the page loads (script tags, inline scripts, island components
 *   and renderers, and everything they import), gzipped, from the files the server sends;
 * - Lighthouse (mobile, Debian's Chromium) on home, check and results: performance, accessibility,
 *   best practices, SEO, and the main timings.
 * Budgets: the check at most 35 KB of gzipped JavaScript, none on static pages; mobile performance
 * at least 0.95 and accessibility 1.0 on home, check and results.
 *
 * Lighthouse runs straight at the Node server, which compresses its responses (src/server/main.ts).
 *
 * `benchSite()` returns the figures (the bench entry prints them with the engine's); running this
 * file alone prints them and exits 1 when a budget is missed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url).pathname;
const node = join(root, 'node_modules', '.bin', 'node');
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS =
  '--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
/** The same pinned date as the end-to-end tests, so the results page is the same every run. */
const TODAY = '2026-03-02';

export const BUDGETS = {
  checkJsGzipBytes: 35 * 1024,
  staticJsGzipBytes: 0,
  performance: 0.95,
  accessibility: 1,
} as const;

export interface PageSpec {
  name: string;
  path: string;
  /** Pages without islands: no JavaScript at all. */
  static: boolean;
  lighthouse: boolean;
}

export const PAGES: PageSpec[] = [
  { name: 'home', path: '/', static: true, lighthouse: true },
  { name: 'check', path: '/check', static: false, lighthouse: true },
  { name: 'results', path: '/uitkomst?voorbeeld=alleenstaande-moeder-assen', static: false, lighthouse: true },
  { name: 'results (ar)', path: '/ar/uitkomst?voorbeeld=alleenstaande-moeder-assen', static: false, lighthouse: false },
  { name: 'scheme page', path: '/regelingen/zorgtoeslag', static: true, lighthouse: false },
  { name: 'municipality page', path: '/gemeenten/assen', static: true, lighthouse: false },
  { name: 'how it works', path: '/hoe-werkt-het', static: true, lighthouse: false },
  { name: 'privacy', path: '/privacy', static: true, lighthouse: false },
  { name: 'accessibility statement', path: '/toegankelijkheid', static: true, lighthouse: false },
];

export interface JsFile {
  url: string;
  bytes: number;
  gzip: number;
}

export interface JsMeasure {
  page: string;
  path: string;
  files: JsFile[];
  gzip: number;
  bytes: number;
}

export interface LighthouseMeasure {
  page: string;
  path: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
}

export interface BudgetCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SiteBenchResult {
  js: JsMeasure[];
  lighthouse: LighthouseMeasure[];
  budgets: BudgetCheck[];
  ok: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`server did not start at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function ensureBuilt(force = false): void {
  if (!force && existsSync(join(root, 'dist', 'server', 'entry.mjs'))) return;
  const r = spawnSync(node, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('astro build failed');
}

export async function startServer(): Promise<{ base: string; stop: () => void; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(node, ['src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), RONDKOMEN_TODAY: TODAY, DATABASE_URL: '', PGLITE_DIR: 'memory://' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/`);
  return { base, child, stop: () => child.kill('SIGTERM') };
}

const IMPORT_RE = /(?:import|export)\s*(?:[^'"`]*?\sfrom\s*)?["']([^"']+\.m?js)["']|import\(\s*["']([^"']+\.m?js)["']\s*\)/g;

/** Every script a page loads, with the modules they import, gzipped as a server would send them. */
export async function measureJavaScript(base: string, page: PageSpec): Promise<JsMeasure> {
  const html = await (await fetch(`${base}${page.path}`)).text();
  const files = new Map<string, JsFile>();
  const queue: string[] = [];
  const add = (u: string) => {
    const abs = new URL(u, `${base}${page.path}`).href;
    if (!files.has(abs) && !queue.includes(abs)) queue.push(abs);
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1] ?? '')?.[1];
    if (src) add(src);
    else if ((m[2] ?? '').trim() !== '' && !/type="application\/(ld\+)?json"/.test(m[1] ?? '')) {
      const body = Buffer.from(m[2]!);
      files.set(`inline#${files.size}`, { url: 'inline script', bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    }
  }
  for (const m of html.matchAll(/\b(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)) if (m[1]) add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) if (m[1]) add(m[1]);
  while (queue.length > 0) {
    const url = queue.shift()!;
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    files.set(url, { url: url.replace(base, ''), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    for (const m of body.toString('utf8').matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (spec && (spec.startsWith('.') || spec.startsWith('/'))) {
        const abs = new URL(spec, url).href;
        if (!files.has(abs) && !queue.includes(abs)) queue.push(abs);
      }
    }
  }
  const list = [...files.values()];
  return {
    page: page.name,
    path: page.path,
    files: list,
    gzip: list.reduce((s, f) => s + f.gzip, 0),
    bytes: list.reduce((s, f) => s + f.bytes, 0),
  };
}

interface LighthouseJson {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
}

export async function runLighthouse(base: string, page: PageSpec): Promise<LighthouseMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'rondkomen-lh-'));
  try {
    const out = join(dir, 'report.json');
    const args = [
      join(root, 'node_modules', 'lighthouse', 'cli', 'index.js'),
      `${base}${page.path}`,
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      '--form-factor=mobile',
      '--only-categories=performance,accessibility,best-practices,seo',
      `--chrome-flags=${CHROME_FLAGS}`,
    ];
    // Asynchronous, so this process stays responsive while Lighthouse runs.
    const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(node, args, { cwd: root, env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ status: code, stderr: err });
      });
    });
    if (status !== 0 || !existsSync(out)) throw new Error(`lighthouse failed on ${page.path}: ${stderr.slice(-2000)}`);
    const json = JSON.parse(readFileSync(out, 'utf8')) as LighthouseJson;
    const cat = (k: string) => json.categories[k]?.score ?? 0;
    const num = (k: string) => Math.round((json.audits[k]?.numericValue ?? 0) * 1000) / 1000;
    return {
      page: page.name,
      path: page.path,
      performance: cat('performance'),
      accessibility: cat('accessibility'),
      bestPractices: cat('best-practices'),
      seo: cat('seo'),
      fcpMs: Math.round(num('first-contentful-paint')),
      lcpMs: Math.round(num('largest-contentful-paint')),
      tbtMs: Math.round(num('total-blocking-time')),
      cls: num('cumulative-layout-shift'),
      speedIndexMs: Math.round(num('speed-index')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function checkBudgets(js: JsMeasure[], lighthouse: LighthouseMeasure[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const m of js) {
    const spec = PAGES.find((p) => p.name === m.page)!;
    const limit = spec.static ? BUDGETS.staticJsGzipBytes : m.page === 'check' ? BUDGETS.checkJsGzipBytes : undefined;
    if (limit === undefined) continue;
    checks.push({
      name: `JavaScript on ${m.page}`,
      ok: m.gzip <= limit,
      detail: `${(m.gzip / 1024).toFixed(1)} KB gzipped (budget ${(limit / 1024).toFixed(0)} KB)`,
    });
  }
  for (const l of lighthouse) {
    checks.push({
      name: `Lighthouse performance on ${l.page}`,
      ok: l.performance >= BUDGETS.performance,
      detail: `${l.performance.toFixed(2)} (budget ${BUDGETS.performance})`,
    });
    checks.push({
      name: `Lighthouse accessibility on ${l.page}`,
      ok: l.accessibility >= BUDGETS.accessibility,
      detail: `${l.accessibility.toFixed(2)} (budget ${BUDGETS.accessibility})`,
    });
  }
  return checks;
}

export async function benchSite(options: { lighthouse?: boolean; build?: boolean } = {}): Promise<SiteBenchResult> {
  ensureBuilt(options.build ?? false);
  const server = await startServer();
  try {
    const js: JsMeasure[] = [];
    for (const page of PAGES) js.push(await measureJavaScript(server.base, page));
    const lighthouse: LighthouseMeasure[] = [];
    if (options.lighthouse !== false) {
      for (const page of PAGES.filter((p) => p.lighthouse)) lighthouse.push(await runLighthouse(server.base, page));
    }
    const budgets = checkBudgets(js, lighthouse);
    return { js, lighthouse, budgets, ok: budgets.every((b) => b.ok) };
  } finally {
    server.stop();
  }
}

export function formatSiteBench(r: SiteBenchResult): string {
  const lines: string[] = ['Site: JavaScript per page (gzipped, everything the page loads)'];
  for (const m of r.js)
    lines.push(
      `  ${m.page.padEnd(26)} ${(m.gzip / 1024).toFixed(1).padStart(6)} KB gz  ${(m.bytes / 1024).toFixed(1).padStart(6)} KB raw  ${m.files.length} file(s)`,
    );
  if (r.lighthouse.length > 0) {
    lines.push('', 'Site: Lighthouse (mobile, Debian Chromium, straight at the Node server)');
    lines.push(`  ${'page'.padEnd(10)} perf  a11y  best  seo   FCP ms  LCP ms  TBT ms  CLS    SI ms`);
    for (const l of r.lighthouse) {
      lines.push(
        `  ${l.page.padEnd(10)} ${l.performance.toFixed(2)}  ${l.accessibility.toFixed(2)}  ${l.bestPractices.toFixed(2)}  ${l.seo.toFixed(2)}  ${String(l.fcpMs).padStart(6)}  ${String(l.lcpMs).padStart(6)}  ${String(l.tbtMs).padStart(6)}  ${l.cls.toFixed(3)}  ${String(l.speedIndexMs).padStart(6)}`,
      );
    }
  }
  lines.push('', 'Site budgets:');
  for (const b of r.budgets) lines.push(`  ${b.ok ? 'ok  ' : 'FAIL'} ${b.name}: ${b.detail}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchSite({ lighthouse: !process.argv.includes('--no-lighthouse'), build: process.argv.includes('--build') });
  process.stdout.write(`${formatSiteBench(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
