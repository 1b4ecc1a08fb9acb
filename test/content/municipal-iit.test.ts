/**
 * The individuele inkomenstoeslag of the municipalities added for issue 18, each figure checked against the table on
 * the page it comes from (archived copies; see docs/research/municipalities-2.md). One row per municipality: the
 * income limit (% of the bijstandsnorm), the reference period, the minimum age and the yearly amounts per household
 * type, as the page states them, and the page's address, which every value's evidence must name.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadRulebook, type ContentError } from '../../src/content/load.ts';
import { runCheck } from '../../src/contract/check.ts';
import { valueOn } from '../../src/engine/parameters.ts';
import type { Rulebook } from '../../src/engine/rulebook.ts';
import { rulebook } from '../support/rulebook.ts';

interface Row {
  code: string;
  name: string;
  /** The page whose table the figures below are copied from. */
  source: string;
  percent: number;
  months: number;
  minAge: number;
  /** Euros per year: alleenstaande, alleenstaande ouder, gehuwden/samenwonenden. */
  single: number;
  singleParent: number;
  couple: number;
  /** Whether the 2026 figures rest on a page of an earlier or unknown year. */
  unverified2026: boolean;
}

const EMMEN = 'https://gemeente.emmen.nl/individuele-inkomenstoeslag';
const HENGELO = 'https://www.hengelo.nl/Welkom-in-Hengelo/GPDC-Producten-catalogus-1/_Burger/Individuele-inkomenstoeslag.html';

