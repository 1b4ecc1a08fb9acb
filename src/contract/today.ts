/** The contract's default reference date: today in the Netherlands (YYYY-MM-DD). */

/** Made once: building a formatter with a time zone costs far more than using it (this runs on every check). */
const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The last answer and the minute it is for. The Dutch date changes only on a whole minute (the offset
 * from UTC has been whole hours since 1940; earlier moments are not remembered), so within one UTC minute the answer cannot change; the
 * API asks for every request, and formatting costs more than the check of the minute.
 */
let last = { minute: Number.NaN, date: '' };

export function todayInNetherlands(now: Date = new Date()): string {
  const ms = now.getTime();
  if (ms < 0) return amsterdamDate.format(now);
  const minute = Math.floor(ms / 60_000);
  if (minute !== last.minute) last = { minute, date: amsterdamDate.format(now) };
  return last.date;
}
