/**
 * The development outbox page's helpers: reading the messages nodemailer renders into the outbox
 * (the plain text and the links come back exactly), and who may see the page at all.
 */
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';
import { decodeHeader, linkParts, outboxAvailable, parseMail } from '../../src/server/mail/outbox.ts';
import { renderMail } from '../../src/server/mail/templates.ts';

async function rendered(language: 'nl' | 'ar' | 'uk'): Promise<{ raw: string; text: string; subject: string }> {
  const mail = renderMail('confirmation', {
    language,
    municipality: 'Assen',
    schemes: ['Individuele inkomenstoeslag', 'Meedoenpremie voor schoolgaande kinderen'],
    actionUrl: 'http://127.0.0.1:4321/bevestigen?t=fuysYSiwiZBh3kOsV_Ma0FxZ947WhUOejqhF5kQ8H-8',
    withdrawUrl: 'http://127.0.0.1:4321/afmelden?t=sA3wnAPWXhxfOL4VhFf5mBoipgwu4683Nwb9ts94bUw',
    contact: true,
    ruleChanges: true,
  });
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = (await transport.sendMail({
    from: 'Rondkomen <noreply@rondkomen.localhost>',
    to: 'ank@example.org',
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    list: { unsubscribe: { url: 'http://127.0.0.1:4321/afmelden/one-click?t=abc', comment: 'Afmelden' } },
  })) as { message: Buffer };
  return { raw: info.message.toString('utf8'), text: mail.text, subject: mail.subject };
}

describe('reading an outbox message', () => {
  it.each(['nl', 'ar', 'uk'] as const)('gives back the plain text, the subject and the links (%s)', async (language) => {
    const m = await rendered(language);
    const parsed = parseMail(m.raw);
    expect(parsed.text).toBe(m.text.replace(/\n$/, ''));
    expect(parsed.html).toContain('<a href="http://127.0.0.1:4321/afmelden?t=sA3wnAPWXhxfOL4VhFf5mBoipgwu4683Nwb9ts94bUw"');
    expect(parsed.headers.find((h) => h.name === 'Subject')?.value).toBe(m.subject);
    expect(parsed.headers.find((h) => h.name === 'List-Unsubscribe-Post')?.value).toBe('List-Unsubscribe=One-Click');
    const links = linkParts(parsed.text!)
      .filter((p) => p.href)
      .map((p) => p.href);
    expect(links).toEqual([
      'http://127.0.0.1:4321/bevestigen?t=fuysYSiwiZBh3kOsV_Ma0FxZ947WhUOejqhF5kQ8H-8',
      'http://127.0.0.1:4321/afmelden?t=sA3wnAPWXhxfOL4VhFf5mBoipgwu4683Nwb9ts94bUw',
    ]);
    // The text around the links is kept whole.
    expect(
      linkParts(parsed.text!)
        .map((p) => p.text)
        .join(''),
    ).toBe(parsed.text);
  });

  it('decodes encoded words in headers', () => {
    expect(decodeHeader('=?UTF-8?Q?Bevestig_je_vraag_=E2=80=93_Assen?=')).toBe('Bevestig je vraag – Assen');
    expect(decodeHeader('=?UTF-8?B?0J/RltC00YLQstC10YDQtNGW0YLRjA==?= x')).toBe('Підтвердіть x');
  });

  it('does not take a full stop after a link as part of it', () => {
    expect(linkParts('Zie https://example.org/a?t=1. Klaar')).toEqual([
      { text: 'Zie ' },
      { text: 'https://example.org/a?t=1', href: 'https://example.org/a?t=1' },
      { text: '. Klaar' },
    ]);
  });
});

describe('who may see the outbox page', () => {
  const local = new Request('http://127.0.0.1:4321/dev/outbox');
  const outboxMode = { config: readConfig({}), mailer: { kind: 'outbox' as const, send: async () => {}, close: () => {} } };
  const smtpMode = {
    config: readConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }),
    mailer: { kind: 'smtp' as const, send: async () => {}, close: () => {} },
  };

  it('opens on this machine when mail goes to the outbox', () => {
    expect(outboxAvailable(outboxMode, local, '127.0.0.1', {})).toBe(true);
    expect(outboxAvailable(outboxMode, local, '::1', {})).toBe(true);
    expect(outboxAvailable(outboxMode, local, '::ffff:127.0.0.1', {})).toBe(true);
  });
  it('is closed when mail goes over SMTP, whatever the settings', () => {
    expect(outboxAvailable(smtpMode, local, '127.0.0.1', {})).toBe(false);
    expect(outboxAvailable(smtpMode, local, '127.0.0.1', { DEV_OUTBOX: 'any' })).toBe(false);
  });
  it('is closed to other addresses, to requests through a proxy, and in production', () => {
    expect(outboxAvailable(outboxMode, local, '192.0.2.10', {})).toBe(false);
    expect(outboxAvailable(outboxMode, local, undefined, {})).toBe(false);
    const proxied = new Request('http://127.0.0.1:4321/dev/outbox', { headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(outboxAvailable(outboxMode, proxied, '127.0.0.1', {})).toBe(false);
    const production = { ...outboxMode, config: readConfig({ NODE_ENV: 'production' }) };
    expect(outboxAvailable(production, local, '127.0.0.1', {})).toBe(false);
  });
  it('follows DEV_OUTBOX: off closes it, any opens it to every address', () => {
    expect(outboxAvailable(outboxMode, local, '127.0.0.1', { DEV_OUTBOX: 'off' })).toBe(false);
    expect(outboxAvailable(outboxMode, local, '192.0.2.10', { DEV_OUTBOX: 'any' })).toBe(true);
  });
});
