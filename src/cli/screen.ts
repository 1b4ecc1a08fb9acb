/**
 * `npm run --silent cli -- screen FILE [--full] [--workers N]`: batch screening of NDJSON households
 * (one per line, each with an `id`). Output: one line per input line, in input order. A bad line never
 * stops the run. Uses every core (worker threads); memory stays flat because reading pauses while
 * enough batches are in flight. Throughput goes to standard error.
 */
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Rulebook } from '../engine/rulebook.ts';
import { todayInNetherlands } from '../contract/today.ts';
import { addMonths } from '../engine/dates.ts';

const BATCH_LINES = 1000;

export interface ScreenStats {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  workers: number;
  peakRssMb: number;
}

export async function screen(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  rulebook: Rulebook,
  options: { full: boolean; workers?: number | undefined; eventsUntil?: string | undefined },
): Promise<ScreenStats> {
  const started = process.hrtime.bigint();
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const workerData = {
    rulebook,
    full: options.full,
    today: todayInNetherlands(),
    computedAt: new Date().toISOString(),
    eventsUntil: options.eventsUntil,
  };
  // Small heaps keep memory flat whatever the file size: a worker only ever holds one batch.
  const resourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
  const workers = Array.from(
    { length: workerCount },
    () => new Worker(new URL('./screen-worker.ts', import.meta.url), { workerData, resourceLimits }),
  );
  const idle: Worker[] = [...workers];
  const queue: { seq: number; lines: string[] }[] = [];
  const done = new Map<number, { text: string; count: number; errors: number }>();
  let nextSeq = 0;
  let nextWrite = 0;
  let inFlight = 0;
  let count = 0;
  let errors = 0;
  let ended = false;
  const maxInFlight = workerCount * 3;

  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) idle.pop()!.postMessage(queue.shift()!);
  };
  const flush = (): void => {
    let chunk = '';
    while (done.has(nextWrite)) {
      const r = done.get(nextWrite)!;
      done.delete(nextWrite);
      chunk += r.text;
      count += r.count;
      errors += r.errors;
      nextWrite++;
      inFlight--;
    }
    if (chunk) {
      const ok = output.write(chunk);
      if (!ok) {
        input.pause();
        output.once('drain', () => {
          if (inFlight < maxInFlight) input.resume();
        });
      }
    }
    if (inFlight < maxInFlight) input.resume();
    if (ended && inFlight === 0) finish();
  };
  for (const w of workers) {
    w.on('message', (m: { seq: number; text: string; count: number; errors: number }) => {
      done.set(m.seq, m);
      idle.push(w);
      dispatch();
      flush();
    });
    w.on('error', fail);
  }

  const submit = (lines: string[]): void => {
    if (lines.length === 0) return;
    queue.push({ seq: nextSeq++, lines });
    inFlight++;
    dispatch();
    if (inFlight >= maxInFlight) input.pause();
  };

  let rest = '';
  let batch: string[] = [];
  input.setEncoding?.('utf8');
  input.on('data', (chunk: string | Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() === '') continue;
      batch.push(line);
      if (batch.length >= BATCH_LINES) {
        submit(batch);
        batch = [];
      }
    }
  });
  input.on('end', () => {
    if (rest.trim() !== '') batch.push(rest);
    submit(batch);
    ended = true;
    if (inFlight === 0) finish();
  });
  input.on('error', fail);

  try {
    await finished;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
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

export async function screenCommand(args: string[], rulebook: Rulebook): Promise<number> {
  const full = args.includes('--full');
  const valueOf = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const workersArg = valueOf('--workers');
  const workers = workersArg === undefined ? undefined : Number(workersArg);
  const eventsUntil = args.includes('--events') ? (valueOf('--until') ?? addMonths(todayInNetherlands(), 3)) : undefined;
  const flagValues = new Set([workersArg, valueOf('--until')]);
  const file = args.find((a) => !a.startsWith('--') && !flagValues.has(a));
  if (!file || (eventsUntil !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(eventsUntil))) {
    process.stderr.write(
      'usage: cli screen FILE.ndjson [--full] [--events [--until YYYY-MM-DD]] [--workers N]   (use - for standard input)\n',
    );
    return 2;
  }
  const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  let stats: ScreenStats;
  try {
    stats = await screen(input, process.stdout, rulebook, { full, workers, eventsUntil });
  } catch (e) {
    process.stderr.write(`screening stopped: ${(e as Error).message}\n`);
    return 2;
  }
  process.stderr.write(
    `screened ${stats.count} households in ${stats.seconds.toFixed(2)} s: ${Math.round(stats.perSecond)} per second ` +
      `(${stats.workers} workers), ${stats.errors} with errors, peak RSS ${stats.peakRssMb} MB\n`,
  );
  return 0;
}
