/**
 * Screening one batch of NDJSON lines (raw UTF-8, whole lines) into result lines (UTF-8), for batch
 * screening (screen.ts). The same code runs in each worker thread and on the main thread.
 */
import { screenLine } from '../contract/check.ts';
import { screenEventsLine } from '../contract/events.ts';
import { contractError } from '../contract/errors.ts';
import type { Rulebook } from '../engine/rulebook.ts';

export interface ScreenOptions {
  full: boolean;
  today: string;
  computedAt: string;
  /** Screen for coming events up to this date instead of checking. */
  eventsUntil?: string | undefined;
}

/** A batch's results: NDJSON as UTF-8, with how many lines it screened and how many failed. */
export interface ScreenedBatch {
  bytes: Uint8Array<ArrayBuffer>;
  count: number;
  errors: number;
}

const invalidJson = contractError('invalid-json', [{ path: [], code: 'invalid-json', params: {} }], 'nl').error;
const internalError = contractError('internal-error', [{ path: [], code: 'internal-error', params: {} }], 'nl').error;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Result lines written as UTF-8 straight into one growing buffer. Each line's string dies young; only
 * the bytes outlive it, outside the JavaScript heap, so the garbage collector has little to move.
 */
class Utf8Output {
  bytes: Uint8Array<ArrayBuffer>;
  length = 0;
  constructor(buffer: ArrayBuffer) {
    this.bytes = new Uint8Array(buffer);
  }
  line(text: string): void {
    // UTF-8 needs at most three bytes per UTF-16 unit; one more for the newline.
    const needed = this.length + text.length * 3 + 1;
    if (needed > this.bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    this.bytes[this.length++] = 10;
  }
}

function screenText(line: string, rulebook: Rulebook, o: ScreenOptions): { line: string; error: boolean } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { line: JSON.stringify({ id: null, error: invalidJson }), error: true };
  }
  try {
    return o.eventsUntil ? screenEventsLine(input, rulebook, { today: o.today, until: o.eventsUntil }) : screenLine(input, rulebook, o);
  } catch {
    // A bug must not stop the run; the line says so in plain language, without the error's own text.
    const id = typeof input === 'object' && input !== null ? ((input as { id?: unknown }).id ?? null) : null;
    return { line: JSON.stringify({ id, error: internalError }), error: true };
  }
}

/** Whether a line holds only spaces, tabs and carriage returns (skipped, like an empty line). */
function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9 && b !== 13) return false;
  }
  return true;
}

/**
 * Screens every line of a batch; blank lines are skipped, a bad line gets an error line. The result
 * is written into `into` (a buffer to use again) while it fits, and into a larger one of its own
 * when not.
 */
export function screenBatch(input: Uint8Array, rulebook: Rulebook, options: ScreenOptions, into: ArrayBuffer): ScreenedBatch {
  const out = new Utf8Output(into);
  let count = 0;
  let errors = 0;
  // Line by line from the bytes: no copy of the whole batch as one string, no array of its lines.
  for (let start = 0; start < input.length;) {
    let end = input.indexOf(10, start);
    if (end === -1) end = input.length;
    const text = isBlank(input, start, end) ? '' : decoder.decode(input.subarray(start, end));
    if (text.trim() !== '') {
      const r = screenText(text, rulebook, options);
      if (r.error) errors++;
      out.line(r.line);
      count++;
    }
    start = end + 1;
  }
  return { bytes: out.bytes.subarray(0, out.length), count, errors };
}
