/**
 * End-to-end tests of the public site in Debian's Chromium, against the built server (`npm test`
 * builds first). Two projects: JavaScript on and JavaScript off; every spec runs in both unless it
 * says otherwise (the console, which sends no script, runs with JavaScript on only). The server's reference date is pinned (RONDKOMEN_TODAY) so amounts do not change
 * with the calendar; the tests compute their expectations with the same date.
 */
import { defineConfig } from '@playwright/test';
import { E2E_PORT, E2E_TODAY } from './e2e/support/env.ts';

const root = new URL('..', import.meta.url).pathname;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 3,
  retries: 0,
  // Generous, so a busy machine (two cores shared with other jobs) does not fail a correct page.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: 'nl-NL',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    // The staff console sends no script at all (console/a11y.spec.ts checks every page for it), so with
    // JavaScript on or off it is the same HTML and the same forms: its specs run once, with axe.
    { name: 'nojs', use: { javaScriptEnabled: false }, testIgnore: /[\\/]console[\\/]/ },
  ],
  webServer: {
    // The project's own Node 24 (the `node` dev dependency), also when Playwright itself runs on another Node.
    command: `"${root}node_modules/.bin/node" src/server/main.ts`,
    cwd: root,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // An in-memory database (PGlite) per run: the site stores nothing, and tests must not touch .data/.
    // Every browser test comes from 127.0.0.1, several at a time: PDFs may wait longer for their
    // turn, and one address may ask for more of them and make more requests to be contacted
    // (test/server/pdf-limits.test.ts and test/server/consent.test.ts test the limits).
    env: {
      HOST: '127.0.0.1',
      PORT: String(E2E_PORT),
      RONDKOMEN_TODAY: E2E_TODAY,
      DATABASE_URL: '',
      PGLITE_DIR: 'memory://',
      PDF_QUEUE_SECONDS: '300',
      PDF_PER_CLIENT_PER_HOUR: '1000',
      // Requests to be contacted and volunteers' referrals of both projects all come from 127.0.0.1.
      CONSENT_PER_CLIENT_PER_HOUR: '1000',
    },
  },
});
