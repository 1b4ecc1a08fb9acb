/**
 * A worker thread of `cli screen`: screens batches of NDJSON lines (raw UTF-8, whole lines) with its own
 * copy of the rulebook, and hands the result lines back as UTF-8.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { screenEventsLine, screenLine } from '../contract/check.ts';
import { contractError } from '../contract/errors.ts';
import type { Rulebook } from '../engine/rulebook.ts';

interface Options {
  rulebook: Rulebook;
  full: boolean;
  today: string;
  computedAt: string;
  /** Screen for coming events up to this date instead of checking. */
  eventsUntil?: string | undefined;
}

const { rulebook, full, today, computedAt, eventsUntil } = workerData as Options;
const invalidJson = contractError('invalid-json', [{ path: [], code: 'invalid-json', params: {} }], 'nl').error;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

parentPort!.on('message', (batch: { seq: number; bytes: Uint8Array }) => {
  const out: string[] = [];
  let errors = 0;
  for (const line of decoder.decode(batch.bytes).split('\n')) {
    if (line.trim() === '') continue;
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch {
      errors++;
      out.push(JSON.stringify({ id: null, error: invalidJson }));
      continue;
    }
    try {
      const r = eventsUntil
        ? screenEventsLine(input, rulebook, { today, until: eventsUntil })
        : screenLine(input, rulebook, { today, computedAt, full });
      if (r.error) errors++;
      out.push(r.line);
    } catch (e) {
      // A bug must not stop the run; the line says so without a stack trace.
      errors++;
      const id = typeof input === 'object' && input !== null ? ((input as { id?: unknown }).id ?? null) : null;
      out.push(
        JSON.stringify({
          id,
          error: { code: 'internal-error', issues: [{ path: '', code: 'internal-error', message: String((e as Error).message) }] },
        }),
      );
    }
  }
  const bytes = encoder.encode(out.length > 0 ? `${out.join('\n')}\n` : '');
  parentPort!.postMessage({ seq: batch.seq, bytes, count: out.length, errors }, [bytes.buffer]);
});
