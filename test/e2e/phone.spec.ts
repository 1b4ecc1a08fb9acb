/**
 * A resident on a phone (390 × 844), JavaScript on and off: her own digits and words, in Arabic and
 * Ukrainian as she types them on her own keyboard.
 */
import { expect, test } from '@playwright/test';
import { answerStep, currentStep, islandsReady, next } from './support/check.ts';
import { prefix, type Lang } from './support/env.ts';

test.use({ viewport: { width: 390, height: 844 } });

const OWN_DIGITS: { lang: Lang; place: string; age: string; childAges: string }[] = [
  { lang: 'ar', place: '٩٤٠١', age: '٣٨', childAges: '٨ و ١٤' },
  { lang: 'ar', place: '۹۴۰۱', age: '۳۸', childAges: '8، 14' },
  { lang: 'uk', place: '9401', age: '38', childAges: '8 та 14' },
  { lang: 'uk', place: '9401', age: '38', childAges: '8 і 14' },
  { lang: 'tr', place: '9401', age: '38', childAges: '8 ve 14' },
  { lang: 'nl', place: '9401', age: '38', childAges: '8 en 14' },
];

for (const { lang, place, age, childAges } of OWN_DIGITS) {
  test(`${lang}: her own digits and "and" are accepted (${place}, ${age}, ${childAges})`, async ({ page }) => {
    await page.goto(`${prefix(lang)}/check`);
    await islandsReady(page);
    const a = { place, age, partner: 'no', childAges };
    for (const step of ['gemeente', 'jij', 'huis'] as const) {
      expect(await currentStep(page, lang)).toBe(step);
      await answerStep(page, lang, step, a);
      await next(page, lang);
    }
    await expect(page.locator('#error-summary')).toHaveCount(0);
    expect(await currentStep(page, lang)).not.toBe('huis');
  });
}
