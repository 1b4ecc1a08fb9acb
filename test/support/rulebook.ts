/** The rulebook from this checkout's content/, loaded once per test file. */
import { loadRulebook } from '../../src/content/load.ts';
import type { Rulebook } from '../../src/engine/rulebook.ts';

let cached: Rulebook | undefined;

export function rulebook(): Rulebook {
  return (cached ??= loadRulebook());
}
