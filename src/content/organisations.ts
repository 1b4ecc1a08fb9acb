/**
 * Partner organisations for volunteer mode (content/organisations/GM####.yaml): which libraries,
 * welfare organisations and debt buddies help residents in a municipality. Validated like the rest
 * of content/: every problem is reported with its file, and an organisation must belong to a
 * municipality the rulebook knows.
 */
import { startsWithCode } from './file-names.ts';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CONTENT_DIR, listContentYaml } from './files.ts';
import { ContentError } from './load.ts';
import { organisationsFileSchema, type OrganisationInput } from './schema.ts';

export interface Organisation extends OrganisationInput {
  municipality: string;
}

/** Organisations by code. */
export type Organisations = Record<string, Organisation>;

/** Reads and validates content/organisations/; `municipalities` are the codes of the rulebook. */
export function loadOrganisations(municipalities: ReadonlySet<string>, contentDir: string = DEFAULT_CONTENT_DIR): Organisations {
  const problems: string[] = [];
  const out: Organisations = {};
  for (const f of listContentYaml(contentDir, 'organisations')) {
    let raw: unknown;
    try {
      raw = parseYaml(f.text);
    } catch (e) {
      problems.push(`${f.path}: not valid YAML: ${(e as Error).message}`);
      continue;
    }
    const r = organisationsFileSchema.safeParse(raw);
    if (!r.success) {
      problems.push(...r.error.issues.map((i) => `${f.path}: ${i.path.join('.') || '(file)'}: ${i.message}`));
      continue;
    }
    const { municipality, organisations } = r.data;
    if (!f.path.startsWith('organisations/') || !startsWithCode(f.path, municipality))
      problems.push(`${f.path}: the file name must be the municipality code and name (${municipality}-<name>.yaml)`);
    if (!municipalities.has(municipality)) problems.push(`${f.path}: municipality ${municipality} has no file in municipalities/`);
    for (const o of organisations) {
      if (out[o.code]) problems.push(`${f.path}: organisation code ${o.code} is used twice`);
      out[o.code] = { ...o, municipality };
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return out;
}

/** The organisations of one municipality, by name. */
export function organisationsOf(all: Organisations, municipality: string): Organisation[] {
  return Object.values(all)
    .filter((o) => o.municipality === municipality)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
