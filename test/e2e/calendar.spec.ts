/**
 * "Wanneer krijg je wat?" on a phone (issue 14), JavaScript on and off, in Dutch and Arabic: the twelve months
 * from the reference date (the server's pinned 2 March 2026), the toeslagen advances in the month before, the
 * kinderbijslag after each quarter (SVB), no sideways scrolling at 390 px, axe, one printed page, and the PDF.
 * On 2 March no deadline is within six weeks, so nothing stands first (inside the six weeks:
 * test/site/calendar-page.test.ts, on 6 December 2026).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { prefix } from './support/env.ts';
import { downloadTaggedPdf } from './support/pdf.ts';
import { s } from './support/strings.ts';

test.use({ viewport: { width: 390, height: 844 } });

const EXAMPLE = 'alleenstaande-moeder-assen';
const MONTHS = [
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
  '2026-12',
  '2027-01',
  '2027-02',
];

async function wider(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    const calendar = document.querySelector<HTMLElement>('[data-calendar]')!;
    for (const el of calendar.querySelectorAll<HTMLElement>('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > root.clientWidth + 0.5 || r.left < -0.5)
        out.push(`${el.tagName.toLowerCase()} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out;
  });
}

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: the calendar shows twelve months of payments at 390 px without sideways scrolling, and passes axe`, async ({ page }) => {
    await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=${EXAMPLE}`);
    const calendar = page.getByRole('region', { name: s(lang, 'results.calendar.title') });
    await expect(calendar).toBeVisible();
    expect(await calendar.locator('[data-month]').evaluateAll((els) => els.map((e) => e.getAttribute('data-month')))).toEqual(MONTHS);
    await expect(calendar.getByRole('heading', { level: 3 }).first()).toBeVisible();

    // Dienst Toeslagen pays the advance for April around 20 March; the SVB pays the first quarter in April.
    const march = calendar.locator('[data-month="2026-03"]');
    for (const id of ['huurtoeslag', 'zorgtoeslag', 'kindgebonden-budget']) {
      await expect(march.locator(`[data-payment="${id}"]`)).toHaveAttribute('data-period', '2026-04');
      await expect(march.locator(`[data-when="toeslagen"] [data-payment="${id}"]`)).toHaveCount(1);
    }
    for (const month of MONTHS) {
      const count = await calendar.locator(`[data-month="${month}"] [data-payment="kinderbijslag"]`).count();
      expect(count, month).toBe(['2026-04', '2026-07', '2026-10', '2027-01'].includes(month) ? 1 : 0);
    }
    await expect(calendar.locator('[data-month="2026-04"] [data-payment="kinderbijslag"]')).toHaveAttribute('data-period', '2026-Q1');
    await expect(calendar.locator('[data-month="2026-06"] [data-kind="holiday-pay"]')).toHaveCount(1);
    await expect(calendar.locator('[data-month="2027-01"]')).toContainText(s(lang, 'results.calendar.newYear'));

    // On 2 March no deadline is within six weeks: nothing stands first.
    await expect(page.locator('[data-deadline-first]')).toHaveCount(0);

    expect(await wider(page)).toEqual([]);
    await expectAccessible(page, `calendar ${lang}`);
  });
}

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: the calendar prints on one page of its own`, async ({ page }) => {
    // A4 less the print margins (18 mm and 16 mm): 178 × 261 mm at 96 px an inch.
    await page.setViewportSize({ width: Math.floor((178 * 96) / 25.4), height: Math.floor((261 * 96) / 25.4) });
    await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=${EXAMPLE}`);
    await page.emulateMedia({ media: 'print' });
    const calendar = page.locator('[data-calendar]');
    expect(await calendar.evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    const box = await calendar.boundingBox();
    expect(box!.height).toBeLessThanOrEqual((261 * 96) / 25.4);
    await expect(calendar.locator('.payment-calendar__sources')).toBeHidden();
  });
}

test('nl: the results PDF holds the calendar', async ({ page }) => {
  test.skip(test.info().project.name !== 'js', 'one PDF is enough: the no-JavaScript form is the same');
  await page.goto(`/uitkomst?voorbeeld=${EXAMPLE}`);
  const pdf = await downloadTaggedPdf(page, page.getByRole('button', { name: s('nl', 'results.actions.pdf') }), 'calendar-nl');
  expect(pdf.text).toContain(s('nl', 'results.calendar.title'));
  expect(pdf.text).toContain(s('nl', 'results.calendar.when.toeslagen'));
});