const TABLE: Row[] = [
  // "De hoogte van de individuele inkomenstoeslag in 2023 is: Echtpaar: € 684,00, Alleenstaande ouder: € 615,00,
  // Alleenstaande: € 479,00"; "Uw inkomen is de laatste 36 maanden niet hoger geweest dan de bijstandsuitkering …";
  // "U bent 21 jaar of ouder"; for the inwoners of Emmen, Borger-Odoorn and Coevorden.
  ...['GM0114 Emmen', 'GM1681 Borger-Odoorn', 'GM0109 Coevorden'].map((s) => ({
    code: s.slice(0, 6),
    name: s.slice(7),
    source: EMMEN,
    percent: 100,
    months: 36,
    minAge: 21,
    single: 479,
    singleParent: 615,
    couple: 684,
    unverified2026: true,
  })),
  // "voor een echtpaar € 601, voor een alleenstaande ouder € 541, voor een alleenstaande € 424. Deze bedragen gelden ook
  // voor Borne en Haaksbergen"; "de afgelopen 36 maanden een inkomen gehad op bijstandsniveau"; "minimaal 21 jaar".
  ...['GM0164 Hengelo (O.)', 'GM0147 Borne', 'GM0158 Haaksbergen'].map((s) => ({
    code: s.slice(0, 6),
    name: s.slice(7),
    source: HENGELO,
    percent: 100,
    months: 36,
    minAge: 21,
    single: 424,
    singleParent: 541,
    couple: 601,
    unverified2026: true,
  })),
  // "De individuele inkomenstoeslag bedraagt per kalenderjaar in 2024. € 516,- voor een alleenstaande, € 642,- voor een
  // alleenstaande ouder, € 708,- voor gehuwden"; "gedurende 3 jaar of langer niet hoger dan de voor u geldende bijstandsnorm".
  {
    code: 'GM0074',
    name: 'Heerenveen',
    source: 'https://www.heerenveen.nl/zorg-en-uitkeringen/individuele-inkomenstoeslag/',
    percent: 100,
    months: 36,
    minAge: 21,
    single: 516,
    singleParent: 642,
    couple: 708,
    unverified2026: true,
  },
  // "De bedragen voor 2024 zijn: Alleenstaand € 488, Alleenstaande ouder € 628, Getrouwd € 697"; "de afgelopen 3 jaar
  // niet hoger … dan het voor u geldende bijstandsbedrag".
  {
    code: 'GM0171',
    name: 'Noordoostpolder',
    source: 'https://www.noordoostpolder.nl/individuele-inkomenstoeslag',
    percent: 100,
    months: 36,
    minAge: 21,
    single: 488,
    singleParent: 628,
    couple: 697,
    unverified2026: true,
  },
  // "Voor een alleenstaande (ouder) € 500,- per jaar. Voor gehuwden/samenwonenden € 800,- per jaar"; "minimaal 24 maanden
  // een inkomen van maximaal 110% van de toepasselijke bijstandsnorm".
  {
    code: 'GM0575',
    name: 'Noordwijk',
    source: 'https://www.noordwijk.nl/onderwerp/zorg-ondersteuning-en-inkomen/hulp-bij-weinig-geld/individuele-inkomenstoeslag/',
    percent: 110,
    months: 24,
    minAge: 21,
    single: 500,
    singleParent: 500,
    couple: 800,
    unverified2026: true,
  },
  // "The (net) amounts in 2025 are for a single person € 459; for a single parent € 529; for a family € 648"
  // (en.kerkrade.nl); the income limit from the Dutch page: "3 jaar … niet hoger … dan 100% van de toepasselijke bijstandsnorm".
  {
    code: 'GM0928',
    name: 'Kerkrade',
    source: 'https://en.kerkrade.nl/individuele-inkomenstoeslag',
    percent: 100,
    months: 36,
    minAge: 21,
    single: 459,
    singleParent: 529,
    couple: 648,
    unverified2026: true,
  },
  // "Gehuwden of samenwonenden | € 635, Alleenstaande ouder | € 635, Alleenstaande | € 444"; "12 maanden of langer van een
  // minimuminkomen. En je inkomen is minder dan 110% van de voor je geldende bijstandsnorm".
  {
    code: 'GM0299',
    name: 'Zevenaar',
    source: 'https://zevenaar.nl/individuele-inkomenstoeslag',
    percent: 110,
    months: 12,
    minAge: 21,
    single: 444,
    singleParent: 635,
    couple: 635,
    unverified2026: true,
  },
  // "Welk bedrag krijg ik: Alleenstaand € 521,97. Alleenstaande ouder € 668,82. Echtpaar/samenwonend € 745,89." (with the
  // "Bijstandsnormen 2025"); "de afgelopen 3 jaar niet hoger … dan inkomen tot 110% van de bijstandsnorm die voor u geldt".
  {
    code: 'GM1731',
    name: 'Midden-Drenthe',
    source: 'https://middendrenthe.nl/hulp-bij-geldzorgen-werk-en-bijstand/extra-vergoedingen-bij-weinig-geld/individuele-inkomenstoeslag',
    percent: 110,
    months: 36,
    minAge: 21,
    single: 521.97,
    singleParent: 668.82,
    couple: 745.89,
    unverified2026: true,
  },
  // "Individuele inkomenstoeslag 2024: Alleenstaande € 486,00, Alleenstaande ouder € 618,00, Samenwonende/gehuwden € 687,00";
  // "Uw inkomen was de laatste drie jaren niet hoger dan 110% van de voor u geldende bijstandsnorm".
  {
    code: 'GM0221',
    name: 'Doesburg',
    source: 'https://www.doesburg.nl/individuele-inkomenstoeslag',
    percent: 110,
    months: 36,
    minAge: 21,
    single: 486,
    singleParent: 618,
    couple: 687,
    unverified2026: true,
  },
  // Meerinzicht: "Alleenstaande (ouder) € 470 | € 523 | € 470, Gehuwden € 630 | €700 | € 630" (Ermelo | Harderwijk | Zeewolde);
  // "lager inkomen … dan 110% … in de afgelopen 3 jaar (als u in Zeewolde woont) of 2 jaar (als u in Ermelo of Harderwijk woont)".
  ...(
    [
      ['GM0233', 'Ermelo', 24, 470, 630],
      ['GM0243', 'Harderwijk', 24, 523, 700],
      ['GM0050', 'Zeewolde', 36, 470, 630],
    ] as const
  ).map(([code, name, months, single, couple]) => ({
    code,
    name,
    source: 'https://www.meerinzicht.nl/regelingen-bij-een-laag-inkomen/individuele-inkomenstoeslag',
    percent: 110,
    months,
    minAge: 21,
    single,
    singleParent: single,
    couple,
    unverified2026: true,
  })),
  // "Hoogte Individuele inkomenstoeslag 2023: voor gehuwden: € 660,00, voor een alleenstaande ouder: € 600,00, voor een
  // alleenstaande: € 466,00"; "minimaal 3 jaar een inkomen op sociaal minimum niveau (maximaal 110% …)".
  {
    code: 'GM0177',
    name: 'Raalte',
    source: 'https://www.raalte.nl/individuele-inkomenstoeslag',
    percent: 110,
    months: 36,
    minAge: 21,
    single: 466,
    singleParent: 600,
    couple: 660,
    unverified2026: true,
  },
  // "De Individuele Inkomenstoeslag is in 2024: € 463 voor alleenstaanden, € 66 voor alleenstaande ouders, € 659 voor een
  // echtpaar/samenwonenden"; "uw (gemiddelde) inkomen de afgelopen 36 maanden niet hoger was dan 110% van de bijstandsnorm".
  {
    code: 'GM0193',
    name: 'Zwolle',
    source: 'https://www.zwolle.nl/individuele-inkomenstoeslag',
    percent: 110,
    months: 36,
    minAge: 21,
    single: 463,
    singleParent: 66,
    couple: 659,
    unverified2026: true,
  },
  // "De toeslag (2024) is: € 480 voor een alleenstaande. € 620 voor een alleenstaande ouder. € 690 voor gehuwden of
  // samenwonenden"; "3 jaar een kleine uitkering of een laag loon. Bekijk de 120% bijstandsnormen".
  {
    code: 'GM0394',
    name: 'Haarlemmermeer',
    source: 'https://haarlemmermeergemeente.nl/individuele-inkomenstoeslag',
    percent: 120,
    months: 36,
    minAge: 21,
    single: 480,
    singleParent: 620,
    couple: 690,
    unverified2026: true,
  },
  // Sociale Zaken Maastricht Heuvelland: "Dit zijn de bedragen voor 2024: 514 euro als u alleenstaand bent. 642 euro als u
  // alleenstaande ouder bent. 716 euro als u getrouwd bent of samenwoont", for Gulpen-Wittem, Maastricht, Meerssen, Vaals
  // and Valkenburg aan de Geul.
  ...['GM0935 Maastricht', 'GM1729 Gulpen-Wittem', 'GM0938 Meerssen', 'GM0981 Vaals', 'GM0994 Valkenburg aan de Geul'].map((s) => ({
    code: s.slice(0, 6),
    name: s.slice(7),
    source: 'https://www.socialezaken-mh.nl/inkomen/individuele-inkomenstoeslag',
    percent: 100,
    months: 36,
    minAge: 21,
    single: 514,
    singleParent: 642,
    couple: 716,
    unverified2026: true,
  })),
  // "You will receive in 2025 - 990 euros if you are married or cohabiting and have children aged 12 to 17 - 750 euros if
  // you are married or live together without children or with children under 12 years old - 675 euros if you are a single
  // parent - 525 euros if you are single"; "60 months (5 years)" on "an income at social assistance level"; "21 years or
  // older". The amount for couples with children of 12 to 17 is a byChildAge row, tested below.
  {
    code: 'GM0855',
    name: 'Tilburg',
    source: 'https://werkeninkomentilburg.nl/en/inkomen-en-schulden/hulp-bij-laag-inkomen/individuele-inkomenstoeslag',
    percent: 100,
    months: 60,
    minAge: 21,
    single: 525,
    singleParent: 675,
    couple: 750,
    unverified2026: true,
  },
  // "U ontvangt in 2026: Als u alleenstaand bent: € 601 · … met kind(eren) tot 12 jaar: € 701 · … Als u bent getrouwd of
  // samenwoont: € 801"; "gemiddelde inkomen over de afgelopen 3 jaar (36 maanden) … niet hoger … dan 110% van de gemiddelde
  // bijstandsnorm"; "U bent 21 jaar of ouder"; "U woont in Alphen aan den Rijn, Kaag en Braassem of Nieuwkoop". The amounts
  // with at least one child of 12 to 18 are byChildAge rows, tested below.
  ...['GM0484 Alphen aan den Rijn', 'GM1884 Kaag en Braassem', 'GM0569 Nieuwkoop'].map((s) => ({
    code: s.slice(0, 6),
    name: s.slice(7),
    source: 'https://www.alphenaandenrijn.nl/Onderwerpen/Werk_uitkering_en_inkomen/Toeslagen_en_vergoedingen/Inkomenstoeslag',
    percent: 110,
    months: 36,
    minAge: 21,
    single: 601,
    singleParent: 701,
    couple: 801,
    unverified2026: false,
  })),
  // Undated: "U woont alleen en heeft geen kinderen: € 450 · … kinderen jonger dan 12 jaar: € 450 · … U bent gehuwd of
  // samenwonend en heeft geen kinderen: € 600"; "de afgelopen 3 jaar elke maand een inkomen gehad lager dan 110% van de
  // bijstandsnorm"; "U woont in Leidschendam-Voorburg, Voorschoten of Wassenaar". The rows by children's age are below.
  ...['GM1916 Leidschendam-Voorburg', 'GM0626 Voorschoten', 'GM0629 Wassenaar'].map((s) => ({
    code: s.slice(0, 6),
    name: s.slice(7),
    source: 'https://www.lv.nl/individuele-inkomenstoeslag',
    percent: 110,
    months: 36,
    minAge: 21,
    single: 450,
    singleParent: 450,
    couple: 600,
    unverified2026: true,
  })),
  // "Voor 2024 is dit: € 635 voor gehuwden / samenwonenden met kinderen · € 500 voor gehuwden / samenwonenden zonder kinderen ·
  // € 585 voor alleenstaande ouders · € 360 voor alleenstaanden"; "36 maanden nooit hoger geweest dan 105% van de bijstandsnorm".
  {
    code: 'GM0503',
    name: 'Delft',
    source: 'https://www.delft.nl/bijstand-individuele-inkomenstoeslag',
    percent: 105,
    months: 36,
    minAge: 21,
    single: 360,
    singleParent: 585,
    couple: 500,
    unverified2026: true,
  },
  // Undated (the asset limits on the page are those of 2024): "voor gehuwden/samenwonenden: € 654; voor een alleenstaande
  // ouder: € 436; voor een alleenstaande: € 436", "€ 50,- per kind"; "minimaal 3 jaar een laag inkomen (maximaal 101% van de
  // voor u geldende bijstandsnorm)".
  {
    code: 'GM0513',
    name: 'Gouda',
    source: 'https://www.gouda.nl/direct-regelen/geld-en-werk/geldzorgen-en-uitkering/individuele-inkomenstoeslag/',
    percent: 101,
    months: 36,
    minAge: 21,
    single: 436,
    singleParent: 436,
    couple: 654,
    unverified2026: true,
  },
  // Undated: "€ 114 voor een alleenstaande of alleenstaande ouder · € 162 voor gehuwden of gehuwde ouders", plus "€ 65 per kind
  // … jonger dan 12 jaar" and "€ 130 per kind … tussen de 12 en 18 jaar" (perChildByAge, below); "de afgelopen 5 jaar een
  // inkomen gehad dat gelijk is aan de bijstandsnorm"; "21 jaar of ouder".
  {
    code: 'GM0153',
    name: 'Enschede',
    source: 'https://www.enschede.nl/individuele-inkomenstoeslag',
    percent: 100,
    months: 60,
    minAge: 21,
    single: 114,
    singleParent: 114,
    couple: 162,
    unverified2026: true,
  },
  // Geldcheck51 (secondary): "Vanaf 1 januari 2025 gelden de volgende bedragen. Alleenstaande: € 500 - Alleenstaande ouders:
  // € 643 - Echtparen zonder kinderen: € 716 - Echtparen met kinderen jonger dan 12 jaar: € 716 - Echtparen met kind(eren) van
  // 12 jaar en ouder: € 760"; "minimaal 5 jaar … een inkomen van maximaal 110% van de bijstandnorm".
  {
    code: 'GM0307',
    name: 'Amersfoort',
    source: 'https://www.geldcheck51.nl/regeling?regelingid=11',
    percent: 110,
    months: 60,
    minAge: 21,
    single: 500,
    singleParent: 643,
    couple: 716,
    unverified2026: true,
  },
];

