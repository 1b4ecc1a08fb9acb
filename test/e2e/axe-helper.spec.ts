/**
 * The accessibility audit itself (support/axe.ts) can fail: it audits the document the page shows, also
 * without JavaScript (in its helper page) and also when the same address comes back with other HTML.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';

const BROKEN =
  '<!doctype html><html lang="nl"><head><title>Kapot</title></head><body><main><h1>Kapot</h1><img src="/x.png"></main></body></html>';

test('the audit finds a violation in what the page shows, and not in the good page before and after it', async ({ page }) => {
  await page.goto('/privacy');
  await expectAccessible(page, 'privacy');
  await page.route('**/privacy', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: BROKEN }));
  await page.goto('/privacy');
  await expect(expectAccessible(page, 'broken privacy')).rejects.toThrow(/image-alt/);
  await page.unroute('**/privacy');
  await page.goto('/privacy');
  await expectAccessible(page, 'privacy again');
});
