/**
 * One place per fact, and councils replace only what the law lets them.
 *
 * A regulation several municipalities share (content/regulations/) is written once and referred to;
 * a council's own value for a national parameter is accepted only where that parameter declares
 * `delegatedTo` (the kwijtschelding norm percentage: Regeling kwijtschelding belastingen
 * medeoverheden art. 2, 90 to 100 %). The loader refuses every other replacement.
 */
import { municipalityFileName } from '../../src/content/file-names.ts';
import { describe, expect, it } from 'vitest';
import { readContent, type ContentFiles } from '../../src/content/files.ts';
import { ContentError, compileRulebook } from '../../src/content/load.ts';
import { valueOn } from '../../src/engine/parameters.ts';
import { rulebook } from '../support/rulebook.ts';

const rb = rulebook();

/** The problems of content/ with one file's text changed (or added). */
function problemsWith(folder: keyof ContentFiles['files'], path: string, edit: (text: string) => string): string[] {
  const content = readContent();
  const files = content.files[folder];
  const i = files.findIndex((f) => f.path === path);
  if (i >= 0) files[i] = { path, text: edit(files[i]!.text) };
  else files.push({ path, text: edit('') });
  try {
    compileRulebook(content);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return (e as ContentError).problems;
  }
}

describe('a council replaces a national value only where the law delegates it', () => {
  it('declares the kwijtschelding norm percentage as delegated to the council, 90 to 100 %', () => {
    // Unchanged content loads; Aa en Hunze (NBK) replaces the national 90 % by 100 %.
    expect(valueOn(rb.parameters['kwijtschelding/norm-percentage']!, '2026-01-01')!.value).toBe(90 * 10_000);
    const own = rb.municipalities['GM1680']!.parameterOverrides['kwijtschelding/norm-percentage']!;
    expect(valueOn(rb.parameters[own]!, '2026-01-01')!.value).toBe(100 * 10_000);
  });

  it('refuses a municipality file that replaces a parameter that is not delegated', () => {
    const problems = problemsWith('municipalities', 'municipalities/GM1680-aa-en-hunze.yaml', (t) =>
      t.replace('  kwijtschelding/norm-percentage:', '  kwijtschelding/betalingscapaciteit-percentage:'),
    );
    expect(problems).toEqual([
      'municipalities/GM1680-aa-en-hunze.yaml: parameters: kwijtschelding/betalingscapaciteit-percentage is not delegated to the council (its file declares no delegatedTo), so a council may not replace it',
    ]);
  });

  it('refuses a council choice in content/choices/ for a parameter that is not delegated', () => {
    const problems = problemsWith('choices', 'choices/kwijtschelding-norm-percentage.yaml', (t) =>
      t.replace('parameter: kwijtschelding/norm-percentage', 'parameter: kwijtschelding/betalingscapaciteit-percentage'),
    );
    expect(problems).toEqual([
      'choices/kwijtschelding-norm-percentage.yaml: kwijtschelding/betalingscapaciteit-percentage is not delegated to the council (its file declares no delegatedTo), so a council may not replace it',
    ]);
  });

  it('refuses a choice outside the range the law allows (85 % is below the 90 % minimum)', () => {
    const problems = problemsWith('municipalities', 'municipalities/GM1680-aa-en-hunze.yaml', (t) => t.replace(/(\n {4}- from: 2025-01-01\n {6}to: 2027-12-31\n {6}value: )100/, '$185'));
    expect(problems).toEqual([
      'municipalities/GM1680-aa-en-hunze.yaml: parameters: kwijtschelding/norm-percentage from 2025-01-01 is 85, outside what the council may choose (90 to 100)',
    ]);
  });

  it('refuses a choice that starts after the period does, since the engine reads it instead of the national value', () => {
    const problems = problemsWith('choices', 'choices/kwijtschelding-norm-percentage.yaml', (t) =>
      t.replace("  - code: GM1896\n    values:\n      - from: '2025-01-01'", "  - code: GM1896\n    values:\n      - from: '2025-02-01'"),
    );
    expect(problems).toEqual([
      'choices/kwijtschelding-norm-percentage.yaml: GM1896: kwijtschelding/norm-percentage starts on 2025-02-01, after the period starts (2025-01-01)',
    ]);
  });
});

