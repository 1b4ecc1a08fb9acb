/** The summary before the result: every answer that applies, per step, with a button to change it. */
import {
  costKeys,
  incomeFieldNames,
  incomePeople,
  incomeTypesOf,
  listOf,
  municipalityOf,
  parseAgeList,
  parseAmount,
  people,
  possibleStudents,
  visibleSteps,
  type Answers,
  type StepId,
} from '../../site/answers.ts';
import { formatList } from '../../site/lists.ts';
import { Bidi } from './Bidi.tsx';
import { personName, receivingChoices, type StepData } from './steps.tsx';
import type { Translate } from './strings.ts';
import { intlLocale, numberFormat } from '../../i18n/intl-formats.ts';

type Row = { key: string; label: string; value: string };

function money(text: string | undefined, language: string): string {
  if (!text) return '';
  const r = parseAmount(text);
  if (!r.ok) return text;
  return numberFormat(intlLocale(language), { style: 'currency', currency: 'EUR' }).format(r.value);
}

function ages(t: Translate, text: string | undefined, language: string): string {
  const list = parseAgeList(text).filter((n): n is number => n !== undefined);
  return list.length === 0 ? t('summary.nobody') : t('summary.ages', { ages: formatList(list.map(String), language, 'comma') });
}

export function rowsFor(step: StepId, a: Answers, t: Translate, data: StepData): Row[] {
  const lang = data.language;
  switch (step) {
    case 'gemeente': {
      const code = municipalityOf(a, data.places);
      const place = data.places.places.find((p) => p.code === code);
      return [{ key: 'place', label: t('fields.place.short'), value: place ? `${place.name} (${place.province})` : (a.place ?? '') }];
    }
    case 'jij':
      return [
        { key: 'age', label: t('fields.age.short'), value: t('summary.years', { age: a.age ?? '' }) },
        {
          key: 'partner',
          label: t('fields.partner.short'),
          value: a.partner === 'yes' ? t('summary.partnerYes', { age: a.partnerAge ?? '' }) : t('common.no'),
        },
      ];
    case 'huis':
      return [
        { key: 'childAges', label: t('fields.childAges.short'), value: ages(t, a.childAges, lang) },
        { key: 'adultChildAges', label: t('fields.adultChildAges.short'), value: ages(t, a.adultChildAges, lang) },
        { key: 'otherAges', label: t('fields.otherAges.short'), value: ages(t, a.otherAges, lang) },
      ];
    case 'studie': {
      const chosen = new Set(listOf(a.students));
      const names = possibleStudents(a)
        .filter((p) => chosen.has(p.key))
        .map((p) => personName(t, p));
      return [
        {
          key: 'students',
          label: t('fields.students.short'),
          value: names.length > 0 ? formatList(names, lang, 'comma') : t('summary.nobody'),
        },
      ];
    }
    case 'wonen':
      return housingRows(a, t, lang);
    case 'inkomen':
      return incomeTypeRows(a, t, lang);
    case 'bedragen':
      return amountRows(a, t, lang);
    case 'lasten':
      return costRows(a, t, lang);
    case 'geld':
      return [
        { key: 'savings', label: t('fields.savings.short'), value: a.savings ? money(a.savings, lang) : t('summary.nothingFilledIn') },
        { key: 'debts', label: t('fields.debts.short'), value: a.debts ? money(a.debts, lang) : t('summary.nothingFilledIn') },
      ];
    case 'regelingen': {
      const chosen = new Set(listOf(a.receiving));
      const names = receivingChoices(a, data, municipalityOf(a, data.places))
        .filter((s) => chosen.has(s.id))
        .map((s) => s.name);
      return [
        {
          key: 'receiving',
          label: t('fields.receiving.short'),
          value: names.length > 0 ? formatList(names, lang, 'comma') : t('summary.none'),
        },
      ];
    }
    case 'overzicht':
      return [];
  }
}

