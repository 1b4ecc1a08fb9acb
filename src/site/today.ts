/**
 * The site's reference date: today in the Netherlands, or a fixed date from RONDKOMEN_TODAY
 * (YYYY-MM-DD) so tests, demos and benchmarks give the same amounts every day. Server-only.
 */
import { todayInNetherlands } from '../contract/today.ts';

export function siteToday(): string {
  const pinned = process.env.RONDKOMEN_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : todayInNetherlands();
}
