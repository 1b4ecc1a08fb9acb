/**
 * `npm run --silent cli -- check FILE` (or `-` for standard input): one household in, the result JSON
 * out with exit 0; invalid input gives the error JSON with exit 2. Never a stack trace.
 */
import { requestedLanguage, runCheck } from '../contract/check.ts';
import { contractError } from '../contract/errors.ts';
import type { Rulebook } from '../engine/rulebook.ts';
import { todayInNetherlands } from '../contract/today.ts';
import { readInput, writeJson } from './io.ts';

export function checkCommand(file: string | undefined, rulebook: Rulebook): number {
  if (!file) {
    process.stderr.write('usage: cli check FILE   (use - for standard input)\n');
    return 2;
  }
  let text: string;
  try {
    text = readInput(file);
  } catch {
    process.stderr.write(`cannot read ${file}\n`);
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    writeJson(contractError('invalid-json', [{ path: [], code: 'invalid-json', params: {} }], 'nl'));
    return 2;
  }
  let r: ReturnType<typeof runCheck>;
  try {
    r = runCheck(input, rulebook, { today: todayInNetherlands(), computedAt: new Date().toISOString() });
  } catch {
    // A bug of ours: say so in plain language, never with a stack trace.
    writeJson(contractError('internal-error', [{ path: [], code: 'internal-error', params: {} }], requestedLanguage(input, undefined)));
    return 1;
  }
  if (!r.ok) {
    writeJson(r.error);
    return 2;
  }
  writeJson(r.result);
  return 0;
}
