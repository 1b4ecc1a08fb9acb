/**
 * Moving around without losing answers: back, change an answer from the summary, switch language
 * (on the check and on the results), and "change your answers" from the results.
 */
import { expect, test } from '@playwright/test';
import { EXAMPLES } from '../../src/site/examples.ts';
import { answerStep, completeCheck, currentStep, next, islandsReady } from './support/check.ts';
import { s } from './support/strings.ts';

test('back and forth keeps every answer, and the progress counts only relevant steps', async ({ page }) => {
  const a = { ...EXAMPLES['zzp-tynaarlo'] };
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', a);
  await next(page, 'nl');
  await expect(page.getByText(s('nl', 'check.progress', { n: 2, total: 9 }))).toBeVisible();
  await answerStep(page, 'nl', 'jij', a);
  await next(page, 'nl');
  await page.getByRole('button', { name: s('nl', 'check.buttons.previous'), exact: true }).click();
  expect(await currentStep(page, 'nl')).toBe('jij');
  await expect(page.getByLabel(s('nl', 'check.fields.age.label'))).toHaveValue('52');
  await page.getByRole('button', { name: s('nl', 'check.buttons.previous'), exact: true }).click();
  await expect(page.getByLabel(s('nl', 'check.fields.place.label'))).toHaveValue('9481');
});

test('the summary shows the answers and lets you change one, then returns to it', async ({ page }) => {
  const a = { ...EXAMPLES['alleenstaande-moeder-assen'] };
  await page.goto('/check');
  await islandsReady(page);
  for (let i = 0; i < 15; i++) {
    const step = await currentStep(page, 'nl');
    if (step === 'overzicht') break;
    await answerStep(page, 'nl', step, a);
    await next(page, 'nl');
  }
  await expect(page.getByText('Assen (Drenthe)')).toBeVisible();
  await expect(page.getByText('8, 14 jaar')).toBeVisible();
  await page
    .getByRole('button', { name: new RegExp(`^${s('nl', 'check.summary.change')}\\s*:?\\s*${s('nl', 'check.steps.wonen.title')}$`) })
    .click();
  expect(await currentStep(page, 'nl')).toBe('wonen');
  await page.getByLabel(s('nl', 'check.fields.rent.label')).fill('700');
  await page.getByRole('button', { name: s('nl', 'check.buttons.saveAndReturn') }).click();
  expect(await currentStep(page, 'nl')).toBe('overzicht');
  await expect(page.getByText('€ 700,00 per maand')).toBeVisible();
});

test('the language switch on the check keeps the answers and the step', async ({ page }) => {
  const a = { ...EXAMPLES['jongere-bij-ouders'] };
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', a);
  await next(page, 'nl');
  await answerStep(page, 'nl', 'jij', a);
  await next(page, 'nl');
  expect(await currentStep(page, 'nl')).toBe('huis');
  await page
    .getByRole('navigation', { name: s('nl', 'layout.language.label') })
    .getByRole('button', { name: 'English' })
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await currentStep(page, 'en')).toBe('huis');
  await page.getByRole('button', { name: s('en', 'check.buttons.previous'), exact: true }).click();
  expect(await currentStep(page, 'en')).toBe('jij');
  await expect(page.getByLabel(s('en', 'check.fields.age.label'))).toHaveValue('20');
});

test('the results switch language with the same answers, and "change your answers" opens the summary', async ({ page }) => {
  const a = { ...EXAMPLES['stel-met-huisgenoot-steenwijkerland'] };
  await completeCheck(page, 'nl', a);
  const count = await page.getByRole('article').count();
  await page
    .getByRole('navigation', { name: s('nl', 'layout.language.label') })
    .getByRole('button', { name: 'العربية' })
    .click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: s('ar', 'results.title') })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(count);
  await page.getByRole('button', { name: s('ar', 'results.actions.change') }).click();
  expect(await currentStep(page, 'ar')).toBe('overzicht');
  await expect(page.getByText('Steenwijkerland (Overijssel)')).toBeVisible();
});

test('the results page without answers sends you to the check', async ({ page }) => {
  await page.goto('/uitkomst');
  await expect(page.getByText(s('nl', 'results.missingAnswers.none'))).toBeVisible();
  await page.getByRole('link', { name: s('nl', 'common.startCheck') }).click();
  expect(await currentStep(page, 'nl')).toBe('gemeente');
});

test('what is typed before the page is interactive is kept', async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, 'about the moment JavaScript takes over');
  // Hold the island's code back, type, then let it load: the answer must survive the hand-over.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/check', { waitUntil: 'domcontentloaded' });
  await page.getByLabel(s('nl', 'check.fields.place.label')).fill('Assen');
  release();
  await expect(page.getByText(s('nl', 'check.fields.place.found', { name: 'Assen', province: 'Drenthe' }))).toBeVisible();
  await expect(page.getByLabel(s('nl', 'check.fields.place.label'))).toHaveValue('Assen');
  await next(page, 'nl');
  expect(await currentStep(page, 'nl')).toBe('jij');
});