describe('a regulation several municipalities share is written once', () => {
  const SHARED = 'https://www.wpda.nl/mijn-inkomen/extra-vergoedingen/normtabel-bijzondere-bijstand-extra-vergoedingen-en-meedoen';

  it('gives Assen, Aa en Hunze and Tynaarlo the Drentsche Aa income limit from content/regulations/drentsche-aa.yaml', () => {
    for (const code of ['GM0106', 'GM1680', 'GM1730']) {
      const iit = rb.municipalities[code]!.schemes.find((s) => s.id === 'individuele-inkomenstoeslag')!;
      expect(iit.legal).toEqual({
        title: 'Participatiewet (gemeentelijke verordening van de Drentsche Aa-gemeenten: CVDR-id niet gevonden)',
        bwb: 'BWBR0015703',
        article: 'art. 36',
        url: 'https://wetten.overheid.nl/BWBR0015703',
      });
      const percent = rb.parameters[iit.conditions.income!.percent!]!;
      expect(percent.id).toBe(`${code}/individuele-inkomenstoeslag/income/percent`);
      expect(percent.source.url).toBe(SHARED);
      expect(valueOn(percent, '2026-01-01')!.value).toBe(120 * 10_000);
    }
    // The normtabel's income limit is written once (it was in 13 places): a municipality file keeps the
    // table's URL only for a value that differs (Assen's witgoed limit, derived with its own note) and as
    // the legal basis of a scheme only the table names (meedoen in Aa en Hunze and Tynaarlo, witgoed).
    const { municipalities, regulations } = readContent().files;
    const count = (text: string): number => text.split(`url: ${SHARED}`).length - 1;
    const drentscheAa = regulations.find((f) => f.path === 'regulations/drentsche-aa.yaml')!;
    expect(count(drentscheAa.text)).toBe(2);
    // Only the three Drentsche Aa municipalities name the table; no other municipality file does.
    expect(municipalities.filter((f) => count(f.text) > 0).map((f) => [f.path, count(f.text)])).toEqual([
      ['municipalities/GM0106-assen.yaml', 2],
      ['municipalities/GM1680-aa-en-hunze.yaml', 1],
      ['municipalities/GM1730-tynaarlo.yaml', 2],
    ]);
  });

  it('refuses a reference to a regulation that does not exist, that does not list the municipality, or to a value it lacks', () => {
    expect(
      problemsWith('municipalities', 'municipalities/GM1730-tynaarlo.yaml', (t) =>
        t.replace('regulation: drentsche-aa\n    article: art. 36', 'regulation: drentsche-aa-oud\n    article: art. 36'),
      ),
    ).toEqual(['municipalities/GM1730-tynaarlo.yaml: scheme individuele-inkomenstoeslag: legal refers to regulation drentsche-aa-oud, which is not in content/regulations/']);
    expect(problemsWith('regulations', 'regulations/drentsche-aa.yaml', (t) => t.replace('- GM1730\n', ''))).toContain(
      'municipalities/GM1730-tynaarlo.yaml: individuele-inkomenstoeslag/income/percent refers to regulation drentsche-aa, which does not list GM1730',
    );
    const problems = problemsWith('municipalities', 'municipalities/GM1680-aa-en-hunze.yaml', (t) => t.replace('value: income-limit-percent', 'value: income-limit'));
    expect(problems).toEqual([
      'municipalities/GM1680-aa-en-hunze.yaml: individuele-inkomenstoeslag/income/percent refers to income-limit, which regulation drentsche-aa does not have',
    ]);
  });

  it('refuses a regulation no municipality refers to', () => {
    const copy = readContent().files.regulations[0]!.text;
    expect(problemsWith('regulations', 'regulations/ongebruikt.yaml', () => copy)).toEqual(['regulations/ongebruikt.yaml: no municipality file refers to it']);
  });
});

describe('the files of a municipality are named by code and name', () => {
  it('names them GM0106-assen.yaml, so that a newcomer finds Assen in one guess', () => {
    expect(municipalityFileName('GM1680', 'Aa en Hunze')).toBe('GM1680-aa-en-hunze.yaml');
    expect(municipalityFileName('GM1940', 'De Fryske Marren')).toBe('GM1940-de-fryske-marren.yaml');
    expect(municipalityFileName('GM1900', 'Súdwest-Fryslân')).toBe('GM1900-sudwest-fryslan.yaml');
    const files = readContent().files.municipalities.map((f) => f.path);
    for (const [code, m] of Object.entries(rb.municipalities)) expect(files, code).toContain(`municipalities/${municipalityFileName(code, m.name)}`);
    expect(files).toContain('municipalities/GM0114-emmen.yaml');
  });

  it('refuses a file named by code alone, or by another name', () => {
    const content = readContent();
    const files = content.files.municipalities;
    const i = files.findIndex((f) => f.path === 'municipalities/GM0106-assen.yaml');
    files[i] = { ...files[i]!, path: 'municipalities/GM0106.yaml' };
    const j = content.files.localTaxes.findIndex((f) => f.path === 'local-taxes/GM1708-steenwijkerland.yaml');
    content.files.localTaxes[j] = { ...content.files.localTaxes[j]!, path: 'local-taxes/GM1708-steenwijk.yaml' };
    let problems: string[] = [];
    try {
      compileRulebook(content);
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      problems = (e as ContentError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        'municipalities/GM0106.yaml: the file name must be the CBS code and the name (GM0106-assen.yaml)',
        'local-taxes/GM1708-steenwijk.yaml: the file name must be the CBS code and the name (GM1708-steenwijkerland.yaml)',
      ]),
    );
  });
});
