/**
 * What the rulebook knows, without computing anything: whether a municipality exists on a date, and
 * which scheme ids there are. The check validates its input with these, and the site checks the
 * form's answers with the same ones before anything is computed.
 */
import type { Rulebook } from './rulebook.ts';

/** Whether a CBS code is a municipality that exists on the date. */
export function municipalityExists(rulebook: Rulebook, code: string, date: string): boolean {
  // The code is the caller's text: only an own entry counts, never a member of Object.prototype.
  const place = Object.hasOwn(rulebook.places, code) ? rulebook.places[code] : undefined;
  return place !== undefined && (place.from === undefined || place.from <= date) && (place.to === undefined || date <= place.to);
}

const schemeIds = new WeakMap<Rulebook, Set<string>>();

/** Scheme ids a household may say it receives. */
export function knownSchemeIds(rulebook: Rulebook): Set<string> {
  let ids = schemeIds.get(rulebook);
  if (!ids) {
    ids = new Set(Object.keys(rulebook.schemes));
    for (const m of Object.values(rulebook.municipalities)) for (const s of m.schemes) ids.add(s.id);
    schemeIds.set(rulebook, ids);
  }
  return ids;
}
