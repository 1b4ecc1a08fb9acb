/**
 * `npm test` on a machine that lacks what the suite needs stops at once, naming the one command that
 * installs it (issue 17), instead of failing half an hour later in a browser or PostgreSQL test.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function runTests(env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync(`${root}node_modules/.bin/node`, ['test/run.ts'], {
    cwd: root,
    // No stage runs (TEST_ONLY=none) and no cluster starts (TEST_DATABASE_URL): only the preflight.
    env: { ...process.env, TEST_ONLY: 'none', TEST_DATABASE_URL: 'postgres://127.0.0.1:1/none', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('npm test preflight', () => {
  it('stops with the apt-get command when Chromium is missing', () => {
    const r = runTests({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('this machine lacks chromium.');
    expect(r.stderr).toContain('sudo apt-get install -y --no-install-recommends chromium\n');
  });

  it('names every missing package in one command', () => {
    const r = runTests({ CHROMIUM_PATH: '/nonexistent/chromium', PATH: '/nonexistent' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get install -y --no-install-recommends chromium openssl poppler-utils\n');
  });

  it('passes on a machine that has everything', () => {
    const r = runTests({});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
