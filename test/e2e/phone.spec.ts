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

/** WCAG relative luminance of an `rgb(…)`/`rgba(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: the focus ring of fields and options stands out at least 3:1 (WCAG 1.4.11)`, async ({ page }) => {
    await page.goto(`${prefix(lang)}/check`);
    await islandsReady(page);
    await answerStep(page, lang, 'gemeente', { place: '9401' });
    await next(page, lang);
    expect(await currentStep(page, lang)).toBe('jij');
    const controls = [page.locator('input[name="age"]'), page.locator('input[name="partner"]').first()];
    for (const control of controls) {
      await control.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const ring = await control.evaluate((el) => {
        const style = getComputedStyle(el);
        let bg = 'rgb(255, 255, 255)';
        for (let n: Element | null = el.parentElement; n; n = n.parentElement) {
          const c = getComputedStyle(n).backgroundColor;
          if (c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
            bg = c;
            break;
          }
        }
        return {
          focused: document.activeElement === el,
          color: style.outlineColor,
          style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
          bg,
        };
      });
      expect(ring.focused).toBe(true);
      expect(ring.style).not.toBe('none');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.color, ring.bg), `${ring.color} on ${ring.bg}`).toBeGreaterThanOrEqual(3);
    }
  });
}
