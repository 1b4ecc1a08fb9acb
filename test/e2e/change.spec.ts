/**
 * "Er verandert iets": from the results, pick a life event and see before and after. Two households
 * from the policy notes (seed 000): the single mother of Assen whose oldest child turns 18, and a
 * bijstand recipient who starts working 16 hours a week. In Dutch and one other language, with
 * JavaScript on and off (the two projects). The expected amounts come from the engine with the same
 * answers on the server's pinned date, and a few from published tables (cited where asserted).
 * Then axe on every state of the page in all six languages, the print style and the PDF download.
 */
import { expect, test, type Page } from '@playwright/test';
import { parseHousehold } from '../../src/contract/check.ts';
import { checkEvent, type Comparison } from '../../src/engine/compare.ts';
import type { EventAnswers } from '../../src/engine/events.ts';
import type { Answers } from '../../src/site/answers.ts';
import { EXAMPLES } from '../../src/site/examples.ts';
import { answersToHousehold } from '../../src/site/household.ts';
import { placeIndex } from '../../src/site/rulebook-data.ts';
import { expectAccessible } from './support/axe.ts';
import { completeCheck } from './support/check.ts';
import { downloadTaggedPdf } from './support/pdf.ts';
import { E2E_TODAY, LANGUAGES, prefix, type Lang } from './support/env.ts';
import { getRulebook, money } from './support/expected.ts';
import { escapeRegExp, s } from './support/strings.ts';

/** Ank from the Drentsche Aa kadernota (seed 000), with her oldest child now 17 instead of 14. */
const MOTHER: Answers = { ...EXAMPLES['alleenstaande-moeder-assen'], childAges: '8, 17' };

/** A single person of 35 in Assen on bijstand, renting, who is about to start work. */
const BIJSTAND: Answers = {
  place: '9402',
  age: '35',
  partner: 'no',
  housing: 'rent',
  rent: '600',
  'inc.a': 'bijstand',
  'inc.a.bijstand.amount': '1401,50',
  'inc.a.bijstand.period': 'month',
  'inc.a.bijstand.basis': 'net',
  'cost.healthInsurancePremium': '158',
  'cost.energy': '120',
  savings: '500',
  receiving: 'bijstand,zorgtoeslag,huurtoeslag',
};

function expectedChange(answers: Answers, lang: Lang, event: string, eventAnswers: EventAnswers): Comparison {
  const rb = getRulebook();
  const parsed = parseHousehold(answersToHousehold(answers, lang, placeIndex(rb, E2E_TODAY)), { today: E2E_TODAY });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return checkEvent(parsed.household, rb, event, eventAnswers).comparison;
}

const eventText = (id: string, lang: Lang) => getRulebook().events[id]!.texts[lang];
const euros = (cents: number) => cents / 100;

async function pickEvent(page: Page, lang: Lang, event: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: s(lang, 'change.title') })).toBeVisible();
  await page
    .getByRole('group', { name: s(lang, 'change.pick.legend') })
    .getByRole('radio', { name: eventText(event, lang).name, exact: true })
    .check();
  await page.getByRole('button', { name: s(lang, 'change.pick.next'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: eventText(event, lang).name })).toBeVisible();
}

async function fillInput(page: Page, lang: Lang, event: string, input: string, value: string): Promise<void> {
  await page.getByLabel(new RegExp(`^${escapeRegExp(eventText(event, lang).inputs[input]!)}`)).fill(value);
}

async function submit(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: s(lang, 'change.questions.submit'), exact: true }).click();
}

/** Every scheme that changes, with the engine's amounts before and after, and what is left. */
async function expectComparison(page: Page, lang: Lang, event: string, c: Comparison): Promise<void> {
  await expect(
    page.getByRole('heading', { level: 1, name: s(lang, 'change.compare.title', { event: eventText(event, lang).name }) }),
  ).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  const table = page.getByRole('table', { name: s(lang, 'change.table.caption') });
  const shown = c.schemes.filter((x) => x.change !== 'none');
  await expect(table.getByRole('row')).toHaveCount(shown.length + 1);
  for (const x of shown) {
    const row = table.locator(`tr[data-scheme="${x.id}"]`);
    await expect(row, x.id).toContainText(s(lang, `change.kinds.${x.change}`));
    const varies = [...c.before.schemes, ...c.after.schemes].some((o) => o.id === x.id && o.amountVaries && o.status !== 'not-eligible');
    if (varies) continue;
    if (x.before && x.before.monthly > 0) await expect(row.locator('[data-before]'), x.id).toHaveText(money(euros(x.before.monthly), lang));
    if (x.after && x.after.monthly > 0) await expect(row.locator('[data-after]'), x.id).toHaveText(money(euros(x.after.monthly), lang));
    if (x.monthlyDelta !== 0) await expect(row.locator('[data-delta]'), x.id).toContainText(money(euros(Math.abs(x.monthlyDelta)), lang));
  }
  await expect(page.locator('[data-left-before]')).toHaveText(money(euros(c.keep.before), lang));
  await expect(page.locator('[data-left-after]')).toHaveText(money(euros(c.keep.after), lang));
  const todo = page.getByRole('region', { name: s(lang, 'change.todo.title') });
  for (const a of c.actions) await expect(todo.locator(`[data-action="${a.code}"]`).first(), a.code).toBeVisible();
  for (const text of eventText(event, lang).todo) await expect(todo).toContainText(text);
}

