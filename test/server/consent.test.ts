/**
 * Consent and outreach against real databases (PGlite and PostgreSQL), a real queue (pg-boss) and a
 * real SMTP server on 127.0.0.1: double opt-in, data minimisation, withdrawal, retention, rate
 * limits, retries, idempotency and re-screening.
 */
import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { confirmConsent, lookupRequest, withdrawConsent } from '../../src/server/consent/confirm.ts';
import { withdrawUrl } from '../../src/server/consent/links.ts';
import { remind } from '../../src/server/consent/reminder.ts';
import { requestConsent } from '../../src/server/consent/request.ts';
import { improvements, rescreen } from '../../src/server/consent/rescreen.ts';
import { purge } from '../../src/server/consent/retention.ts';
import { token } from '../../src/server/security/secrets.ts';
import { sendMessage } from '../../src/server/messages/send.ts';
import { CONSENT_TEXT_VERSION, type ConsentRequest } from '../../src/contract/consent.ts';
import { consents, messages, outbox, rateLimits } from '../../src/server/db/schema.ts';
import { createMailer } from '../../src/server/mail/mailer.ts';
import { readConfig } from '../../src/server/config.ts';
import { startWorkers } from '../../src/server/queue/workers.ts';
import type { Rulebook } from '../../src/engine/rulebook.ts';
import { testDatabases } from '../support/db.ts';
import { ank } from '../support/households.ts';
import { servicesPerBlock, testServices, type Clock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

/** The same request without its e-mail address: a request to be called. */
const callRequest = (overrides: Partial<ConsentRequest> = {}): ConsentRequest => {
  const { email, ...rest } = request(overrides);
  void email;
  return rest;
};

const request = (overrides: Partial<ConsentRequest> = {}): ConsentRequest => ({
  email: 'ank.devries@example.org',
  purposes: ['contact'],
  schemeIds: ['meedoenpremie-schoolgaande-kinderen', 'individuele-inkomenstoeslag'],
  municipality: 'GM0106',
  language: 'nl',
  shareHousehold: false,
  consentTextVersion: CONSENT_TEXT_VERSION,
  source: 'resident',
  ...overrides,
});

describe.each(testDatabases)('consent and outreach on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let smtp: TestSmtp;
  let time: Clock;
  let ip = 0;
  const client = () => ({ ip: `192.0.2.${++ip}` });

  servicesPerBlock(target, { empty: [messages, consents, rateLimits], smtp: true }, (f) => {
    ({ db, s, time } = f);
    smtp = f.smtp!;
  });

  const queuedMessage = async (requestId: string, kind = 'confirmation') => {
    const rows = await db.db.select().from(messages);
    const consentIds = new Set((await db.db.select().from(consents).where(eq(consents.requestId, requestId))).map((c) => c.id));
    return rows.find((m) => m.kind === kind && m.consentId !== null && consentIds.has(m.consentId))!;
  };

  it('records one pending consent per purpose, with only the data each purpose needs', async () => {
    const r = await requestConsent(s, request({ purposes: ['contact', 'rule-changes'], household: ank, phone: '06 1234 5678' }), client());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rows = await db.db.select().from(consents).where(eq(consents.requestId, r.requestId));
    expect(rows.map((c) => c.purpose).sort()).toEqual(['contact', 'rule-changes']);
    const contact = rows.find((c) => c.purpose === 'contact')!;
    const rules = rows.find((c) => c.purpose === 'rule-changes')!;
    expect(contact).toMatchObject({
      status: 'pending',
      municipality: 'GM0106',
      language: 'nl',
      consentTextVersion: CONSENT_TEXT_VERSION,
      channel: 'email',
      source: 'resident',
      phone: '06 1234 5678',
    });
    // The answers were not shared for contact, but "tell me when rules change" needs them to re-check.
    expect(contact.household).toBeNull();
    expect(rules.household).toEqual(ank);
    expect(rules.phone).toBeNull();
    expect(contact.result!.schemes.find((x) => x.id === 'zorgtoeslag')).toEqual({
      id: 'zorgtoeslag',
      status: 'already-receiving',
      monthly: 129,
      yearly: 1550,
    });
    expect(contact.expiresAt.getTime() - contact.createdAt.getTime()).toBeGreaterThan(364 * 86_400_000);
    expect(contact.confirmBefore.getTime() - contact.createdAt.getTime()).toBe(7 * 86_400_000);
    // Only hashes of tokens are stored.
    expect(contact.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(contact.confirmTokenHash).not.toBe(token(s.secret, 'confirm', r.requestId));
  });

  it('sends the confirmation mail in the resident language, with both parts and the unsubscribe headers', async () => {
    const r = await requestConsent(s, request({ language: 'en' }), client());
    if (!r.ok) throw new Error(r.reason);
    const m = await queuedMessage(r.requestId);
    expect(m).toMatchObject({ status: 'queued', language: 'en' });
    expect(await sendMessage(s, m.id, { last: false })).toBe('sent');
    await smtp.waitFor(1);
    const mail = smtp.received[0]!;
    expect(mail.messageId).toBe(m.messageId);
    expect(mail.to).toBe('ank.devries@example.org');
    expect(mail.parsed.subject).toBe('Confirm your request to the municipality of Assen');
    expect(mail.parsed.text).toContain(`https://rondkomen.example/en/bevestigen?t=${token(s.secret, 'confirm', r.requestId)}`);
    expect(mail.parsed.text).toContain(
      'The municipality will then contact you about: Participation bonus for school-going children, Individual income supplement (individuele inkomenstoeslag).',
    );
    expect(mail.parsed.html).toContain('<html lang="en" dir="ltr">');
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(mail.raw).toContain(`<https://rondkomen.example/afmelden/one-click?t=${token(s.secret, 'withdraw', r.requestId)}>`);
    const [after] = await db.db.select().from(messages).where(eq(messages.id, m.id));
    expect(after).toMatchObject({ status: 'sent', attempts: 1 });
    expect(after!.templateVersion).toMatch(/^confirmation@[0-9a-f]{10}$/);
    // Sending again changes nothing: one mail per consent per purpose.
    expect(await sendMessage(s, m.id, { last: false })).toBe('already-sent');
    expect(smtp.received).toHaveLength(1);
  });

  it('confirms by token once; a replayed link says it is already confirmed; an expired one is refused', async () => {
    const r = await requestConsent(s, request(), client());
    if (!r.ok) throw new Error(r.reason);
    const t = token(s.secret, 'confirm', r.requestId);
    expect(await lookupRequest(s, t, 'confirm')).toEqual({
      municipality: 'GM0106',
      purposes: ['contact'],
      status: 'pending',
      expired: false,
      schemeIds: ['meedoenpremie-schoolgaande-kinderen', 'individuele-inkomenstoeslag'],
      phone: false,
      household: false,
    });
    expect(await confirmConsent(s, t)).toBe('confirmed');
    expect(await confirmConsent(s, t)).toBe('already-confirmed');
    expect(await confirmConsent(s, 'not-a-token')).toBe('unknown');
    const late = await requestConsent(s, request({ email: 'later@example.org' }), client());
    if (!late.ok) throw new Error(late.reason);
    time.advanceDays(8);
    expect(await confirmConsent(s, token(s.secret, 'confirm', late.requestId))).toBe('expired');
  });

  it('withdraws and deletes the data at once, skips queued mail, and survives a second click', async () => {
    const r = await requestConsent(s, request({ purposes: ['contact', 'rule-changes'], household: ank, phone: '06 1234 5678' }), client());
    if (!r.ok) throw new Error(r.reason);
    const m = await queuedMessage(r.requestId);
    // What the withdraw page lists before deleting: both purposes, the phone number and the answers.
    expect(await lookupRequest(s, token(s.secret, 'withdraw', r.requestId), 'withdraw')).toMatchObject({
      purposes: expect.arrayContaining(['contact', 'rule-changes']),
      phone: true,
      household: true,
    });
    expect(await withdrawConsent(s, token(s.secret, 'withdraw', r.requestId))).toEqual({ deleted: 2 });
    expect(await db.db.select().from(consents).where(eq(consents.requestId, r.requestId))).toEqual([]);
    const [skipped] = await db.db.select().from(messages).where(eq(messages.id, m.id));
    expect(skipped).toMatchObject({ status: 'skipped', consentId: null });
    // A withdrawal while the job is already on its way: nothing is sent.
    expect(await sendMessage(s, m.id, { last: false })).toBe('skipped');
    expect(smtp.received).toHaveLength(0);
    expect(await withdrawConsent(s, token(s.secret, 'withdraw', r.requestId))).toEqual({ deleted: 0 });
    expect(await lookupRequest(s, token(s.secret, 'withdraw', r.requestId), 'withdraw')).toBeUndefined();
  });

  it('deletes unconfirmed requests after 7 days and contact data 30 days after the case closed or 12 months after consent', async () => {
    const unconfirmed = await requestConsent(s, request({ email: 'a@example.org' }), client());
    const closed = await requestConsent(s, request({ email: 'b@example.org' }), client());
    const open = await requestConsent(s, request({ email: 'c@example.org' }), client());
    if (!unconfirmed.ok || !closed.ok || !open.ok) throw new Error('request failed');
    await confirmConsent(s, token(s.secret, 'confirm', closed.requestId));
    await confirmConsent(s, token(s.secret, 'confirm', open.requestId));
    await db.db.update(consents).set({ closedAt: time.now() }).where(eq(consents.requestId, closed.requestId));
    time.advanceDays(6);
    expect(await purge(s)).toMatchObject({ unconfirmed: 0, closed: 0, expired: 0 });
    time.advanceDays(2);
    expect(await purge(s)).toMatchObject({ unconfirmed: 1, closed: 0, expired: 0 });
    time.advanceDays(23);
    expect(await purge(s)).toMatchObject({ unconfirmed: 0, closed: 1, expired: 0 });
    expect((await db.db.select().from(consents)).map((c) => c.email)).toEqual(['c@example.org']);
    time.advanceDays(335);
    expect(await purge(s)).toMatchObject({ expired: 1 });
    expect(await db.db.select().from(consents)).toEqual([]);
  });

  it('limits mails per mailbox and requests per IP address, and stores neither', async () => {
    const same = { ip: '198.51.100.7' };
    for (let i = 0; i < 3; i++)
      expect(await requestConsent(s, request({ email: 'many@example.org' }), client())).toMatchObject({ ok: true, mailed: true });
    // Over the mailbox's mails for the day (a +tag is the same mailbox): kept, without a mail of its own.
    expect(await requestConsent(s, request({ email: 'Many+4@example.org' }), client())).toMatchObject({ ok: true, mailed: false });
    for (let i = 0; i < 10; i++) expect((await requestConsent(s, request({ email: `p${i}@example.org` }), same)).ok).toBe(true);
    expect(await requestConsent(s, request({ email: 'p10@example.org' }), same)).toEqual({ ok: false, reason: 'rate-limited' });
    // A deployment sets its own count (CONSENT_PER_CLIENT_PER_HOUR); unset it is ten, as above.
    expect(readConfig({}).consentPerClientPerHour).toBe(10);
    const three = {
      ...s,
      config: { ...s.config, consentPerClientPerHour: readConfig({ CONSENT_PER_CLIENT_PER_HOUR: ' 3 ' }).consentPerClientPerHour },
    };
    const other = { ip: '198.51.100.8' };
    for (let i = 0; i < 3; i++) expect((await requestConsent(three, request({ email: `q${i}@example.org` }), other)).ok).toBe(true);
    expect(await requestConsent(three, request({ email: 'q3@example.org' }), other)).toEqual({ ok: false, reason: 'rate-limited' });
    for (const bad of ['0', '-1', '2.5', 'ten'])
      expect(() => readConfig({ CONSENT_PER_CLIENT_PER_HOUR: bad }), bad).toThrow(
        `CONSENT_PER_CLIENT_PER_HOUR: "${bad}" is not a whole number`,
      );
    const keys = (await db.db.select().from(rateLimits)).map((r) => r.key).join(' ');
    expect(keys).not.toContain('example.org');
    expect(keys).not.toContain('198.51.100.7');
  });

  it('takes a request to be called with only a phone number: pending, a reference, no mail, gone after 14 days without the call', async () => {
    const r = await requestConsent(s, callRequest({ phone: '06-12 34 56 78', shareHousehold: true, household: ank }), client());
    if (!r.ok || r.channel !== 'phone') throw new Error(`expected a call request, got ${JSON.stringify(r)}`);
    expect(r.reference).toMatch(/^RK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const rows = await db.db.select().from(consents).where(eq(consents.requestId, r.requestId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: 'contact',
      status: 'pending',
      channel: 'phone',
      email: null,
      phone: '06-12 34 56 78',
      reference: r.reference,
      source: 'resident',
    });
    expect(rows[0]!.household).toMatchObject({ municipality: 'GM0106' });
    // No mail to confirm with: nothing is queued, nothing is sent.
    expect(await db.db.select().from(messages)).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    // It waits 14 days for the municipality's call (RETENTION.unconfirmedPhoneDays), then goes.
    time.advanceDays(13);
    expect(await purge(s)).toMatchObject({ unconfirmed: 0 });
    time.advanceDays(2);
    expect(await purge(s)).toMatchObject({ unconfirmed: 1 });
    expect(await db.db.select().from(consents)).toEqual([]);
  });

  it('asks for an e-mail address for news about the rules, and for a way to reach the resident at all', async () => {
    const withoutEmail = callRequest({ phone: '06 1234 5678' });
    expect(await requestConsent(s, { ...withoutEmail, purposes: ['contact', 'rule-changes'], household: ank }, client())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['email'],
    });
    expect(await requestConsent(s, { ...withoutEmail, phone: undefined }, client())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['email'],
    });
    expect(await db.db.select().from(consents)).toEqual([]);
  });

  it('takes at most two call requests a day per phone number, however it is written, and stores no number in the limits', async () => {
    const call = (phone: string) => requestConsent(s, callRequest({ phone }), client());
    expect(await call('0612345678')).toMatchObject({ ok: true, channel: 'phone' });
    expect(await call('+31 6 12345678')).toMatchObject({ ok: true, channel: 'phone' });
    expect(await call('0031 (6) 1234-5678')).toEqual({ ok: false, reason: 'rate-limited' });
    expect(await call('06 87654321')).toMatchObject({ ok: true, channel: 'phone' });
    expect(await db.db.select().from(consents)).toHaveLength(3);
    const keys = (await db.db.select().from(rateLimits)).map((r) => r.key).join(' ');
    expect(keys).not.toMatch(/612345678|87654321/);
    time.advanceDays(1.1);
    expect(await call('06 12 34 56 78')).toMatchObject({ ok: true, channel: 'phone' });
  });

  it('refuses bad input with the fields at fault and stores nothing', async () => {
    expect(await requestConsent(s, { ...request(), email: 'not-an-address' }, client())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['email'],
    });
    expect(await requestConsent(s, { ...request(), email: `${'x'.repeat(250)}@example.org` }, client())).toMatchObject({
      ok: false,
      fields: ['email'],
    });
    expect(await requestConsent(s, { ...request(), purposes: ['rule-changes'] }, client())).toEqual({
      ok: false,
      reason: 'invalid',
      fields: ['household'],
    });
    expect(await requestConsent(s, { ...request(), municipality: 'GM9999' }, client())).toEqual({
      ok: false,
      reason: 'unknown-municipality',
    });
    expect(await requestConsent(s, { ...request(), extra: 1 }, client())).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await db.db.select().from(consents)).toEqual([]);
  });

  it('retries a temporary SMTP failure with backoff and then sends; marks a permanent failure as failed', async () => {
    const r = await requestConsent(s, request(), client());
    if (!r.ok) throw new Error(r.reason);
    const m = await queuedMessage(r.requestId);
    smtp.reply = (_raw, attempt) => (attempt <= 2 ? 451 : undefined);
    await expect(sendMessage(s, m.id, { last: false })).rejects.toThrow(/Try again later/);
    await expect(sendMessage(s, m.id, { last: false })).rejects.toThrow(/Try again later/);
    expect(await sendMessage(s, m.id, { last: false })).toBe('sent');
    const [sent] = await db.db.select().from(messages).where(eq(messages.id, m.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 3, lastError: null });

    const bounce = await requestConsent(s, request({ email: 'gone@example.org' }), client());
    if (!bounce.ok) throw new Error(bounce.reason);
    const b = await queuedMessage(bounce.requestId);
    smtp.reply = () => 550;
    expect(await sendMessage(s, b.id, { last: false })).toBe('failed');
    const [failed] = await db.db.select().from(messages).where(eq(messages.id, b.id));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.lastError).toContain('550 Mailbox unavailable');

    const lastTry = await requestConsent(s, request({ email: 'slow@example.org' }), client());
    if (!lastTry.ok) throw new Error(lastTry.reason);
    const l = await queuedMessage(lastTry.requestId);
    smtp.reply = () => 451;
    expect(await sendMessage(s, l.id, { last: true })).toBe('failed');
  });

  it('sends a reminder once for a request that is still pending, and none after confirmation', async () => {
    const r = await requestConsent(s, request(), client());
    if (!r.ok) throw new Error(r.reason);
    time.advanceDays(3);
    expect(await remind(s, r.requestId)).toBe(true);
    expect(await remind(s, r.requestId)).toBe(false);
    const reminder = await queuedMessage(r.requestId, 'reminder');
    expect(await sendMessage(s, reminder.id, { last: false })).toBe('sent');
    expect(smtp.received.at(-1)!.parsed.subject).toBe('Herinnering: bevestig je vraag aan de gemeente Assen');
    const done = await requestConsent(s, request({ email: 'done@example.org' }), client());
    if (!done.ok) throw new Error(done.reason);
    await confirmConsent(s, token(s.secret, 'confirm', done.requestId));
    expect(await remind(s, done.requestId)).toBe(false);
  });

  it('re-screens after a rules change and mails only the residents for whom something improved', async () => {
    const asked = await requestConsent(s, request({ purposes: ['rule-changes'], household: { ...ank, receiving: [] } }), client());
    const rich = await requestConsent(
      s,
      request({
        email: 'rich@example.org',
        purposes: ['rule-changes'],
        household: {
          municipality: 'GM0106',
          people: [{ id: 'a', role: 'applicant', age: 40 }],
          incomes: [{ person: 'a', type: 'wages', amount: 6000, period: 'month', basis: 'net' }],
        },
      }),
      client(),
    );
    if (!asked.ok || !rich.ok) throw new Error('request failed');
    await confirmConsent(s, token(s.secret, 'confirm', asked.requestId));
    await confirmConsent(s, token(s.secret, 'confirm', rich.requestId));
    expect(await rescreen(s)).toMatchObject({ skipped: false, checked: 2 });
    expect(await rescreen(s)).toMatchObject({ skipped: true });
    await db.db.delete(messages);

    // A new parameter set: the standaardpremie of zorgtoeslag rises, so zorgtoeslag rises for Ank.
    const changed = structuredClone(s.rulebook) as Rulebook;
    changed.version = `${s.rulebook.version}-test`;
    for (const v of changed.parameters['zorgtoeslag/standaardpremie']!.values) v.value = (v.value as number) + 60000;
    const s2 = { ...s, rulebook: changed };
    const report = await rescreen(s2);
    expect(report).toMatchObject({ version: changed.version, checked: 2, changed: 1, skipped: false });
    const queued = await db.db.select().from(messages);
    expect(queued).toHaveLength(1);
    const [c] = await db.db.select().from(consents).where(eq(consents.requestId, asked.requestId));
    expect(queued[0]!.consentId).toBe(c!.id);
    expect(c!.result!.changed).toContain('zorgtoeslag');
    expect(await sendMessage(s2, queued[0]!.id, { last: false })).toBe('sent');
    const mail = smtp.received.at(-1)!;
    expect(mail.parsed.subject).toBe('De regels zijn veranderd: misschien kun je meer hulp krijgen');
    expect(mail.parsed.text).toContain('Zorgtoeslag');
    expect(improvements(null, { referenceDate: '2026-03-02', schemes: [{ id: 'x', status: 'eligible', monthly: 1, yearly: 12 }] })).toEqual(
      ['x'],
    );
  });

  it('delivers through the queue workers end to end', async () => {
    await startWorkers(s, { pollingIntervalSeconds: 0.5 });
    const r = await requestConsent(s, request({ email: 'queue@example.org', language: 'nl' }), client());
    if (!r.ok) throw new Error(r.reason);
    await smtp.waitFor(1, 30_000);
    expect(smtp.received[0]!.parsed.subject).toBe('Bevestig je vraag aan de gemeente Assen');
    expect(smtp.received[0]!.parsed.text).toContain(withdrawUrl(s, r.requestId, 'nl'));
    await s.boss.offWork('mail-send');
  });
});

