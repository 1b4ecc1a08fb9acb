/**
 * axe-core with the WCAG 2.1 A and AA rules; a violation fails the test with what and where.
 *
 * axe runs as a script in the page, which a page without JavaScript cannot do. For the no-JavaScript
 * project we therefore audit the same document (the server's HTML as this page shows it) in a helper
 * page where JavaScript runs only for axe: the site's own scripts are blocked, so nothing hydrates.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function audit(page: Page, context: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(problems, `axe on ${context}`).toEqual([]);
}

export async function expectAccessible(page: Page, context: string): Promise<void> {
  if (test.info().project.use.javaScriptEnabled !== false) return audit(page, context);
  const html = await page.content();
  const url = page.url();
  const viewport = page.viewportSize();
  const helper = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: true, ...(viewport ? { viewport } : {}) });
  try {
    const copy = await helper.newPage();
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.url() === url && request.resourceType() === 'document')
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await copy.goto(url);
    await audit(copy, `${context} (no JavaScript)`);
  } finally {
    await helper.close();
  }
}
