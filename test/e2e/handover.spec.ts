/**
 * The hand-over from the server-rendered form to the island (JavaScript only): what a resident types
 * before the island has hydrated (a slow phone) is the island's answer afterwards and reaches the
 * result, also when this tab remembers older answers. The page's scripts are held back until the test
 * lets them go, so the typing happens before hydration every time, not by luck.
 */
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES } from '../../src/site/examples.ts';
import { answerStep, currentStep, islandsReady, next } from './support/check.ts';
import { s } from './support/strings.ts';

test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, 'about the moment JavaScript takes over');

/** Holds every script of the site (`/_astro/*.js`) from `hold()` until `release()`. */
async function scriptGate(page: Page): Promise<{ hold: () => void; release: () => void }> {
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  await page.route('**/_astro/*.js', async (route) => {
    await gate;
    await route.continue();
  });
  return {
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => open(),
  };
}

async function notHydrated(page: Page): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(1);
}

test('answers typed before the island takes over win over older answers in the tab and reach the result', async ({ page }) => {
  const a = { ...EXAMPLES['alleenstaande-moeder-assen'] };
  const scripts = await scriptGate(page);

  // Earlier in this tab: another municipality and another age, up to the household step.
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', { place: 'Tynaarlo' });
  await next(page, 'nl');
  await answerStep(page, 'nl', 'jij', { age: '52', partner: 'yes', partnerAge: '50' });
  await next(page, 'nl');
  expect(await currentStep(page, 'nl')).toBe('huis');

  // Back to the start of the check on a slow connection: the municipality is typed before hydration.
  scripts.hold();
  await page.goto('/check', { waitUntil: 'commit' });
  const place = page.getByLabel(s('nl', 'check.fields.place.label'));
  await place.fill('Assen');
  await notHydrated(page);
  scripts.release();
  await islandsReady(page);
  // The island kept it (and did not jump to the remembered step with the remembered municipality).
  expect(await currentStep(page, 'nl')).toBe('gemeente');
  await expect(place).toHaveValue('Assen');
  await expect(page.getByText(s('nl', 'check.fields.place.found', { name: 'Assen', province: 'Drenthe' }))).toBeVisible();
  await next(page, 'nl');
  // The remembered answers of the other steps are still there.
  expect(await currentStep(page, 'nl')).toBe('jij');
  await expect(page.getByLabel(s('nl', 'check.fields.age.label'))).toHaveValue('52');

  // The language switch renders this step on the server again; change a text field and a radio button before hydration.
  scripts.hold();
  await page
    .getByRole('navigation', { name: s('nl', 'layout.language.label') })
    .getByRole('button', { name: 'English' })
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const age = page.getByLabel(s('en', 'check.fields.age.label'));
  const single = page
    .getByRole('group', { name: s('en', 'check.fields.partner.legend'), exact: false })
    .getByRole('radio', { name: s('en', 'check.common.no'), exact: true });
  await age.fill(a.age!);
  await single.check();
  await notHydrated(page);
  scripts.release();
  await islandsReady(page);
  await expect(age).toHaveValue(a.age!);
  await expect(single).toBeChecked();

  // The rest of the check, then the summary and the result use what was typed before hydration.
  await next(page, 'en');
  for (let i = 0; i < 15; i++) {
    const step = await currentStep(page, 'en');
    if (step === 'overzicht') break;
    expect(['gemeente', 'jij']).not.toContain(step);
    await answerStep(page, 'en', step, a);
    await next(page, 'en');
  }
  await expect(page.getByText('Assen (Drenthe)')).toBeVisible();
  await expect(page.getByText(s('en', 'check.summary.years', { age: a.age! }), { exact: true })).toBeVisible();
  await page.getByRole('button', { name: s('en', 'check.buttons.results'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s('en', 'results.title') })).toBeVisible();
  await expect(page.getByText(s('en', 'results.municipality', { name: 'Assen' }))).toBeVisible();
});
