/** Reading `content/` from disk, with a hash of everything read. No parsing happens here. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `content/` of this checkout (the CLI and the tests run from the project root). */
export const DEFAULT_CONTENT_DIR = new URL('../../content/', import.meta.url).pathname;

export interface ContentFile {
  /** Path relative to the content directory, with forward slashes. */
  path: string;
  text: string;
}

export interface ContentFiles {
  manifestText: string;
  /** content/rules.yaml: dated rule versions. */
  rulesText: string;
  /** content/calendar.yaml: the rules calendar. */
  calendarText: string;
  /** content/sources.yaml: sources of reasons that rest on no single parameter. */
  sourcesText: string;
  files: {
    parameters: ContentFile[];
    schemes: ContentFile[];
    municipalities: ContentFile[];
    places: ContentFile[];
    contacts: ContentFile[];
    choices: ContentFile[];
    events: ContentFile[];
    /** content/local-taxes/: tariffs of the taxes kwijtschelding covers, one file per CBS code. */
    localTaxes: ContentFile[];
    /** content/regulations/: regulations several municipalities share, which their files refer to. */
    regulations: ContentFile[];
  };
  /** sha256 over every path and text, hex. */
  hash: string;
}

function listYaml(dir: string, root: string): ContentFile[] {
  if (!existsSync(dir)) return [];
  const out: ContentFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full, root));
    else if (name.endsWith('.yaml')) out.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
  }
  return out;
}

/** The YAML files of one folder of content/ (for content that is not part of the rulebook). */
export function listContentYaml(contentDir: string, sub: string): ContentFile[] {
  return listYaml(join(contentDir, sub), contentDir);
}

export function readContent(contentDir: string = DEFAULT_CONTENT_DIR): ContentFiles {
  const hash = createHash('sha256');
  const manifestText = readFileSync(join(contentDir, 'rulebook.yaml'), 'utf8');
  // A missing file reads as empty, which the compiler reports as a problem of that file.
  const optional = (name: string): string => (existsSync(join(contentDir, name)) ? readFileSync(join(contentDir, name), 'utf8') : '');
  const rulesText = optional('rules.yaml');
  const calendarText = optional('calendar.yaml');
  const sourcesText = optional('sources.yaml');
  hash.update(manifestText).update('\0').update(rulesText).update('\0').update(calendarText).update('\0').update(sourcesText).update('\0');
  const read = (sub: string): ContentFile[] => {
    const files = listYaml(join(contentDir, sub), contentDir);
    for (const f of files) hash.update(f.path).update('\0').update(f.text).update('\0');
    return files;
  };
  const files = {
    parameters: read('parameters'),
    schemes: read('schemes'),
    municipalities: read('municipalities'),
    places: read('places'),
    contacts: read('contacts'),
    choices: read('choices'),
    events: read('events'),
    localTaxes: read('local-taxes'),
    regulations: read('regulations'),
  };
  return { manifestText, rulesText, calendarText, sourcesText, files, hash: hash.digest('hex') };
}
