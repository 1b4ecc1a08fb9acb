/**
 * Printing on a phone (issue 14): the results and change pages tell a resident how to print first
 * through the browser's menu (on a phone often under "Share"), and only then the keyboard shortcut of
 * a computer. A phone has no Ctrl key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/engine/rulebook.ts';

/** The word for the browser's menu and for "Share" in each language's catalogue. */
const MENU: Record<(typeof LANGUAGES)[number], [string, string]> = {
  nl: ['menu', 'Delen'],
  en: ['menu', 'Share'],
  ar: ['قائمة', 'مشاركة'],
  tr: ['menüsünden', 'Paylaş'],
  pl: ['menu', 'Udostępnij'],
  uk: ['меню', 'Поділитися'],
};

const catalogue = (language: string, file: string): Record<string, Record<string, Record<string, string>>> =>
  JSON.parse(readFileSync(new URL(`../../src/i18n/locales/${language}/${file}.json`, import.meta.url), 'utf8'));

describe('print instructions that work on a phone', () => {
  for (const language of LANGUAGES) {
    it(`${language}: the browser's menu comes before Ctrl and P, and the results page names "Share"`, () => {
      const [menu, share] = MENU[language];
      const results = catalogue(language, 'site').results!.actions!.print!;
      const change = catalogue(language, 'change').change!.next!.print!;
      for (const text of [results, change]) {
        expect(text.indexOf(menu)).toBeGreaterThan(-1);
        expect(text.indexOf(menu)).toBeLessThan(text.indexOf('Ctrl'));
      }
      expect(results).toContain(share);
    });
  }
});