const rb = rulebook();
const ON = '2026-01-01';

/** The value of a parameter on 1 January 2026, in the unit the page states (euros, percent). */
function figure(id: string, scale: number): { value: number; url: string; unverified: boolean } {
  const v = valueOn(rb.parameters[id]!, ON)!;
  if (typeof v.value !== 'number') throw new Error(`${id}: not a plain number`);
  return { value: v.value / scale, url: v.evidence.url, unverified: v.unverified === true };
}

describe('the individuele inkomenstoeslag of the municipalities added for issue 18, against their pages', () => {
  it('covers the municipalities of the table, each once', () => {
    expect(new Set(TABLE.map((r) => r.code)).size).toBe(TABLE.length);
    for (const r of TABLE) expect(rb.places[r.code]?.name, r.code).toBe(r.name);
  });

  it.each(TABLE)('$code $name: income limit, reference period, age and amounts as on $source', (r) => {
    const iit = rb.municipalities[r.code]!.schemes.find((s) => s.id === 'individuele-inkomenstoeslag')!;
    expect(iit.conditions.applicantAge).toEqual({ min: r.minAge, belowAowAge: true });
    expect(iit.conditions.referencePeriodMonths).toBe(r.months);
    expect(iit.conditions.income?.reference).toBe('bijstandsnorm');
    const percent = figure(iit.conditions.income!.percent!, 10_000);
    expect(percent.value).toBe(r.percent);
    expect(iit.amount.type).toBe('per-household-type');
    if (iit.amount.type !== 'per-household-type') return;
    const amounts = [iit.amount.single, iit.amount['single-parent'], iit.amount.couple].map((id) => figure(id, 100));
    expect(amounts.map((a) => a.value)).toEqual([r.single, r.singleParent, r.couple]);
    for (const a of amounts) {
      expect(a.url).toBe(r.source);
      expect(a.unverified).toBe(r.unverified2026);
    }
  });

  const emmen = (amount: number) => {
    const household = {
      referenceDate: '2026-03-01',
      municipality: 'GM0114',
      language: 'nl',
      people: [{ id: 'a', role: 'applicant', age: 40 }],
      incomes: [{ person: 'a', type: 'bijstand', amount, period: 'month', basis: 'net' }],
      receiving: ['bijstand'],
    };
    const r = runCheck(household, rb, { today: '2026-03-01', computedAt: '2026-03-01T00:00:00.000Z' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.result.schemes.find((s) => s.id === 'individuele-inkomenstoeslag')!;
  };

  it('pays a single adult in Emmen below the bijstandsnorm € 479 a year, as "maybe" until the 36 months and the prospects are known', () => {
    const iit = emmen(1200);
    expect(iit.figures).toBe('own');
    expect(iit.status).toBe('maybe');
    expect(iit.amount.yearly).toBe(479);
  });

  // Emmen's limit is 100 % of the norm. Full bijstand for a single adult, € 1.331,43 a month (95 % of € 1.401,50, the
  // norm of January 2026), counts as exactly the norm (src/engine/income.ts), not one cent over it: she may get it.
  it('counts full bijstand in Emmen as exactly the norm, within the limit of 100 %', () => {
    const iit = emmen(1331.43);
    expect(iit.status).toBe('maybe');
    expect(iit.amount.yearly).toBe(479);
  });
});

/** A household on bijstand in a municipality on 1 March 2026: its individuele inkomenstoeslag, with the reasons' codes. */
function iitFor(municipality: string, partner: boolean, childAges: number[], netMonthly: number, book: Rulebook = rulebook()) {
  const people = [
    { id: 'a', role: 'applicant', age: 40 },
    ...(partner ? [{ id: 'b', role: 'partner', age: 40 }] : []),
    ...childAges.map((age, i) => ({ id: `c${i}`, role: 'child', age })),
  ];
  const household = {
    referenceDate: '2026-03-01',
    municipality,
    language: 'nl',
    people,
    incomes: [{ person: 'a', type: 'bijstand', amount: netMonthly, period: 'month', basis: 'net' }],
    receiving: ['bijstand'],
  };
  const r = runCheck(household, book, { today: '2026-03-01', computedAt: '2026-03-01T00:00:00.000Z' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const iit = r.result.schemes.find((s) => s.id === 'individuele-inkomenstoeslag')!;
  return { status: iit.status, yearly: iit.amount.yearly, codes: iit.reasons.map((x) => x.code), texts: iit.reasons.map((x) => x.text) };
}

describe('individuele inkomenstoeslag by the children (byChildAge, perChild), with real amounts', () => {
  it.each([
    // Tilburg 2025: "990 euros if you are married or cohabiting and have children aged 12 to 17", "750 euros if you are
    // married or live together without children or with children under 12 years old", "675 euros if you are a single parent".
    ['Tilburg, couple, children of 13 and 8', 'GM0855', true, [13, 8], 990, 'amount-child-age-any'],
    ['Tilburg, couple, a child of 17', 'GM0855', true, [17], 990, 'amount-child-age-any'],
    ['Tilburg, couple, a child of 11', 'GM0855', true, [11], 750, undefined],
    ['Tilburg, couple without children', 'GM0855', true, [], 750, undefined],
    ['Tilburg, single parent, a child of 14 (no row for single parents)', 'GM0855', false, [14], 675, undefined],
    ['Tilburg, single', 'GM0855', false, [], 525, undefined],
    // Alphen aan den Rijn, Kaag en Braassem, Nieuwkoop 2026: "alleenstaand … met kind(eren) tot 12 jaar: € 701", "alleenstaand
    // … met tenminste 1 kind in de leeftijd van 12 tot 18 jaar: € 801", "getrouwd of samenwoont met kind(eren) tot 12 jaar:
    // € 801", "getrouwd of samenwoont met tenminste 1 kind tussen de 12 en 18 jaar: € 901".
    ['Alphen aan den Rijn, single parent, a child of 5', 'GM0484', false, [5], 701, undefined],
    ['Alphen aan den Rijn, single parent, children of 5 and 12', 'GM0484', false, [5, 12], 801, 'amount-child-age-any'],
    ['Kaag en Braassem, couple, a child of 11', 'GM1884', true, [11], 801, undefined],
    ['Nieuwkoop, couple, a child of 16', 'GM0569', true, [16], 901, 'amount-child-age-any'],
    ['Nieuwkoop, single', 'GM0569', false, [], 601, undefined],
    // Leidschendam-Voorburg, Voorschoten, Wassenaar (undated): "alleen en heeft kinderen van 12 tot 18 jaar: € 600", "gehuwd of
    // samenwonend en heeft geen kinderen: € 600", "… kinderen jonger dan 12 jaar: € 450", "… kinderen van 12 tot 18 jaar: € 600".
    ['Leidschendam-Voorburg, couple, a child of 5', 'GM1916', true, [5], 450, 'amount-child-age-any'],
    ['Voorschoten, couple, children of 5 and 14', 'GM0626', true, [5, 14], 600, 'amount-child-age-any'],
    ['Wassenaar, couple without children', 'GM0629', true, [], 600, undefined],
    ['Wassenaar, single parent, a child of 12', 'GM0629', false, [12], 600, 'amount-child-age-any'],
    // Delft 2024: "€ 635 voor gehuwden / samenwonenden met kinderen", "€ 500 … zonder kinderen", "€ 585 voor alleenstaande ouders".
    ['Delft, couple, a child of 3', 'GM0503', true, [3], 635, 'amount-child-age-any'],
    ['Delft, couple without children', 'GM0503', true, [], 500, undefined],
    ['Delft, single parent, a child of 15', 'GM0503', false, [15], 585, undefined],
    // Gouda: "€ 436" for a single parent, "€ 654" for a couple, and "een toeslag van € 50,- per kind".
    ['Gouda, single parent, two children', 'GM0513', false, [4, 9], 536, 'amount-per-child-each'],
    ['Gouda, couple, one child', 'GM0513', true, [16], 704, 'amount-per-child-each'],
    ['Gouda, single', 'GM0513', false, [], 436, undefined],
    // Enschede: € 114 or € 162, "€ 65 per kind … jonger dan 12 jaar", "€ 130 per kind … tussen de 12 en 18 jaar".
    ['Enschede, couple, children of 3, 8 and 14', 'GM0153', true, [3, 8, 14], 162 + 65 + 65 + 130, 'amount-per-child-age'],
    ['Enschede, single parent, a child of 5', 'GM0153', false, [5], 114 + 65, 'amount-per-child-age'],
    ['Enschede, single', 'GM0153', false, [], 114, undefined],
    // Amersfoort 2025: "Echtparen met kinderen jonger dan 12 jaar: € 716", "Echtparen met kind(eren) van 12 jaar en ouder: € 760".
    ['Amersfoort, couple, children of 6 and 12', 'GM0307', true, [6, 12], 760, 'amount-child-age-any'],
    ['Amersfoort, couple, a child of 6', 'GM0307', true, [6], 716, undefined],
    ['Amersfoort, single parent, a child of 13', 'GM0307', false, [13], 643, undefined],
  ])('%s: € %i a year', (_name, code, partner, ages, yearly, reasonCode) => {
    const iit = iitFor(code, partner, ages, 1000);
    expect(iit.status).toBe('maybe');
    expect(iit.yearly).toBe(yearly);
    const rows = iit.codes.filter((c) => c.startsWith('amount-child-age') || c.startsWith('amount-per-child'));
    expect([...new Set(rows)]).toEqual(reasonCode ? [reasonCode] : []);
  });

  /** The rulebook with Tilburg's row for couples reading the age of `child`, or Gouda's add-on with a `next` amount. */
  function variant(change: (iit: Rulebook['municipalities'][string]['schemes'][number]['amount']) => void): Rulebook {
    const book = structuredClone(rulebook());
    for (const code of ['GM0855', 'GM0513']) change(book.municipalities[code]!.schemes.find((x) => x.id === 'individuele-inkomenstoeslag')!.amount);
    return book;
  }

  it.each([
    ['oldest', [13, 8], 990],
    ['oldest', [8, 5], 750],
    ['youngest', [13, 8], 750],
    ['youngest', [13, 14], 990],
  ] as const)('a row on the %s child: children of %j give € %i (Tilburg\'s amounts)', (child, ages, yearly) => {
    const book = variant((a) => {
      if (a.type === 'per-household-type' && a.byChildAge) a.byChildAge[0]!.child = child;
    });
    const iit = iitFor('GM0855', true, [...ages], 1000, book);
    expect(iit.yearly).toBe(yearly);
    expect(iit.codes.includes(`amount-child-age-${child}`)).toBe(yearly === 990);
  });

  it('adds the first child and each next child as perChild says, and names both (Gouda with a next-child amount of € 50)', () => {
    const book = variant((a) => {
      if (a.type === 'per-household-type' && a.perChild) a.perChild.next = a.perChild.first;
    });
    const iit = iitFor('GM0513', true, [2, 4, 6], 1000, book);
    expect(iit.yearly).toBe(654 + 3 * 50);
    expect(iit.codes).toContain('amount-per-child');
  });

  it('says in the result what the children add, per child', () => {
    const iit = iitFor('GM0513', false, [4, 9], 1000);
    const text = iit.texts[iit.codes.indexOf('amount-per-child-each')];
    expect(text).toMatch(/€\s100/);
    expect(text).toMatch(/€\s50/);
  });

  it('says in the result which row applied, with the ages and the amount', () => {
    const iit = iitFor('GM0855', true, [13], 1000);
    const text = iit.texts[iit.codes.indexOf('amount-child-age-any')];
    expect(text).toContain('12 tot en met 17 jaar');
    expect(text).toContain('990');
  });
});

describe('kwijtschelding choices in the files of municipalities added for issue 18', () => {
  it.each([
    ['GM0074', 'https://www.heerenveen.nl/belastingen/moeite-met-betalen/'],
    ['GM0164', 'https://jaarstukken.hengelo.nl/paragrafen/lokale-heffingen/beschrijving-kwijtscheldingsbeleid'],
    ['GM0177', 'https://raalte.begroting-2023.nl/p9095/kwijtscheldingsbeleid'],
    ['GM0193', 'https://zwolle.begroting-2020.nl/p21965/kwijtschelding'],
    ['GM0299', 'https://zevenaar.begroting-2018.nl/p1632/kwijtschelding'],
    ['GM0243', 'https://repository.officiele-overheidspublicaties.nl/CVDR/CVDR95221/2/html/CVDR95221_2.html'],
    ['GM0569', 'https://nieuwkoop.begroting-2020.nl/p2729/kwijtscheldingsbeleid'],
  ])('%s counts 100 percent of the bijstandsnorm as living costs, from %s', (code, url) => {
    const own = rb.municipalities[code]!.parameterOverrides['kwijtschelding/norm-percentage']!;
    const v = valueOn(rb.parameters[own]!, ON)!;
    expect(v.value).toBe(100 * 10_000);
    expect(v.evidence.url).toBe(url);
    expect(v.unverified).toBe(true);
  });

  it('GM0109 Coevorden: 100 percent from the programmabegroting 2026, confirmed for 2026 only', () => {
    const own = rb.municipalities['GM0109']!.parameterOverrides['kwijtschelding/norm-percentage']!;
    const url = 'https://financien.coevorden.nl/programmabegroting-2026-en-meerjarenraming-2027-2029/programma/lokale-heffingen';
    for (const [on, unverified] of [['2025-06-01', true], ['2026-06-01', false], ['2027-06-01', true]] as const) {
      const v = valueOn(rb.parameters[own]!, on)!;
      expect(v.value).toBe(100 * 10_000);
      expect(v.evidence.url).toBe(url);
      expect(v.unverified).toBe(unverified);
    }
  });
});

describe('kwijtschelding choices added to content/choices/ for issue 18, against their sources', () => {
  it.each([
    ['GM0269', 'https://www.oldebroek.nl/Inwoners/Belastingen_en_heffingen/Kwijtschelding_belastingen_en_heffingen', 'municipal'],
    ['GM0715', 'https://terneuzen.begroting-2020.nl/p6710/kwijtschelding', 'municipal'],
    ['GM1723', 'https://alphen-chaam.jaarverslag-2016.nl/p4544/kwijtscheldingen', 'municipal'],
    ['GM0119', 'https://www.rtvdrenthe.nl/nieuws/15951466/meppel-onderzoekt-of-norm-voor-armoederegelingen-versoepeld-kan-worden', 'secondary'],
    ['GM0202', 'https://arnhem.jaarverslag-2017.nl/p15478/lokale-lastendruk-en-kwijtscheldingsbeleid', 'municipal'],
    ['GM0451', 'https://jaarrekening2020.financielestukken.uithoorn.nl/paragrafen/lokale-heffingen/kwijtscheldingsbeleid', 'municipal'],
    ['GM0599', 'https://begroting2018.rotterdam.nl/p163273/kwijtscheldingen', 'municipal'],
    ['GM0344', 'https://utrecht.begroting-2023.nl/p45963/kwijtschelding-oninbaar', 'municipal'],
  ])('%s counts 100 percent of the bijstandsnorm as living costs, from %s (%s)', (code, url, provenance) => {
    expect(rb.municipalities[code]).toBeUndefined();
    const id = rb.councilChoices[code]!['kwijtschelding/norm-percentage']!;
    for (const on of ['2025-01-01', '2026-01-01', '2027-12-31']) {
      const v = valueOn(rb.parameters[id]!, on)!;
      expect(v.value).toBe(100 * 10_000);
      expect(v).toMatchObject({ provenance, unverified: true, evidence: { url } });
    }
  });
});

describe('the loader refuses amount rows by children that cannot be meant', () => {
  it('a row whose minimum age is above its maximum, and a row that repeats an earlier one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rondkomen-rows-'));
    try {
      cpSync(new URL('../../content/', import.meta.url).pathname, dir, { recursive: true });
      const edit = (file: string, change: (amount: Record<string, unknown[]>) => void): void => {
        const path = join(dir, 'municipalities', file);
        const doc = parse(readFileSync(path, 'utf8')) as { schemes: { id: string; amount: Record<string, unknown[]> }[] };
        change(doc.schemes.find((x) => x.id === 'individuele-inkomenstoeslag')!.amount);
        writeFileSync(path, stringify(doc));
      };
      // Tilburg: "kinderen van 12 t/m 17 jaar" written the wrong way round.
      edit('GM0855-tilburg.yaml', (a) => {
        const row = a.byChildAge![0] as { minAge: number; maxAge: number };
        [row.minAge, row.maxAge] = [row.maxAge, row.minAge];
      });
      // Enschede: its first per-child row twice.
      edit('GM0153-enschede.yaml', (a) => a.perChildByAge!.push(structuredClone(a.perChildByAge![0])));
      const problems = (() => {
        try {
          loadRulebook(dir);
        } catch (e) {
          return (e as ContentError).problems;
        }
        throw new Error('the edited content loaded');
      })();
      expect(problems).toContain(
        'municipalities/GM0855-tilburg.yaml: scheme individuele-inkomenstoeslag: byChildAge row 1: minAge above maxAge',
      );
      expect(problems).toContain(
        'municipalities/GM0153-enschede.yaml: scheme individuele-inkomenstoeslag: perChildByAge row 3 repeats an earlier row',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
