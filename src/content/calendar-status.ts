/**
 * How long the rules still cover, and which documents of the rules calendar are due: the documents
 * that provisional values are waiting for. Read by `npm run content:check` and by the staff console,
 * which warns admins from {@link NOTICE_DAYS} days before the period ends.
 */
import type { CalendarDocument, Rulebook } from '../engine/rulebook.ts';

/** From this many days before the rules end, the console shows admins a notice. */
export const NOTICE_DAYS = 60;

export interface DueDocument {
  document: CalendarDocument;
  /** Parameter ids with a provisional value that awaits this document. */
  parameters: string[];
}

export interface CalendarStatus {
  validTo: string;
  /** Days from `today` up to and including the last covered day; negative once it has passed. */
  daysLeft: number;
  due: DueDocument[];
  /** Provisional values in all. */
  provisional: number;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function calendarStatus(rulebook: Rulebook, today: string): CalendarStatus {
  const waiting = new Map<string, string[]>();
  let provisional = 0;
  for (const p of Object.values(rulebook.parameters)) {
    for (const v of p.values) {
      if (!v.provisional || v.to < today || v.awaiting === undefined) continue;
      provisional++;
      const ids = waiting.get(v.awaiting) ?? [];
      if (!ids.includes(p.id)) ids.push(p.id);
      waiting.set(v.awaiting, ids);
    }
  }
  const due = [...waiting]
    .map(([id, parameters]) => ({ document: rulebook.calendar[id]!, parameters: parameters.sort() }))
    .filter((d) => d.document !== undefined)
    .sort((a, b) => b.parameters.length - a.parameters.length || a.document.id.localeCompare(b.document.id));
  return { validTo: rulebook.validTo, daysLeft: daysBetween(today, rulebook.validTo), due, provisional };
}

/** The console's notice, when the period ends within {@link NOTICE_DAYS} days (or has ended). */
export function rulesNotice(rulebook: Rulebook, today: string): CalendarStatus | undefined {
  const status = calendarStatus(rulebook, today);
  return status.daysLeft <= NOTICE_DAYS ? status : undefined;
}
