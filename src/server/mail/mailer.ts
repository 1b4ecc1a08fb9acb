/**
 * Sending mail with nodemailer: SMTP with a connection pool and optional DKIM when SMTP is
 * configured; otherwise the local outbox (development), which stores each rendered message in the
 * database so `npm start` works without a mail server.
 *
 * Every message gets plain-text and HTML parts, a stable Message-ID, `List-Unsubscribe` and
 * `List-Unsubscribe-Post` (RFC 8058). DKIM signs those headers too: nodemailer's default list leaves
 * `List-Unsubscribe-Post` out, and RFC 8058 requires it to be signed.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import type { Config } from '../config.ts';

export const DKIM_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:List-ID:List-Unsubscribe:List-Unsubscribe-Post';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets, for example `3f2a…@rondkomen.nl`. */
  messageId: string;
  language: string;
  unsubscribeUrl: string;
}

export interface Mailer {
  kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

type Transporter = ReturnType<typeof nodemailer.createTransport>;
type SendMailOptions = Parameters<Transporter['sendMail']>[0];

function options(config: Config, mail: OutgoingMail): SendMailOptions {
  return {
    from: config.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.messageId}>`,
    headers: {
      'Content-Language': mail.language,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
    list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'Afmelden' }, id: { url: config.mailDomain, comment: 'Rondkomen' } },
  };
}

export function createMailer(config: Config, db: Db): Mailer {
  if (config.smtp) {
    const transport: Transporter = nodemailer.createTransport({
      url: config.smtp.url,
      pool: true,
      maxConnections: 4,
      maxMessages: 1000,
      ...(config.smtp.dkim ? { dkim: { ...config.smtp.dkim, headerFieldNames: DKIM_HEADERS } } : {}),
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      kind: 'smtp',
      async send(mail) {
        await transport.sendMail(options(config, mail));
      },
      close: () => transport.close(),
    };
  }
  const render = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = (await render.sendMail(options(config, mail))) as { message: Buffer };
      await db
        .insert(outbox)
        .values({ messageId: mail.messageId, recipient: mail.to, subject: mail.subject, raw: info.message.toString('utf8') });
    },
    close: () => render.close(),
  };
}

/** SMTP replies 4xx and connection failures are worth a retry; 5xx replies are final. */
export function isRetryable(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  return (
    ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS', 'EPIPE'].includes(e.code ?? '') || e.code === undefined
  );
}
