/**
 * Five realistic households complete the whole check, in Dutch and in one other language, with
 * JavaScript on and off (the two Playwright projects). The results page must show every scheme the
 * engine returns for the same answers, with its status and amounts, and the disposable-income test.
 * A few concrete amounts are asserted as well: they come from the official Normenbrief 1 januari 2026
 * and the Wet op het kindgebonden budget amounts for 2026 (content/parameters, provenance official).
 */
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES, type ExampleId } from '../../src/site/examples.ts';
import { completeCheck } from './support/check.ts';
import type { Lang } from './support/env.ts';
import { expectedResult, money } from './support/expected.ts';
import { escapeRegExp, s } from './support/strings.ts';

const CASES: { id: ExampleId; other: Lang; verified?: (page: Page, lang: Lang) => Promise<void> }[] = [
  {
    id: 'alleenstaande-moeder-assen',
    other: 'ar',
    verified: async (page, lang) => {
      const kgb = page
        .getByRole('table', { name: s(lang, 'results.overviewCaption') })
        .getByRole('row', { name: /Kindgebonden budget|kindgebonden/i });
      // 2 × € 2.580 per child + € 724 for the child of 14 + € 3.416 single-parent supplement = € 9.300 a year.
      if (lang === 'nl') await expect(kgb).toContainText('€ 9.300,00');
      if (lang === 'nl') {
        // Bijstandsnorm alleenstaande ouder from 1 January 2026 (Normenbrief, bijlage I).
        await expect(page.getByRole('article', { name: 'Bijstand', exact: true })).toContainText('€ 1.401,50');
      }
    },
  },
  { id: 'gepensioneerd-stel-nijkerk', other: 'tr' },
  {
    id: 'jongere-bij-ouders',
    other: 'pl',
    verified: async (page, lang) => {
      // Jongerennorm alleenstaande 18–20 from 1 January 2026 (Normenbrief, bijlage I): € 345,99.
      if (lang === 'nl') await expect(page.getByRole('article', { name: 'Bijstand', exact: true })).toContainText('€ 345,99');
    },
  },
  { id: 'stel-met-huisgenoot-steenwijkerland', other: 'uk' },
  { id: 'zzp-tynaarlo', other: 'en' },
];

for (const c of CASES) {
  for (const lang of ['nl', c.other] as Lang[]) {
    test(`${c.id} (${lang}): the whole check shows the engine's schemes and amounts`, async ({ page }) => {
      const answers = { ...EXAMPLES[c.id] };
      await completeCheck(page, lang, answers);
      const expected = expectedResult(answers, lang);

      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByText(s(lang, 'results.municipality', { name: expected.municipality.name }))).toBeVisible();

      const overview = page.getByRole('table', { name: s(lang, 'results.overviewCaption') });
      for (const scheme of expected.schemes) {
        const card = page.getByRole('article', { name: scheme.name, exact: true });
        await expect(card, scheme.id).toBeVisible();
        await expect(card, scheme.id).toContainText(s(lang, `results.status.${scheme.status}`));
        const row = overview.getByRole('row', { name: new RegExp(`^${escapeRegExp(scheme.name)}`) });
        await expect(row, scheme.id).toContainText(s(lang, `results.status.${scheme.status}`));
        if (scheme.status === 'not-eligible') continue;
        if (scheme.amountVaries) {
          await expect(card, scheme.id).toContainText(s(lang, 'results.scheme.amountVaries'));
          continue;
        }
        if (scheme.amount.monthly > 0) await expect(row, scheme.id).toContainText(money(scheme.amount.monthly, lang));
        if (scheme.amount.yearly > 0) await expect(row, scheme.id).toContainText(money(scheme.amount.yearly, lang));
        if (scheme.exOfficio.possible && scheme.status !== 'already-receiving')
          await expect(card).toContainText(s(lang, 'results.scheme.exOfficio'));
      }
      // Nothing more than the engine returned.
      await expect(overview.getByRole('row')).toHaveCount(expected.schemes.length + 1);

      const di = expected.disposableIncome;
      const incomeTable = page.getByRole('table', { name: s(lang, 'results.di.incomeTable') });
      for (const line of di.income.lines.filter((l) => l.counted)) await expect(incomeTable).toContainText(money(line.monthly, lang));
      // Lines that do not count in the test are listed apart, each with why.
      const apart = [...di.income.lines, ...di.fixedCosts.lines].filter((l) => !l.counted);
      for (const line of apart) await expect(page.locator('[data-di-not-counted]')).toContainText(money(line.monthly, lang));
      await expect(page.locator('[data-keep-total]').first()).toContainText(money(expected.ledger.keep.monthly, lang));
      await expect(incomeTable.getByRole('row').last()).toContainText(money(di.income.monthly, lang));
      const costsTable = page.getByRole('table', { name: s(lang, 'results.di.costsTable') });
      await expect(costsTable.getByRole('row', { name: new RegExp(escapeRegExp(s(lang, 'results.di.left'))) })).toContainText(
        money(di.disposable.monthly, lang),
      );
      for (const step of di.steps) await expect(page.getByRole('listitem').filter({ hasText: step.text }).first()).toBeVisible();

      await c.verified?.(page, lang);
    });
  }
}