for (const lang of ['nl', 'ar'] as Lang[]) {
  test(`the single mother whose oldest child turns 18 sees before and after (${lang})`, async ({ page }) => {
    const event = 'child-turns-18';
    const c = expectedChange(MOTHER, lang, event, { child: 'c2', date: '2026-09-30' });
    await completeCheck(page, lang, MOTHER);
    await page.getByRole('button', { name: s(lang, 'change.entry.resultsButton'), exact: true }).click();
    await pickEvent(page, lang, event);
    // Only her child of 17 can turn 18: already chosen.
    await expect(page.getByRole('radio', { name: s(lang, 'check.people.child', { n: 2, age: 17 }) })).toBeChecked();
    await fillInput(page, lang, event, 'date', '2026-09-30');
    await submit(page, lang);
    await expectComparison(page, lang, event, c);

    const kgb = page.locator('tr[data-scheme="kindgebonden-budget"]');
    await expect(kgb).toHaveAttribute('data-change', 'down');
    await expect(page.locator('tr[data-scheme="kinderbijslag"]')).toHaveAttribute('data-change', 'down');
    if (lang === 'nl') {
      // Dienst Toeslagen, kindgebonden budget 2026: 2 × € 2.580 + € 964 (child of 16–17) + € 3.416
      // (alleenstaande-ouderkop) = € 9.540 a year, € 795 a month; after: € 2.580 + € 3.416 = € 5.996 a
      // year, paid as an advance of € 499 a month.
      await expect(kgb.locator('[data-before]')).toHaveText('€ 795,00');
      await expect(kgb.locator('[data-after]')).toHaveText('€ 499,00');
    }
  });
}

for (const lang of ['nl', 'en'] as Lang[]) {
  test(`a bijstand recipient who starts working 16 hours a week sees what is left (${lang})`, async ({ page }) => {
    const event = 'start-work';
    const c = expectedChange(BIJSTAND, lang, event, { hours: 16, date: '2026-04-01' });
    await completeCheck(page, lang, BIJSTAND);
    await page.getByRole('button', { name: s(lang, 'change.entry.resultsButton'), exact: true }).click();
    await pickEvent(page, lang, event);

    // Bad input first: the message is in the user's language and the typed hours stay.
    await fillInput(page, lang, event, 'hours', '16');
    await fillInput(page, lang, event, 'date', '2026-01-05');
    await submit(page, lang);
    await expect(page.getByRole('alert')).toContainText(s(lang, 'change.errors.date-past'));
    await expect(page.getByLabel(new RegExp(`^${escapeRegExp(eventText(event, lang).inputs.hours!)}`))).toHaveValue('16');

    await fillInput(page, lang, event, 'date', '2026-04-01');
    await submit(page, lang);
    await expectComparison(page, lang, event, c);

    const bijstand = page.locator('tr[data-scheme="bijstand"]');
    await expect(bijstand).toHaveAttribute('data-change', 'down');
    // Bijstandsnorm for a single person from 1 January 2026 (Normenbrief, bijlage I): € 1.401,50.
    if (lang === 'nl') await expect(bijstand.locator('[data-before]')).toHaveText('€ 1.401,50');
    // 16 hours at the minimum wage, with the bijstand that tops it up: more left than before.
    expect(c.keep.delta).toBeGreaterThan(0);
    await expect(page.getByText(s(lang, 'change.left.more', { amount: money(euros(c.keep.delta), lang) }))).toBeVisible();
  });
}

for (const lang of ['nl', 'ar'] as Lang[]) {
  test(`more hours from 1 January 2027 are compared with the 2027 rules, and the page says which amounts are not yet published (${lang})`, async ({
    page,
  }) => {
    const event = 'work-more-hours';
    const answers = EXAMPLES['alleenstaande-moeder-assen'];
    const c = expectedChange(answers, lang, event, { extraHours: 8, date: '2027-01-01' });
    expect(c.after.referenceDate).toBe('2027-01-01');
    expect(c.after.receipt.provisional).toBe(true);
    await page.goto(`${prefix(lang)}/verandering?voorbeeld=alleenstaande-moeder-assen`);
    await pickEvent(page, lang, event);
    await fillInput(page, lang, event, 'extraHours', '8');
    await fillInput(page, lang, event, 'date', '2027-01-01');
    await submit(page, lang);
    await expectComparison(page, lang, event, c);
    await expect(page.locator('[data-note^="provisional-values"]')).toHaveCount(1);
    await expect(page.locator('[data-note^="provisional-values"]')).toContainText('2027');
    // Bijstand after the change is the 2027 amount, as the engine gives it for that date.
    const bijstand = c.schemes.find((x) => x.id === 'bijstand');
    if (bijstand?.after && bijstand.after.monthly > 0)
      await expect(page.locator('tr[data-scheme="bijstand"] [data-after]')).toHaveText(money(euros(bijstand.after.monthly), lang));
  });
}

