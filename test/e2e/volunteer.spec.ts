/**
 * Volunteer mode in Chromium, with JavaScript on and off: a volunteer of a partner organisation
 * fills in the one-page form with the resident, sees the result in the resident's language next to
 * Dutch, prints the next-steps sheet and refers the resident to the municipality. On a shared
 * computer nothing stays behind: "end session" and the idle timeout leave no answers in storage,
 * cookies, the cache or the history. A referral reaches the worklist of the resident's municipality
 * and no other. axe checks every page, in all six languages.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type Response } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { downloadTaggedPdf } from './support/pdf.ts';
import { LANGUAGES, prefix, type Lang } from './support/env.ts';
import { escapeRegExp, s } from './support/strings.ts';
import { c, login, seedStaff, startConsole, type Console, type Staff } from './console/support.ts';

type Tree = { [key: string]: string | string[] | Tree };
const catalogues = new Map<Lang, Tree>();

/** A string of the volunteer catalogue with `{{name}}` filled in; throws when missing. */
function v(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  if (!catalogues.has(lang))
    catalogues.set(
      lang,
      JSON.parse(readFileSync(new URL(`../../src/i18n/locales/${lang}/volunteer.json`, import.meta.url), 'utf8')) as Tree,
    );
  let node: string | string[] | Tree | undefined = catalogues.get(lang);
  for (const part of `volunteer.${key}`.split('.')) node = typeof node === 'object' && !Array.isArray(node) ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing volunteer string ${lang}:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => String(params[n] ?? `{{${n}}}`));
}

const PHONE = '06 1234 5678';

/** Every response of a volunteer page must forbid caching. */
function watchCaching(page: Page): string[] {
  const cached: string[] = [];
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (r.request().resourceType() === 'document' && /\/hulp(\/|$)/.test(url.pathname) && r.headers()['cache-control'] !== 'no-store')
      cached.push(`${r.request().method()} ${url.pathname}: ${r.headers()['cache-control'] ?? '(none)'}`);
  });
  return cached;
}

/** Start (partner link), the one-page form with a follow-up question, and the result. */
async function fillIn(page: Page, base: string, lang: Lang, resident: Lang, place = 'Assen', org = 'humanitas-assen'): Promise<void> {
  await page.goto(`${base}${prefix(lang)}/hulp/${org}`);
  await expect(page.getByLabel(v(lang, 'start.organisation'))).toHaveValue(org);
  await page.getByLabel(v(lang, 'start.language')).selectOption(resident);
  await page.getByRole('button', { name: v(lang, 'start.submit') }).click();
  await expect(page.getByRole('heading', { level: 1, name: v(lang, 'form.title') })).toBeVisible();
  await expectAccessible(page, `${lang} volunteer form`);
  await expect(page.locator('form.volunteer-form')).toHaveAttribute('autocomplete', 'off');
  await expect(page.getByLabel(v(lang, 'check.fields.age.label'))).toHaveAttribute('autocomplete', 'off');
  await page.getByLabel(v(lang, 'check.fields.place.label')).fill(place);
  await page.getByLabel(v(lang, 'check.fields.age.label')).fill('38');
  await page.locator('input[name=partner][value=no]').check();
  await page.getByLabel(s(lang, 'check.fields.childAges.label')).fill('8, 14');
  await page.locator('input[name=housing][value=rent]').check();
  await page.getByLabel(v(lang, 'check.fields.rent.label')).fill('650');
  await page.locator('input[name="inc.a"][value=wages]').check();
  await page.getByRole('button', { name: v(lang, 'form.results') }).click();
  // Choosing wages brings in the amount: the form says so and keeps what was typed.
  await expect(page.locator('#error-summary')).toBeVisible();
  await expect(page.getByLabel(v(lang, 'check.fields.age.label'))).toHaveValue('38');
  if (lang === 'nl') await expectAccessible(page, `${lang} volunteer form with errors`);
  await page.locator('[name="inc.a.wages.amount"]').fill('900');
  await page.locator('input[name="inc.a.wages.period"][value=month]').check();
  await page.locator('input[name="inc.a.wages.basis"][value=net]').check();
  await page.getByRole('button', { name: v(lang, 'form.results') }).click();
  await expect(page.getByRole('heading', { level: 1, name: v(lang, 'results.title') })).toBeVisible();
}

/**
 * Nothing of the session in the browser: storage, IndexedDB, Cache Storage, cookies. During a session
 * the one cookie is the browser's random key for its sealed addresses (src/site/sealed.ts): HttpOnly,
 * gone when the browser closes, no answers in it; after "end session" there is none.
 */
