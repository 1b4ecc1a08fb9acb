/**
 * Comparing two checks of a household — before and after a life event, on the same or different
 * reference dates: per scheme what starts, stops, goes up or down and by how much per month, the
 * change in what the household keeps (the ledger's one measure), and to whom each change must be reported.
 */
import { check } from './check.ts';
import { applyEvent, type EventAnswers } from './events.ts';
import { money, reason, scheme } from './reasons.ts';
import type { Rulebook } from './rulebook.ts';
import type { CheckOutcome, Household, Reason, SchemeOutcome, Status } from './types.ts';

export type Change = 'starts' | 'stops' | 'up' | 'down' | 'same' | 'none';

export interface SchemeChange {
  id: string;
  kind: SchemeOutcome['kind'];
  before: { status: Status; monthly: number; yearly: number } | undefined;
  after: { status: Status; monthly: number; yearly: number } | undefined;
  change: Change;
  /** Cents per month, after minus before. */
  monthlyDelta: number;
  yearlyDelta: number;
  reasons: Reason[];
}

export interface Comparison {
  before: CheckOutcome;
  after: CheckOutcome;
  schemes: SchemeChange[];
  /** What the household keeps per month (the ledger's measure, ledger.ts) before and after, and the difference. */
  keep: { before: number; after: number; delta: number };
  /** What to do: report a change, apply for something new, adjust an allowance. */
  actions: Reason[];
}

const has = (s: SchemeOutcome | undefined): boolean => s !== undefined && s.status !== 'not-eligible';

function classify(b: SchemeOutcome | undefined, a: SchemeOutcome | undefined): Change {
  if (!has(b) && !has(a)) return 'none';
  if (!has(b)) return 'starts';
  if (!has(a)) return 'stops';
  const delta = a!.yearly - b!.yearly;
  if (delta > 0) return 'up';
  if (delta < 0) return 'down';
  return 'same';
}

/** Who to tell: Dienst Toeslagen for toeslagen, the SVB for kinderbijslag and AIO, the municipality otherwise. */
function reportTo(id: string, kind: SchemeOutcome['kind']): 'toeslagen' | 'svb' | 'municipality' | 'tax-office' {
  if (kind === 'allowance') return 'toeslagen';
  if (id === 'kinderbijslag' || id === 'aio') return 'svb';
  if (kind === 'tax-relief') return 'tax-office';
  return 'municipality';
}

/** `payersKnow`: schemes whose payer learns of the change by itself, so there is nothing to report for them. */
export function compareOutcomes(before: CheckOutcome, after: CheckOutcome, payersKnow: readonly string[] = []): Comparison {
  const ids = [...new Set([...before.schemes.map((s) => s.id), ...after.schemes.map((s) => s.id)])];
  const schemes: SchemeChange[] = [];
  const actions: Reason[] = [];
  for (const id of ids) {
    const b = before.schemes.find((s) => s.id === id);
    const a = after.schemes.find((s) => s.id === id);
    const change = classify(b, a);
    const monthlyDelta = (has(a) ? a!.monthly : 0) - (has(b) ? b!.monthly : 0);
    const yearlyDelta = (has(a) ? a!.yearly : 0) - (has(b) ? b!.yearly : 0);
    const kind = (a ?? b)!.kind;
    const params = { scheme: scheme(id), delta: money(Math.abs(monthlyDelta)), yearly: money(Math.abs(yearlyDelta)) };
    const reasons: Reason[] = [];
    if (change !== 'none' && change !== 'same') reasons.push(reason(`change-${change}`, params));
    schemes.push({
      id,
      kind,
      before: b && { status: b.status, monthly: has(b) ? b.monthly : 0, yearly: has(b) ? b.yearly : 0 },
      after: a && { status: a.status, monthly: has(a) ? a.monthly : 0, yearly: has(a) ? a.yearly : 0 },
      change,
      monthlyDelta,
      yearlyDelta,
      reasons,
    });
    const to = reportTo(id, kind);
    if (change === 'starts') actions.push(reason('action-apply', { scheme: scheme(id) }));
    // Nothing to report when the payer adjusts by itself (the event's own to-do list says so).
    const reportable = !payersKnow.includes(id);
    if (reportable && (change === 'stops' || change === 'down') && b?.status === 'already-receiving') {
      // Received money that drops: tell the payer in time, or it has to be paid back.
      actions.push(reason(`action-report-${to}`, { scheme: scheme(id) }));
    } else if (reportable && (change === 'stops' || change === 'down' || change === 'up') && kind === 'allowance') {
      actions.push(reason('action-report-toeslagen', { scheme: scheme(id) }));
    }
  }
  const db = before.ledger.keep.monthly;
  const da = after.ledger.keep.monthly;
  const order: Record<Change, number> = { starts: 0, stops: 1, down: 2, up: 3, same: 4, none: 5 };
  schemes.sort((x, y) => order[x.change] - order[y.change]);
  return { before, after, schemes, keep: { before: db, after: da, delta: da - db }, actions: dedupe(actions) };
}

function dedupe(rs: Reason[]): Reason[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = `${r.code}:${JSON.stringify(r.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks the household before and after an event of the rulebook. */
export function checkEvent(
  household: Household,
  rulebook: Rulebook,
  eventId: string,
  answers: EventAnswers,
): { household: Household; afterHousehold: Household; comparison: Comparison } {
  const event = Object.hasOwn(rulebook.events, eventId) ? rulebook.events[eventId] : undefined;
  if (!event) throw new RangeError(`unknown event ${eventId}`);
  const afterHousehold = applyEvent(household, event, answers, rulebook);
  return {
    household,
    afterHousehold,
    comparison: compareOutcomes(check(household, rulebook), check(afterHousehold, rulebook), event.payersKnow),
  };
}
