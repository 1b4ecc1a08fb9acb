/**
 * Asking to be contacted, end to end, with JavaScript on and off: the form on the results page, the
 * "check your mail" page, the mail in the development outbox, the confirm page (GET shows, POST
 * confirms, a second visit says it is done), the withdraw page (the data is deleted, a second visit
 * finds nothing), and a wrong address that keeps everything typed. The full flow runs in Dutch and
 * English; every new page gets one axe check in all six languages (with JavaScript; without it in
 * Dutch, English and Arabic, as the pages ship no scripts).
 *
 * Every request comes from 127.0.0.1, so the run's server allows more requests per client address
 * than a deployment does (CONSENT_PER_CLIENT_PER_HOUR in test/playwright.config.ts); test/server/consent.test.ts
 * tests the limit itself.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { getRulebook } from './support/expected.ts';
import { LANGUAGES, prefix, type Lang } from './support/env.ts';
import { escapeRegExp, s, sc } from './support/strings.ts';

const EXAMPLE = 'alleenstaande-moeder-assen';

function address(lang: Lang, what: string): string {
  return `${what}.${lang}.${test.info().project.name}@example.org`;
}

async function openForm(page: Page, lang: Lang): Promise<void> {
  await page.goto(`${prefix(lang)}/uitkomst?voorbeeld=${EXAMPLE}`);
  await expect(page.getByRole('heading', { level: 2, name: sc(lang, 'consent.form.title') })).toBeVisible();
}

const emailField = (page: Page, lang: Lang) => page.getByLabel(sc(lang, 'consent.form.email'), { exact: true });
const phoneField = (page: Page, lang: Lang) =>
  page.getByRole('textbox', { name: new RegExp(`^${escapeRegExp(sc(lang, 'consent.form.phone'))}`) });
const contactBox = (page: Page, lang: Lang) => page.getByRole('checkbox', { name: sc(lang, 'consent.form.contact') });
const ruleChangesBox = (page: Page, lang: Lang) => page.getByRole('checkbox', { name: sc(lang, 'consent.form.ruleChanges') });
const shareBox = (page: Page, lang: Lang) => page.getByRole('checkbox', { name: sc(lang, 'consent.form.share') });
const submit = (page: Page, lang: Lang) => page.getByRole('button', { name: sc(lang, 'consent.form.submit') }).click();

/** Opens the newest mail to `to` in the development outbox (the queue sends it within seconds). */
async function openMail(page: Page, to: string): Promise<void> {
  const row = page.getByRole('row', { name: new RegExp(escapeRegExp(to)) });
  await expect(async () => {
    await page.goto('/dev/outbox');
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await row.getByRole('link').click();
}

for (const lang of ['nl', 'en'] as const) {
  test(`${lang}: ask, confirm from the mail, withdraw, and the data is gone`, async ({ page }) => {
    test.slow(); // a whole flow with axe on each page
    const email = address(lang, 'ank');
    await openForm(page, lang);
    // The answers are shown before the resident decides to share them; the box starts unticked.
    await expect(page.locator('.consent-answers')).toContainText(s(lang, 'check.fields.rent.short'));
    await expect(shareBox(page, lang)).not.toBeChecked();
    await contactBox(page, lang).check();
    await ruleChangesBox(page, lang).check();
    await emailField(page, lang).fill(email);
    await phoneField(page, lang).fill('06 12345678');
    await shareBox(page, lang).check();
    await submit(page, lang);

    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.sent.title') })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(sc(lang, 'consent.sent.text', { email }));
    await expectAccessible(page, `${lang} consent sent`);

    await openMail(page, email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Assen/);
    await expectAccessible(page, `${lang} outbox mail`);
    if (test.info().project.use.javaScriptEnabled !== false) {
      // Long links wrap: no sideways scrolling on a small phone.
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    const confirmLink = page.getByRole('link', { name: new RegExp(`${escapeRegExp(prefix(lang))}/bevestigen\\?t=`) }).first();
    const withdrawLink = page.getByRole('link', { name: new RegExp(`${escapeRegExp(prefix(lang))}/afmelden\\?t=`) }).first();
    const confirmUrl = (await confirmLink.getAttribute('href'))!;
    const withdrawUrl = (await withdrawLink.getAttribute('href'))!;

    // Opening the link changes nothing: it shows what was asked and a button.
    await confirmLink.click();
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.confirm.title') })).toBeVisible();
    await expect(page.getByText(sc(lang, 'consent.confirm.ruleChanges'))).toBeVisible();
    await expectAccessible(page, `${lang} confirm`);
    await page.goto(confirmUrl);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.confirm.title') })).toBeVisible();
    await page.getByRole('button', { name: sc(lang, 'consent.confirm.button') }).click();
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.confirm.doneTitle') })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(sc(lang, 'consent.confirm.done', { municipality: 'Assen' }));
    await expectAccessible(page, `${lang} confirmed`);
    // The link again, later: already confirmed.
    await page.goto(confirmUrl);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.confirm.alreadyTitle') })).toBeVisible();

    await page.goto(withdrawUrl);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.withdraw.title') })).toBeVisible();
    for (const item of ['itemContact', 'itemRuleChanges', 'itemEmail', 'itemPhone', 'itemAnswers'])
      await expect(page.getByRole('listitem').filter({ hasText: sc(lang, `consent.withdraw.${item}`) })).toHaveCount(1);
    await expectAccessible(page, `${lang} withdraw`);
    await page.getByRole('button', { name: sc(lang, 'consent.withdraw.button') }).click();
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.withdraw.doneTitle') })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(sc(lang, 'consent.withdraw.done'));
    await expect(page.getByRole('listitem').filter({ hasText: sc(lang, 'consent.withdraw.itemPhone') })).toHaveCount(1);
    await expectAccessible(page, `${lang} withdrawn`);

    // The data is gone: neither link finds anything any more.
    const gone = await page.goto(withdrawUrl);
    expect(gone?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.withdraw.goneTitle') })).toBeVisible();
    const unknown = await page.goto(confirmUrl);
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.confirm.unknownTitle') })).toBeVisible();
  });
}

for (const lang of ['nl', 'ar'] as const) {
  test(`${lang}: on a phone, with only a phone number, she asks to be called and keeps a reference`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openForm(page, lang);
    await contactBox(page, lang).check();
    // A number per test (a number may ask twice a day), in her own digits: Arabic-Indic in Arabic.
    const western = `06 1234 56${test.info().project.name === 'js' ? 1 : 2}${lang === 'nl' ? 1 : 2}`;
    const typed = lang === 'ar' ? western.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))) : western;
    await phoneField(page, lang).fill(typed);
    await submit(page, lang);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.sent.phone.title') })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Assen');
    await expect(page.getByRole('status')).toContainText(typed);
    await expect(page.getByText(sc(lang, 'consent.sent.phone.ask'))).toBeVisible();
    await expect(page.locator('[data-reference]')).toHaveText(/RK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/);
    // How to stop without e-mail: the municipality's own number, from the register in content/contacts/.
    await expect(page.locator('[data-municipal-contact]')).toContainText(getRulebook().contacts.GM0106!.phone!);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${lang} asked to be called`);
  });
}

test('a wrong address shows the errors and keeps everything typed, answers included, also in another language', async ({ page }) => {
  await openForm(page, 'nl');
  await contactBox(page, 'nl').check();
  await ruleChangesBox(page, 'nl').check();
  await emailField(page, 'nl').fill('ank@');
  await phoneField(page, 'nl').fill('06 12345678');
  await submit(page, 'nl');

  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(s('nl', 'check.errors.titlePrefix'))}`));
  const summary = page.locator('#error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: sc('nl', 'consent.errors.email-invalid') })).toBeVisible();
  // Rule changes need the answers kept: the unticked share box is named too.
  await expect(summary.getByRole('link', { name: sc('nl', 'consent.errors.share-required') })).toBeVisible();
  await expect(emailField(page, 'nl')).toHaveValue('ank@');
  await expect(emailField(page, 'nl')).toHaveAttribute('aria-invalid', 'true');
  await expect(phoneField(page, 'nl')).toHaveValue('06 12345678');
  await expect(contactBox(page, 'nl')).toBeChecked();
  await expect(ruleChangesBox(page, 'nl')).toBeChecked();
  await expect(shareBox(page, 'nl')).not.toBeChecked();
  await expect(page.locator('.consent-answers')).toContainText(s('nl', 'check.fields.rent.short'));
  await expectAccessible(page, 'nl consent with errors');

  // Switching language keeps what was typed.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: sc('en', 'consent.page.title') })).toBeVisible();
  await expect(emailField(page, 'en')).toHaveValue('ank@');
  await expect(phoneField(page, 'en')).toHaveValue('06 12345678');
  await expect(contactBox(page, 'en')).toBeChecked();
  await expect(ruleChangesBox(page, 'en')).toBeChecked();

  // Fixing it sends the request with the same answers.
  const email = address('en', 'fixed');
  await emailField(page, 'en').fill(email);
  await shareBox(page, 'en').check();
  await submit(page, 'en');
  await expect(page.getByRole('heading', { level: 1, name: sc('en', 'consent.sent.title') })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(sc('en', 'consent.sent.text', { email }));
  // And back to the same result.
  await page.getByRole('button', { name: sc('en', 'consent.page.back') }).click();
  await expect(page.getByRole('heading', { level: 1, name: s('en', 'results.title') })).toBeVisible();
});

