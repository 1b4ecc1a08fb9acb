/** The JavaScript budget, measured like `npm run bench` does: at most 35 KB gzipped on the check, none on static pages. */
import { expect, test } from '@playwright/test';
import { BUDGETS, measureJavaScript, PAGES } from '../bench/site.ts';

test('JavaScript per page stays within the budget', async ({ baseURL }) => {
  test.skip(test.info().project.name !== 'js', 'measured once');
  for (const page of PAGES) {
    const m = await measureJavaScript(baseURL!, page);
    if (page.static) expect(m.gzip, `${page.path}: ${m.files.map((f) => f.url).join(', ')}`).toBe(BUDGETS.staticJsGzipBytes);
    if (page.name === 'check') {
      expect(m.gzip).toBeGreaterThan(1000);
      expect(m.gzip).toBeLessThanOrEqual(BUDGETS.checkJsGzipBytes);
    }
  }
});
