/**
 * `npm run content:contacts`: the register's export read into content/contacts/, tested on a short
 * export in the register's format with real records (Emmen, Groningen), a dissolved municipality and a province.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contactsFile, parseRegisterExport, topLevel } from '../../src/cli/content-contacts.ts';
import { contactsFileSchema } from '../../src/content/schema.ts';
import { rulebook } from '../support/rulebook.ts';

const xml = readFileSync(new URL('./fixtures/roo-gemeenten.xml', import.meta.url), 'utf8');

describe('content:contacts', () => {
  it('reads the municipalities that exist, with website, phone and postal address', () => {
    expect(parseRegisterExport(xml, '2026-12-06')).toEqual([
      {
        code: 'GM0014',
        name: 'Gemeente Groningen',
        website: 'https://gemeente.groningen.nl',
        phone: '14 050',
        address: 'Postbus 742, 9700 AS GRONINGEN',
        register: 'https://organisaties.overheid.nl/24194/Gemeente_Groningen',
        changed: '2026-05-06',
      },
      {
        code: 'GM0114',
        name: 'Gemeente Emmen',
        website: 'https://www.emmen.nl',
        phone: '14 0591',
        address: 'Postbus 30001, 7800 RA EMMEN',
        register: 'https://organisaties.overheid.nl/22781/Gemeente_Emmen',
        changed: '2026-05-09',
      },
    ]);
  });

  it('keeps a municipality that ended after the date', () => {
    expect(parseRegisterExport(xml, '2018-12-31').map((c) => c.code)).toEqual(['GM0014', 'GM0114', 'GM0738']);
  });

  it('counts an organisation nested inside another (a part of the municipality) as part of it, not on its own', () => {
    const orgs = topLevel(xml, 'organisatie');
    expect(orgs.map((o) => /systeemId="(\d+)"/.exec(o.open)?.[1])).toEqual(['22781', '24194', '23199', '9999']);
    // The part's own phone number is not Groningen's.
    expect(parseRegisterExport(xml, '2026-12-06').find((c) => c.code === 'GM0014')?.phone).toBe('14 050');
  });

  it('writes a file content/ accepts, listing the municipalities the export lacks', () => {
    const places = ['GM0014', 'GM0114', 'GM0363'];
    const out = contactsFile(parseRegisterExport(xml, '2026-12-06'), places, '2026-12-06');
    expect(out.count).toBe(2);
    expect(out.missing).toEqual(['GM0363']);
    const parsed = contactsFileSchema.parse(parse(out.text));
    expect(parsed.source.retrieved).toBe('2026-12-06');
    expect(parsed.municipalities.map((m) => m.code)).toEqual(['GM0014', 'GM0114']);
  });

  it('content/ holds a contact for every one of the 342 municipalities, agreeing with the register for Emmen and Groningen', () => {
    const rb = rulebook();
    const codes = Object.keys(rb.places).filter((c) => rb.places[c]!.to === undefined);
    expect(codes).toHaveLength(342);
    for (const c of codes) {
      const contact = rb.contacts[c];
      expect(contact, c).toBeDefined();
      expect(contact!.website).toMatch(/^https?:\/\//);
      expect(contact!.phone, c).toBeDefined();
      expect(contact!.address, c).toBeDefined();
    }
    for (const fromExport of parseRegisterExport(xml, '2026-12-06')) {
      const stored = rb.contacts[fromExport.code]!;
      expect({ website: stored.website, phone: stored.phone, address: stored.address }).toEqual({
        website: fromExport.website,
        phone: fromExport.phone,
        address: fromExport.address,
      });
    }
  });
});
