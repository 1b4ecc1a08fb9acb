/**
 * The CVDR importer (`npm run content:cvdr`): real CVDR XML parsed, candidate values only with their verbatim
 * paragraph, and the comparison with content/ for the five municipalities.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  amounts,
  compareWithContent,
  extract,
  incomeLimits,
  minimumAges,
  parseCvdr,
  quoted,
  referencePeriods,
} from '../../src/content/cvdr.ts';
import { draftFor, recordUrls, sruQuery } from '../../src/cli/content-cvdr.ts';
import { rulebook } from '../support/rulebook.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/cvdr/${name}.xml`, import.meta.url), 'utf8');

describe('CVDR XML', () => {
  it('reads the metadata of a real CVDR document', () => {
    expect(parseCvdr(fixture('CVDR100394_2')).meta).toEqual({
      id: 'CVDR100394',
      version: 2,
      title: 'Beleidsregels verkeersveiligheid en parkeren',
      creator: 'Kampen',
      modified: '2016-10-26',
      issued: '2016-10-11',
      inForce: '2016-10-27',
      until: undefined,
      gemeenteblad: 'gmb-2016-146361',
    });
    const someren = parseCvdr(fixture('CVDR680781_1'));
    expect(someren.meta).toMatchObject({ id: 'CVDR680781', version: 1, creator: 'Someren', inForce: '2019-08-30' });
    expect(someren.paragraphs[0]).toEqual({ article: '', text: 'Het college van burgemeester en wethouders van de gemeente Someren;' });
    expect(someren.paragraphs.some((p) => p.article === '2. Wet Bibob')).toBe(true);
  });

  it('reads an expired regulation: its end date, the publication it names and its table cells as paragraphs', () => {
    const doc = parseCvdr(fixture('CVDR112779_1'));
    expect(doc.meta).toMatchObject({ id: 'CVDR112779', version: 1, creator: 'Spijkenisse', inForce: '2011-09-14', until: '2012-04-25' });
    // The record names a local weekly, not a Gemeenteblad: the field keeps what the record says.
    expect(doc.meta.gemeenteblad).toBe('Weekblad Spijkenisse, 13-09-2011');
    expect(doc.paragraphs).toHaveLength(155);
    expect(doc.paragraphs[1]!.text).toBe(
      'De verantwoordelijke (= het College van B&W) kan, indien noodzakelijk nadere aanwijzingen geven met betrekking tot beveiliging en ter bescherming van de persoonlijke levenssfeer.',
    );
    expect(doc.paragraphs.map((p) => p.text)).toContain('Armoederegeling');
    // A word like "Armoederegeling" in a table is no minima value: nothing is proposed.
    expect(extract(doc)).toEqual([]);
  });

  it('refuses a file that is not a CVDR document', () => {
    expect(() => parseCvdr('<html><body>Verordening</body></html>')).toThrow(/not a CVDR document/);
  });

  it('proposes nothing from regulations without minima values: no value without its quote', () => {
    for (const name of ['CVDR100394_2', 'CVDR680781_1', 'CVDR112779_1']) expect(extract(parseCvdr(fixture(name)))).toEqual([]);
  });
});

describe('extractors on verbatim sentences of official texts', () => {
  it('reference period: Amsterdam IIT 2021 (CVDR460812/3, art. 1)', () => {
    expect(referencePeriods('referteperiode: periode van drie kalenderjaren voorafgaand aan de peildatum')).toEqual([36]);
  });
  it('income limit: the WPDA normtabel (Assen, Aa en Hunze, Tynaarlo) as content/ quotes it', () => {
    expect(incomeLimits('maximum inkomen 120% van de bijstandsnorm')).toEqual([{ percent: 120, of: 'bijstandsnorm' }]);
  });
  it('does not take a percentage or an amount without its context', () => {
    expect(incomeLimits('120% van de bijstandsnorm')).toEqual([]); // no income in the sentence
    expect(referencePeriods('Deze regeling geldt vijf jaar.')).toEqual([]);
    expect(amounts('De toeslag bedraagt € 350 per jaar.')).toEqual([]); // no household type
    expect(amounts('€ 350 voor een alleenstaande en € 450 voor een alleenstaande ouder')).toEqual([]); // two types
    expect(minimumAges('Deze regeling geldt sinds 2021.')).toEqual([]);
  });
});

describe('a draft and the comparison with content/', () => {
  const rb = rulebook();

  it('lists for each of the five municipalities what content/ holds and no CVDR text confirms', () => {
    for (const code of Object.keys(rb.municipalities)) {
      const d = compareWithContent(rb, code, '2026-03-01', []);
      expect(d.length, code).toBeGreaterThan(0);
      for (const x of d) expect(x.status, `${code} ${x.field}`).toBe('content-only');
    }
    expect(compareWithContent(rb, 'GM0106', '2026-03-01', [])).toEqual([
      {
        scheme: 'individuele-inkomenstoeslag',
        field: 'income-limit',
        content: '120 bijstandsnorm',
        cvdr: undefined,
        status: 'content-only',
      },
      { scheme: 'individuele-inkomenstoeslag', field: 'minimum-age', content: '21', cvdr: undefined, status: 'content-only' },
    ]);
    expect(compareWithContent(rb, 'GM1708', '2026-03-01', []).map((x) => x.field)).toContain('amount');
  });

  it('says agrees or differs when a candidate meets content/', () => {
    const quote = 'maximum inkomen 120% van de bijstandsnorm';
    const agree = compareWithContent(rb, 'GM0106', '2026-03-01', [
      { field: 'income-limit', value: 120, of: 'bijstandsnorm', quote, article: 'normtabel', cvdr: 'none' },
    ]);
    expect(agree.find((x) => x.field === 'income-limit')?.status).toBe('agrees');
    const differ = compareWithContent(rb, 'GM0106', '2026-03-01', [
      { field: 'income-limit', value: 110, of: 'bijstandsnorm', quote, article: 'normtabel', cvdr: 'none' },
    ]);
    expect(differ.find((x) => x.field === 'income-limit')).toMatchObject({
      content: '120 bijstandsnorm',
      cvdr: '110 bijstandsnorm',
      status: 'differs',
    });
    expect(
      compareWithContent(rb, 'GM0363', '2026-03-01', [
        { field: 'minimum-age', value: 21, quote: '21 jaar of ouder', article: 'x', cvdr: 'x' },
      ]),
    ).toEqual([{ scheme: 'individuele-inkomenstoeslag', field: 'minimum-age', content: undefined, cvdr: '21', status: 'cvdr-only' }]);
  });

  it('keeps a quote only when it is a paragraph of the document', () => {
    const doc = parseCvdr(fixture('CVDR680781_1'));
    const c = { field: 'minimum-age' as const, value: 21, quote: '21 jaar of ouder', article: '', cvdr: 'CVDR680781/1' };
    expect(quoted(doc, c)).toBe(false);
    expect(quoted(doc, { ...c, quote: 'Het college van burgemeester en wethouders van de gemeente Someren;' })).toBe(true);
  });

  it('drafts stored XML with id, version, hash and dates', () => {
    const xml = fixture('CVDR680781_1');
    const draft = draftFor('GM0106', '2026-03-01', [{ doc: parseCvdr(xml), file: 'CVDR680781_1.xml', xml, fetched: 'stored copy' }]);
    expect(draft.documents).toEqual([
      {
        cvdr: 'CVDR680781/1',
        title: 'Beleidsregel Wet Bibob voor omgevingsvergunning milieu en omgevingsvergunning beperkte milieutoets gemeente Someren 2019',
        inForce: '2019-08-30',
        until: undefined,
        file: 'CVDR680781_1.xml',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        fetched: 'stored copy',
      },
    ]);
    expect(draft.candidates).toEqual([]);
  });

  it('asks the SRU service for the municipality by name and reads the XML addresses of the answer', () => {
    expect(sruQuery('Emmen')).toBe(
      'dcterms.creator=="Emmen" and (dcterms.title any "inkomenstoeslag" or dcterms.title any "minima" or dcterms.title any "bijzondere bijstand" or dcterms.title any "kwijtschelding" or dcterms.title any "meedoen" or dcterms.title any "participatiewet")',
    );
    expect(
      recordUrls(
        '<sru:record><gzd:enrichedData><gzd:publicatieurl_xml>https://repository.officiele-overheidspublicaties.nl/cvdr/CVDR680781/1/xml/CVDR680781_1.xml</gzd:publicatieurl_xml></gzd:enrichedData></sru:record>',
      ),
    ).toEqual(['https://repository.officiele-overheidspublicaties.nl/cvdr/CVDR680781/1/xml/CVDR680781_1.xml']);
  });
});
