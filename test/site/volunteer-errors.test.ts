/**
 * Volunteer mode's validation messages: the one-page form reads `check.errors.<code>` from the check's
 * strings with `volunteer.check` laid over them (hulp/invullen.astro), so a message in
 * `volunteer.check.errors` replaces the resident's "je postcode" with the person you help. Every
 * language must override the same codes as Dutch: a missing one would fall back to the Dutch
 * override, not to the language's own check message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../src/islands/check/fields.tsx';
import { makeTranslate, type StringTree } from '../../src/islands/check/strings.ts';
import { merge, subtree } from '../../src/site/i18n.ts';
import { SITE_LANGUAGES } from '../../src/site/locale.ts';

const root = new URL('../../', import.meta.url).pathname;
type Tree = { [key: string]: string | string[] | Tree };

function load(lang: string, file: string): Tree {
  return JSON.parse(readFileSync(join(root, `src/i18n/locales/${lang}/${file}.json`), 'utf8')) as Tree;
}

const volunteerErrors = (lang: string): Record<string, string> =>
  (((load(lang, 'volunteer').volunteer as Tree).check as Tree).errors ?? {}) as Record<string, string>;
const checkErrors = (lang: string): Record<string, string> => ((load(lang, 'site').check as Tree).errors ?? {}) as Record<string, string>;

/** The strings of the one-page form, built as hulp/invullen.astro builds them. */
const formStrings = (lang: (typeof SITE_LANGUAGES)[number]): StringTree =>
  merge(subtree<StringTree>(lang, 'check'), subtree<StringTree>(lang, 'volunteer.check')) as StringTree;

const dutch = volunteerErrors('nl');

describe('volunteer error messages', () => {
  it('override codes the check has', () => {
    const known = Object.keys(checkErrors('nl'));
    expect(Object.keys(dutch).length).toBeGreaterThan(0);
    expect(Object.keys(dutch).filter((c) => !known.includes(c))).toEqual([]);
  });

  it.each(SITE_LANGUAGES)('%s overrides every code Dutch overrides', (lang) => {
    const own = volunteerErrors(lang);
    expect(Object.keys(dutch).filter((c) => typeof own[c] !== 'string' || own[c].trim() === '')).toEqual([]);
  });

  it.each(SITE_LANGUAGES)('%s shows the override in the one-page form', (lang) => {
    const t = makeTranslate(formStrings(lang));
    const own = volunteerErrors(lang);
    for (const code of Object.keys(dutch)) expect(errorText(t, { field: 'x', code }), `${lang} ${code}`).toBe(own[code]);
    // Codes without an override keep the check's message.
    expect(errorText(t, { field: 'age', code: 'age-required' })).toBe(checkErrors(lang)['age-required']);
  });

  it('speaks of the person you help in Dutch, not of "je postcode"', () => {
    const message = dutch['place-required']!;
    expect(message).not.toMatch(/\bje postcode\b/i);
    expect(message).toContain('de persoon die je helpt');
    expect(checkErrors('nl')['place-required']).toContain('je postcode');
  });
});
