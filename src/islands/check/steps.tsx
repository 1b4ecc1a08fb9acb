/**
 * The questions of each step. Every step renders all of its fields on the server; with JavaScript,
 * follow-up questions (such as the partner's age) show only when they apply.
 */
import {
  costKeys,
  HOUSING_TYPES,
  INCOME_TYPES,
  incomeFieldNames,
  incomePeople,
  incomeTypesOf,
  listOf,
  OTHER_INCOME_TYPES,
  parseAmount,
  people,
  PERIODS,
  possibleStudents,
  type Answers,
  type FieldError,
  type PersonRef,
  type StepId,
} from '../../site/answers.ts';
import { resolvePlace, type PlaceIndex } from '../../site/places.ts';
import { Bidi } from './Bidi.tsx';
import { ChoiceGroup, Help, SelectField, TextField, type FieldContext } from './fields.tsx';
import type { Translate } from './strings.ts';
import { intlLocale, numberFormat } from '../../i18n/intl-formats.ts';

export interface SchemeChoice {
  id: string;
  name: string;
  /** Only offered when it can apply: with children, renting. */
  when?: 'children' | 'rent' | undefined;
}

export interface StepData {
  places: PlaceIndex;
  /** Municipality codes with schemes of their own. */
  known: ReadonlySet<string>;
  nationalSchemes: SchemeChoice[];
  municipalSchemes: Record<string, SchemeChoice[]>;
  language: string;
}

export interface StepProps {
  ctx: FieldContext;
  draft: Answers;
  data: StepData;
  enhanced: boolean;
}

/** How a person is named in questions: "jij", "je partner", "kind 2 (14 jaar)". */
export function personName(t: Translate, p: PersonRef): string {
  const age = p.age ?? '?';
  switch (p.kind) {
    case 'a':
      return t('people.you', { age });
    case 'p':
      return t('people.partner', { age });
    case 'c':
      return t('people.child', { n: p.n, age });
    case 'k':
      return t('people.adultChild', { n: p.n, age });
    case 'h':
      return t('people.other', { n: p.n, age });
  }
}

function formatEuros(value: number, language: string): string {
  return numberFormat(intlLocale(language), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
}

/** "That is about € 975 per month": plain arithmetic on the period, to help with four-weekly pay. */
export function perMonthPreview(t: Translate, amount: string | undefined, period: string | undefined, language: string): string {
  if (!amount || !period || period === 'month') return '';
  const r = parseAmount(amount);
  if (!r.ok) return '';
  const monthly = period === 'four-weeks' ? (r.value * 13) / 12 : r.value / 12;
  return t('fields.amount.perMonth', { amount: formatEuros(monthly, language) });
}

function GemeenteStep({ ctx, draft, data }: StepProps) {
  const t = ctx.t;
  const r = resolvePlace(draft.place ?? '', data.places);
  let live = '';
  if (r.kind === 'found') {
    live = t(data.known.has(r.place.code) ? 'fields.place.found' : 'fields.place.foundNoSchemes', {
      name: r.place.name,
      province: r.place.province,
    });
  }
  const ambiguous = r.kind === 'ambiguous' ? r.candidates : [];
  return (
    <>
      <TextField ctx={ctx} name="place" label={t('fields.place.label')} hint={t('fields.place.hint')} list="check-places" live={live} />
      <datalist id="check-places">
        {data.places.places.map((p) => (
          <option key={p.code} value={p.name} />
        ))}
      </datalist>
      {ambiguous.length > 0 ? (
        <ChoiceGroup
          ctx={ctx}
          name="municipality"
          legend={t('fields.municipality.legend')}
          options={ambiguous.map((c) => ({ value: c.code, label: `${c.name} (${c.province})` }))}
          selected={[draft.municipality ?? '']}
        />
      ) : null}
      <Help summary={t('fields.place.helpTitle')}>
        <p class="utrecht-paragraph">{t('fields.place.help')}</p>
      </Help>
    </>
  );
}

function JijStep({ ctx, draft }: StepProps) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="age" label={t('fields.age.label')} hint={t('fields.age.hint')} kind="number" />
      <ChoiceGroup
        ctx={ctx}
        name="partner"
        legend={t('fields.partner.legend')}
        hint={t('fields.partner.hint')}
        selected={[draft.partner ?? '']}
        options={[
          {
            value: 'yes',
            label: t('common.yes'),
            reveal: <TextField ctx={ctx} name="partnerAge" label={t('fields.partnerAge.label')} kind="number" />,
          },
          { value: 'no', label: t('common.no') },
        ]}
      />
    </>
  );
}

