/**
 * `npm run content:contacts [-- --xml FILE] [--date YYYY-MM-DD] [--dir DIR]`: refreshes where to ask
 * every municipality (website, phone, postal address) in `content/contacts/municipalities.yaml` from
 * the government's register of organisations (Register van Overheidsorganisaties, organisaties.overheid.nl,
 * CC0). Without `--xml` it downloads the register's export of municipalities; with `--xml` it reads a
 * stored copy of that export. Only municipalities in `content/places/municipalities.yaml` are written;
 * those the export lacks are listed, and fewer than 300 found leaves the file as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONTENT_DIR } from '../content/files.ts';
import { isIsoDate } from '../engine/dates.ts';

export const EXPORT_URL = 'https://organisaties.overheid.nl/archive/exportOO_gemeenten.xml';
const MINIMUM = 300;

export interface RegisterContact {
  code: string;
  name: string;
  website: string;
  phone?: string;
  address?: string;
  register: string;
  changed?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (whole, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ENTITIES[e] ?? whole;
    })
    .trim();
}

/**
 * The elements `name` (with or without the `p:` prefix) that are not inside another `name`, as the
 * opening tag and the inner XML. The register nests an organisation's parts inside it.
 */
export function topLevel(xml: string, name: string): { open: string; inner: string }[] {
  const tag = new RegExp(`<(/?)(?:p:)?${name}(?=[\\s>/])[^>]*?(/?)>`, 'g');
  const out: { open: string; inner: string }[] = [];
  let depth = 0;
  let start = -1;
  let open = '';
  for (const m of xml.matchAll(tag)) {
    const closing = m[1] === '/';
    const selfClosing = m[2] === '/';
    if (!closing) {
      if (depth === 0) {
        start = m.index + m[0].length;
        open = m[0];
      }
      if (selfClosing) {
        if (depth === 0) out.push({ open, inner: '' });
      } else depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) out.push({ open, inner: xml.slice(start, m.index) });
    }
  }
  return out;
}

/** The text of the first child element `name` (prefix optional), or undefined. */
function child(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:p:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:p:)?${name}>`).exec(xml);
  return m ? decode(m[1]!) : undefined;
}

/** The first entry whose label is `algemeen`, else the first. */
function general<T extends { label: string | undefined }>(entries: T[]): T | undefined {
  return entries.find((e) => e.label?.toLowerCase() === 'algemeen') ?? entries[0];
}

function postalAddress(inner: string): string | undefined {
  const post = topLevel(inner, 'adres').find((a) => child(a.inner, 'adresType')?.toLowerCase() === 'postadres');
  if (!post) return undefined;
  const a = (n: string): string => child(post.inner, n) ?? '';
  const box = a('postbus');
  const street = box
    ? `Postbus ${box}`
    : [a('openbareRuimte'), [a('huisnummer'), a('huisletter'), a('huisnummertoevoeging')].join('')].filter(Boolean).join(' ');
  const place = [a('postcode'), a('woonplaats')].filter(Boolean).join(' ');
  return street && place ? `${street}, ${place}` : undefined;
}

/**
 * The municipalities in an export of the register that exist on `date`, by CBS code (from the TOOI
 * identifier, `…/tooi/id/gemeente/gm0114`).
 */
export function parseRegisterExport(xml: string, date: string): RegisterContact[] {
  const out: RegisterContact[] = [];
  const organisations = topLevel(xml, 'organisaties').flatMap((o) => topLevel(o.inner, 'organisatie'));
  for (const org of organisations) {
    // Only the organisation's own fields: its parts (nested organisations) are left out.
    const inner = topLevel(org.inner, 'organisatie').reduce((text, part) => text.replace(part.inner, ''), org.inner);
    const types = topLevel(inner, 'type').map((t) => decode(t.inner).toLowerCase());
    if (!types.includes('gemeente')) continue;
    const ended = child(inner, 'eindDatum');
    if (ended !== undefined && ended <= date) continue;
    const tooi = /resourceIdentifierTOOI="([^"]+)"/.exec(org.open)?.[1] ?? child(inner, 'resourceIdentifierTOOI') ?? '';
    const gm = /\/gemeente\/gm(\d{4})$/i.exec(tooi);
    if (!gm) continue;
    const name = child(inner, 'naam');
    const id = /systeemId="(\d+)"/.exec(org.open)?.[1];
    if (!name || !id) continue;
    const contact = topLevel(inner, 'contact')[0]?.inner ?? '';
    const web = general(topLevel(contact, 'internetadres').map((e) => ({ url: child(e.inner, 'url'), label: child(e.inner, 'label') })));
    if (!web?.url) continue;
    const phone = general(
      topLevel(contact, 'telefoonnummer').map((e) => ({ nummer: child(e.inner, 'nummer'), label: child(e.inner, 'label') })),
    );
    const entry: RegisterContact = {
      code: `GM${gm[1]}`,
      name,
      website: web.url,
      register: `https://organisaties.overheid.nl/${id}/${name.replace(/\s+/g, '_')}`,
    };
    if (phone?.nummer) entry.phone = phone.nummer;
    const address = postalAddress(inner);
    if (address) entry.address = address;
    const changed = child(inner, 'datumMutatie');
    if (changed && isIsoDate(changed)) entry.changed = changed;
    out.push(entry);
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

