/**
 * Finding the municipality from what people type: a postcode (the PC4 table of the municipalities we
 * have schemes for) or a name (every Dutch municipality, with CBS codes). Everything is local data:
 * no lookup goes online. Pure: the island runs the same code as the server.
 */
import { westernDigits } from './numerals.ts';

export interface PlaceEntry {
  code: string;
  name: string;
  province: string;
  aliases: string[];
}

export interface PlaceIndex {
  places: PlaceEntry[];
  /** PC4 ranges per municipality code, inclusive. */
  postcodes: { code: string; ranges: [number, number][] }[];
}

export type PlaceResolution =
  | { kind: 'empty' }
  | { kind: 'found'; place: PlaceEntry; by: 'postcode' | 'name' }
  | { kind: 'ambiguous'; candidates: PlaceEntry[] }
  | { kind: 'postcode-unknown' }
  | { kind: 'place-unknown' };

const POSTCODE = /^([1-9]\d{3})\s*(?:[a-z]{2})?$/i;
const MAX_CANDIDATES = 8;

export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\s*(gemeente|gem\.)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Parses "9401-9409" and "9492" into inclusive ranges. */
export function parsePostcodeRanges(items: readonly string[]): [number, number][] {
  return items.map((item) => {
    const [from, to] = item.split('-').map((s) => Number(s.trim()));
    return [from!, to ?? from!];
  });
}

function byPostcode(pc4: number, index: PlaceIndex): PlaceEntry | undefined {
  const hit = index.postcodes.find((m) => m.ranges.some(([from, to]) => pc4 >= from && pc4 <= to));
  return hit ? index.places.find((p) => p.code === hit.code) : undefined;
}

function names(p: PlaceEntry): string[] {
  return [p.name, ...p.aliases].map(normalizeName);
}

export function resolvePlace(input: string, index: PlaceIndex): PlaceResolution {
  const text = westernDigits(input).trim();
  if (text === '') return { kind: 'empty' };
  const pc = POSTCODE.exec(text.replace(/\s+/g, ' '));
  if (pc) {
    const place = byPostcode(Number(pc[1]), index);
    return place ? { kind: 'found', place, by: 'postcode' } : { kind: 'postcode-unknown' };
  }
  const q = normalizeName(text);
  if (q === '') return { kind: 'place-unknown' };
  const exact = index.places.filter((p) => names(p).includes(q));
  if (exact.length === 1) return { kind: 'found', place: exact[0]!, by: 'name' };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.slice(0, MAX_CANDIDATES) };
  const starts = index.places.filter((p) =>
    names(p).some((n) => n.startsWith(q) || n.split(' ').some((w) => w.startsWith(q) && q.length >= 3)),
  );
  const pool = starts.length > 0 ? starts : q.length >= 3 ? index.places.filter((p) => names(p).some((n) => n.includes(q))) : [];
  if (pool.length === 1) return { kind: 'found', place: pool[0]!, by: 'name' };
  if (pool.length > 1)
    return { kind: 'ambiguous', candidates: pool.sort((x, y) => x.name.localeCompare(y.name, 'nl')).slice(0, MAX_CANDIDATES) };
  return { kind: 'place-unknown' };
}

/**
 * A compact text form of the index for island props (one string serialises far smaller than an
 * array of objects): places as `code|name|province|alias;alias` lines, postcodes as `code|from-to,…`.
 */
export function encodePlaceIndex(index: PlaceIndex): string {
  const places = index.places.map((p) => [p.code.slice(2), p.name, p.province, p.aliases.join(';')].join('|')).join('\n');
  const postcodes = index.postcodes
    .map((m) => `${m.code.slice(2)}|${m.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`)
    .join('\n');
  return `${places}\n\n${postcodes}`;
}

export function decodePlaceIndex(text: string): PlaceIndex {
  const [placeText = '', postcodeText = ''] = text.split('\n\n');
  const places = placeText
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [code = '', name = '', province = '', aliases = ''] = line.split('|');
      return { code: `GM${code}`, name, province, aliases: aliases ? aliases.split(';') : [] };
    });
  const postcodes = postcodeText
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [code = '', ranges = ''] = line.split('|');
      return { code: `GM${code}`, ranges: parsePostcodeRanges(ranges.split(',')) };
    });
  return { places, postcodes };
}
