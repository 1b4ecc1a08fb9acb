/**
 * Print and PDF: the print style hides navigation and buttons; the PDF button (a plain form, so also
 * without JavaScript) downloads a tagged PDF of the same result.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { s } from './support/strings.ts';

test('the print style shows the result without menus and buttons', async ({ page }) => {
  await page.goto('/uitkomst?voorbeeld=alleenstaande-moeder-assen');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: s('nl', 'layout.nav.label') })).toBeHidden();
  await expect(page.getByRole('button', { name: s('nl', 'results.actions.pdf') })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: s('nl', 'results.title') })).toBeVisible();
  await expect(page.getByRole('table', { name: s('nl', 'results.overviewCaption') })).toBeVisible();
});

for (const lang of ['nl', 'ar'] as const) {
  test(`the PDF download is a tagged PDF of the result (${lang})`, async ({ page }) => {
    await page.goto(`${lang === 'nl' ? '' : `/${lang}`}/uitkomst?voorbeeld=alleenstaande-moeder-assen`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: s(lang, 'results.actions.pdf') }).click(),
    ]);
    const path = test.info().outputPath(`result-${lang}.pdf`);
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [path]).toString();
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Pages:\s+[1-9]/);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    if (lang === 'nl') {
      expect(text).toContain(s('nl', 'results.title'));
      expect(text).toContain('Kindgebonden budget');
      expect(text).toContain(s('nl', 'results.di.title'));
    }
  });
}
