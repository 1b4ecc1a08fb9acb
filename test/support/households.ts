/** Households used across contract tests, in the contract's JSON form (euros). */
export const ank = {
  referenceDate: '2026-01-01',
  municipality: 'GM0106',
  language: 'nl',
  people: [
    { id: 'ank', role: 'applicant', age: 38 },
    { id: 'c1', role: 'child', age: 8 },
    { id: 'c2', role: 'child', age: 14 },
  ],
  incomes: [
    { person: 'ank', type: 'wages', amount: 900, period: 'month', basis: 'net' },
    { person: 'ank', type: 'bijstand', amount: 420, period: 'month', basis: 'net' },
  ],
  assets: 1200,
  housing: { type: 'rent', rent: 650, serviceCosts: 35 },
  costs: { healthInsurancePremium: 155, energy: 140, water: 25, localTaxes: 35, debtRepayments: 50 },
  receiving: ['zorgtoeslag', 'huurtoeslag', 'kindgebonden-budget', 'kinderbijslag'],
};
