/**
 * Who a campaign reaches: residents of the municipality with a confirmed `contact` consent (they
 * asked the municipality to contact them), narrowed by one of:
 *
 * - flagged scheme: the resident asked about it, or their check flagged it (eligible or maybe);
 * - household type: single, single parent, couple, couple with children, from the answers the
 *   resident chose to share (residents who did not share them cannot be selected this way);
 * - a life event that comes with a birthday (content/events: a child turns 18, an adult child at home
 *   turns 27, reaching the AOW age…): with a date of birth in the shared answers, the birthday falls
 *   within the chosen window (the next 3, 6 or 12 months); with only an age, only for the 12-month window: the person had the age before the birthday on the
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
import { comingChanges, comingEvents, type Change, type EventChanges } from '../../contract/events.ts';
import { toEngineHousehold, householdSchema, typeOfHousehold } from '../../contract/household.ts';
import { todayInNetherlands } from '../../contract/today.ts';
import { addMonths, ageOn, birthday } from '../../engine/dates.ts';
import { toCents } from '../../engine/money.ts';
import type { Rulebook } from '../../engine/rulebook.ts';
import type { Household, HouseholdType, Person } from '../../engine/types.ts';
import { keyedHash } from '../security/secrets.ts';
import { cases, consents, type Segment } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { caseSchemes, syncCases } from '../worklist/cases.ts';

export const HOUSEHOLD_TYPES: readonly HouseholdType[] = ['single', 'single-parent', 'couple', 'couple-with-children'];
/** How far ahead a life event with a known date of birth counts, unless the campaign chose a shorter window. */
export const LIFE_EVENT_MONTHS = 12;
/** The windows staff can choose: the next quarter, half year or year. */
export const LIFE_EVENT_WINDOWS: readonly number[] = [3, 6, 12];

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
  return engineHousehold(household)?.people;
}

export function householdTypeOf(household: unknown): HouseholdType | undefined {
  const h = engineHousehold(household);
  return h && typeOfHousehold(h);
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
 * Whether a birthday event is coming within `months` for someone in a stored household: undefined
 * without shared answers. `today` is a Dutch date. With only an age (no date of birth) the birthday
 * falls somewhere within a year of the check: that counts for the 12-month window, but for a shorter
 * window it cannot be known (undefined, so staff see how many could not be judged).
 */
export function hasLifeEvent(
  household: unknown,
  event: { roles: readonly string[] | undefined; age: number },
  today: string,
  months: number = LIFE_EVENT_MONTHS,
): boolean | undefined {
  const people = peopleOf(household);
  if (!people) return undefined;
  const until = addMonths(today, months);
  let unknown = false;
  for (const p of people) {
    if (event.roles && !event.roles.includes(p.role)) continue;
    if (p.birthDate) {
      if (ageOn(p.birthDate, today) === event.age && birthday(p.birthDate, event.age + 1) <= until) return true;
    } else if (p.age === event.age) {
      if (months >= LIFE_EVENT_MONTHS) return true;
      unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/** The stored household for the engine, or undefined. */
function engineHousehold(household: unknown): Household | undefined {
  if (!household) return undefined;
  const parsed = householdSchema.safeParse(household);
  if (!parsed.success) return undefined;
  return toEngineHousehold(parsed.data, parsed.data.referenceDate ?? '2000-01-01');
}

/** What a coming life event does to the households a campaign reaches: the engine's comparison, added up. */
export interface EventEffects {
  /** Households with a known date for the event (a date of birth), which the comparison covers. */
  households: number;
  /** Total change in what is left after fixed costs, cents per month, over those households. */
  disposableDelta: number;
  /** Per scheme, how many households see it start, stop, go up or go down. */
  schemes: Record<string, Partial<Record<Exclude<Change, 'same' | 'none'>, number>>>;
}

/**
 * What the event does to one stored household, on the event's own date (the birthday from the date of
 * birth, on or after `today` and within `until`): undefined without a date, or when the rules in content
 * cannot compare it (a date past their last day).
 */
export function eventComparison(
  household: unknown,
  eventId: string,
  rulebook: Rulebook,
  today: string,
  until: string,
): EventChanges | undefined {
  const h = engineHousehold(household);
  if (!h) return undefined;
  const coming = comingEvents(h, rulebook, until).find((u) => u.event === eventId && u.date >= today);
  if (!coming) return undefined;
  const r = comingChanges(h, coming, rulebook);
  return r.ok ? r.changes : undefined;
}

export function addEffects(effects: EventEffects, comparison: EventChanges): void {
  effects.households++;
  // Euros with two decimals from the contract; summed in cents, so the total is exact.
  effects.disposableDelta += toCents(comparison.keep.delta);
  for (const x of comparison.changes) {
    const per = (effects.schemes[x.id] ??= {});
    per[x.change] = (per[x.change] ?? 0) + 1;
  }
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
  /** For a life-event segment: what the event does to the households reached (the engine's comparison). */
  effects?: EventEffects | undefined;
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
  const months = segment.kind === 'life-event' ? (segment.months ?? LIFE_EVENT_MONTHS) : LIFE_EVENT_MONTHS;
  if (segment.kind === 'life-event') out.effects = { households: 0, disposableDelta: 0, schemes: {} };
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
        match = lifeEvent ? hasLifeEvent(consent.household, lifeEvent, today, months) : false;
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
    if (segment.kind === 'life-event' && out.effects) {
      const c = eventComparison(consent.household, segment.event, s.rulebook, today, addMonths(today, months));
      if (c) addEffects(out.effects, c);
    }
    out.byLanguage[consent.language] = (out.byLanguage[consent.language] ?? 0) + 1;
  }
  return out;
}
