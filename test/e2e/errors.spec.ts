/**
 * Bad input: inline messages and an error summary in plain language, the field keeps what was typed,
 * the summary links to the field, and the page title says there is an error. JavaScript on and off.
 */
import { expect, test } from '@playwright/test';
import { answerStep, currentStep, next, islandsReady } from './support/check.ts';
import { s } from './support/strings.ts';

test('a wrong amount is explained, linked and kept', async ({ page }) => {
  const a = { place: 'Assen', age: '38', partner: 'no', housing: 'rent', rent: 'zeshonderd' };
  await page.goto('/check');
  await islandsReady(page);
  for (const step of ['gemeente', 'jij', 'huis'] as const) {
    expect(await currentStep(page, 'nl')).toBe(step);
    await answerStep(page, 'nl', step, a);
    await next(page, 'nl');
  }
  expect(await currentStep(page, 'nl')).toBe('wonen');
  await answerStep(page, 'nl', 'wonen', a);
  await next(page, 'nl');

  // Still on the same step, with the error summary first and the title marked.
  expect(await currentStep(page, 'nl')).toBe('wonen');
  await expect(page).toHaveTitle(/^Fout: /);
  const summary = page.getByRole('heading', { name: s('nl', 'check.errors.summaryTitle') });
  await expect(summary).toBeVisible();
  const link = page.getByRole('link', { name: `${s('nl', 'check.fields.rent.short')}: ${s('nl', 'check.errors.amount-format')}` });
  await expect(link).toBeVisible();

  // The field keeps the typed text, is marked invalid and describes the error.
  const rent = page.getByLabel(s('nl', 'check.fields.rent.label'));
  await expect(rent).toHaveValue('zeshonderd');
  await expect(rent).toHaveAttribute('aria-invalid', 'true');
  await expect(rent).toHaveAccessibleDescription(new RegExp(s('nl', 'check.errors.amount-format').replace(/[.()]/g, '\\$&')));

  // The summary link leads to the field.
  await link.click();
  await expect(page).toHaveURL(/#f-rent$/);

  // Fixing it moves on.
  await rent.fill('650,50');
  await next(page, 'nl');
  expect(await currentStep(page, 'nl')).toBe('inkomen');
});

test('every question of a step that is left empty gets its own message', async ({ page }) => {
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', { place: '9402' });
  await next(page, 'nl');
  await next(page, 'nl');
  const summary = page.locator('#error-summary');
  await expect(summary.getByRole('listitem')).toHaveCount(2);
  await expect(summary).toContainText(s('nl', 'check.errors.age-required'));
  await expect(summary).toContainText(s('nl', 'check.errors.partner-required'));
  if (test.info().project.use.javaScriptEnabled !== false) await expect(summary).toBeFocused();
});

test('an unknown place asks for the municipality, and a shared name asks which one', async ({ page }) => {
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', { place: '1011' });
  await next(page, 'nl');
  await expect(page.locator('#error-summary')).toContainText(s('nl', 'check.errors.postcode-unknown'));
  await answerStep(page, 'nl', 'gemeente', { place: 'Bergen' });
  await next(page, 'nl');
  await expect(page.locator('#error-summary')).toContainText(s('nl', 'check.errors.place-ambiguous'));
  const choice = page.getByRole('group', { name: s('nl', 'check.fields.municipality.legend') });
  await choice.getByRole('radio', { name: /Bergen \(L\.\)/ }).check();
  await next(page, 'nl');
  expect(await currentStep(page, 'nl')).toBe('jij');
});
