/** Settings shared by the Playwright config and the specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4399);
/** The server's pinned reference date: in the first half of 2026, where the norms are from the official Normenbrief. */
export const E2E_TODAY = '2026-03-02';
import { LANGUAGES, type Language as Lang } from '../../../src/engine/rulebook.ts';

export { LANGUAGES, type Lang };

export function prefix(lang: Lang): string {
  return lang === 'nl' ? '' : `/${lang}`;
}
