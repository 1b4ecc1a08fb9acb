/**
 * One place per fact (issue 16): the languages and a household's roles are written once, in the
 * engine, and every other list is derived from them; the mails take the days a confirmation link
 * works from RETENTION instead of writing "7".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../astro.config.mjs';
import { LANGUAGES as CONTENT_LANGUAGES } from '../../src/content/schema.ts';
import { RETENTION } from '../../src/contract/consent.ts';
import { householdJsonSchema, LANGUAGES as CONTRACT_LANGUAGES } from '../../src/contract/household.ts';
import { LANGUAGES } from '../../src/engine/rulebook.ts';
import { ROLES } from '../../src/engine/types.ts';
import { renderMail } from '../../src/server/mail/templates.ts';
import { SITE_LANGUAGES } from '../../src/site/locale.ts';

describe('one list of languages', () => {
  it('is the engine’s, and the content, the contract, the site and Astro’s locales use it', () => {
    expect(LANGUAGES).toEqual(['nl', 'en', 'ar', 'tr', 'pl', 'uk']);
    for (const list of [CONTENT_LANGUAGES, CONTRACT_LANGUAGES, SITE_LANGUAGES, LOCALES]) expect(list).toEqual(LANGUAGES);
  });

  it('has a folder of texts for every language, and no other', () => {
    const folders = readdirSync(new URL('../../src/i18n/locales/', import.meta.url)).sort();
    expect(folders).toEqual([...LANGUAGES].sort());
  });
});

describe('one list of roles in a household', () => {
  it('is the engine’s, and the public contract offers exactly those', () => {
    const schema = householdJsonSchema() as { properties: { people: { items: { properties: { role: { enum: string[] } } } } } };
    expect(schema.properties.people.items.properties.role.enum).toEqual([...ROLES]);
  });
});

describe('the days a confirmation link works', () => {
  it('come from RETENTION in every language of the mail', () => {
    for (const language of LANGUAGES) {
      const catalogue = JSON.parse(readFileSync(new URL(`../../src/i18n/locales/${language}/mail.json`, import.meta.url), 'utf8')) as {
        confirmation: { validity: string };
      };
      // The text has the placeholder and no number of its own.
      expect(catalogue.confirmation.validity, language).toContain('{{days}}');
      expect(catalogue.confirmation.validity, language).not.toMatch(/\d/);
      const mail = renderMail('confirmation', {
        language,
        municipality: 'Assen',
        schemes: ['Individuele inkomenstoeslag'],
        actionUrl: 'http://127.0.0.1:4321/bevestigen?t=x',
        withdrawUrl: 'http://127.0.0.1:4321/afmelden?t=y',
        contact: true,
      });
      expect(mail.text).not.toContain('{{days}}');
      // Both sentences (how long the link works, when the data go) name the number from RETENTION.
      expect(mail.text.split(String(RETENTION.unconfirmedDays)).length - 1, language).toBeGreaterThanOrEqual(2);
    }
  });
});
