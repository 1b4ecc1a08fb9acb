/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps every message it accepts,
 * parsed with mailparser. It can refuse messages with a chosen reply code, and hold its replies, to
 * test retries, bounces and crashes.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  raw: string;
  parsed: ParsedMail;
  messageId: string;
  to: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  /** Decide per message: undefined accepts, a number refuses with that reply code. */
  reply: (raw: string, attempt: number) => number | undefined;
  /** While true, accepted messages wait for `release()` before their 250 reply. */
  hold: boolean;
  release: () => void;
  /**
   * Milliseconds between keeping a message and answering 250, as a remote MTA that commits and then
   * replies over a slow link: a client that dies in between sent a message it never saw accepted.
   */
  replyDelayMs: number;
  /** Drops held messages without a reply, as if the connection broke before the 250. */
  discard: () => void;
  close: () => Promise<void>;
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const attempts = new Map<string, number>();
  const held: (() => void)[] = [];
  const state: TestSmtp = {
    url: '',
    port: 0,
    received: [],
    reply: () => undefined,
    hold: false,
    replyDelayMs: 0,
    release: () => {
      for (const r of held.splice(0)) r();
    },
    discard: () => {
      held.splice(0);
    },
    close: async () => undefined,
    waitFor: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? '';
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        const code = state.reply(raw, attempt);
        if (code !== undefined) {
          const err = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & { responseCode: number };
          err.responseCode = code;
          callback(err);
          return;
        }
        const accept = (): void => {
          void simpleParser(raw).then((parsed) => {
            const to = Array.isArray(parsed.to) ? (parsed.to[0]?.text ?? '') : (parsed.to?.text ?? '');
            state.received.push({ raw, parsed, messageId: id, to });
            if (state.replyDelayMs > 0) setTimeout(() => callback(null, 'OK'), state.replyDelayMs);
            else callback(null, 'OK');
          });
        };
        if (state.hold) held.push(accept);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  state.waitFor = async (count, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (state.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${state.received.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return state;
}
