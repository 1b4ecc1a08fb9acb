/**
 * Batch screening of NDJSON households (one per line, each with an `id`), for the command line (`cli
 * screen`) and the console's screening uploads alike. Output: one line per input line, in input
 * order. A bad line never stops the run. Uses every core (worker threads); memory stays flat because
 * reading waits while enough batches are in flight.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Rulebook } from '../engine/rulebook.ts';
import { todayInNetherlands } from '../contract/today.ts';
import type { ScreenedBatch, ScreenOptions } from './batch.ts';
import { bundledWorker } from './worker-bundle.ts';

export interface ScreenStats {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  workers: number;
  peakRssMb: number;
}

/** Bytes per read, and so about per batch: some 550 households, a few milliseconds of work. */
const CHUNK = 1 << 18;
/** Pooled buffers: a batch is a read plus the part line before it; its results are about three times as long. */
const INPUT_BUFFER = CHUNK * 2;
const OUTPUT_BUFFER = CHUNK * 4;

/**
 * Screens NDJSON from a file (a path) or a stream to `output`. Batches of whole lines go to worker
 * threads as raw UTF-8 and their results come back the same way, moved rather than copied; this
 * thread only reads, hands out and writes, so it stays small and leaves the cores to the workers.
 * `rulebook` may be the JSON text the rulebook cache keeps: the workers parse it anyway.
 */
export async function screen(
  input: NodeJS.ReadableStream | string,
  output: NodeJS.WritableStream,
  rulebook: Rulebook | string,
  options: { full: boolean; workers?: number | undefined; eventsUntil?: string | undefined },
): Promise<ScreenStats> {
  const started = process.hrtime.bigint();
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const workers = await startWorkers(workerCount, rulebook, options);
  // Buffers go round between this thread and the workers instead of being made anew for every batch.
  // This thread makes so little garbage that its collector seldom runs, and buffers it let go of
  // would stay in memory until it did: about 100 MB more for 200,000 households.
  const inputs = new BufferPool(INPUT_BUFFER);
  const outputs = new BufferPool(OUTPUT_BUFFER);

  const idle: Worker[] = [...workers];
  const queue: Batch[] = [];
  let nextSeq = 0;
  const maxInFlight = workerCount * 3;
  let failure: unknown;
  /** Wakes the main loop when a worker returns a batch, the output drains, or a worker fails. */
  const wakeUp = new WakeUp();
  const written = new InOrderOutput(output, outputs, () => wakeUp.signal());
  /** Batches handed out and not written yet. */
  const inFlight = (): number => nextSeq - written.batches;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const batch = queue.shift()!;
      const spare = outputs.take(OUTPUT_BUFFER);
      idle.pop()!.postMessage({ ...batch, spare }, [batch.bytes.buffer, spare]);
    }
  };
  for (const w of workers) {
    w.on('message', (m: ScreenedBatch & { seq: number; input: ArrayBuffer }) => {
      inputs.give(m.input);
      idle.push(w);
      dispatch();
      written.add(m.seq, m);
      wakeUp.signal();
    });
    w.on('error', (e) => {
      failure ??= e;
      wakeUp.signal();
    });
  }

  try {
    const submit = (head: Uint8Array, tail: Uint8Array): void => {
      const length = head.length + tail.length;
      const bytes = new Uint8Array(inputs.take(length), 0, length);
      bytes.set(head, 0);
      bytes.set(tail, head.length);
      queue.push({ seq: nextSeq++, bytes });
      dispatch();
    };
    await readWholeLines(input, submit, async () => {
      while ((inFlight() >= maxInFlight || written.draining) && failure === undefined) await wakeUp.wait();
      if (failure !== undefined) throw failure;
    });
    while (inFlight() > 0 && failure === undefined) await wakeUp.wait();
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return screenStats(written.count, written.errors, started, workerCount);
}

