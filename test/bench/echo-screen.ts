/**
 * The baseline of the screening benchmark (issue 17): everything `cli screen` does except the check.
 * It reads an NDJSON file, hands batches of whole lines to one worker thread per core, each worker
 * parses every line and writes `{"id":…,"result":{"people":n}}`, and the lines go to standard output
 * in input order. Standard error gets the same report line as `cli screen`, so the bench reads both
 * alike: `node test/bench/echo-screen.ts FILE`.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** The work of one worker, as a script of its own (no TypeScript, no imports: it starts at once). */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const decoder = new TextDecoder();
parentPort.on('message', ({ seq, bytes }) => {
  const out = [];
  let count = 0;
  for (const line of decoder.decode(bytes).split('\\n')) {
    if (line.trim() === '') continue;
    const h = JSON.parse(line);
    out.push(JSON.stringify({ id: h.id ?? null, result: { people: Array.isArray(h.people) ? h.people.length : 0 } }));
    count++;
  }
  parentPort.postMessage({ seq, text: out.length > 0 ? out.join('\\n') + '\\n' : '', count });
});
`;

const CHUNK = 1 << 18;

async function main(file: string): Promise<void> {
  const started = process.hrtime.bigint();
  const workerCount = availableParallelism();
  const workers = Array.from({ length: workerCount }, () => new Worker(WORKER, { eval: true }));
  const idle = [...workers];
  const queue: { seq: number; bytes: Uint8Array }[] = [];
  const done = new Map<number, { text: string; count: number }>();
  let sent = 0;
  let written = 0;
  let count = 0;
  let wake: (() => void) | undefined;
  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const batch = queue.shift()!;
      idle.pop()!.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
    }
  };
  for (const w of workers) {
    w.on('message', (m: { seq: number; text: string; count: number }) => {
      idle.push(w);
      done.set(m.seq, m);
      while (done.has(written)) {
        const r = done.get(written)!;
        done.delete(written++);
        count += r.count;
        if (r.text !== '') process.stdout.write(r.text);
      }
      dispatch();
      wake?.();
    });
  }
  const handle = await open(file);
  let rest: Uint8Array = new Uint8Array(0);
  for (;;) {
    const chunk = new Uint8Array(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK);
    if (bytesRead === 0) break;
    const read = chunk.subarray(0, bytesRead);
    const last = read.lastIndexOf(10);
    if (last === -1) {
      rest = concat(rest, read);
      continue;
    }
    queue.push({ seq: sent++, bytes: concat(rest, read.subarray(0, last + 1)) });
    rest = read.slice(last + 1);
    dispatch();
    // Reading waits while enough batches are in flight, like `cli screen`.
    while (sent - written >= workerCount * 3) await new Promise<void>((r) => (wake = r));
  }
  await handle.close();
  if (rest.length > 0) {
    queue.push({ seq: sent++, bytes: rest });
    dispatch();
  }
  while (written < sent) await new Promise<void>((r) => (wake = r));
  await Promise.all(workers.map((w) => w.terminate()));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stderr.write(
    `screened ${count} households in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} per second ` +
      `(${workerCount} workers), 0 with errors, peak RSS ${peakRssMb} MB\n`,
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

await main(process.argv[2]!);