async function expectNothingStored(page: Page, during = false): Promise<void> {
  const cookies = await page.context().cookies();
  if (during) {
    expect(cookies.map((c) => [c.name, c.httpOnly, c.expires])).toEqual([['rk_k', true, -1]]);
    expect(cookies[0]!.value).toMatch(/^[A-Za-z0-9_-]{24}$/);
  } else expect(cookies).toEqual([]);
  if (test.info().project.use.javaScriptEnabled === false) return;
  const left = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: ((await indexedDB.databases?.()) ?? []).map((d) => d.name),
    caches: await caches.keys(),
  }));
  expect(left).toEqual({ local: 0, session: 0, databases: [], caches: [] });
}

/** Going back after the end shows nothing of the session (no answers, no reference). */
async function expectBackShowsNothing(page: Page, secrets: string[]): Promise<void> {
  const ended = page.url();
  const back = await page.goBack({ waitUntil: 'commit' }).then(
    () => 'shown',
    (e: Error) => e.message,
  );
  // Back goes back to an address whose sealed answers only the deleted browser key opened
  // (src/site/sealed.ts): it leads to the start, never to the browser's "confirm form resubmission".
  await expect.poll(() => page.url()).not.toBe(ended);
  expect(back).toBe('shown');
  for (const move of ['back', 'reload', 'forward', 'reload'] as const) {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    for (const secret of secrets) expect(text, `${move} shows "${secret}"`).not.toContain(secret);
    if (move === 'back') await page.reload();
    else if (move === 'forward') await page.goForward().catch(() => undefined);
    else await page.reload();
  }
}