function HuisStep({ ctx }: StepProps) {
  const t = ctx.t;
  return (
    <>
      <p class="utrecht-paragraph">{t('steps.huis.intro')}</p>
      <TextField ctx={ctx} name="childAges" label={t('fields.childAges.label')} hint={t('fields.childAges.hint')} optional kind="list" />
      <TextField
        ctx={ctx}
        name="adultChildAges"
        label={t('fields.adultChildAges.label')}
        hint={t('fields.adultChildAges.hint')}
        optional
        kind="list"
      />
      <TextField ctx={ctx} name="otherAges" label={t('fields.otherAges.label')} hint={t('fields.otherAges.hint')} optional kind="list" />
      <Help summary={t('fields.otherAges.helpTitle')}>
        <p class="utrecht-paragraph">{t('fields.otherAges.help')}</p>
      </Help>
    </>
  );
}

function StudieStep({ ctx, draft }: StepProps) {
  const t = ctx.t;
  return (
    <ChoiceGroup
      ctx={ctx}
      name="students"
      legend={t('fields.students.legend')}
      hint={t('fields.students.hint')}
      optional
      multiple
      selected={listOf(draft.students)}
      options={possibleStudents(draft).map((p) => ({ value: p.key, label: personName(t, p) }))}
    />
  );
}

function WonenStep({ ctx, draft }: StepProps) {
  const t = ctx.t;
  return (
    <ChoiceGroup
      ctx={ctx}
      name="housing"
      legend={t('fields.housing.legend')}
      selected={[draft.housing ?? '']}
      options={HOUSING_TYPES.map((h) => ({
        value: h,
        label: t(`fields.housing.options.${h}`),
        reveal:
          h === 'rent' ? (
            <>
              <TextField ctx={ctx} name="rent" label={t('fields.rent.label')} hint={t('fields.rent.hint')} kind="money" />
              <TextField
                ctx={ctx}
                name="serviceCosts"
                label={t('fields.serviceCosts.label')}
                hint={t('fields.serviceCosts.hint')}
                optional
                kind="money"
              />
            </>
          ) : undefined,
      }))}
    />
  );
}

function InkomenStep({ ctx, draft }: StepProps) {
  const t = ctx.t;
  const list = incomePeople(draft);
  return (
    <>
      {list.map((p) =>
        p.kind === 'a' || p.kind === 'p' ? (
          <ChoiceGroup
            key={p.key}
            ctx={ctx}
            name={`inc.${p.key}`}
            legend={t(p.kind === 'a' ? 'fields.incomeTypes.legendYou' : 'fields.incomeTypes.legendPartner')}
            hint={t('fields.incomeTypes.hint')}
            multiple
            selected={listOf(draft[`inc.${p.key}`])}
            options={[...INCOME_TYPES, 'none'].map((type) => ({ value: type, label: t(`incomeTypes.${type}`) }))}
          />
        ) : (
          <SelectField
            key={p.key}
            ctx={ctx}
            name={`inc.${p.key}`}
            label={t('fields.incomeTypes.labelOther', { person: personName(t, p) })}
            hint={t('fields.incomeTypes.hintOther')}
            options={[...OTHER_INCOME_TYPES, 'none'].map((type) => ({ value: type, label: t(`incomeTypes.${type}`) }))}
          />
        ),
      )}
    </>
  );
}

function BedragenStep({ ctx, draft, data }: StepProps) {
  const t = ctx.t;
  return (
    <>
      <Help summary={t('fields.amount.helpTitle')}>
        <p class="utrecht-paragraph">{t('fields.amount.helpNet')}</p>
        <p class="utrecht-paragraph">{t('fields.amount.helpGross')}</p>
        <p class="utrecht-paragraph">{t('fields.amount.helpPeriod')}</p>
      </Help>
      {incomePeople(draft).flatMap((p) =>
        incomeTypesOf(draft, p.key).map((type) => {
          const f = incomeFieldNames(p.key, type);
          const heading = t('fields.amount.legend', { type: t(`incomeTypes.${type}`), person: personName(t, p) });
          const preview = perMonthPreview(t, draft[f.amount], draft[f.period], data.language);
          return (
            <fieldset class="utrecht-form-fieldset--html-fieldset check-income" key={f.amount}>
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend check-income__legend">
                <Bidi text={heading} rtl={ctx.rtl} />
              </legend>
              <TextField
                ctx={ctx}
                name={f.amount}
                label={t('fields.amount.label')}
                hint={t(`fields.amount.hints.${type}`)}
                kind="money"
                live={preview}
              />
              <ChoiceGroup
                ctx={ctx}
                name={f.period}
                legend={t('fields.period.legend')}
                inline
                selected={[draft[f.period] ?? 'month']}
                options={PERIODS.map((v) => ({ value: v, label: t(`fields.period.options.${v}`) }))}
              />
              <ChoiceGroup
                ctx={ctx}
                name={f.basis}
                legend={t('fields.basis.legend')}
                selected={[draft[f.basis] ?? '']}
                options={[
                  { value: 'net', label: t('fields.basis.options.net'), hint: t('fields.basis.hints.net') },
                  { value: 'gross', label: t('fields.basis.options.gross'), hint: t('fields.basis.hints.gross') },
                ]}
              />
              {f.hours ? (
                <TextField ctx={ctx} name={f.hours} label={t('fields.hours.label')} hint={t('fields.hours.hint')} optional kind="number" />
              ) : null}
            </fieldset>
          );
        }),
      )}
    </>
  );
}

