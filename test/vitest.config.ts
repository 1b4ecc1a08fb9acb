import { defineConfig } from 'vitest/config';
import { rulebookPlugin } from '../src/content/vite-plugin.ts';

export default defineConfig({
  plugins: [rulebookPlugin()],
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