/** Worker threads that each hold the rulebook and check the batches they are sent. */
async function startWorkers(
  workerCount: number,
  rulebook: Rulebook | string,
  options: { full: boolean; eventsUntil?: string | undefined },
): Promise<Worker[]> {
  const workerData = {
    // As JSON text, parsed again in each worker: objects that come through the structured clone of
    // workerData are slow to read in V8 (the check ran about 1.6× slower on them, measured).
    rulebookJson: typeof rulebook === 'string' ? rulebook : JSON.stringify(rulebook),
    full: options.full,
    today: todayInNetherlands(),
    computedAt: new Date().toISOString(),
    eventsUntil: options.eventsUntil,
  } satisfies ScreenOptions & { rulebookJson: string };
  // Small heaps keep memory flat whatever the file size: a worker only ever holds a batch or two.
  const resourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 32 };
  // One plain JavaScript file: each worker starts in half the time and some 15 MB smaller.
  const entry = await bundledWorker(new URL('./worker.ts', import.meta.url));
  return Array.from({ length: workerCount }, () => new Worker(entry, { workerData, resourceLimits }));
}

function screenStats(count: number, errors: number, started: bigint, workerCount: number): ScreenStats {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // ru_maxrss: the kernel's peak resident set of the whole process, worker threads included (KiB on Linux).
  return {
    count,
    errors,
    seconds,
    perSecond: count / seconds,
    workers: workerCount,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * Hands the input on in runs of whole lines: `submit` gets the bytes left over from before and the new
 * ones up to the last newline; after each run, `pause` may wait until the workers catch up.
 */
async function readWholeLines(
  input: NodeJS.ReadableStream | string,
  submit: (head: Uint8Array, tail: Uint8Array) => void,
  pause: () => Promise<void>,
): Promise<void> {
  // The bytes after the last newline read, waiting for the rest of their line.
  let rest: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunksOf(input)) {
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      rest = concat(rest, chunk);
      continue;
    }
    submit(rest, chunk.subarray(0, last + 1));
    // A copy: a file's chunk is read over by the next read (Buffer#slice would give a view).
    rest = Uint8Array.prototype.slice.call(chunk, last + 1);
    await pause();
  }
  // The last line, when the input does not end with a newline.
  if (rest.length > 0) submit(rest, new Uint8Array(0));
}

/**
 * Writes the batches the workers return in the order they were read, whatever order they come back in,
 * and counts the households and errors written. While the output is full it is `draining`.
 */
class InOrderOutput {
  count = 0;
  errors = 0;
  /** Batches written (or empty), in order. */
  batches = 0;
  draining = false;
  private readonly done = new Map<number, ScreenedBatch>();
  private readonly output: NodeJS.WritableStream;
  private readonly buffers: BufferPool;
  private readonly drained: () => void;
  constructor(output: NodeJS.WritableStream, buffers: BufferPool, drained: () => void) {
    this.output = output;
    this.buffers = buffers;
    this.drained = drained;
  }

  add(seq: number, batch: ScreenedBatch): void {
    this.done.set(seq, batch);
    while (this.done.has(this.batches)) {
      const r = this.done.get(this.batches)!;
      this.done.delete(this.batches);
      this.count += r.count;
      this.errors += r.errors;
      this.batches++;
      if (r.bytes.length === 0) {
        this.buffers.give(r.bytes.buffer);
        continue;
      }
      const ok = this.output.write(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.length), () =>
        this.buffers.give(r.bytes.buffer),
      );
      if (!ok && !this.draining) {
        this.draining = true;
        this.output.once('drain', () => {
          this.draining = false;
          this.drained();
        });
      }
    }
  }
}

/** One waiter at a time, woken by the next signal. */
class WakeUp {
  private wake: (() => void) | undefined;
  signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
  wait(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}

/**
 * The input in chunks. A file is read into one buffer used again for every read (the caller copies
 * what it keeps before asking for the next chunk); a stream gives its own chunks.
 */
async function* chunksOf(input: NodeJS.ReadableStream | string): AsyncGenerator<Uint8Array> {
  if (typeof input !== 'string') {
    for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    return;
  }
  const file = await open(input, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** Buffers of one size, kept for use again; a request for more gets a buffer of its own, not kept. */
class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  private readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  take(atLeast: number): ArrayBuffer {
    if (atLeast > this.size) return new ArrayBuffer(atLeast);
    return this.free.pop() ?? new ArrayBuffer(this.size);
  }
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.size && !buffer.detached) this.free.push(buffer);
  }
}

interface Batch {
  seq: number;
  bytes: Uint8Array<ArrayBuffer>;
}
