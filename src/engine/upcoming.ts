/**
 * Events that are coming for a household, for batch screening and campaigns: a birthday that
 * changes the rules (an event with a person question limited to one age happens on that person's
 * next birthday). Needs dates of birth; without them nothing can be foreseen and nothing is listed.
 */
import { birthday } from './dates.ts';
import type { EventAnswers } from './events.ts';
import type { Rulebook } from './rulebook.ts';
import type { Household } from './types.ts';

export interface UpcomingEvent {
  event: string;
  date: string;
  answers: EventAnswers;
}

export function upcomingEvents(h: Household, rulebook: Rulebook, until: string): UpcomingEvent[] {
  const out: UpcomingEvent[] = [];
  for (const event of Object.values(rulebook.events)) {
    const who = event.inputs.find((i) => i.type === 'person' && i.age !== undefined);
    const when = event.inputs.find((i) => i.type === 'date');
    if (!who || !when) continue;
    for (const p of h.people) {
      if (!p.birthDate || p.age !== who.age || (who.roles && !who.roles.includes(p.role))) continue;
      const date = birthday(p.birthDate, who.age! + 1);
      if (date > h.referenceDate && date <= until) out.push({ event: event.id, date, answers: { [who.id]: p.id, [when.id]: date } });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
