/**
 * Walks through the check like a person does: it reads the heading to know the step, finds each
 * question by its label or legend, answers it from an `Answers` object and presses "Next". The same
 * driver runs with JavaScript on (the island) and off (the form posts to the Astro action).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  costKeys,
  incomeFieldNames,
  incomePeople,
  incomeTypesOf,
  listOf,
  people,
  possibleStudents,
  STEPS,
  type Answers,
  type PersonRef,
  type StepId,
} from '../../../src/site/answers.ts';
import { getRulebook } from './expected.ts';
import { prefix, type Lang } from './env.ts';
import { escapeRegExp, s } from './strings.ts';

export function personName(lang: Lang, p: PersonRef): string {
  const age = p.age ?? '?';
  const key = { a: 'you', p: 'partner', c: 'child', k: 'adultChild', h: 'other' }[p.kind];
  return s(lang, `check.people.${key}`, { n: p.n, age });
}

export function stepTitle(lang: Lang, step: StepId): string {
  return s(lang, `check.steps.${step}.title`);
}

export async function currentStep(page: Page, lang: Lang): Promise<StepId> {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  const text = (await heading.textContent())?.trim() ?? '';
  const step = STEPS.find((id) => stepTitle(lang, id) === text);
  if (!step) throw new Error(`unknown step heading "${text}"`);
  return step;
}

function group(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('group', { name, exact: false });
}

async function radio(scope: Page | Locator, legend: string, option: string): Promise<void> {
  await group(scope, legend).getByRole('radio', { name: option, exact: true }).check();
}

async function fill(scope: Page | Locator, label: string, value: string | undefined): Promise<void> {
  await scope.getByLabel(new RegExp(`^${escapeRegExp(label)}`)).fill(value ?? '');
}

function schemeName(lang: Lang, id: string): string {
  const rb = getRulebook();
  const national = rb.schemes[id];
  if (national) return national.texts[lang].name;
  for (const m of Object.values(rb.municipalities)) {
    const local = m.schemes.find((x) => x.id === id);
    if (local) return local.texts[lang].name;
  }
  return id;
}

/** Answers the questions of one step (all of them, so a re-visit leaves the same answers). */
export async function answerStep(page: Page, lang: Lang, step: StepId, a: Answers): Promise<void> {
  const t = (key: string, params?: Record<string, string | number>) => s(lang, `check.${key}`, params);
  switch (step) {
    case 'gemeente':
      await fill(page, t('fields.place.label'), a.place);
      break;
    case 'jij':
      await fill(page, t('fields.age.label'), a.age);
      await radio(page, t('fields.partner.legend'), a.partner === 'yes' ? t('common.yes') : t('common.no'));
      if (a.partner === 'yes') await fill(page, t('fields.partnerAge.label'), a.partnerAge);
      break;
    case 'huis':
      await fill(page, t('fields.childAges.label'), a.childAges);
      await fill(page, t('fields.adultChildAges.label'), a.adultChildAges);
      await fill(page, t('fields.otherAges.label'), a.otherAges);
      break;
    case 'studie': {
      const chosen = new Set(listOf(a.students));
      for (const p of possibleStudents(a)) {
        const box = group(page, t('fields.students.legend')).getByRole('checkbox', { name: personName(lang, p), exact: true });
        await box.setChecked(chosen.has(p.key));
      }
      break;
    }
    case 'wonen':
      await radio(page, t('fields.housing.legend'), t(`fields.housing.options.${a.housing}`));
      if (a.housing === 'rent') {
        await fill(page, t('fields.rent.label'), a.rent);
        await fill(page, t('fields.serviceCosts.label'), a.serviceCosts);
      }
      break;
    case 'inkomen':
      for (const p of incomePeople(a)) {
        const chosen = listOf(a[`inc.${p.key}`]);
        if (p.kind === 'a' || p.kind === 'p') {
          const legend = t(p.kind === 'a' ? 'fields.incomeTypes.legendYou' : 'fields.incomeTypes.legendPartner');
          for (const type of chosen.length > 0 ? chosen : ['none']) {
            await group(page, legend)
              .getByRole('checkbox', { name: t(`incomeTypes.${type}`), exact: true })
              .check();
          }
        } else {
          const label = t('fields.incomeTypes.labelOther', { person: personName(lang, p) });
          await page.getByLabel(label, { exact: true }).selectOption({ label: t(`incomeTypes.${chosen[0] ?? 'none'}`) });
        }
      }
      break;
    case 'bedragen':
      for (const p of incomePeople(a)) {
        for (const type of incomeTypesOf(a, p.key)) {
          const f = incomeFieldNames(p.key, type);
          const box = group(page, t('fields.amount.legend', { type: t(`incomeTypes.${type}`), person: personName(lang, p) }));
          await fill(box, t('fields.amount.label'), a[f.amount]);
          await radio(box, t('fields.period.legend'), t(`fields.period.options.${a[f.period] ?? 'month'}`));
          await radio(box, t('fields.basis.legend'), t(`fields.basis.options.${a[f.basis] ?? 'net'}`));
          if (f.hours) await fill(box, t('fields.hours.label'), a[f.hours]);
        }
      }
      break;
    case 'lasten':
      for (const k of costKeys(a)) await fill(page, t(`fields.costs.${k}.label`), a[`cost.${k}`]);
      break;
    case 'geld':
      await fill(page, t('fields.savings.label'), a.savings);
      await fill(page, t('fields.debts.label'), a.debts);
      break;
    case 'regelingen': {
      const chosen = new Set(listOf(a.receiving));
      for (const id of chosen) {
        await group(page, t('fields.receiving.legend'))
          .getByRole('checkbox', { name: schemeName(lang, id), exact: true })
          .check();
      }
      break;
    }
    case 'overzicht':
      break;
  }
}

/**
 * With JavaScript on, waits until the check's island has taken over the server-rendered form (Astro
 * removes `ssr` from the island then); what is typed before that is not the island's yet.
 */
export async function islandsReady(page: Page): Promise<void> {
  if (test.info().project.use.javaScriptEnabled === false) return;
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

export async function next(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: s(lang, 'check.buttons.next'), exact: true }).click();
}

/** Does the whole check and opens the result. Returns the steps it saw, in order. */
export async function completeCheck(page: Page, lang: Lang, a: Answers): Promise<StepId[]> {
  await page.goto(`${prefix(lang)}/check`);
  await islandsReady(page);
  const seen: StepId[] = [];
  for (let i = 0; i < 20; i++) {
    const step = await currentStep(page, lang);
    seen.push(step);
    if (step === 'overzicht') {
      await page.getByRole('button', { name: s(lang, 'check.buttons.results'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: s(lang, 'results.title') })).toBeVisible();
      return seen;
    }
    await answerStep(page, lang, step, a);
    await next(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(stepTitle(lang, step));
  }
  throw new Error(`the check did not end; steps seen: ${seen.join(', ')}`);
}

export { people };