function LastenStep({ ctx, draft }: StepProps) {
  const t = ctx.t;
  return (
    <>
      <p class="utrecht-paragraph">{t('steps.lasten.intro')}</p>
      {costKeys(draft).map((k) => (
        <TextField
          key={k}
          ctx={ctx}
          name={`cost.${k}`}
          label={t(`fields.costs.${k}.label`)}
          hint={t(`fields.costs.${k}.hint`)}
          optional
          kind="money"
        />
      ))}
    </>
  );
}

function GeldStep({ ctx }: StepProps) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="savings" label={t('fields.savings.label')} hint={t('fields.savings.hint')} optional kind="money" />
      <TextField ctx={ctx} name="debts" label={t('fields.debts.label')} hint={t('fields.debts.hint')} optional kind="money" />
      <Help summary={t('fields.savings.helpTitle')}>
        <p class="utrecht-paragraph">{t('fields.savings.help')}</p>
      </Help>
    </>
  );
}

/** The schemes someone may already receive, only those that can apply to this household. */
export function receivingChoices(draft: Answers, data: StepData, municipality: string | undefined): SchemeChoice[] {
  const withChildren = people(draft).some((p) => p.kind === 'c');
  const local = municipality ? (data.municipalSchemes[municipality] ?? []) : [];
  const seen = new Set<string>();
  return [...data.nationalSchemes, ...local].filter((s) => {
    if (seen.has(s.id)) return false;
    seen.add(s.id);
    if (s.when === 'children') return withChildren;
    if (s.when === 'rent') return draft.housing === 'rent';
    return true;
  });
}

function RegelingenStep({ ctx, draft, data }: StepProps) {
  const t = ctx.t;
  const options = receivingChoices(draft, data, draft.municipality);
  return (
    <ChoiceGroup
      ctx={ctx}
      name="receiving"
      legend={t('fields.receiving.legend')}
      hint={t('fields.receiving.hint')}
      optional
      multiple
      selected={listOf(draft.receiving)}
      options={options.map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

export const STEP_COMPONENTS: Record<Exclude<StepId, 'overzicht'>, (p: StepProps) => preact.JSX.Element> = {
  gemeente: GemeenteStep,
  jij: JijStep,
  huis: HuisStep,
  studie: StudieStep,
  wonen: WonenStep,
  inkomen: InkomenStep,
  bedragen: BedragenStep,
  lasten: LastenStep,
  geld: GeldStep,
  regelingen: RegelingenStep,
};

/** The label of a field in the error summary: the question, with the person where it matters. */
export function fieldLabel(t: Translate, draft: Answers, e: FieldError): string {
  const name = e.field;
  const m = /^inc\.(a|p|[ckh]\d+)(?:\.([a-z-]+)\.(amount|period|basis|hours))?$/.exec(name);
  if (m) {
    const person = people(draft).find((p) => p.key === m[1]);
    const who = person ? personName(t, person) : '';
    if (!m[2]) return t('fields.incomeTypes.short', { person: who });
    const part =
      m[3] === 'amount'
        ? t('fields.amount.label')
        : m[3] === 'period'
          ? t('fields.period.legend')
          : m[3] === 'basis'
            ? t('fields.basis.legend')
            : t('fields.hours.short');
    return `${t(`incomeTypes.${m[2]}`)} (${who}) – ${part}`;
  }
  if (name.startsWith('cost.')) return t(`fields.costs.${name.slice(5)}.label`);
  return t(`fields.${name}.short`);
}
