/**
 * Compiles content/ in a thread of its own, for the rulebook cache (cache.ts). The YAML parser, zod
 * and the compiler's garbage live and die with this thread, so a process that compiled once is no
 * bigger afterwards than one that read the cache; batch screening's memory stays flat either way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ContentError } from './errors.ts';
import type { ContentFiles } from './files.ts';
import { compileRulebook } from './load.ts';

export type CompileReply = { json: string } | { problems: string[] };

let reply: CompileReply;
try {
  reply = { json: JSON.stringify(compileRulebook(workerData as ContentFiles)) };
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  reply = { problems: e.problems };
}
parentPort!.postMessage(reply);
