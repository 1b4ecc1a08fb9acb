/**
 * Reason texts come from templates compiled once per language (src/i18n/index.ts); they must give,
 * for every message in every language, exactly what i18next gives for the same parameters.
 */
import { describe, expect, it } from 'vitest';
import { catalogues, compileTemplate, formatDate, formatMoney, formatRate, templatesOf, translator } from '../../src/i18n/index.ts';
import type { Language } from '../../src/engine/rulebook.ts';
import { siteTranslator } from '../../src/site/i18n.ts';

const LANGUAGES = Object.keys(catalogues) as Language[];

describe('compiled templates', () => {
  for (const group of ['reasons', 'labels']) {
    it(`give what i18next gives for every ${group} message in every language`, () => {
      let compared = 0;
      for (const language of LANGUAGES) {
        const t = translator(language);
        for (const [key, template] of templatesOf(language, group)) {
          const message = String((catalogues[language]![group] as Record<string, unknown>)[key] ?? '');
          const names = [...message.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());
          const all = Object.fromEntries(names.map((n, i) => [n, `‹${n} $& ${i}›`]));
          expect(template(all)).toBe(t(`${group}.${key}`, all));
          // A parameter left out stays as its placeholder, as i18next leaves it.
          const some = Object.fromEntries(names.slice(1).map((n) => [n, `‹${n}›`]));
          expect(template(some)).toBe(t(`${group}.${key}`, some));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(LANGUAGES.length * 10);
    });
  }

  it('leave to i18next what they cannot render', () => {
    expect(compileTemplate('Zie $t(labels.rent)')).toBeUndefined();
    expect(compileTemplate('{{amount, number}}')).toBeUndefined();
    expect(compileTemplate('{{- name}}')).toBeUndefined();
    expect(compileTemplate('Je krijgt {{ amount }} per {{period}}.')!({ amount: '€ 5', period: 'maand' })).toBe('Je krijgt € 5 per maand.');
  });
});

/** Every string in a catalogue tree, by its dotted key. */
function messages(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return [];
  return Object.entries(tree).flatMap(([k, v]) => messages(v, prefix ? `${prefix}.${k}` : k));
}

describe("the site's translate function", () => {
  it('gives what i18next gives for every message in every language, with all, some or no parameters', () => {
    let compared = 0;
    const keys = new Set(messages(catalogues.nl).map(([k]) => k));
    for (const language of LANGUAGES) {
      for (const [k] of messages(catalogues[language])) keys.add(k);
      const t = translator(language);
      const site = siteTranslator(language);
      for (const key of keys) {
        const message = t(key);
        const names = [...message.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());
        const all = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? `‹${n} $& ${i}›` : i]));
        const some = Object.fromEntries(names.slice(1).map((n) => [n, `‹${n}›`]));
        for (const params of [all, some, undefined]) {
          expect(site(key, params), `${language} ${key}`).toBe(t(key, params ?? {}));
          // The second time comes from the compiled template.
          expect(site(key, params), `${language} ${key}`).toBe(t(key, params ?? {}));
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(LANGUAGES.length * 500);
  });

  it('leaves plurals, missing keys and subtrees to i18next', () => {
    const site = siteTranslator('en');
    const t = translator('en');
    for (const key of ['no.such.key', 'check', 'translation:common.no']) expect(site(key)).toBe(t(key, {}));
    const plural = messages(catalogues.nl)
      .find(([k]) => k.endsWith('_other'))?.[0]
      .replace(/_other$/, '');
    if (plural) for (const count of [0, 1, 2]) expect(site(plural, { count })).toBe(t(plural, { count }));
  });
});

describe('remembered number formats', () => {
  it('give what a fresh Intl formatter gives, also the second time and for a negative zero', () => {
    for (const language of LANGUAGES) {
      const locale = language === 'ar' ? 'ar-u-nu-latn' : language === 'nl' ? 'nl-NL' : language;
      const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
      const rate = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 });
      for (const cents of [0, -0, 1, -1, 99, 140150, 1234567, -250000, 0.4]) {
        expect(formatMoney(cents, language)).toBe(money.format(cents / 100));
        expect(formatMoney(cents, language)).toBe(money.format(cents / 100));
      }
      for (const ppm of [0, 125000, 1_000_000, 1_200_000, 33333]) expect(formatRate(ppm, language)).toBe(rate.format(ppm / 1e6));
      expect(formatDate('2026-07-01', language)).toBe(
        new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          new Date('2026-07-01T00:00:00Z'),
        ),
      );
    }
  });
});
