/**
 * A limit on API requests per client, when the deployment sets one: RONDKOMEN_API_RATE_LIMIT is the
 * number of requests a client may make per minute (unset or 0: no limit, the default; a reverse proxy
 * can limit instead). Counted in this process, in fixed one-minute windows: one count per client
 * address, all forgotten when the window turns, so memory stays bounded by the clients of one minute.
 */
import { ConfigError } from './gate.ts';

const WINDOW_MS = 60_000;

/** The setting as a number of requests per minute; undefined for no limit. Anything else is a configuration error. */
export function parseApiRateLimit(setting: string | undefined): number | undefined {
  const s = (setting ?? '').trim();
  if (s === '' || s === '0') return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`RONDKOMEN_API_RATE_LIMIT: "${s}" is not a whole number of requests per minute`);
  return n;
}

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class WindowLimiter {
  readonly limit: number;
  #window = -1;
  #counts = new Map<string, number>();

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Counts one request of `client`; refuses it, with the seconds until the next window, over the limit. */
  hit(client: string, now: number = Date.now()): Verdict {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts.clear();
    }
    const count = (this.#counts.get(client) ?? 0) + 1;
    this.#counts.set(client, count);
    if (count <= this.limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)) };
  }
}

let limiter: WindowLimiter | null | undefined;

/** The API's limiter from the environment (read once; the server checked the setting at start). */
export function apiLimiter(): WindowLimiter | undefined {
  if (limiter === undefined) {
    const limit = parseApiRateLimit(process.env.RONDKOMEN_API_RATE_LIMIT);
    limiter = limit === undefined ? null : new WindowLimiter(limit);
  }
  return limiter ?? undefined;
}