describe('the local outbox (development default)', () => {
  it('stores each mail instead of sending it', async () => {
    const db = await testDatabases[0]!.open();
    const s = await testServices(db);
    try {
      expect(s.mailer.kind).toBe('outbox');
      const r = await requestConsent(s, request(), { ip: '203.0.113.1' });
      if (!r.ok) throw new Error(r.reason);
      const [m] = await db.db.select().from(messages);
      expect(await sendMessage(s, m!.id, { last: false })).toBe('sent');
      const [stored] = await db.db.select().from(outbox);
      expect(stored).toMatchObject({
        recipient: 'ank.devries@example.org',
        subject: 'Bevestig je vraag aan de gemeente Assen',
        messageId: m!.messageId,
      });
      expect(stored!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);

      // Withdrawal deletes the copies of this request's mails at once; other residents' mails stay.
      const other = await requestConsent(s, request({ email: 'other@example.org' }), { ip: '203.0.113.2' });
      if (!other.ok) throw new Error(other.reason);
      const otherMessage = (await db.db.select().from(messages)).find((x) => x.id !== m!.id)!;
      expect(await sendMessage(s, otherMessage.id, { last: false })).toBe('sent');
      expect(await withdrawConsent(s, token(s.secret, 'withdraw', r.requestId))).toEqual({ deleted: 1 });
      expect((await db.db.select().from(outbox)).map((x) => x.recipient)).toEqual(['other@example.org']);
    } finally {
      await s.stop();
      await db.drop();
    }
  });
});

