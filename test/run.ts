/**
 * `npm test`: the whole test suite, on any machine.
 *
 * 1. PostgreSQL: uses TEST_DATABASE_URL when set; otherwise starts a throwaway cluster with Debian's
 *    PostgreSQL binaries on 127.0.0.1 and a free port, and removes it afterwards. It never skips the
 *    PostgreSQL tests: without a server and without binaries it stops with a clear message.
 * 2. Builds the site (the API contract tests and the browser tests run against the built server).
 * 3. Runs vitest (engine, content, contract, storage, queue, mail), then Playwright in Chromium.
 *
 * Before anything starts it checks the machine: without Chromium, the PostgreSQL binaries (when no
 * TEST_DATABASE_URL is set), nginx, openssl or pdfinfo it stops at once with the one command that
 * installs what is missing, instead of failing half an hour later.
 *
 * Arguments after `--` go to vitest when they name test files (for example `npm test -- test/engine`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type Cluster } from './support/postgres.ts';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
const only = (stage: string): boolean => !process.env.TEST_ONLY || process.env.TEST_ONLY.split(',').includes(stage);

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Debian packages the suite needs that are missing on this machine (empty when all are there). */
function missingPackages(): string[] {
  const onPath = (name: string): boolean => (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, name)));
  const postgres =
    existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  const wanted: [string, boolean][] = [
    ['chromium', existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')],
    ['postgresql', Boolean(process.env.TEST_DATABASE_URL) || postgres],
    ['nginx-light', existsSync('/usr/sbin/nginx')],
    ['openssl', onPath('openssl')],
    ['poppler-utils', onPath('pdfinfo')],
  ];
  return wanted.filter(([, present]) => !present).map(([name]) => name);
}

async function main(): Promise<number> {
  const missing = missingPackages();
  if (missing.length > 0) {
    process.stderr.write(
      `test: this machine lacks ${missing.join(', ')}. Install with:\n\n  sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\n\n` +
        '(.ci/run does this on a bare Debian machine.)\n',
    );
    return 1;
  }
  let cluster: Cluster | undefined;
  const env: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1' };
  if (process.env.TEST_DATABASE_URL) {
    env.TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
  } else {
    cluster = await startCluster();
    env.TEST_DATABASE_URL = cluster.url;
    process.stdout.write(`test: started a throwaway PostgreSQL cluster at ${cluster.url}\n`);
  }
  const cleanup = (): void => cluster?.stop();
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    if (only('build')) {
      const code = await run(bin('astro'), ['build'], env);
      if (code !== 0) return code;
    }
    if (only('unit')) {
      const code = await run(bin('vitest'), ['run', '--config', 'test/vitest.config.ts', ...args], env);
      if (code !== 0) return code;
    }
    if (only('e2e') && existsSync(join(root, 'test', 'playwright.config.ts'))) {
      const code = await run(bin('playwright'), ['test', '--config', 'test/playwright.config.ts'], env);
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    cleanup();
  }
}

process.exitCode = await main();
