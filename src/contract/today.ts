/** The contract's default reference date: today in the Netherlands (YYYY-MM-DD). */

/** Made once: building a formatter with a time zone costs far more than using it (this runs on every check). */
const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInNetherlands(now: Date = new Date()): string {
  return amsterdamDate.format(now);
}
