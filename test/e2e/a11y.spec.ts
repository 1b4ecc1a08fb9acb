/**
 * axe (WCAG 2.1 A and AA) on every page and state, in every language, with JavaScript on and off:
 * the static pages, every step of the check, the check with errors, the summary and the results.
 * Each page must also carry the right `lang` and `dir`.
 */
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLE_IDS, EXAMPLES } from '../../src/site/examples.ts';
import { expectAccessible } from './support/axe.ts';
import { answerStep, currentStep, next, islandsReady } from './support/check.ts';
import { LANGUAGES, prefix, type Lang } from './support/env.ts';
import { getRulebook } from './support/expected.ts';
import { s } from './support/strings.ts';
import { municipalitySlug } from '../../src/site/rulebook-data.ts';

const rulebook = getRulebook();
const assen = rulebook.municipalities.GM0106!;
const ownScheme = assen.schemes.find((x) => !rulebook.schemes[x.id])!;
const STATIC_PAGES = [
  '/',
  '/regelingen',
  '/regelingen/zorgtoeslag',
  '/regelingen/kwijtschelding',
  '/gemeenten',
  `/gemeenten/${municipalitySlug(assen)}`,
  `/gemeenten/${municipalitySlug(assen)}/${ownScheme.id}`,
  '/hoe-werkt-het',
  '/privacy',
  '/toegankelijkheid',
];

async function expectLang(page: Page, lang: Lang): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
}

for (const lang of LANGUAGES) {
  test.describe(`${lang}`, () => {
    test('static pages are accessible and in the right language', async ({ page }) => {
      test.slow(); // ten pages with axe each
      for (const path of STATIC_PAGES) {
        const response = await page.goto(`${prefix(lang)}${path === '/' && lang !== 'nl' ? '/' : path}`);
        expect(response?.status(), path).toBe(200);
        await expectLang(page, lang);
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        await expectAccessible(page, `${lang} ${path}`);
      }
    });

    test('not found page', async ({ page }) => {
      const response = await page.goto(`${prefix(lang)}/bestaat-niet`);
      expect(response?.status()).toBe(404);
      await expectLang(page, lang);
      await expect(page.getByRole('heading', { level: 1, name: s(lang, 'notFound.title') })).toBeVisible();
      await expectAccessible(page, `${lang} 404`);
    });

    test('every step of the check, with errors shown, and the summary', async ({ page }) => {
      test.slow(); // every step and an error state, with axe each
      const answers = { ...EXAMPLES['stel-met-huisgenoot-steenwijkerland'], childAges: '6', students: '' };
      await page.goto(`${prefix(lang)}/check`);
      await islandsReady(page);
      for (let i = 0; i < 20; i++) {
        const step = await currentStep(page, lang);
        await expectLang(page, lang);
        await expectAccessible(page, `${lang} step ${step}`);
        if (step === 'overzicht') break;
        if (i === 0) {
          // Errors shown: send the first step empty.
          await next(page, lang);
          await expect(page.getByRole('heading', { name: s(lang, 'check.errors.summaryTitle') })).toBeVisible();
          await expectAccessible(page, `${lang} step ${step} with errors`);
        }
        await answerStep(page, lang, step, answers);
        await next(page, lang);
      }
      await expect(page.getByRole('heading', { level: 1, name: s(lang, 'check.steps.overzicht.title') })).toBeVisible();
    });

    test('results of every example household', async ({ page }) => {
      test.slow(); // five results pages with axe each
      for (const id of EXAMPLE_IDS) {
        await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=${id}`);
        await expectLang(page, lang);
        await expect(page.getByRole('heading', { level: 1, name: s(lang, 'results.title') })).toBeVisible();
        await expectAccessible(page, `${lang} results ${id}`);
      }
    });
  });
}
