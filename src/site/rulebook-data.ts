/**
 * What the site needs from the compiled rulebook, in the shapes the check uses: the place index
 * (every municipality plus our PC4 table), the schemes people may say they already receive, and
 * texts of scheme pages. Server-only (the rulebook is large); the island gets these as props.
 */
import { knownSchemeIds, municipalityExists } from '../engine/known.ts';
import type { Language, Municipality, MunicipalScheme, Rulebook, Scheme, SchemeText } from '../engine/rulebook.ts';
import type { ValidationContext } from './answers.ts';
import { slugify } from './locale.ts';
import { encodePlaceIndex, parsePostcodeRanges, type PlaceIndex } from './places.ts';

export interface SchemeChoice {
  id: string;
  name: string;
  when?: 'children' | 'rent' | undefined;
}

const indexCache = new WeakMap<Rulebook, Map<string, PlaceIndex>>();

/** Every municipality that exists on the date, and the postcodes of the ones we have schemes for. */
export function placeIndex(rulebook: Rulebook, date: string): PlaceIndex {
  let byDate = indexCache.get(rulebook);
  if (!byDate) indexCache.set(rulebook, (byDate = new Map()));
  const cached = byDate.get(date);
  if (cached) return cached;
  const places = Object.values(rulebook.places)
    .filter((p) => municipalityExists(rulebook, p.code, date))
    .map((p) => ({ code: p.code, name: p.name, province: p.province, aliases: p.aliases ?? [] }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const postcodes = Object.values(rulebook.municipalities).map((m) => ({ code: m.code, ranges: parsePostcodeRanges(m.postcodes) }));
  const index = { places, postcodes };
  byDate.set(date, index);
  return index;
}

export function encodedPlaceIndex(rulebook: Rulebook, date: string): string {
  return encodePlaceIndex(placeIndex(rulebook, date));
}

export function validationContext(rulebook: Rulebook, date: string): ValidationContext {
  return { places: placeIndex(rulebook, date), schemeIds: knownSchemeIds(rulebook) };
}

const CHILD_SCHEMES = new Set(['kinderbijslag', 'kindgebonden-budget']);

export function nationalSchemeChoices(rulebook: Rulebook, language: Language): SchemeChoice[] {
  return Object.entries(rulebook.schemes).map(([id, s]) => ({
    id,
    name: s.texts[language].name,
    when: CHILD_SCHEMES.has(id) ? 'children' : id === 'huurtoeslag' ? 'rent' : undefined,
  }));
}

export function municipalSchemeChoices(rulebook: Rulebook, language: Language): Record<string, SchemeChoice[]> {
  const out: Record<string, SchemeChoice[]> = {};
  for (const m of Object.values(rulebook.municipalities)) {
    out[m.code] = m.schemes
      .filter((s) => !rulebook.schemes[s.id])
      .map((s) => ({ id: s.id, name: s.texts[language].name, when: s.conditions.children?.required ? 'children' : undefined }));
  }
  return out;
}

export function municipalitySlug(m: { name: string }): string {
  return slugify(m.name);
}

/** Municipal schemes with their own texts (not the shared national scheme of the same id). */
export function ownSchemes(rulebook: Rulebook, m: Municipality): MunicipalScheme[] {
  return m.schemes.filter((s) => !rulebook.schemes[s.id]);
}

export interface SchemeContent {
  texts: SchemeText;
  scheme: Scheme | MunicipalScheme;
  municipality?: Municipality | undefined;
}

/** The texts for a scheme in a result: the municipality's own version first, then the national one. */
export function schemeContent(rulebook: Rulebook, municipalityCode: string, id: string, language: Language): SchemeContent | undefined {
  const m = rulebook.municipalities[municipalityCode];
  const local = m?.schemes.find((s) => s.id === id);
  if (local) return { texts: local.texts[language], scheme: local, municipality: m };
  const national = rulebook.schemes[id];
  return national ? { texts: national.texts[language], scheme: national } : undefined;
}
