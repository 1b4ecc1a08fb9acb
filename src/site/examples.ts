/**
 * Example households, as answers to the check. The results page shows one with `?voorbeeld=<id>`
 * (computed by the engine like any other answers: nothing here is a result), the home page links to
 * the first, the end-to-end tests fill them in through the form, and `npm run bench` measures the
 * results page with them.
 */
import type { Answers } from './answers.ts';

export const EXAMPLES = {
  /**
   * Ank from the Drentsche Aa kadernota 2025–2028 (seed 000): a single mother in Assen with two
   * children of 8 and 14, working two days a week in a shoe shop, with a bijstand top-up and toeslagen.
   */
  'alleenstaande-moeder-assen': {
    place: '9402',
    age: '38',
    partner: 'no',
    childAges: '8, 14',
    housing: 'rent',
    rent: '690',
    serviceCosts: '35',
    'inc.a': 'wages,bijstand',
    'inc.a.wages.amount': '1020',
    'inc.a.wages.period': 'month',
    'inc.a.wages.basis': 'gross',
    'inc.a.wages.hours': '16',
    'inc.a.bijstand.amount': '540',
    'inc.a.bijstand.period': 'month',
    'inc.a.bijstand.basis': 'net',
    'cost.healthInsurancePremium': '158',
    'cost.energy': '170',
    'cost.water': '25',
    'cost.localTaxes': '35',
    savings: '400',
    receiving: 'bijstand,zorgtoeslag,huurtoeslag,kindgebonden-budget,kinderbijslag',
  },
  /** A pensioner couple in Nijkerk with AOW and a small pension, renting. */
  'gepensioneerd-stel-nijkerk': {
    place: 'Nijkerk',
    age: '72',
    partner: 'yes',
    partnerAge: '69',
    housing: 'rent',
    rent: '640',
    serviceCosts: '25',
    'inc.a': 'aow,pension',
    'inc.a.aow.amount': '1050',
    'inc.a.aow.period': 'month',
    'inc.a.aow.basis': 'net',
    'inc.a.pension.amount': '310',
    'inc.a.pension.period': 'month',
    'inc.a.pension.basis': 'gross',
    'inc.p': 'aow',
    'inc.p.aow.amount': '1050',
    'inc.p.aow.period': 'month',
    'inc.p.aow.basis': 'net',
    'cost.healthInsurancePremium': '318',
    'cost.energy': '185',
    'cost.water': '30',
    'cost.localTaxes': '48',
    savings: '14500',
    receiving: 'zorgtoeslag',
  },
  /** A young person of 20 living with their parents (who own the house), with a small part-time job. */
  'jongere-bij-ouders': {
    place: 'Aa en Hunze',
    age: '20',
    partner: 'no',
    otherAges: '51, 53',
    housing: 'none',
    'inc.a': 'wages',
    'inc.a.wages.amount': '480',
    'inc.a.wages.period': 'four-weeks',
    'inc.a.wages.basis': 'net',
    'inc.a.wages.hours': '12',
    'cost.healthInsurancePremium': '152',
    savings: '1200',
  },
  /** A couple with a housemate in Steenwijkerland: WW and part-time wages, renting together. */
  'stel-met-huisgenoot-steenwijkerland': {
    place: 'Steenwijkerland',
    age: '45',
    partner: 'yes',
    partnerAge: '43',
    otherAges: '31',
    housing: 'rent',
    rent: '820',
    serviceCosts: '40',
    'inc.a': 'benefit-ww',
    'inc.a.benefit-ww.amount': '1380',
    'inc.a.benefit-ww.period': 'month',
    'inc.a.benefit-ww.basis': 'net',
    'inc.p': 'wages',
    'inc.p.wages.amount': '910',
    'inc.p.wages.period': 'month',
    'inc.p.wages.basis': 'net',
    'inc.p.wages.hours': '20',
    'inc.h1': 'wages',
    'inc.h1.wages.amount': '1650',
    'inc.h1.wages.period': 'month',
    'inc.h1.wages.basis': 'net',
    'cost.healthInsurancePremium': '305',
    'cost.energy': '210',
    'cost.water': '35',
    'cost.localTaxes': '52',
    'cost.debtRepayments': '150',
    savings: '2100',
    debts: '3500',
    receiving: 'zorgtoeslag',
  },
  /** A self-employed person (zzp) in Tynaarlo, single, with a low profit. */
  'zzp-tynaarlo': {
    place: '9481',
    age: '52',
    partner: 'no',
    housing: 'rent',
    rent: '735',
    'inc.a': 'self-employment',
    'inc.a.self-employment.amount': '14400',
    'inc.a.self-employment.period': 'year',
    'inc.a.self-employment.basis': 'net',
    'cost.healthInsurancePremium': '156',
    'cost.energy': '160',
    'cost.water': '24',
    'cost.localTaxes': '40',
    savings: '6000',
    receiving: 'zorgtoeslag',
  },
} as const satisfies Record<string, Answers>;

export type ExampleId = keyof typeof EXAMPLES;
export const EXAMPLE_IDS = Object.keys(EXAMPLES) as ExampleId[];

export function isExampleId(value: unknown): value is ExampleId {
  // `in` would also find `constructor`, `toString` and the rest of Object.prototype.
  return typeof value === 'string' && Object.hasOwn(EXAMPLES, value);
}

export function exampleAnswers(id: ExampleId): Answers {
  return { ...EXAMPLES[id] };
}
