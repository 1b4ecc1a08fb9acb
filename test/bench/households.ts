/**
 * Deterministic generator of realistic contract households (JSON in euros) for benchmarks and
 * property tests: singles, single parents, couples, pensioners, housemates, in our five
 * municipalities and elsewhere.
 */
const MUNICIPALITIES = ['GM0106', 'GM1680', 'GM1730', 'GM0267', 'GM1708', 'GM0363', 'GM0014'];
const DATES = ['2025-03-01', '2025-09-01', '2026-01-01', '2026-07-01', '2026-11-22'];

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateHousehold(rand: () => number, id: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const euros = (lo: number, hi: number): number => Math.round((lo + rand() * (hi - lo)) * 100) / 100;
  const pensioner = rand() < 0.2;
  const age = pensioner ? between(67, 90) : between(18, 66);
  const people: Record<string, unknown>[] = [{ id: 'a', role: 'applicant', age }];
  const incomes: Record<string, unknown>[] = [];
  if (rand() < 0.45) people.push({ id: 'p', role: 'partner', age: pensioner ? between(62, 90) : between(18, 66) });
  if (!pensioner && rand() < 0.4)
    for (let i = 0, n = between(1, 3); i < n; i++) people.push({ id: `c${i}`, role: 'child', age: between(0, 17) });
  if (rand() < 0.1) people.push({ id: 'h', role: 'housemate', age: between(20, 70) });
  if (rand() < 0.08) people.push({ id: 'k', role: 'adult-child', age: between(18, 30), student: rand() < 0.5 });
  for (const p of people) {
    if (p['role'] === 'child') continue;
    const r = rand();
    const older = (p['age'] as number) >= 67;
    if (older) {
      incomes.push({ person: p['id'], type: 'aow', amount: euros(900, 1600), period: 'month', basis: 'net' });
      if (r < 0.6) incomes.push({ person: p['id'], type: 'pension', amount: euros(50, 1500), period: 'month', basis: 'gross' });
    } else if (r < 0.5) {
      incomes.push({
        person: p['id'],
        type: 'wages',
        amount: euros(300, 3500),
        period: pick(['month', 'four-weeks'] as const),
        basis: pick(['net', 'gross'] as const),
      });
    } else if (r < 0.65) {
      incomes.push({ person: p['id'], type: 'bijstand', amount: euros(300, 1400), period: 'month', basis: 'net' });
    } else if (r < 0.75) {
      incomes.push({
        person: p['id'],
        type: pick(['benefit-ww', 'benefit-wia', 'benefit-wajong'] as const),
        amount: euros(800, 2200),
        period: 'month',
        basis: 'net',
      });
    } else if (r < 0.82) {
      incomes.push({ person: p['id'], type: 'self-employment', amount: euros(5000, 45000), period: 'year', basis: 'gross' });
    }
  }
  const housing =
    rand() < 0.7
      ? { type: 'rent', rent: euros(350, 1100), serviceCosts: euros(0, 80) }
      : pick([{ type: 'owner' }, { type: 'none' }, { type: 'lodger' }]);
  return {
    id,
    referenceDate: pick(DATES),
    municipality: pick(MUNICIPALITIES),
    people,
    incomes,
    assets: euros(-2000, 30000),
    housing,
    costs: { healthInsurancePremium: euros(140, 320), energy: euros(80, 250), water: euros(15, 40), localTaxes: euros(20, 70) },
    receiving: rand() < 0.3 ? ['zorgtoeslag'] : [],
  };
}

/** NDJSON text of `count` households. */
export function* ndjsonLines(count: number, seed = 42): Generator<string> {
  const rand = random(seed);
  for (let i = 1; i <= count; i++) yield JSON.stringify(generateHousehold(rand, i));
}
