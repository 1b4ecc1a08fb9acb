/**
 * `npm test`: the whole test suite, on any machine.
 *
 * 1. PostgreSQL: uses TEST_DATABASE_URL when set; otherwise starts a throwaway cluster with Debian's
 *    PostgreSQL binaries on 127.0.0.1 and a free port, and removes it afterwards. It never skips the
 *    PostgreSQL tests: without a server and without binaries it stops with a clear message.
 * 2. Builds the site (the API contract tests and the browser tests run against the built server).
 * 3. Runs vitest (engine, content, contract, storage, queue, mail), then Playwright in Chromium.
 *
 * Arguments after `--` go to vitest when they name test files (for example `npm test -- test/engine`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

async function main(): Promise<number> {
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
