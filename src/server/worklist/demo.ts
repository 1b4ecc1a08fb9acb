/**
 * Example residents for trying the console on a development machine (`cli admin demo`): a handful of
 * households of different kinds, languages and sources, asking to be contacted through the real
 * consent code (request, then confirmation), so the worklist, campaigns and dashboard have something
 * to show. Addresses are @example.org. Never used in production (the command refuses).
 */
import { runCheck } from '../../contract/check.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import { confirmConsent } from '../consent/confirm.ts';
import { requestConsent } from '../consent/request.ts';
import { token } from '../security/secrets.ts';
import { CONSENT_TEXT_VERSION } from '../../contract/consent.ts';
import type { Services } from '../services.ts';
import { syncCases } from './cases.ts';

type Person = { id: string; role: string; age: number };
type Income = { person: string; type: string; amount: number; period: 'month'; basis: 'net' };

interface Example {
  language: 'nl' | 'en' | 'ar' | 'tr' | 'pl' | 'uk';
  people: Person[];
  incomes: Income[];
  rent?: number;
  share: boolean;
  organisation?: string;
  phone?: string;
}

const EXAMPLES: Example[] = [
  {
    language: 'nl',
    people: [
      { id: 'a', role: 'applicant', age: 38 },
      { id: 'c1', role: 'child', age: 8 },
      { id: 'c2', role: 'child', age: 14 },
    ],
    incomes: [
      { person: 'a', type: 'wages', amount: 900, period: 'month', basis: 'net' },
      { person: 'a', type: 'bijstand', amount: 420, period: 'month', basis: 'net' },
    ],
    rent: 650,
    share: true,
    phone: '06 1234 5678',
  },
  {
    language: 'en',
    people: [
      { id: 'a', role: 'applicant', age: 45 },
      { id: 'p', role: 'partner', age: 44 },
      { id: 'c1', role: 'child', age: 17 },
      { id: 'c2', role: 'child', age: 12 },
    ],
    incomes: [{ person: 'a', type: 'wages', amount: 1900, period: 'month', basis: 'net' }],
    rent: 780,
    share: true,
    organisation: 'Bibliotheek',
  },
  {
    language: 'nl',
    people: [{ id: 'a', role: 'applicant', age: 69 }],
    incomes: [
      { person: 'a', type: 'aow', amount: 1450, period: 'month', basis: 'net' },
      { person: 'a', type: 'pension', amount: 120, period: 'month', basis: 'net' },
    ],
    rent: 610,
    share: false,
  },
  {
    language: 'tr',
    people: [{ id: 'a', role: 'applicant', age: 26 }],
    incomes: [{ person: 'a', type: 'wages', amount: 1350, period: 'month', basis: 'net' }],
    rent: 540,
    share: true,
  },
  {
    language: 'ar',
    people: [
      { id: 'a', role: 'applicant', age: 52 },
      { id: 'p', role: 'partner', age: 49 },
    ],
    incomes: [{ person: 'a', type: 'benefit-ww', amount: 1500, period: 'month', basis: 'net' }],
    rent: 700,
    share: true,
    organisation: 'Humanitas',
  },
  {
    language: 'pl',
    people: [
      { id: 'a', role: 'applicant', age: 41 },
      { id: 'c1', role: 'child', age: 17 },
    ],
    incomes: [{ person: 'a', type: 'wages', amount: 1500, period: 'month', basis: 'net' }],
    rent: 690,
    share: true,
  },
  {
    language: 'uk',
    people: [
      { id: 'a', role: 'applicant', age: 34 },
      { id: 'c1', role: 'child', age: 4 },
    ],
    incomes: [{ person: 'a', type: 'bijstand', amount: 1300, period: 'month', basis: 'net' }],
    rent: 620,
    share: false,
    organisation: 'Humanitas',
  },
];

export async function seedDemoResidents(s: Services, municipality: string): Promise<number> {
  const today = todayInNetherlands(s.now());
  let created = 0;
  for (const [i, e] of EXAMPLES.entries()) {
    const household = {
      municipality,
      language: e.language,
      people: e.people,
      incomes: e.incomes,
      housing: e.rent ? { type: 'rent', rent: e.rent } : { type: 'none' },
    };
    const checked = runCheck(household, s.rulebook, { today, computedAt: s.now().toISOString() });
    if (!checked.ok) continue;
    const schemeIds = checked.result.schemes.filter((x) => x.status === 'eligible' || x.status === 'maybe').map((x) => x.id);
    const r = await requestConsent(
      s,
      {
        email: `bewoner${i + 1}.${Date.now().toString(36)}@example.org`,
        ...(e.phone ? { phone: e.phone } : {}),
        purposes: ['contact'],
        schemeIds,
        municipality,
        language: e.language,
        shareHousehold: e.share,
        ...(e.share ? { household } : {}),
        consentTextVersion: CONSENT_TEXT_VERSION,
        source: e.organisation ? 'volunteer' : 'resident',
        ...(e.organisation ? { organisation: e.organisation } : {}),
      },
      { ip: `demo-${Date.now()}-${i}` },
      checked.result,
    );
    if (!r.ok) continue;
    await confirmConsent(s, token(s.secret, 'confirm', r.requestId));
    created++;
  }
  await syncCases(s, municipality);
  return created;
}
