/**
 * axe-core with the WCAG 2.1 A and AA rules; a violation fails the test with what and where.
 *
 * axe runs as a script in the page, which a page without JavaScript cannot do. For the no-JavaScript
 * project we therefore audit the same document (the server's HTML as this page shows it) in a helper
 * page where JavaScript runs only for axe: the site's own scripts are blocked, so nothing hydrates.
 * One helper page per test, made on the first audit and closed with the test's own context, so a
 * test that audits twenty pages does not open twenty browser contexts.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function audit(page: Page, context: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(problems, `axe on ${context}`).toEqual([]);
}

interface Helper {
  page: Page;
  /** The document the next load of `url` gets: the HTML the page without JavaScript shows. */
  shown: { url: string; html: string };
}

const helpers = new WeakMap<BrowserContext, Promise<Helper>>();

function helperFor(page: Page): Promise<Helper> {
  const owner = page.context();
  let made = helpers.get(owner);
  if (!made) {
    made = (async () => {
      const context = await owner.browser()!.newContext({ javaScriptEnabled: true });
      owner.on('close', () => void context.close().catch(() => undefined));
      const helper: Helper = { page: await context.newPage(), shown: { url: '', html: '' } };
      await helper.page.route('**/*', (route) => {
        const request = route.request();
        if (request.url() === helper.shown.url && request.resourceType() === 'document')
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: helper.shown.html });
        if (request.resourceType() === 'script') return route.abort();
        return route.continue();
      });
      return helper;
    })();
    helpers.set(owner, made);
  }
  return made;
}

export async function expectAccessible(page: Page, context: string): Promise<void> {
  if (test.info().project.use.javaScriptEnabled !== false) return audit(page, context);
  const helper = await helperFor(page);
  // The document is requested without its #fragment; a blank page between audits makes every audit a
  // fresh load, also of the same address twice (a form posted back to itself).
  helper.shown = { url: page.url().split('#')[0]!, html: await page.content() };
  const viewport = page.viewportSize();
  if (viewport) await helper.page.setViewportSize(viewport);
  await helper.page.goto('about:blank');
  await helper.page.goto(page.url());
  await audit(helper.page, `${context} (no JavaScript)`);
}
