import { defineConfig } from 'vitest/config';
import { rulebookPlugin } from '../src/content/vite-plugin.ts';

export default defineConfig({
  plugins: [rulebookPlugin()],
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Two files at a time, also on a machine with two cores (vitest's default there is one): most files wait on
    // servers, databases and child processes, and each PostgreSQL test has a database of its own (support/db.ts).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
