/** Dates in the console: days are Dutch days (Europe/Amsterdam), whatever the server's time zone. */
import { dateTimeFormat } from '../../i18n/intl-formats.ts';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

/** Minutes east of UTC in the Netherlands at `at` (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 60;
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The moment a Dutch local date and time begins, for example the start of a day. */
export function amsterdamTime(date: string, time = '00:00'): Date {
  const utc = new Date(`${date}T${time}:00Z`);
  const first = new Date(utc.getTime() - amsterdamOffsetMinutes(utc) * 60_000);
  return new Date(utc.getTime() - amsterdamOffsetMinutes(first) * 60_000);
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM` in Dutch time, for a datetime-local field. */
export function localDateTimeValue(at: Date): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

const locale = (language: 'nl' | 'en'): string => (language === 'nl' ? 'nl-NL' : 'en-GB');

/** A moment as staff read it, in Dutch time: "2 mrt 2026, 10:15". */
export function formatDateTime(at: Date, language: 'nl' | 'en'): string {
  return dateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(at);
}

/** The Dutch day of a moment: "2 mrt 2026". */
export function formatDay(at: Date, language: 'nl' | 'en'): string {
  return dateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(at);
}

/** Whole days between two moments (for "waiting 3 days"). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}
