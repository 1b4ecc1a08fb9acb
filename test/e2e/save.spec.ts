/**
 * Save and resume without a server (JavaScript only): the tab remembers the answers across a reload;
 * "save on this device" keeps them for a new tab; "delete my answers" removes them everywhere, also
 * from the results page's link.
 */
import { expect, test } from '@playwright/test';
import { answerStep, currentStep, next, islandsReady } from './support/check.ts';
import { s } from './support/strings.ts';

test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, 'storage needs JavaScript; without it, nothing is kept at all');

const a = { place: 'Tynaarlo', age: '52', partner: 'no', housing: 'rent', rent: '735' };

test('answers survive a reload, can be saved on the device, and deleted', async ({ page, context }) => {
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', a);
  await next(page, 'nl');
  await answerStep(page, 'nl', 'jij', a);
  await next(page, 'nl');
  expect(await currentStep(page, 'nl')).toBe('huis');

  await page.reload();
  expect(await currentStep(page, 'nl')).toBe('huis');

  // Not saved on the device yet: a new tab starts empty.
  const other = await context.newPage();
  await other.goto('/check');
  await islandsReady(other);
  expect(await currentStep(other, 'nl')).toBe('gemeente');
  await expect(other.getByLabel(s('nl', 'check.fields.place.label'))).toHaveValue('');
  await other.close();

  await page.getByRole('button', { name: s('nl', 'check.tools.save') }).click();
  await expect(page.getByRole('status')).toContainText(s('nl', 'check.notices.saved'));

  const resumed = await context.newPage();
  await resumed.goto('/check');
  await islandsReady(resumed);
  await expect(resumed.getByRole('status')).toContainText(s('nl', 'check.notices.restored'));
  expect(await currentStep(resumed, 'nl')).toBe('huis');
  await resumed.getByRole('button', { name: s('nl', 'check.buttons.previous'), exact: true }).click();
  await expect(resumed.getByLabel(s('nl', 'check.fields.age.label'))).toHaveValue('52');

  await resumed.getByRole('button', { name: s('nl', 'check.tools.delete') }).click();
  await expect(resumed.getByRole('status')).toContainText(s('nl', 'check.notices.cleared'));
  expect(await currentStep(resumed, 'nl')).toBe('gemeente');
  await expect(resumed.getByLabel(s('nl', 'check.fields.place.label'))).toHaveValue('');

  const fresh = await context.newPage();
  await fresh.goto('/check');
  await islandsReady(fresh);
  expect(await currentStep(fresh, 'nl')).toBe('gemeente');
  await expect(fresh.getByRole('status')).toHaveCount(0);
});

test('the delete link on the results page clears the saved answers', async ({ page, context }) => {
  await page.goto('/check');
  await islandsReady(page);
  await answerStep(page, 'nl', 'gemeente', a);
  await next(page, 'nl');
  await page.getByRole('button', { name: s('nl', 'check.tools.save') }).click();
  await page.goto('/uitkomst?voorbeeld=zzp-tynaarlo');
  await page.getByRole('link', { name: s('nl', 'results.actions.delete') }).click();
  await expect(page.getByRole('status')).toContainText(s('nl', 'check.notices.cleared'));
  const fresh = await context.newPage();
  await fresh.goto('/check');
  await islandsReady(fresh);
  await expect(fresh.getByLabel(s('nl', 'check.fields.place.label'))).toHaveValue('');
});
