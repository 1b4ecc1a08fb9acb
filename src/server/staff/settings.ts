/**
 * Settings of the staff console, from the environment, with safe defaults. Read on every call (they
 * are cheap), so tests can change them.
 */
function num(value: string | undefined, fallback: number, min: number): number {
  const n = Number(value);
  return Number.isFinite(n) && value !== undefined && value !== '' ? Math.max(min, n) : fallback;
}

export interface ConsoleSettings {
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** And at the latest this long after login. */
  sessionMaxHours: number;
  /** Failed logins for one account within `lockMinutes` before it is locked for `lockMinutes`. */
  maxFailedLogins: number;
  lockMinutes: number;
  /** Failed login attempts per client address per 15 minutes. */
  loginAttemptsPerAddress: number;
  /** Sessions one person may have at once; a new login ends the oldest beyond this. */
  maxSessions: number;
  /** Staff must set up a second factor (TOTP) before they can use the console. */
  requireSecondFactor: boolean;
  /** Months the audit log is kept. */
  auditRetentionMonths: number;
  /** Days an uploaded screening file and its results are kept. */
  screeningRetentionDays: number;
  /** Largest screening upload in bytes. */
  screeningMaxBytes: number;
  /** Campaign mails handed to the send queue per round, and the pause between rounds. */
  campaignBatch: number;
  campaignIntervalSeconds: number;
  /** Secure cookies (always in production, and whenever the public URL is https). */
  secureCookies: boolean;
}

export function consoleSettings(env: NodeJS.ProcessEnv = process.env): ConsoleSettings {
  const publicUrl = env.PUBLIC_URL ?? '';
  return {
    sessionIdleMinutes: num(env.CONSOLE_SESSION_IDLE_MINUTES, 60, 1),
    sessionMaxHours: num(env.CONSOLE_SESSION_MAX_HOURS, 12, 1),
    maxFailedLogins: num(env.CONSOLE_MAX_FAILED_LOGINS, 5, 1),
    lockMinutes: num(env.CONSOLE_LOCK_MINUTES, 15, 1),
    loginAttemptsPerAddress: num(env.CONSOLE_LOGIN_ATTEMPTS_PER_ADDRESS, 30, 1),
    maxSessions: num(env.CONSOLE_MAX_SESSIONS, 3, 1),
    requireSecondFactor: env.CONSOLE_REQUIRE_SECOND_FACTOR === 'true',
    auditRetentionMonths: num(env.AUDIT_RETENTION_MONTHS, 24, 1),
    screeningRetentionDays: num(env.SCREENING_RETENTION_DAYS, 30, 1),
    screeningMaxBytes: num(env.SCREENING_MAX_BYTES, 20 * 1024 * 1024, 1024),
    campaignBatch: num(env.CAMPAIGN_BATCH, 50, 1),
    campaignIntervalSeconds: num(env.CAMPAIGN_INTERVAL_SECONDS, 10, 1),
    secureCookies: env.NODE_ENV === 'production' || publicUrl.startsWith('https:'),
  };
}
