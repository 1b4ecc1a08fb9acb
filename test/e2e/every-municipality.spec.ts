/**
 * Issue 18: a resident of a municipality without its own figures in content/ (Emmen) sees the schemes every
 * municipality must run, without an amount, and where to ask: the municipality's website, phone and postal
 * address from the register of government organisations. JavaScript on and off (the two projects).
 */
import { expect, test } from '@playwright/test';
import type { Answers } from '../../src/site/answers.ts';
import { completeCheck } from './support/check.ts';
import { s } from './support/strings.ts';

const EMMEN: Answers = {
  place: 'Emmen',
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

test('Emmen: the generic municipal schemes and where to ask', async ({ page }) => {
  await completeCheck(page, 'nl', EMMEN);
  await expect(page.getByText(s('nl', 'results.municipalityNoSchemes', { name: 'Emmen' }))).toBeVisible();
  const contact = page.locator('[data-contact="GM0114"]');
  await expect(contact).toContainText(s('nl', 'results.contactAsk', { name: 'Gemeente Emmen' }));
  await expect(contact).toContainText(s('nl', 'results.contactPhone', { phone: '14 0591' }));
  await expect(contact).toContainText(s('nl', 'results.contactAddress', { address: 'Postbus 30001, 7800 RA EMMEN' }));
  await expect(contact.getByRole('link', { name: 'https://www.emmen.nl' })).toHaveAttribute('href', 'https://www.emmen.nl');
  for (const name of ['Bijzondere bijstand', 'Individuele inkomenstoeslag']) {
    await expect(page.getByRole('heading', { name, exact: true }).first()).toBeVisible();
  }
});
