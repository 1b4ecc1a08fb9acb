/**
 * The compiled rulebook, cached as JSON under node_modules/.cache/rondkomen, keyed by a hash of the
 * content and of the compiler's own source. A cache hit needs neither the YAML parser nor zod, which
 * keeps command-line start-up fast and the memory of batch screening low. A miss compiles (and so
 * validates) the content in a thread of its own (compile-worker.ts), so that memory is given back
 * when it ends: compiling on this thread left batch screening some 30 MB larger for its whole run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Rulebook } from '../engine/rulebook.ts';
import type { CompileReply } from './compile-worker.ts';
import { ContentError } from './errors.ts';
import { DEFAULT_CONTENT_DIR, readContent, type ContentFiles } from './files.ts';

const root = new URL('../../', import.meta.url).pathname;
const COMPILER = ['src/content/load.ts', 'src/content/schema.ts', 'src/engine/rulebook.ts', 'src/engine/rule-versions.ts'];

export async function loadRulebookCached(contentDir: string = DEFAULT_CONTENT_DIR): Promise<Rulebook> {
  return JSON.parse(await loadRulebookTextCached(contentDir)) as Rulebook;
}

/**
 * The compiled rulebook as the JSON text the cache keeps, for batch screening: its workers each parse
 * the text, so the main thread never needs the rulebook as objects (some 15 MB less for the whole run).
 */
export async function loadRulebookTextCached(contentDir: string = DEFAULT_CONTENT_DIR): Promise<string> {
  const content = readContent(contentDir);
  const key = createHash('sha256').update(content.hash);
  for (const f of COMPILER) key.update(readFileSync(join(root, f)));
  const dir = join(root, 'node_modules', '.cache', 'rondkomen');
  const file = join(dir, `rulebook-${key.digest('hex').slice(0, 16)}.json`);
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    // The file is written whole and renamed into place; this only guards against one cut short.
    if (text.startsWith('{') && text.trimEnd().endsWith('}')) return text;
  }
  const json = await compileInThread(content);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, file);
  } catch {
    // Without a writable cache the rulebook is compiled on every start; that is only slower.
  }
  return json;
}

/** The compiled rulebook as JSON text, or the content's problems as a {@link ContentError}. */
async function compileInThread(content: ContentFiles): Promise<string> {
  const worker = new Worker(new URL('./compile-worker.ts', import.meta.url), { workerData: content });
  try {
    const reply = await new Promise<CompileReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the content compiler stopped (exit code ${code})`)));
    });
    if ('problems' in reply) throw new ContentError(reply.problems);
    return reply.json;
  } finally {
    await worker.terminate();
  }
}
