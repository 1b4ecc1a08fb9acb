/**
 * Print and PDF: the print style hides navigation and buttons; the PDF button (a plain form, so also
 * without JavaScript) downloads a tagged PDF of the same result; a form that is not complete gets the page.
 */
import { expect, test } from '@playwright/test';
import { downloadTaggedPdf } from './support/pdf.ts';
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
    const pdf = await downloadTaggedPdf(page, page.getByRole('button', { name: s(lang, 'results.actions.pdf') }), `result-${lang}`);
    expect(pdf.filename).toBe('rondkomen-uitkomst.pdf');
    if (lang === 'nl') {
      expect(pdf.text).toContain(s('nl', 'results.title'));
      expect(pdf.text).toContain('Kindgebonden budget');
      expect(pdf.text).toContain(s('nl', 'results.di.title'));
    }
  });
}

test('the PDF routes answer bad or incomplete forms with a page, never an error, and send GET back', async ({ request, baseURL }) => {
  const routes = [
    ['/uitkomst.pdf', '/uitkomst'],
    ['/verandering.pdf', '/verandering'],
    ['/en/verandering.pdf', '/en/verandering'],
    ['/hulp/stappen.pdf', '/hulp'],
  ] as const;
  for (const [pdf, page] of routes) {
    const get = await request.get(pdf, { maxRedirects: 0 });
    expect(get.status(), pdf).toBe(303);
    expect(get.headers().location, pdf).toBe(page);
    const forms: Record<string, string>[] = [{}, { _answers: 'geen json', _event: 'start-work', _step: 'compare' }];
    for (const form of forms) {
      const r = await request.post(pdf, { form, headers: { origin: baseURL! } });
      expect(r.status(), `${pdf} ${JSON.stringify(form)}`).toBe(200);
      expect(r.headers()['content-type'], pdf).toMatch(/^text\/html/);
    }
  }
});