/** The housing, and for a rented home the rent and service costs. */
function housingRows(a: Answers, t: Translate, lang: string): Row[] {
  const rows: Row[] = [
    { key: 'housing', label: t('fields.housing.short'), value: a.housing ? t(`fields.housing.options.${a.housing}`) : '' },
  ];
  if (a.housing === 'rent') {
    rows.push({ key: 'rent', label: t('fields.rent.short'), value: t('summary.perMonth', { amount: money(a.rent, lang) }) });
    if (a.serviceCosts)
      rows.push({
        key: 'serviceCosts',
        label: t('fields.serviceCosts.short'),
        value: t('summary.perMonth', { amount: money(a.serviceCosts, lang) }),
      });
  }
  return rows;
}

/** Per person, the kinds of income they have. */
function incomeTypeRows(a: Answers, t: Translate, lang: string): Row[] {
  return incomePeople(a).map((p) => {
    const types = incomeTypesOf(a, p.key);
    return {
      key: `inc.${p.key}`,
      label: t('fields.incomeTypes.short', { person: personName(t, p) }),
      value:
        types.length > 0
          ? formatList(
              types.map((type) => t(`incomeTypes.${type}`)),
              lang,
              'comma',
            )
          : t('incomeTypes.none'),
    };
  });
}

/** Per person and kind of income: the amount, its period and whether it is net or gross (and hours). */
function amountRows(a: Answers, t: Translate, lang: string): Row[] {
  return incomePeople(a).flatMap((p) =>
    incomeTypesOf(a, p.key).map((type) => {
      const f = incomeFieldNames(p.key, type);
      const parts = [
        money(a[f.amount], lang),
        t(`fields.period.options.${a[f.period] ?? 'month'}`).toLowerCase(),
        t(`fields.basis.options.${a[f.basis] ?? 'net'}`).toLowerCase(),
      ];
      if (f.hours && a[f.hours]) parts.push(t('summary.hours', { hours: a[f.hours]! }));
      return { key: f.amount, label: `${t(`incomeTypes.${type}`)} (${personName(t, p)})`, value: formatList(parts, lang, 'comma') };
    }),
  );
}

/** The fixed costs filled in, or that none were. */
function costRows(a: Answers, t: Translate, lang: string): Row[] {
  const rows = costKeys(a)
    .filter((k) => a[`cost.${k}`])
    .map((k) => ({
      key: `cost.${k}`,
      label: t(`fields.costs.${k}.short`),
      value: t('summary.perMonth', { amount: money(a[`cost.${k}`], lang) }),
    }));
  return rows.length > 0 ? rows : [{ key: 'costs', label: t('steps.lasten.title'), value: t('summary.nothingFilledIn') }];
}

export function Summary({ answers, t, data }: { answers: Answers; t: Translate; data: StepData }) {
  const steps = visibleSteps(answers).filter((s) => s !== 'overzicht');
  const peopleCount = people(answers).length;
  return (
    <div class="check-summary">
      <p class="utrecht-paragraph">{t('summary.intro', { count: peopleCount })}</p>
      {steps.map((step) => (
        <section key={step} class="check-summary__section" aria-labelledby={`summary-${step}`}>
          <div class="check-summary__header">
            <h2 class="utrecht-heading-2" id={`summary-${step}`}>
              {t(`steps.${step}.title`)}
            </h2>
            <button
              type="submit"
              name="_nav"
              value={`goto:${step}`}
              class="utrecht-button utrecht-button--secondary-action check-summary__change"
            >
              {t('summary.change')}
              <span class="visually-hidden">: {t(`steps.${step}.title`)}</span>
            </button>
          </div>
          <dl class="utrecht-data-list utrecht-data-list--rows check-summary__list">
            {rowsFor(step, answers, t, data).map((r) => (
              <div class="utrecht-data-list__item" key={r.key}>
                <dt class="utrecht-data-list__item-key">
                  <Bidi text={r.label} rtl={data.language === 'ar'} />
                </dt>
                <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
                  <Bidi text={r.value} rtl={data.language === 'ar'} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
