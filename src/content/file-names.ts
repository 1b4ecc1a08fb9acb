/**
 * How a municipality's content files are named: its CBS code and its name, `GM0106-assen.yaml`, so that
 * someone looking for Assen's income limit finds the file in one guess and the code still sorts them.
 */

/** "Aa en Hunze" → "aa-en-hunze"; "Súdwest-Fryslân" → "sudwest-fryslan". */
export function nameSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The file name of a municipality's content file: `GM0106-assen.yaml`. */
export function municipalityFileName(code: string, name: string): string {
  return `${code}-${nameSlug(name)}.yaml`;
}

/** Whether a path's file name is the code followed by a name (`GM0106-assen.yaml`), when the name is not at hand. */
export function startsWithCode(path: string, code: string): boolean {
  return new RegExp(`(^|/)${code}-[a-z0-9-]+\\.yaml$`).test(path);
}
