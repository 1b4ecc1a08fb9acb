/**
 * Settings from the environment, read once. Defaults run everything embedded: PGlite in `.data/`,
 * mail into the local outbox, the site on 127.0.0.1:4321.
 */
import { join } from 'node:path';
import { ConfigError } from './http/gate.ts';

export interface SmtpConfig {
  url: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string } | undefined;
}

export interface Config {
  /** A PostgreSQL server; without it, embedded PGlite. */
  databaseUrl: string | undefined;
  pgliteDir: string;
  /** The public origin for links in mails, without a trailing slash. */
  publicUrl: string;
  mailFrom: string;
  /** Domain for Message-IDs. */
  mailDomain: string;
  /** SMTP; without it, mails go to the local outbox (development). */
  smtp: SmtpConfig | undefined;
  /** Run the queue workers inside the web process (always with PGlite). */
  inlineWorkers: boolean;
  production: boolean;
  root: string;
  /** Requests to be contacted one client address may make per hour (CONSENT_PER_CLIENT_PER_HOUR, default 10). */
  consentPerClientPerHour: number;
  queue: {
    retryDelay: number;
    heartbeatSeconds: number;
    monitorIntervalSeconds: number;
    pollingIntervalSeconds: number;
    sendConcurrency: number;
  };
}

/** The project root: set by src/server/main.ts, otherwise the working directory (npm scripts, tests). */
export function projectRoot(): string {
  return process.env.RONDKOMEN_ROOT ?? process.cwd();
}

/** CONSENT_PER_CLIENT_PER_HOUR: unset is 10; anything but a whole number from 1 is a configuration error. */
export function parseConsentPerClientPerHour(setting: string | undefined): number {
  const s = (setting ?? '').trim();
  if (s === '') return 10;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`CONSENT_PER_CLIENT_PER_HOUR: "${s}" is not a whole number of requests per hour`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = projectRoot();
  const host = env.HOST ?? '127.0.0.1';
  const port = env.PORT ?? '4321';
  const publicUrl = (env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, '');
  const databaseUrl = env.DATABASE_URL || undefined;
  const smtpUrl =
    env.SMTP_URL ||
    (env.SMTP_HOST
      ? `smtp${env.SMTP_SECURE === 'true' ? 's' : ''}://${env.SMTP_USER ? `${encodeURIComponent(env.SMTP_USER)}:${encodeURIComponent(env.SMTP_PASS ?? '')}@` : ''}${env.SMTP_HOST}:${env.SMTP_PORT ?? '587'}`
      : undefined);
  const dkim =
    env.DKIM_DOMAIN && env.DKIM_SELECTOR && env.DKIM_PRIVATE_KEY
      ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: env.DKIM_PRIVATE_KEY.replace(/\\n/g, '\n') }
      : undefined;
  return {
    databaseUrl,
    pgliteDir: env.PGLITE_DIR ?? join(root, '.data', 'pglite'),
    publicUrl,
    mailFrom: env.MAIL_FROM ?? 'Rondkomen <noreply@rondkomen.localhost>',
    mailDomain: env.MAIL_DOMAIN ?? new URL(publicUrl).hostname,
    smtp: smtpUrl ? { url: smtpUrl, dkim } : undefined,
    inlineWorkers: !databaseUrl || env.INLINE_WORKERS === 'true',
    production: env.NODE_ENV === 'production',
    root,
    consentPerClientPerHour: parseConsentPerClientPerHour(env.CONSENT_PER_CLIENT_PER_HOUR),
    queue: {
      retryDelay: Number(env.QUEUE_RETRY_DELAY ?? 30),
      heartbeatSeconds: Number(env.QUEUE_HEARTBEAT_SECONDS ?? 30),
      monitorIntervalSeconds: Number(env.QUEUE_MONITOR_SECONDS ?? 15),
      pollingIntervalSeconds: Number(env.QUEUE_POLLING_SECONDS ?? 2),
      sendConcurrency: Number(env.QUEUE_SEND_CONCURRENCY ?? 4),
    },
  };
}
