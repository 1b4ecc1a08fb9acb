/** The API's rate limit (RONDKOMEN_API_RATE_LIMIT): off unless set, per client, in one-minute windows. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/server/http/gate.ts';
import { parseApiRateLimit, WindowLimiter } from '../../src/server/http/rate-limit.ts';

describe('RONDKOMEN_API_RATE_LIMIT', () => {
  it('is off when unset or 0, a whole number of requests per minute otherwise, and an error when unreadable', () => {
    expect(parseApiRateLimit(undefined)).toBeUndefined();
    expect(parseApiRateLimit('')).toBeUndefined();
    expect(parseApiRateLimit('0')).toBeUndefined();
    expect(parseApiRateLimit(' 600 ')).toBe(600);
    for (const bad of ['-1', '1.5', 'ten', '10/min']) expect(() => parseApiRateLimit(bad), bad).toThrow(ConfigError);
  });
});

describe('WindowLimiter', () => {
  it('allows the limit per client in a minute, refuses the next with the seconds to the next minute, and starts again then', () => {
    const limiter = new WindowLimiter(2);
    const t = Date.UTC(2026, 11, 6, 12, 0, 15); // 45 seconds before the next window
    expect(limiter.hit('a', t)).toEqual({ ok: true });
    expect(limiter.hit('a', t + 1000)).toEqual({ ok: true });
    expect(limiter.hit('a', t + 2000)).toEqual({ ok: false, retryAfterSeconds: 43 });
    // Another client has its own count.
    expect(limiter.hit('b', t + 2000)).toEqual({ ok: true });
    // The next minute starts from zero.
    expect(limiter.hit('a', t + 45_000)).toEqual({ ok: true });
  });
});
