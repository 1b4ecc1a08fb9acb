/**
 * Her own digits: every field that takes a number reads Arabic-Indic and Persian digits, the Arabic
 * comma and separators, and the word "and" of each of the site's languages between ages.
 */
import { describe, expect, it } from 'vitest';
import { parseAgeList, parseAmount, parseHours, parseWhole, validateStep, type ValidationContext } from '../../src/site/answers.ts';
import { parseDate } from '../../src/site/change.ts';
import { splitNumberList, westernDigits } from '../../src/site/numerals.ts';
import { resolvePlace, type PlaceIndex } from '../../src/site/places.ts';

const places: PlaceIndex = {
  places: [{ code: 'GM0106', name: 'Assen', province: 'Drenthe', aliases: [] }],
  postcodes: [{ code: 'GM0106', ranges: [[9401, 9409]] }],
};
const ctx: ValidationContext = { places, schemeIds: new Set(['zorgtoeslag']) };

/** Child ages as a resident of each language writes "8 and 14", with her own word for "and". */
const AND_BY_LANGUAGE = [
  ['nl', '8 en 14'],
  ['en', '8 and 14'],
  ['ar', '8 و 14'],
  ['tr', '8 ve 14'],
  ['pl', '8 i 14'],
  ['uk', '8 та 14'],
  ['uk', '8 і 14'],
] as const;

describe('the word "and" between child ages, per language', () => {
  it.each(AND_BY_LANGUAGE)('%s: "%s" is the ages 8 and 14, and the step accepts it', (_lang, text) => {
    expect(parseAgeList(text)).toEqual([8, 14]);
    expect(validateStep('huis', { childAges: text }, ctx)).toEqual([]);
  });
  it('also with three ages and the word stuck to a digit ("8، 10 و14")', () => {
    expect(parseAgeList('8، 10 و14')).toEqual([8, 10, 14]);
  });
  it('does not take "and" from inside a word: "8 in 14" and "8 ten 14" are not ages', () => {
    expect(parseAgeList('8 in 14')).toContain(undefined);
    expect(parseAgeList('8 ten 14')).toContain(undefined);
    expect(validateStep('huis', { childAges: '8 ten 14' }, ctx)).toEqual([{ field: 'childAges', code: 'ages-format' }]);
  });
});

describe('Arabic-Indic and Persian digits', () => {
  it('become 0–9, with the Arabic separators as , and .', () => {
    expect(westernDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(westernDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(westernDigits('١٬٠٥٠٫٥٠')).toBe('1.050,50');
    expect(westernDigits('\u200f٣٨\u200f')).toBe('38');
    expect(westernDigits('Assen')).toBe('Assen');
  });
  it('are read in an age (ar ٣٨, Persian ۳۸) and refused when out of range (٢٠٠)', () => {
    expect(validateStep('jij', { age: '٣٨', partner: 'no' }, ctx)).toEqual([]);
    expect(validateStep('jij', { age: '۳۸', partner: 'no' }, ctx)).toEqual([]);
    expect(validateStep('jij', { age: '٢٠٠', partner: 'no' }, ctx)).toEqual([
      { field: 'age', code: 'age-range', params: { min: 16, max: 120 } },
    ]);
    expect(parseWhole('٣٨')).toBe(38);
  });
  it('are read in a postcode (٩٤٠١ and ۹۴۰۱ are Assen)', () => {
    expect(resolvePlace('٩٤٠١', places)).toMatchObject({ kind: 'found', place: { code: 'GM0106' } });
    expect(resolvePlace('۹۴۰۱ AB', places)).toMatchObject({ kind: 'found', place: { code: 'GM0106' } });
    expect(validateStep('gemeente', { place: '٩٤٠١' }, ctx)).toEqual([]);
  });
  it('are read in child ages with the Arabic comma (٨، ١٤ and 8، 14 and 8٫14)', () => {
    expect(parseAgeList('٨، ١٤')).toEqual([8, 14]);
    expect(parseAgeList('8، 14')).toEqual([8, 14]);
    expect(parseAgeList('۸ و ۱۴')).toEqual([8, 14]);
    expect(splitNumberList('8٫14')).toEqual(['8', '14']);
  });
  it('are read in amounts, with ٫ as the decimal comma and ٬ as thousands', () => {
    expect(parseAmount('٤٠٠')).toEqual({ ok: true, value: 400 });
    expect(parseAmount('٤٠٠٫٥٥')).toEqual({ ok: true, value: 400.55 });
    expect(parseAmount('€ ١٬٠٥٠')).toEqual({ ok: true, value: 1050 });
    expect(parseAmount('۷۲۰,۵۰')).toEqual({ ok: true, value: 720.5 });
    expect(parseAmount('٤٠٠٫٥٥٥')).toEqual({ ok: true, value: 400555 });
  });
  it('ask the same separator question for ٤٠٠٫٥٥٥ as for 400,555', () => {
    const a = { 'inc.a': 'bijstand', 'inc.a.bijstand.amount': '٤٠٠٫٥٥٥', 'inc.a.bijstand.period': 'month', 'inc.a.bijstand.basis': 'net' };
    const latin = { ...a, 'inc.a.bijstand.amount': '400,555' };
    const codes = (x: Record<string, string>) => validateStep('bedragen', x, ctx).map((e) => e.code);
    expect(codes(latin)).toContain('amount-check-separator');
    expect(codes(a)).toEqual(codes(latin));
  });
  it('are read in hours (١٦ and ١٦٫٥) and in dates (١٥-١٢-٢٠٢٦)', () => {
    expect(parseHours('١٦')).toBe(16);
    expect(parseHours('١٦٫٥')).toBe(16.5);
    expect(parseDate('١٥-١٢-٢٠٢٦')).toBe('2026-12-15');
  });
});
