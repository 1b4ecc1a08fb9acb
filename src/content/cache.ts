/**
 * The compiled rulebook, cached as JSON under node_modules/.cache/rondkomen, keyed by a hash of the
 * content and of the compiler's own source. A cache hit needs neither the YAML parser nor zod, which
 * keeps command-line start-up fast and the memory of batch screening low. A miss compiles (and so
 * validates) the content as usual.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rulebook } from '../engine/rulebook.ts';
import { DEFAULT_CONTENT_DIR, readContent } from './files.ts';

const root = new URL('../../', import.meta.url).pathname;
const COMPILER = ['src/content/load.ts', 'src/content/schema.ts', 'src/engine/rulebook.ts'];

export async function loadRulebookCached(contentDir: string = DEFAULT_CONTENT_DIR): Promise<Rulebook> {
  const content = readContent(contentDir);
  const key = createHash('sha256').update(content.hash);
  for (const f of COMPILER) key.update(readFileSync(join(root, f)));
  const dir = join(root, 'node_modules', '.cache', 'rondkomen');
  const file = join(dir, `rulebook-${key.digest('hex').slice(0, 16)}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Rulebook;
    } catch {
      // A broken cache file is compiled again below.
    }
  }
  const { compileRulebook } = await import('./load.ts');
  const rulebook = compileRulebook(content);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(rulebook));
    renameSync(tmp, file);
  } catch {
    // Without a writable cache the rulebook is compiled on every start; that is only slower.
  }
  return rulebook;
}
