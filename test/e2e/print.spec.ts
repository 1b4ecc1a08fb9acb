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
  // The summary for the counter is on paper only, before everything else.
  await expect(page.locator('[data-print-summary]')).toBeVisible();
  await expect(page.locator('[data-print-summary] [data-scheme]').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('[data-print-summary]')).toBeHidden();
});

for (const lang of ['nl', 'ar'] as const) {
  test(`the PDF download is a tagged PDF of the result (${lang})`, async ({ page }) => {
    await page.goto(`${lang === 'nl' ? '' : `/${lang}`}/uitkomst?voorbeeld=alleenstaande-moeder-assen`);
    const pdf = await downloadTaggedPdf(page, page.getByRole('button', { name: s(lang, 'results.actions.pdf') }), `result-${lang}`);
    expect(pdf.filename).toBe('rondkomen-uitkomst.pdf');
    // A summary first, for the counter: what to apply for, where and when, the papers, her answers,
    // on at most two pages; the details after it.
    // (Arabic comes out of pdftotext in visual order, so its sentences are checked on the page itself.)
    expect(pdf.pages[0]).toContain('Assen');
    // Where to apply: the Werkplein Drentsche Aa, for Assen's schemes.
    expect(pdf.pages[0]).toContain('www.wpda.nl');
    expect(pdf.pages.length).toBeGreaterThan(2);
    if (lang === 'nl') {
      const summary = pdf.pages.slice(0, 2).join(' ');
      expect(pdf.pages[0]).toContain(s(lang, 'results.printSummary.title'));
      expect(pdf.pages[0]).toContain(s(lang, 'results.printSummary.papers'));
      expect(pdf.pages[0]).toContain('inkomenstoeslag');
      expect(pdf.pages[0]).toContain('(BSN)');
      expect(summary).toContain(s(lang, 'results.printSummary.answers'));
      expect(summary).toContain(s(lang, 'results.printSummary.more'));
      expect(pdf.pages[0]).not.toContain(s(lang, 'results.di.title'));
    }
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