for (const lang of LANGUAGES) {
  test(`every state of the change page is accessible (${lang})`, async ({ page }) => {
    const event = 'work-more-hours';
    const response = await page.goto(`${prefix(lang)}/verandering`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-store');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('link', { name: s(lang, 'common.startCheck') })).toBeVisible();
    await expectAccessible(page, `${lang} change intro`);

    await page.goto(`${prefix(lang)}/verandering?voorbeeld=alleenstaande-moeder-assen`);
    await expectAccessible(page, `${lang} change pick`);
    await pickEvent(page, lang, event);
    await submit(page, lang);
    await expect(page.getByRole('alert')).toContainText(s(lang, 'change.errors.required'));
    // The error state in Dutch and in the right-to-left language; the same markup in the others.
    if (lang === 'nl' || lang === 'ar') await expectAccessible(page, `${lang} change questions with errors`);

    await fillInput(page, lang, event, 'extraHours', '8');
    await fillInput(page, lang, event, 'date', '2026-06-01');
    await submit(page, lang);
    const c = expectedChange(EXAMPLES['alleenstaande-moeder-assen'], lang, event, { extraHours: 8, date: '2026-06-01' });
    await expect(page.locator('[data-left-after]')).toHaveText(money(euros(c.keep.after), lang));
    await expectAccessible(page, `${lang} change comparison`);
  });
}

test('the home page leads to the change page, and the comparison prints without buttons', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: s('nl', 'change.entry.homeLink'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s('nl', 'change.title') })).toBeVisible();
  await page.getByRole('link', { name: s('nl', 'change.examples.alleenstaande-moeder-assen') }).click();
  await pickEvent(page, 'nl', 'moving');
  await fillInput(page, 'nl', 'moving', 'municipality', 'Nijkerk');
  await fillInput(page, 'nl', 'moving', 'rent', '700');
  await fillInput(page, 'nl', 'moving', 'date', '2026-07-01');
  await submit(page, 'nl');
  await expect(page.getByText(s('nl', 'change.compare.move', { before: 'Assen', after: 'Nijkerk' }))).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: s('nl', 'layout.nav.label') })).toBeHidden();
  await expect(page.getByRole('button', { name: s('nl', 'change.again') })).toBeHidden();
  await expect(page.getByRole('table', { name: s('nl', 'change.table.caption') })).toBeVisible();
  await expect(page.getByRole('region', { name: s('nl', 'change.todo.title') })).toBeVisible();

  // The language switch keeps the event and its answers (posted, not in the address).
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: s('en', 'change.compare.title', { event: eventText('moving', 'en').name }) }),
  ).toBeVisible();
  await expect(page.getByText(s('en', 'change.compare.move', { before: 'Assen', after: 'Nijkerk' }))).toBeVisible();
  // Sealed in the address (src/site/sealed.ts): Back and Reload work, and nothing in it is readable.
  expect(page.url()).toMatch(/\/en\/verandering\?s=[A-Za-z0-9_-]+$/);
  expect(page.url()).not.toMatch(/Assen|Nijkerk|moving/);
});

for (const lang of ['nl', 'ar'] as Lang[]) {
  test(`the comparison downloads as a tagged PDF (${lang})`, async ({ page }) => {
    const event = 'work-more-hours';
    await page.goto(`${prefix(lang)}/verandering?voorbeeld=alleenstaande-moeder-assen`);
    await pickEvent(page, lang, event);
    await fillInput(page, lang, event, 'extraHours', '8');
    await fillInput(page, lang, event, 'date', '2026-06-01');
    await submit(page, lang);
    const pdf = await downloadTaggedPdf(
      page,
      page.getByRole('button', { name: s(lang, 'change.next.pdf'), exact: true }),
      `change-${lang}`,
    );
    expect(pdf.filename).toBe('rondkomen-verandering.pdf');
    if (lang === 'nl') {
      expect(pdf.text).toContain(s('nl', 'change.compare.title', { event: eventText(event, 'nl').name }));
      expect(pdf.text).toContain(s('nl', 'change.todo.title'));
      // Buttons do not print.
      expect(pdf.text).not.toContain(s('nl', 'change.next.pdf'));
    }
  });
}
