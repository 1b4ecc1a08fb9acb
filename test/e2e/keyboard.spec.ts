/**
 * The whole check with only the keyboard: Tab to move, typing, arrow keys for radio buttons, Space
 * for checkboxes, Enter for buttons. Runs with JavaScript on and off. Every focused element must show
 * a visible focus indicator.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EXAMPLES } from '../../src/site/examples.ts';
import { costKeys, incomeFieldNames, incomeTypesOf, listOf, type Answers, type StepId } from '../../src/site/answers.ts';
import { currentStep, islandsReady } from './support/check.ts';
import { s } from './support/strings.ts';

const t = (key: string, params?: Record<string, string | number>) => s('nl', `check.${key}`, params);

async function isFocused(target: Locator): Promise<boolean> {
  try {
    await expect(target).toBeFocused({ timeout: 40 });
    return true;
  } catch {
    return false;
  }
}

/** Presses Tab until the target has focus (like a person would), and checks focus is visible. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) {
      await expect(target).toHaveCSS('outline-style', /solid|auto|dashed|dotted|double/);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

async function typeInto(page: Page, label: string | RegExp, value: string | undefined, scope: Page | Locator = page): Promise<void> {
  if (value === undefined) return;
  const field = scope.getByLabel(label);
  await tabTo(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
}

async function chooseRadio(page: Page, group: Locator, option: string): Promise<void> {
  const radios = group.getByRole('radio');
  const target = group.getByRole('radio', { name: option, exact: true });
  for (let i = 0; i < 80 && !(await isFocusedAny(radios)); i++) await page.keyboard.press('Tab');
  for (let i = 0; i < 10; i++) {
    if (await target.isChecked()) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${option}`);
}

async function isFocusedAny(list: Locator): Promise<boolean> {
  const n = await list.count();
  for (let i = 0; i < n; i++) if (await isFocused(list.nth(i))) return true;
  return false;
}

async function tick(page: Page, box: Locator): Promise<void> {
  await tabTo(page, box);
  if (!(await box.isChecked())) await page.keyboard.press('Space');
  await expect(box).toBeChecked();
}

async function press(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByRole('button', { name, exact: true }));
  await page.keyboard.press('Enter');
}

async function keyboardStep(page: Page, step: StepId, a: Answers): Promise<void> {
  switch (step) {
    case 'gemeente':
      await typeInto(page, new RegExp(`^${t('fields.place.label')}`), a.place);
      break;
    case 'jij':
      await typeInto(page, new RegExp(`^${t('fields.age.label')}`), a.age);
      await chooseRadio(
        page,
        page.getByRole('group', { name: t('fields.partner.legend') }),
        a.partner === 'yes' ? t('common.yes') : t('common.no'),
      );
      break;
    case 'huis':
      await typeInto(page, new RegExp(`^${t('fields.childAges.label')}`), a.childAges);
      break;
    case 'wonen':
      await chooseRadio(page, page.getByRole('group', { name: t('fields.housing.legend') }), t(`fields.housing.options.${a.housing}`));
      await typeInto(page, new RegExp(`^${t('fields.rent.label')}`), a.rent);
      await typeInto(page, new RegExp(`^${t('fields.serviceCosts.label')}`), a.serviceCosts);
      break;
    case 'inkomen':
      for (const type of listOf(a['inc.a']))
        await tick(
          page,
          page
            .getByRole('group', { name: t('fields.incomeTypes.legendYou') })
            .getByRole('checkbox', { name: t(`incomeTypes.${type}`), exact: true }),
        );
      break;
    case 'bedragen':
      for (const type of incomeTypesOf(a, 'a')) {
        const f = incomeFieldNames('a', type);
        const box = page.getByRole('group', {
          name: t('fields.amount.legend', { type: t(`incomeTypes.${type}`), person: t('people.you', { age: a.age! }) }),
        });
        await typeInto(page, t('fields.amount.label'), a[f.amount], box);
        await chooseRadio(page, box.getByRole('group', { name: t('fields.period.legend') }), t(`fields.period.options.${a[f.period]}`));
        await chooseRadio(page, box.getByRole('group', { name: t('fields.basis.legend') }), t(`fields.basis.options.${a[f.basis]}`));
        if (f.hours) await typeInto(page, new RegExp(`^${t('fields.hours.label')}`), a[f.hours], box);
      }
      break;
    case 'lasten':
      for (const k of costKeys(a)) await typeInto(page, new RegExp(`^${t(`fields.costs.${k}.label`)}`), a[`cost.${k}`]);
      break;
    case 'geld':
      await typeInto(page, new RegExp(`^${t('fields.savings.label')}`), a.savings);
      break;
    case 'regelingen':
      break;
    default:
      break;
  }
}

test('the single mother of the kadernota does the whole check with the keyboard', async ({ page }) => {
  const a = { ...EXAMPLES['alleenstaande-moeder-assen'] };
  await page.goto('/check');
  await islandsReady(page);
  // The first Tab reaches the skip link, which leads to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: s('nl', 'layout.skipLink') })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  for (let i = 0; i < 15; i++) {
    const step = await currentStep(page, 'nl');
    if (step === 'overzicht') break;
    await keyboardStep(page, step, a);
    await press(page, t('buttons.next'));
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(t(`steps.${step}.title`));
  }
  expect(await currentStep(page, 'nl')).toBe('overzicht');
  await press(page, t('buttons.results'));
  await expect(page.getByRole('heading', { level: 1, name: s('nl', 'results.title') })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Kindgebonden budget' })).toBeVisible();
});
