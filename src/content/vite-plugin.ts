/**
 * Compiles `content/` into the build as the virtual module `virtual:rondkomen/rulebook`, so the
 * server (and, where needed, the browser) gets the validated rulebook without reading files at run
 * time. Content errors fail the build with the full list of problems.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { loadRulebook } from './load.ts';

const ID = 'virtual:rondkomen/rulebook';
const RESOLVED = `\0${ID}`;

export function rulebookPlugin(contentDir: string = join(process.cwd(), 'content')): Plugin {
  return {
    name: 'rondkomen-rulebook',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(contentDir);
      return `export default ${JSON.stringify(loadRulebook(contentDir))};`;
    },
  };
}