describe('DKIM', () => {
  it('signs List-Unsubscribe and List-Unsubscribe-Post, as RFC 8058 requires', async () => {
    const db = await testDatabases[0]!.open();
    const smtp = await startSmtp();
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const s = await testServices(db, {
      smtpUrl: smtp.url,
      env: { DKIM_DOMAIN: 'rondkomen.example', DKIM_SELECTOR: 'rk2026', DKIM_PRIVATE_KEY: privateKey },
    });
    try {
      s.mailer.close();
      const mailer = createMailer(s.config, db.db);
      await mailer.send({
        to: 'x@example.org',
        subject: 'Test',
        text: 'Hallo',
        html: '<p>Hallo</p>',
        messageId: 'abc@rondkomen.example',
        language: 'nl',
        unsubscribeUrl: 'https://rondkomen.example/afmelden/one-click?t=x',
      });
      mailer.close();
      await smtp.waitFor(1);
      const signature = /^DKIM-Signature:([\s\S]*?)\r?\n(?=\S)/m.exec(smtp.received[0]!.raw)![1]!.replace(/\s+/g, '');
      expect(signature).toContain('d=rondkomen.example');
      expect(signature).toContain('s=rk2026');
      expect(signature).toMatch(/h=[^;]*list-unsubscribe:list-unsubscribe-post/);
    } finally {
      await s.stop();
      await smtp.close();
      await db.drop();
    }
  });
});
