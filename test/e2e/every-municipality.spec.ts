/**
 * Issue 18: a resident of a municipality without its own figures in content/ (Groningen) sees the schemes every
 * municipality must run, without an amount, and where to ask: the municipality's website, phone and postal
 * address from the register of government organisations. Emmen now has its own individuele inkomenstoeslag
 * (content/regulations/, from its own page), so it no longer says it has no schemes of its own.
 * JavaScript on and off (the two projects).
 */
import { expect, test } from '@playwright/test';
import type { Answers } from '../../src/site/answers.ts';
import { completeCheck } from './support/check.ts';
import { s } from './support/strings.ts';

const GRONINGEN: Answers = {
  place: 'Groningen',
  age: '40',
  partner: 'no',
  childAges: '',
  housing: 'rent',
  rent: '650',
  serviceCosts: '0',
  'inc.a': 'bijstand',
  'inc.a.bijstand.amount': '1300',
  'inc.a.bijstand.period': 'month',
  'inc.a.bijstand.basis': 'net',
  savings: '500',
  receiving: 'bijstand',
};

test('Groningen: the generic municipal schemes and where to ask', async ({ page }) => {
  await completeCheck(page, 'nl', GRONINGEN);
  await expect(page.getByText(s('nl', 'results.municipalityNoSchemes', { name: 'Groningen' }))).toBeVisible();
  const contact = page.locator('[data-contact="GM0014"]');
  await expect(contact).toContainText(s('nl', 'results.contactAsk', { name: 'Gemeente Groningen' }));
  await expect(contact).toContainText(s('nl', 'results.contactPhone', { phone: '14 050' }));
  await expect(contact).toContainText(s('nl', 'results.contactAddress', { address: 'Postbus 742, 9700 AS GRONINGEN' }));
  await expect(contact.getByRole('link', { name: 'https://gemeente.groningen.nl' })).toHaveAttribute(
    'href',
    'https://gemeente.groningen.nl',
  );
  for (const name of ['Bijzondere bijstand', 'Individuele inkomenstoeslag']) {
    await expect(page.getByRole('heading', { name, exact: true }).first()).toBeVisible();
  }
});

test('Emmen: its own individuele inkomenstoeslag, no longer "no schemes of its own"', async ({ page }) => {
  await completeCheck(page, 'nl', { ...GRONINGEN, place: 'Emmen' });
  await expect(page.getByRole('heading', { name: 'Individuele inkomenstoeslag', exact: true }).first()).toBeVisible();
  await expect(page.getByText(s('nl', 'results.municipalityNoSchemes', { name: 'Emmen' }))).toHaveCount(0);
});