for (const lang of LANGUAGES) {
  test(`${lang}: the consent, confirm, withdraw and outbox pages are accessible`, async ({ page }) => {
    // These pages ship no JavaScript (checked below), so without it they are the same documents:
    // the no-JavaScript run audits Dutch, English and Arabic (right to left) to keep the suite short.
    test.skip(test.info().project.use.javaScriptEnabled === false && !['nl', 'en', 'ar'].includes(lang), 'same HTML as with JavaScript');
    const noScripts = async (what: string) => {
      if (test.info().project.use.javaScriptEnabled !== false) await expect(page.locator('script'), what).toHaveCount(0);
    };
    // The consent page with errors: the form sent empty from the results page.
    await openForm(page, lang);
    await submit(page, lang);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.page.title') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(page.locator('#error-summary')).toContainText(sc(lang, 'consent.errors.purpose-required'));
    await expect(page.locator('#error-summary')).toContainText(sc(lang, 'consent.errors.contact-required'));
    await expectAccessible(page, `${lang} consent errors`);
    await noScripts('consent page');

    const token = 'x'.repeat(43);
    expect((await page.goto(`${prefix(lang)}/bevestigen?t=${token}`))?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.confirm.unknownTitle') })).toBeVisible();
    await expectAccessible(page, `${lang} confirm unknown`);
    await noScripts('confirm page');

    expect((await page.goto(`${prefix(lang)}/afmelden?t=${token}`))?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.withdraw.goneTitle') })).toBeVisible();
    await expectAccessible(page, `${lang} withdraw unknown`);
    await noScripts('withdraw page');

    expect((await page.goto(`${prefix(lang)}/dev/outbox`))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: sc(lang, 'consent.outbox.title') })).toBeVisible();
    await expectAccessible(page, `${lang} outbox`);
    await noScripts('outbox');
  });
}