const HEADER = `# Where to ask, for every municipality: website, phone and postal address from the government's register of
# organisations. Refresh with \`npm run content:contacts\` (reads the register's export; --xml FILE for a stored copy).
`;

/** The contacts file for the municipalities of `places`, and the codes the export lacks. */
export function contactsFile(
  found: readonly RegisterContact[],
  places: readonly string[],
  retrieved: string,
  note?: string,
): { text: string; missing: string[]; count: number } {
  const byCode = new Map(found.map((c) => [c.code, c]));
  const municipalities = places.filter((c) => byCode.has(c)).map((c) => byCode.get(c)!);
  const source: Record<string, string> = {
    title: 'Register van Overheidsorganisaties (organisaties.overheid.nl, KOOP), export exportOO_gemeenten.xml',
    url: EXPORT_URL,
    retrieved,
    licence: 'CC0 1.0',
  };
  if (note) source['note'] = note;
  return {
    text: HEADER + stringify({ source, municipalities }, { lineWidth: 0 }),
    missing: places.filter((c) => !byCode.has(c)),
    count: municipalities.length,
  };
}

export async function contactsCommand(args: readonly string[], today: string = new Date().toISOString().slice(0, 10)): Promise<number> {
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = value('--dir') ?? DEFAULT_CONTENT_DIR;
  const date = value('--date') ?? today;
  if (!isIsoDate(date)) {
    process.stderr.write(`--date ${date} is not a date (YYYY-MM-DD)\n`);
    return 2;
  }
  const file = value('--xml');
  let xml: string;
  try {
    if (file) xml = readFileSync(file, 'utf8');
    else {
      const response = await fetch(EXPORT_URL, { signal: AbortSignal.timeout(120_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      xml = await response.text();
    }
  } catch (e) {
    process.stderr.write(`could not read ${file ?? EXPORT_URL}: ${(e as Error).message}\n`);
    return 1;
  }
  const places = (
    parse(readFileSync(join(dir, 'places/municipalities.yaml'), 'utf8')) as { municipalities: { code: string }[] }
  ).municipalities.map((m) => m.code);
  const note = file ? `Read from a stored copy of the export (${file.split('/').pop()}).` : undefined;
  const result = contactsFile(parseRegisterExport(xml, date), places, date, note);
  if (result.count < MINIMUM) {
    process.stderr.write(`only ${result.count} of ${places.length} municipalities in the export; content/contacts left as it was\n`);
    return 1;
  }
  writeFileSync(join(dir, 'contacts/municipalities.yaml'), result.text);
  process.stdout.write(`content/contacts/municipalities.yaml: ${result.count} of ${places.length} municipalities, read ${date}\n`);
  if (result.missing.length > 0) process.stdout.write(`not in the export: ${result.missing.join(', ')}\n`);
  return 0;
}
