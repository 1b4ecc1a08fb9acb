/**
 * `npm run --silent cli -- screen FILE [--full] [--workers N]`: batch screening (src/screening/) of an
 * NDJSON file or standard input to standard output. Throughput goes to standard error.
 */
import { todayInNetherlands } from '../contract/today.ts';
import { addMonths } from '../engine/dates.ts';
import type { Rulebook } from '../engine/rulebook.ts';
import { screen, type ScreenStats } from '../screening/screen.ts';

/** `rulebook`: the rulebook, or its JSON text from the cache (the main thread then never parses it). */
export async function screenCommand(args: string[], rulebook: Rulebook | string): Promise<number> {
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
  const input = file === '-' ? process.stdin : file;
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