for (const [lang, resident] of [
  ['nl', 'ar'],
  ['ar', 'ar'],
] as const) {
  test(`${lang}: a volunteer fills in, prints the sheet, refers the resident and ends the session`, async ({ page }) => {
    const cached = watchCaching(page);
    await fillIn(page, '', lang, resident);
    // The result in the resident's language next to Dutch (or once, when that is the language).
    const columns = lang === 'nl' ? [resident, 'nl'] : [resident, 'nl'];
    for (const l of columns) await expect(page.locator(`[data-column="${l}"]`)).toHaveAttribute('lang', l);
    await expect(page.locator('[data-column="nl"] [data-scheme="huurtoeslag"]')).toContainText('Huurtoeslag');
    // The volunteer can explain why: the reasons with their source, folded under each scheme (issue 14).
    for (const l of columns) {
      const why = page.locator(`[data-column="${l}"] [data-scheme="huurtoeslag"] [data-why]`);
      await why.locator('summary').click();
      await expect(why.locator('li').first()).toBeVisible();
      await expect(why.getByRole('link').first()).toHaveAttribute('href', /^https:\/\//);
    }
    await expectAccessible(page, `${lang} volunteer result`);

    // The next-steps sheet: per scheme a checklist, in both languages.
    await page.getByRole('button', { name: v(lang, 'results.sheet') }).click();
    await expect(page.getByRole('heading', { level: 1, name: v(lang, 'sheet.pageTitle') })).toBeVisible();
    await expect(page.locator('.volunteer-sheet[lang=nl] [data-scheme="huurtoeslag"] .volunteer-checklist li').first()).toBeVisible();
    await expect(page.locator(`.volunteer-sheet[lang=${resident}] [data-scheme="huurtoeslag"]`)).toBeVisible();
    // How to reach the municipality: content knows no phone for the Werkplein, so the municipality's own
    // number and postal address from the government's register (content/contacts/), on both sheets.
    for (const l of new Set([resident, 'nl'])) {
      await expect(page.locator(`.volunteer-sheet[lang=${l}] [data-sheet-register]`)).toContainText('(0592) 36 69 11');
      await expect(page.locator(`.volunteer-sheet[lang=${l}] [data-sheet-register]`)).toContainText('Postbus 30018');
    }
    await expectAccessible(page, `${lang} next-steps sheet`);
    if (lang === 'nl') {
      // The same sheet as a PDF, made on the server and sent without being kept.
      const pdf = await downloadTaggedPdf(page, page.getByRole('button', { name: v(lang, 'results.pdf') }), 'next-steps-sheet');
      expect(pdf.filename).toBe('rondkomen-stappenplan.pdf');
      expect(pdf.text).toContain(v(lang, 'sheet.pageTitle'));
    }
    await page.getByRole('button', { name: v(lang, 'sheet.back') }).click();

    // The referral: refused without the resident's yes, with what was typed kept.
    await page.getByLabel(v(lang, 'referral.phone')).fill(PHONE);
    await page.getByRole('button', { name: v(lang, 'referral.submit') }).click();
    await expect(page.getByRole('alert')).toContainText(v(lang, 'referral.errors.consent'));
    await expect(page.getByLabel(v(lang, 'referral.phone'))).toHaveValue(PHONE);
    await expect(page.locator('input[name=phone]')).toHaveAttribute('autocomplete', 'off');
    await expectAccessible(page, `${lang} referral with errors`);
    await page.getByLabel(v(lang, 'referral.consent', { organisation: 'Humanitas Thuisadministratie Assen' })).check();
    // Without the desk code nobody vouches that the resident is present: an e-mail address is needed,
    // and the resident confirms by mail first (the desk-code flow is below).
    await page.getByRole('button', { name: v(lang, 'referral.submit') }).click();
    await expect(page.getByRole('alert')).toContainText(v(lang, 'referral.errors.emailNeeded'));
    // One address per run: the site allows three requests per address a day.
    const EMAIL = `inwoner.${lang}.${test.info().project.name}@example.org`;
    await page.getByLabel(v(lang, 'referral.email')).fill(EMAIL);
    await page.getByRole('button', { name: v(lang, 'referral.submit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: v(lang, 'referral.pendingTitle') })).toBeVisible();
    if (lang === 'nl') await expectAccessible(page, `${lang} referral waiting for confirmation`);
    // No readable answers in the URL, ever: at most a sealed token (src/site/sealed.ts).
    expect(page.url()).toMatch(/\/hulp\/doorverwijzen(\?s=[A-Za-z0-9_-]+)?$/);
    expect(Buffer.from(new URL(page.url()).searchParams.get('s') ?? '', 'base64url').toString('latin1')).not.toMatch(
      /Assen|example\.org|inc\.a/,
    );
    await expectNothingStored(page, true);

    // End the session: nothing left, and Back does not bring the answers back.
    await page.getByRole('button', { name: v(lang, 'end.button') }).click();
    await expect(page.getByRole('heading', { level: 1, name: v(lang, 'end.title') })).toBeVisible();
    await expectAccessible(page, `${lang} session ended`);
    await expectNothingStored(page);
    expect(cached).toEqual([]);
    await expectBackShowsNothing(page, [EMAIL, PHONE, v(lang, 'results.title')]);
  });
}

test('end session and the idle timeout clear what the browser kept, after a warning', async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, 'the timer and the clean-up need JavaScript');
  await page.clock.install();
  // Something another visitor left behind: the check's saved answers, a tab copy and a database.
  await page.goto('/check');
  await page.evaluate(async () => {
    localStorage.setItem('rondkomen.check.saved', '{"answers":{"age":"71"}}');
    sessionStorage.setItem('rondkomen.check', '{"answers":{"age":"71"}}');
    await new Promise<void>((done) => {
      const r = indexedDB.open('left-behind');
      r.onsuccess = () => {
        r.result.close();
        done();
      };
    });
  });
  await page.goto('/hulp');
  await page.getByRole('button', { name: v('nl', 'start.submit') }).click();
  await page.getByLabel(v('nl', 'check.fields.age.label')).fill('67');
  await page.getByRole('button', { name: v('nl', 'form.update') }).click();
  await expect(page.getByLabel(v('nl', 'check.fields.age.label'))).toHaveValue('67');

  // 14 minutes without activity: a warning; "still busy" starts the 15 minutes again.
  await page.clock.runFor('14:01');
  const warning = page.getByRole('alert').filter({ hasText: v('nl', 'end.warning', { seconds: 60 }) });
  await expect(warning).toBeVisible();
  await page.getByRole('button', { name: v('nl', 'end.stay') }).click();
  await expect(warning).toBeHidden();
  await page.clock.runFor('14:30');
  await expect(page.getByLabel(v('nl', 'check.fields.age.label'))).toHaveValue('67');
  // Then the full quarter of an hour: the session ends by itself.
  await page.clock.runFor('01:00');
  await expect(page.getByRole('heading', { level: 1, name: v('nl', 'end.title') })).toBeVisible();
  await expectNothingStored(page);
  await expectBackShowsNothing(page, ['67']);
});

for (const lang of LANGUAGES) {
  test(`${lang}: the start page, the figures page and the home page link are accessible`, async ({ page }) => {
    // The pages have no script of their own: without JavaScript, Dutch is enough (the flows above cover Arabic).
    test.skip(lang !== 'nl' && test.info().project.use.javaScriptEnabled === false, 'covered with JavaScript on');
    const response = await page.goto(`${prefix(lang)}/hulp`);
    expect(response?.headers()['cache-control']).toBe('no-store');
    await expect(page.getByRole('heading', { level: 1, name: v(lang, 'start.title') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expectAccessible(page, `${lang} volunteer start`);
    await page.goto(`${prefix(lang)}/hulp/organisatie/sociaal-werk-de-kop`);
    await expect(page.getByRole('heading', { level: 1, name: v(lang, 'figures.title', { name: 'Sociaal Werk De Kop' }) })).toBeVisible();
    await expectAccessible(page, `${lang} organisation figures`);
    await page.goto(`${prefix(lang)}/`);
    await page.getByRole('link', { name: v(lang, 'home.link') }).click();
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(prefix(lang))}/hulp$`));
  });
}

test.describe('a referral and the worklists', () => {
  test.describe.configure({ mode: 'serial' });
  let con: Console;
  let assen: Staff;
  let nijkerk: Staff;

  let assenAdmin: Staff;

  test.beforeAll(async () => {
    con = await startConsole();
    assen = await seedStaff(con.s, 'GM0106', 'caseworker');
    assenAdmin = await seedStaff(con.s, 'GM0106', 'admin');
    nijkerk = await seedStaff(con.s, 'GM0267', 'caseworker');
  });
  test.afterAll(async () => {
    await con?.stop();
  });

  test('reaches the worklist of the resident’s municipality and no other; the organisation sees a count only', async ({
    page,
    browser,
  }) => {
    test.skip(test.info().project.use.javaScriptEnabled === false, 'the flow without JavaScript is covered above');
    // Assen issues a desk code to its library.
    const admin = await (await browser.newContext()).newPage();
    await login(admin, con.base, assenAdmin);
    await admin.goto(`${con.base}/beheer/balies`);
    await admin.getByLabel(c('desks.organisation')).selectOption('bibliotheek-assen');
    await admin.getByLabel(c('desks.label')).fill('Centrum, dinsdag');
    await admin.getByRole('button', { name: c('desks.submit') }).click();
    const deskCode = (await admin.locator('#desk-code').innerText()).trim();
    await expectAccessible(admin, 'desk codes with a new code');

    // A volunteer of the Assen library helps a resident of Nijkerk: the case goes to Nijkerk.
    await fillIn(page, con.base, 'nl', 'tr', 'Nijkerk', 'bibliotheek-assen');
    await page.getByLabel(v('nl', 'referral.consent', { organisation: 'Bibliotheek Assen (Informatiepunt Digitale Overheid)' })).check();
    await page.getByLabel(v('nl', 'referral.phone')).fill(PHONE);
    await page.getByLabel(v('nl', 'referral.deskCode')).fill('fout-fout-fout-fout');
    await page.getByRole('button', { name: v('nl', 'referral.submit') }).click();
    await expect(page.getByRole('alert')).toContainText(v('nl', 'referral.errors.deskCode'));
    await page.getByLabel(v('nl', 'referral.deskCode')).fill(deskCode);
    await page.getByRole('button', { name: v('nl', 'referral.submit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: v('nl', 'referral.doneTitle') })).toBeVisible();
    const reference = (await page.locator('[data-reference]').innerText()).trim();
    expect(reference).toMatch(/^RK-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectAccessible(page, 'nl referral done');
    await page.getByRole('button', { name: v('nl', 'results.sheet') }).click();
    await expect(page.locator('[data-sheet-reference]').first()).toContainText(reference);
    // What happens after the referral, and how to reach the desk (content/, with the number when it has one).
    await expect(page.locator('.volunteer-sheet[lang=nl] [data-sheet-after-referral]')).toContainText(
      v('nl', 'sheet.afterReferral', { municipality: 'Nijkerk' }),
    );
    await expect(page.locator('.volunteer-sheet[lang=nl] .contact-list')).toContainText('14 033');
    await page.getByRole('button', { name: v('nl', 'end.button') }).click();
    await expect(page.getByRole('heading', { level: 1, name: v('nl', 'end.title') })).toBeVisible();

    const staffPage = await (await browser.newContext()).newPage();
    await login(staffPage, con.base, nijkerk);
    await staffPage.goto(`${con.base}/beheer/werklijst?bron=volunteer`);
    const row = staffPage.getByRole('row').filter({ hasText: 'Bibliotheek Assen (Informatiepunt Digitale Overheid)' });
    await expect(row).toHaveCount(1);
    await row.getByRole('link').first().click();
    await expect(staffPage.locator('[data-reference]')).toHaveText(reference);
    await expect(staffPage.getByText(PHONE)).toBeVisible();
    await expect(staffPage.getByText(c('case.noEmail'))).toBeVisible();
    const caseUrl = staffPage.url();

    const other = await (await browser.newContext()).newPage();
    await login(other, con.base, assen);
    await other.goto(`${con.base}/beheer/werklijst?status=all`);
    await expect(other.getByRole('row').filter({ hasText: 'Bibliotheek Assen' })).toHaveCount(0);
    const direct = await other.goto(caseUrl);
    expect(direct?.status()).toBe(404);

    // The organisation's figures: one referral, shown as "fewer than 5", and nothing about the person.
    await page.goto(`${con.base}/hulp/organisatie/bibliotheek-assen`);
    const consented = page.locator('tr[data-stage=consented]');
    await expect(consented).toContainText(v('nl', 'figures.fewer', { n: 5 }));
    const body = await page.locator('main').innerText();
    for (const secret of [reference, PHONE, 'Nijkerk']) expect(body).not.toContain(secret);
  });
});
