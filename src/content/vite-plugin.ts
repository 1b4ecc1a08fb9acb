/**
 * Compiles `content/` into the build as the virtual module `virtual:rondkomen/rulebook`, so the
 * server (and, where needed, the browser) gets the validated rulebook without reading files at run
 * time. Content errors fail the build with the full list of problems.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { loadRulebook } from './load.ts';
import { loadOrganisations } from './organisations.ts';
import { loadPaymentDates, schemeIds } from './payment-dates.ts';

const ID = 'virtual:rondkomen/rulebook';
const RESOLVED = `\0${ID}`;
const ORGANISATIONS_ID = 'virtual:rondkomen/organisations';
const ORGANISATIONS_RESOLVED = `\0${ORGANISATIONS_ID}`;
const PAYMENT_DATES_ID = 'virtual:rondkomen/payment-dates';
const PAYMENT_DATES_RESOLVED = `\0${PAYMENT_DATES_ID}`;

export function rulebookPlugin(contentDir: string = join(process.cwd(), 'content')): Plugin {
  return {
    name: 'rondkomen-rulebook',
    resolveId(id) {
      if (id === ID) return RESOLVED;
      if (id === PAYMENT_DATES_ID) return PAYMENT_DATES_RESOLVED;
      return id === ORGANISATIONS_ID ? ORGANISATIONS_RESOLVED : undefined;
    },
    load(id) {
      if (id === ORGANISATIONS_RESOLVED) {
        this.addWatchFile(contentDir);
        const codes = new Set(Object.keys(loadRulebook(contentDir).municipalities));
        return `export default ${JSON.stringify(loadOrganisations(codes, contentDir))};`;
      }
      if (id === PAYMENT_DATES_RESOLVED) {
        this.addWatchFile(contentDir);
        return `export default ${JSON.stringify(loadPaymentDates(schemeIds(loadRulebook(contentDir)), contentDir))};`;
      }
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(contentDir);
      return `export default ${JSON.stringify(loadRulebook(contentDir))};`;
    },
  };
}
