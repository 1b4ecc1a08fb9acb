/**
 * Engine benchmark: batch screening of generated households through `cli screen` itself (worker
 * threads on every core), in a separate process, so the peak memory is that of the command alone.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ndjsonLines } from './households.ts';

const root = new URL('../..', import.meta.url).pathname;

export interface ScreeningFigures {
  households: number;
  fileMb: number;
  seconds: number;
  perSecond: number;
  workers: number;
  cores: number;
  peakRssMb: number;
  errors: number;
  /** Every run, in order: on a shared virtual machine one run can be far off, so the bench runs several. */
  runs: { perSecond: number; peakRssMb: number }[];
}

export async function writeHouseholds(path: string, count: number, seed = 42): Promise<void> {
  const out = createWriteStream(path);
  for (const line of ndjsonLines(count, seed)) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs `cli screen FILE` with its output counted and thrown away, and reads its own report. */
export async function runScreen(file: string): Promise<Omit<ScreeningFigures, 'fileMb' | 'cores' | 'runs'> & { lines: number }> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'screen', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  const m = /screened (\d+) households in ([\d.]+) s: (\d+) per second \((\d+) workers\), (\d+) with errors, peak RSS (\d+) MB/.exec(
    stderr,
  );
  if (code !== 0 || !m) throw new Error(`cli screen failed (${code}): ${stderr}`);
  return {
    households: Number(m[1]),
    seconds: Number(m[2]),
    perSecond: Number(m[3]),
    workers: Number(m[4]),
    errors: Number(m[5]),
    peakRssMb: Number(m[6]),
    lines,
  };
}

/**
 * Screens `count` generated households `rounds` times. Throughput is the best run (the least
 * disturbed by other load on the machine); peak memory is the highest of all runs.
 */
export async function benchScreening(count = 200_000, rounds = 3): Promise<ScreeningFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'rondkomen-bench-'));
  const file = join(dir, 'households.ndjson');
  try {
    await writeHouseholds(file, count);
    const runs: Awaited<ReturnType<typeof runScreen>>[] = [];
    for (let i = 0; i < rounds; i++) {
      const r = await runScreen(file);
      if (r.lines !== count) throw new Error(`expected ${count} output lines, got ${r.lines}`);
      runs.push(r);
    }
    const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    return {
      households: best.households,
      fileMb: Math.round(statSync(file).size / 1048576),
      seconds: best.seconds,
      perSecond: best.perSecond,
      workers: best.workers,
      cores: availableParallelism(),
      peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
      errors: best.errors,
      runs: runs.map((r) => ({ perSecond: r.perSecond, peakRssMb: r.peakRssMb })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
