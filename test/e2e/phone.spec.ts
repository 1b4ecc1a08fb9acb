/**
 * A resident on a phone (390 × 844), JavaScript on and off (issue 14): her own digits and words as she
 * types them on her own keyboard, a focus ring she can see, and Back, Forward and Reload that work.
 */
import { expect, test, type Page } from '@playwright/test';
import { answerStep, completeCheck, currentStep, islandsReady, next } from './support/check.ts';
import { prefix, type Lang } from './support/env.ts';
import { getRulebook } from './support/expected.ts';
import { escapeRegExp, s } from './support/strings.ts';

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

/** Back, Forward and Reload are plain GETs: never the browser's "Confirm Form Resubmission". */
async function expectNoResubmission(page: Page, action: () => Promise<unknown>): Promise<void> {
  const outcome = await action().then(
    () => 'ok',
    (e: Error) => e.message,
  );
  expect(outcome).toBe('ok');
  await expect(page.locator('body')).not.toContainText('ERR_CACHE_MISS');
}

const ANK = {
  place: '9401',
  age: '38',
  partner: 'no',
  childAges: '8, 14',
  housing: 'rent',
  rent: '720',
  serviceCosts: '40',
  'inc.a': 'wages',
  'inc.a.wages.amount': '1050',
  'inc.a.wages.period': 'month',
  'inc.a.wages.basis': 'net',
  'inc.a.wages.hours': '16',
};

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: Back from a scheme page and Reload show the results again, sealed in the address`, async ({ page }) => {
    await completeCheck(page, lang, ANK);
    const results = page.getByRole('heading', { level: 1, name: s(lang, 'results.title') });
    await expect(results).toBeVisible();
    const url = page.url();
    expect(url).toMatch(/\/uitkomst\?s=[A-Za-z0-9_-]+$/);
    // Nothing of her answers can be read in the address: the token is ciphertext.
    const token = Buffer.from(new URL(url).searchParams.get('s')!, 'base64url').toString('latin1');
    expect(token).not.toMatch(/9401|1050|wages|place/);
    const amounts = await page.locator('[data-scheme="zorgtoeslag"]').first().innerText();

    await page.locator('[data-scheme="zorgtoeslag"] a[href*="/regelingen/zorgtoeslag"]').first().click();
    await expect(page).toHaveURL(/\/regelingen\/zorgtoeslag/);
    await expectNoResubmission(page, () => page.goBack());
    await expect(results).toBeVisible();
    expect(await page.locator('[data-scheme="zorgtoeslag"]').first().innerText()).toBe(amounts);
    await expectNoResubmission(page, () => page.goForward());
    await expect(page).toHaveURL(/\/regelingen\/zorgtoeslag/);
    await expectNoResubmission(page, () => page.goBack());
    await expectNoResubmission(page, () => page.reload());
    await expect(results).toBeVisible();
  });

  test(`${lang}: Back between the steps of the check never asks to resend a form`, async ({ page }) => {
    await page.goto(`${prefix(lang)}/check`);
    await islandsReady(page);
    for (const step of ['gemeente', 'jij'] as const) {
      await answerStep(page, lang, step, ANK);
      await next(page, lang);
    }
    expect(await currentStep(page, lang)).toBe('huis');
    await expectNoResubmission(page, () => page.goBack());
    if (test.info().project.use.javaScriptEnabled === false) expect(await currentStep(page, lang)).toBe('jij');
    await expectNoResubmission(page, () => page.reload());
    await expectNoResubmission(page, () => page.goForward());
    await expectNoResubmission(page, () => page.reload());
  });
}

test('an address with sealed answers opens nothing in another browser', async ({ page, browser }) => {
  await completeCheck(page, 'nl', ANK);
  const url = page.url();
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(url);
  await expect(stranger.getByRole('heading', { level: 1, name: s('nl', 'results.missingAnswers.title') })).toBeVisible();
  await expect(stranger.locator('[data-scheme]')).toHaveCount(0);
  await other.close();
});

/** Every table region and the page itself: nothing wider than the screen. */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) wide.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const region of document.querySelectorAll<HTMLElement>('.table-scroll')) {
      if (region.scrollWidth > region.clientWidth)
        wide.push(`${region.getAttribute('aria-labelledby') ?? 'table'} ${region.scrollWidth} > ${region.clientWidth}`);
    }
    return wide;
  });
}

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: every table reads without sideways scrolling at 320, 390 and 414 pixels`, async ({ page }) => {
    const event = getRulebook().events['work-more-hours']!.texts[lang];
    await page.goto(`${prefix(lang)}/verandering?voorbeeld=alleenstaande-moeder-assen`);
    await page
      .getByRole('group', { name: s(lang, 'change.pick.legend') })
      .getByRole('radio', { name: event.name, exact: true })
      .check();
    await page.getByRole('button', { name: s(lang, 'change.pick.next'), exact: true }).click();
    await page.getByLabel(new RegExp(`^${escapeRegExp(event.inputs.extraHours!)}`)).fill('8');
    await page.getByLabel(new RegExp(`^${escapeRegExp(event.inputs.date!)}`)).fill('2026-06-01');
    await page.getByRole('button', { name: s(lang, 'change.questions.submit'), exact: true }).click();
    await expect(page.getByRole('table', { name: s(lang, 'change.table.caption') })).toBeVisible();
    const change = page.url();
    for (const path of [`${prefix(lang)}/uitkomst?voorbeeld=alleenstaande-moeder-assen`, change]) {
      for (const width of [320, 390, 414]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(path);
        await expect(page.locator('table:visible').first()).toBeVisible();
        expect(await sidewaysOverflow(page), `${path} at ${width} px`).toEqual([]);
      }
    }
    // The column that matters is on screen, with its name: "Wat gebeurt er" on the change page.
    await page.setViewportSize({ width: 390, height: 844 });
    const what = page
      .locator('td[data-label]')
      .filter({ hasText: s(lang, 'change.kinds.down') })
      .first();
    if ((await what.count()) > 0) {
      const box = (await what.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
  });
}

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: the consent text names how to reach the municipality, with its phone number when content has one`, async ({ page }) => {
    // Nijkerk: the income service's phone in content/municipalities/GM0267-nijkerk.yaml.
    const nijkerk = getRulebook().municipalities.GM0267!.incomeService;
    await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=gepensioneerd-stel-nijkerk`);
    const line = page.locator('#contact [data-municipal-contact]');
    await expect(line).toContainText(nijkerk.phone!);
    await expect(line).toContainText(nijkerk.name);
    // Assen's income service has no phone in content yet: the municipality's own number from the
    // government's register (content/contacts/), never an invented one.
    expect(getRulebook().municipalities.GM0106!.incomeService.phone).toBeUndefined();
    const assen = getRulebook().contacts.GM0106!;
    await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=alleenstaande-moeder-assen`);
    await expect(page.locator('#contact [data-municipal-contact]')).toContainText(assen.phone!);
    await expect(page.locator('#contact [data-municipal-contact]')).toContainText(assen.name);
  });
}

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: figures not yet confirmed are said once, calmly, for the whole result`, async ({ page }) => {
    await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=alleenstaande-moeder-assen`);
    // Several schemes rest on unconfirmed figures (content marks them), yet the page says it one time.
    const cards = page.locator('.scheme-card');
    expect(await cards.count()).toBeGreaterThan(5);
    await expect(page.locator('[data-unverified-note]')).toHaveCount(1);
    await expect(page.locator('[data-unverified-note]')).toHaveText(s(lang, 'results.unverifiedNote'));
    await expect(page.locator('.scheme-card .tag')).not.toContainText([/gecontroleerd|تحقق/]);
    // Which figures: folded under each scheme in Dutch (their titles exist in Dutch and English only).
    if (lang === 'nl') expect(await page.locator('.scheme-card details.unverified-list').count()).toBeGreaterThan(0);
    else await expect(page.locator('.scheme-card details.unverified-list')).toHaveCount(0);
  });
}
