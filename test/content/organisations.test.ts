/**
 * Partner organisations (content/organisations/): the real files load, cover the five municipalities
 * with unique codes and provenance, and broken files are reported with their file and problem.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/load.ts';
import { loadOrganisations, organisationsOf } from '../../src/content/organisations.ts';

const FIVE = ['GM0106', 'GM0267', 'GM1680', 'GM1708', 'GM1730'];

describe('content/organisations', () => {
  const temp: string[] = [];
  afterEach(() => {
    for (const d of temp.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function dir(files: Record<string, string>): string {
    const d = mkdtempSync(join(tmpdir(), 'rk-orgs-'));
    temp.push(d);
    mkdirSync(join(d, 'organisations'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, 'organisations', name), text);
    return d;
  }

  it('has partner organisations for each of the five municipalities, every one with evidence', () => {
    const all = loadOrganisations(new Set(FIVE));
    for (const code of FIVE) expect(organisationsOf(all, code).length, code).toBeGreaterThan(0);
    for (const o of Object.values(all)) {
      expect(o.evidence.url).toMatch(/^https:\/\//);
      if (o.unverified) expect(o.note).toBeTruthy();
    }
    expect(all['humanitas-assen']).toMatchObject({ municipality: 'GM0106', kind: 'home-administration' });
  });

  it('reports a duplicate code, an unknown municipality, a wrong file name and a missing note', () => {
    const org = (code: string, extra = '') =>
      `- code: ${code}\n  name: Test organisatie\n  kind: library\n  provenance: secondary\n  evidence:\n    title: Bron van test\n    url: https://example.org\n${extra}`;
    const d = dir({
      'GM0106-assen.yaml': `municipality: GM0106\norganisations:\n${org('dubbel')}`,
      'GM1680-aa-en-hunze.yaml': `municipality: GM1680\norganisations:\n${org('goed')}${org('geen-noot', '  unverified: true\n')}`,
      'GM0267-nijkerk.yaml': `municipality: GM0267\norganisations:\n${org('dubbel')}`,
      'GM9999-nergens.yaml': `municipality: GM9999\norganisations:\n${org('elders')}`,
      'verkeerd.yaml': `municipality: GM0106\norganisations:\n${org('naam')}`,
    });
    let problems: string[] = [];
    try {
      loadOrganisations(new Set(['GM0106', 'GM0267']), d);
    } catch (e) {
      if (!(e instanceof ContentError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^organisations\/GM1680-aa-en-hunze\.yaml: organisations\.1: an unverified organisation needs a note/),
        'organisations/GM0267-nijkerk.yaml: organisation code dubbel is used twice',
        'organisations/GM9999-nergens.yaml: municipality GM9999 has no file in municipalities/',
        'organisations/verkeerd.yaml: the file name must be the municipality code and name (GM0106-<name>.yaml)',
      ]),
    );
  });
});
