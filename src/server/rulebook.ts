/** The rulebook compiled into the server build from `content/` (see src/content/vite-plugin.ts). */
import rulebook from 'virtual:rondkomen/rulebook';
import type { Rulebook } from '../engine/rulebook.ts';

export function getRulebook(): Rulebook {
  return rulebook;
}
