/** `npm run content:check`: validates every file in content/ and prints a summary or the problems. */
import { ContentError, loadRulebook } from '../content/load.ts';
import { loadOrganisations } from '../content/organisations.ts';

export function contentCheck(dir?: string): number {
  try {
    const rb = loadRulebook(dir);
    const organisations = loadOrganisations(new Set(Object.keys(rb.municipalities)), dir);
    const schemes = Object.values(rb.municipalities).reduce((n, m) => n + m.schemes.length, 0);
    process.stdout.write(
      `content OK: ${Object.keys(rb.parameters).length} parameters, ${Object.keys(rb.schemes).length} schemes, ` +
        `${Object.keys(rb.municipalities).length} municipalities with ${schemes} schemes, ` +
        `${Object.keys(organisations).length} partner organisations; version ${rb.version}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ContentError) {
      process.stdout.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
