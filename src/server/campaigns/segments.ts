/**
 * Who a campaign reaches: residents of the municipality with a confirmed `contact` consent (they
 * asked the municipality to contact them), narrowed by one of:
 *
 * - flagged scheme: the resident asked about it, or their check flagged it (eligible or maybe);
 * - household type: single, single parent, couple, couple with children, from the answers the
 *   resident chose to share (residents who did not share them cannot be selected this way);
 * - a life event that comes with a birthday (content/events: a child turns 18, an adult child at home
 *   turns 27, reaching the AOW age…): with a date of birth in the shared answers, the birthday falls
 *   within the next 12 months; with only an age, the person had the age before the birthday on the
 *   date of the check, so the birthday falls within a year of the check (consents are kept at most 12
 *   months: it may just have passed). Moves and separations cannot be seen in one stored household:
 *   they come from the municipality's own records as an imported list;
 * - an imported list: e-mail addresses (uploaded, or those of a screening import), of which only keyed
 *   hashes are kept, matched against the consents.
 *
 * Residents whose case is no longer new (staff already contacted them) are left out, and so are
 * residents who withdrew (their consent is gone).
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { toEngineHousehold, householdSchema } from '../../contract/household.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import { addMonths, ageOn, birthday } from '../../engine/dates.ts';
import { householdType } from '../../engine/facts.ts';
import type { Rulebook } from '../../engine/rulebook.ts';
import type { HouseholdType, Person } from '../../engine/types.ts';
import { keyedHash } from '../consent/secrets.ts';
import { cases, consents, type Segment } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { caseSchemes, syncCases } from '../worklist/cases.ts';

export const HOUSEHOLD_TYPES: readonly HouseholdType[] = ['single', 'single-parent', 'couple', 'couple-with-children'];
/** How far ahead a life event with a known date of birth counts. */
export const LIFE_EVENT_MONTHS = 12;

type ConsentRow = typeof consents.$inferSelect;

/** The schemes a check flagged or the resident asked about. */
export function flaggedSchemes(consent: Pick<ConsentRow, 'schemeIds' | 'result'>): Set<string> {
  const flagged = new Set(consent.schemeIds);
  for (const x of consent.result?.schemes ?? [])
    if (x.status === 'eligible' || x.status === 'maybe' || x.status === 'flagged') flagged.add(x.id);
  return flagged;
}

/** The people of a stored household (contract JSON), or undefined when there is none or it no longer parses. */
function peopleOf(household: unknown): Person[] | undefined {
  if (!household) return undefined;
  const parsed = householdSchema.safeParse(household);
  if (!parsed.success) return undefined;
  return toEngineHousehold(parsed.data, parsed.data.referenceDate ?? '2000-01-01').people;
}

export function householdTypeOf(household: unknown): HouseholdType | undefined {
  const people = peopleOf(household);
  if (!people) return undefined;
  return householdType(
    people.find((p) => p.role === 'partner'),
    people.filter((p) => p.role === 'child'),
  );
}

/** Events that happen on a birthday: a person question limited to one age (as in src/engine/upcoming.ts). */
export function birthdayEvents(rulebook: Rulebook): { id: string; roles: readonly string[] | undefined; age: number }[] {
  const out: { id: string; roles: readonly string[] | undefined; age: number }[] = [];
  for (const event of Object.values(rulebook.events)) {
    const who = event.inputs.find((i) => i.type === 'person' && i.age !== undefined);
    if (who && event.inputs.some((i) => i.type === 'date')) out.push({ id: event.id, roles: who.roles, age: who.age! });
  }
  return out.sort((a, b) => a.age - b.age || a.id.localeCompare(b.id));
}

/**
 * Whether a birthday event is coming for someone in a stored household: undefined without shared
 * answers. `today` is a Dutch date.
 */
export function hasLifeEvent(
  household: unknown,
  event: { roles: readonly string[] | undefined; age: number },
  today: string,
): boolean | undefined {
  const people = peopleOf(household);
  if (!people) return undefined;
  const until = addMonths(today, LIFE_EVENT_MONTHS);
  return people.some((p) => {
    if (event.roles && !event.roles.includes(p.role)) return false;
    if (p.birthDate) return ageOn(p.birthDate, today) === event.age && birthday(p.birthDate, event.age + 1) <= until;
    return p.age === event.age;
  });
}

export function listHash(s: Services, email: string): string {
  return keyedHash(s.secret, `list:${email.trim().toLowerCase()}`);
}

export interface Recipient {
  consentId: string;
  language: string;
  /** The schemes to name in the mail. */
  schemeIds: string[];
}

export interface Audience {
  recipients: Recipient[];
  /** Matched the segment, but staff already contacted them. */
  contacted: number;
  /** Could not be judged: no shared household answers (household and life-event segments). */
  unknown: number;
  byLanguage: Record<string, number>;
}

/** The residents a segment reaches now. */
export async function audience(
  s: Services,
  municipality: string,
  segment: Segment,
  listHashes: readonly string[] | null,
): Promise<Audience> {
  await syncCases(s, municipality);
  const rows = await s.database.db
    .select({ consent: consents, status: cases.status })
    .from(consents)
    .innerJoin(cases, eq(cases.consentId, consents.id))
    .where(
      and(
        eq(consents.municipality, municipality),
        eq(consents.purpose, 'contact'),
        eq(consents.status, 'confirmed'),
        // A resident referred without an e-mail address is called, never mailed.
        isNotNull(consents.email),
      ),
    )
    .orderBy(asc(consents.confirmedAt), asc(consents.id));
  const hashes = new Set(listHashes ?? []);
  const today = todayInNetherlands(s.now());
  const lifeEvent = segment.kind === 'life-event' ? birthdayEvents(s.rulebook).find((e) => e.id === segment.event) : undefined;
  const out: Audience = { recipients: [], contacted: 0, unknown: 0, byLanguage: {} };
  for (const { consent, status } of rows) {
    let match: boolean | undefined;
    let schemeIds = caseSchemes(consent);
    switch (segment.kind) {
      case 'schemes': {
        const flagged = flaggedSchemes(consent);
        const hit = segment.schemeIds.filter((id) => flagged.has(id));
        match = hit.length > 0;
        schemeIds = hit;
        break;
      }
      case 'household': {
        const type = householdTypeOf(consent.household);
        match = type === undefined ? undefined : segment.types.includes(type);
        break;
      }
      case 'life-event':
        match = lifeEvent ? hasLifeEvent(consent.household, lifeEvent, today) : false;
        break;
      case 'list':
        match = consent.email !== null && hashes.has(listHash(s, consent.email));
        break;
    }
    if (match === undefined) {
      out.unknown++;
      continue;
    }
    if (!match) continue;
    if (status !== 'new') {
      out.contacted++;
      continue;
    }
    out.recipients.push({ consentId: consent.id, language: consent.language, schemeIds });
    out.byLanguage[consent.language] = (out.byLanguage[consent.language] ?? 0) + 1;
  }
  return out;
}
