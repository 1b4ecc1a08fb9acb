/**
 * Small screens and zoom: at 320 CSS pixels wide (a small phone, or 1280 pixels at 400% zoom) and at
 * 640 (200% zoom) no page scrolls sideways; wide tables scroll inside their own focusable box.
 * Static pages ship no JavaScript at all.
 */
import { expect, test } from '@playwright/test';

const PAGES = [
  '/',
  '/check',
  '/uitkomst?voorbeeld=stel-met-huisgenoot-steenwijkerland',
  '/ar/uitkomst?voorbeeld=alleenstaande-moeder-assen',
  '/regelingen/zorgtoeslag',
  '/gemeenten/assen',
  '/toegankelijkheid',
];

for (const width of [320, 640]) {
  test(`no sideways scrolling at ${width} pixels`, async ({ page }) => {
    test.skip(test.info().project.use.javaScriptEnabled === false, 'measured with JavaScript (the layout is the same)');
    await page.setViewportSize({ width, height: 800 });
    for (const path of PAGES) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
}

test('static pages have no scripts', async ({ page }) => {
  for (const path of [
    '/',
    '/en/',
    '/regelingen',
    '/regelingen/zorgtoeslag',
    '/gemeenten',
    '/gemeenten/assen',
    '/hoe-werkt-het',
    '/privacy',
    '/toegankelijkheid',
  ]) {
    await page.goto(path);
    await expect(page.locator('script'), path).toHaveCount(0);
  }
});
