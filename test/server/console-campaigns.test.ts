/**
 * Campaigns against real databases, the real queue and a real SMTP server on 127.0.0.1: segments,
 * texts per language with the mandatory withdrawal footer, dispatch in rounds that skips withdrawn
 * and already contacted residents, pause and resume without a second mail, stop, scheduling, the
 * first contact recorded in the case, and the figures.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cancelCampaign,
  campaignStats,
  createCampaign,
  getCampaign,
  pauseCampaign,
  resumeCampaign,
  startCampaign,
  testSend,
  unschedule,
  validSegment,
  type Campaign,
} from '../../src/server/campaigns/campaigns.ts';
import { describeSegment } from '../../src/server/campaigns/describe.ts';
import { parseHousehold } from '../../src/contract/check.ts';
import { checkEvent } from '../../src/engine/compare.ts';
import { dispatchCampaign } from '../../src/server/campaigns/dispatch.ts';
import { readability } from '../../src/server/campaigns/readability.ts';
import { renderCampaignMail, templateProblems } from '../../src/server/campaigns/render.ts';
import { audience, birthdayEvents, hasLifeEvent, householdTypeOf, listHash } from '../../src/server/campaigns/segments.ts';
import { withdrawUrl } from '../../src/server/consent/links.ts';
import { sendMessage } from '../../src/server/messages/send.ts';
import { token } from '../../src/server/security/secrets.ts';
import { cases, consents, messages, staff, takeUpEvents, type CampaignTemplates, type Segment } from '../../src/server/db/schema.ts';
import { startWorkers } from '../../src/server/queue/workers.ts';
import { consoleCatalogues, consoleT } from '../../src/server/staff/i18n.ts';
import type { ConsoleUser } from '../../src/server/staff/sessions.ts';
import { getCase, setStatus, syncCases } from '../../src/server/worklist/cases.ts';
import { testDatabases } from '../support/db.ts';
import { servicesPerBlock, type Clock, type OpenTestDatabase, type TestServices } from '../support/services.ts';
import { type TestSmtp } from '../support/smtp.ts';
import { ankHousehold, resident as newResident, staffUser, withdraw } from './console-support.ts';

const templates = (): CampaignTemplates => ({
  nl: {
    subject: 'Hulp bij {{regelingen}} in {{gemeente}}',
    body: 'Hallo,\n\nMisschien kun je dit krijgen:\n{{regelingen}}\n\nBel ons:\n{{contact}}\n\nOf doe de check: {{link}}',
  },
  en: { subject: 'Help in {{gemeente}}', body: 'Hello,\n\nYou may get:\n{{regelingen}}\n\nCheck: {{link}}' },
});

describe('campaign texts', () => {
  it('finds problems in a text: missing parts, unknown placeholders, no way to respond', () => {
    expect(templateProblems({ subject: '', body: '' }).map((p) => p.problem)).toEqual(['subject-missing', 'body-missing']);
    expect(templateProblems({ subject: 'Hoi {{naam}}', body: 'Bel ons.' })).toEqual([
      { field: 'subject', problem: 'unknown-placeholder', detail: '{{naam}}' },
      { field: 'body', problem: 'no-way-to-respond' },
    ]);
    expect(templateProblems({ subject: 'Hoi', body: 'Doe de check: {{link}}' })).toEqual([]);
    const defaults = consoleCatalogues.nl.campaignDefaults as { subject: string; body: string };
    expect(templateProblems(defaults)).toEqual([]);
  });

  it('scores Dutch texts for readability, and the example text is easy to read', () => {
    const defaults = consoleCatalogues.nl.campaignDefaults as { subject: string; body: string };
    expect(readability(`${defaults.subject}\n${defaults.body}`).score).toBeGreaterThanOrEqual(70);
    const hard = readability(
      'Indien uw maandelijks besteedbaar inkomen beneden de door het college vastgestelde bijstandsnorm ligt, komt u mogelijkerwijs in aanmerking voor een tegemoetkoming in de kosten conform de verordening.',
    );
    expect(hard.score).toBeLessThan(40);
    expect(hard.longSentences).toHaveLength(1);
    expect(hard.jargon.map((j) => j.word)).toEqual(['indien', 'tegemoetkoming', 'conform']);
    expect(hard.longWords).toContain('mogelijkerwijs');
  });
});

describe.each(testDatabases)('campaigns on $name', (target) => {
  let db: OpenTestDatabase;
  let s: TestServices;
  let smtp: TestSmtp;
  let time: Clock;
  let user: ConsoleUser;

  servicesPerBlock(target, { empty: [messages, consents, takeUpEvents, staff], smtp: true }, (f) => {
    ({ db, s, time } = f);
    smtp = f.smtp!;
  });
  beforeEach(async () => {
    process.env.CAMPAIGN_BATCH = '1';
    user = await staffUser(s, 'GM0106', 'caseworker');
  });
  afterEach(() => {
    delete process.env.CAMPAIGN_BATCH;
    delete process.env.CAMPAIGN_INTERVAL_SECONDS;
  });

  /** A resident, a minute after the one before, so the audience has a fixed order. */
  const resident = async (...args: Parameters<typeof newResident>) => {
    time.set(new Date(time.now().getTime() + 60_000));
    return newResident(...args);
  };
  const campaign = async (segment: Segment, listHashes?: string[]): Promise<Campaign> => {
    const id = await createCampaign(s, user, { name: 'Test', segment, listHashes, templates: templates() });
    return (await getCampaign(s, user, id))!;
  };
  const current = async (id: string): Promise<Campaign> => (await getCampaign(s, user, id))!;
  /** Runs the dispatch chain by hand: the job the last round queued is the one with the current generation. */
  const round = async (id: string): Promise<string> => {
    const c = await current(id);
    return dispatchCampaign(s, { campaign: id, generation: c.generation });
  };
  const sendQueued = async (id: string): Promise<string[]> => {
    const queued = await db.db
      .select()
      .from(messages)
      .where(and(eq(messages.campaignId, id), eq(messages.status, 'queued')));
    const out: string[] = [];
    for (const m of queued) out.push(await sendMessage(s, m.id, { last: false }));
    return out;
  };
  const mailsTo = (email: string): number => smtp.received.filter((m) => m.to === email).length;

  it('selects residents by flagged scheme, household type, life event and list, leaving out those already contacted', async () => {
    const single = await resident(s, {
      schemeIds: ['zorgtoeslag'],
      shareHousehold: true,
      household: ankHousehold('GM0106', { people: [{ id: 'ank', role: 'applicant', age: 30 }] }),
    });
    const parent = await resident(s, { schemeIds: ['kwijtschelding'], shareHousehold: true, household: ankHousehold() });
    const turning = await resident(s, {
      schemeIds: ['kwijtschelding'],
      shareHousehold: true,
      household: ankHousehold('GM0106', {
        people: [
          { id: 'ank', role: 'applicant', age: 45 },
          { id: 'c', role: 'child', age: 17 },
        ],
      }),
    });
    const born = await resident(s, {
      schemeIds: ['kwijtschelding'],
      shareHousehold: true,
      household: ankHousehold('GM0106', {
        referenceDate: '2026-03-02',
        people: [
          { id: 'ank', role: 'applicant', age: 45 },
          { id: 'c', role: 'child', age: 17, birthDate: '2008-11-20' },
        ],
      }),
    });
    const later = await resident(s, {
      schemeIds: ['kwijtschelding'],
      shareHousehold: true,
      household: ankHousehold('GM0106', {
        referenceDate: '2026-03-02',
        people: [
          { id: 'ank', role: 'applicant', age: 45 },
          { id: 'c', role: 'child', age: 16, birthDate: '2009-06-01' },
        ],
      }),
    });
    const hidden = await resident(s, { schemeIds: ['kwijtschelding'] });
    const contacted = await resident(s, { schemeIds: ['kwijtschelding'] });
    await syncCases(s);
    await setStatus(s, user, contacted.consentId, 'contacted');

    expect(householdTypeOf(ankHousehold())).toBe('single-parent');
    expect(birthdayEvents(s.rulebook).map((e) => e.id)).toContain('child-turns-18');
    const turns18 = birthdayEvents(s.rulebook).find((e) => e.id === 'child-turns-18')!;
    expect(turns18).toMatchObject({ age: 17, roles: ['child'] });
    expect(hasLifeEvent(undefined, turns18, '2026-03-02')).toBeUndefined();

    const ids = async (segment: Segment, hashes?: string[]) => {
      const a = await audience(s, 'GM0106', segment, hashes ?? null);
      return { ids: a.recipients.map((r) => r.consentId), contacted: a.contacted, unknown: a.unknown, byLanguage: a.byLanguage };
    };
    const byScheme = await ids({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    expect(byScheme.ids).toEqual(
      expect.arrayContaining([parent.consentId, turning.consentId, born.consentId, later.consentId, hidden.consentId]),
    );
    expect(byScheme.ids).not.toContain(contacted.consentId);
    expect(byScheme.contacted).toBe(1);
    expect(byScheme.byLanguage).toEqual({ nl: byScheme.ids.length });
    expect(
      (await audience(s, 'GM0106', { kind: 'schemes', schemeIds: ['kwijtschelding'] }, null)).recipients.find(
        (r) => r.consentId === parent.consentId,
      )!.schemeIds,
    ).toEqual(['kwijtschelding']);

    const byType = await ids({ kind: 'household', types: ['single'] });
    expect(byType.ids).toEqual([single.consentId]);
    expect(byType.unknown).toBe(2);

    // A child of 17 at the check turns 18 within a year; with a date of birth, only within the next 12 months.
    const byEvent = await ids({ kind: 'life-event', event: 'child-turns-18' });
    expect(byEvent.ids.sort()).toEqual([turning.consentId, born.consentId].sort());
    expect(byEvent.ids).not.toContain(later.consentId);

    const byList = await ids({ kind: 'list', source: 'upload', label: 'lijst.csv', entries: 2 }, [
      listHash(s, single.email.toUpperCase()),
      listHash(s, 'onbekend@example.org'),
    ]);
    expect(byList.ids).toEqual([single.consentId]);
  });

  it('selects households whose child turns 18 in the next quarter from the date of birth; an age alone cannot tell', async () => {
    const withChild = (birthDate?: string) =>
      ankHousehold('GM0106', {
        referenceDate: '2026-03-02',
        people: [
          { id: 'ank', role: 'applicant', age: 45 },
          { id: 'c', role: 'child', age: 17, ...(birthDate ? { birthDate } : {}) },
        ],
      });
    const soon = await resident(s, { shareHousehold: true, household: withChild('2008-05-10') });
    const autumn = await resident(s, { shareHousehold: true, household: withChild('2008-11-20') });
    const ageOnly = await resident(s, { shareHousehold: true, household: withChild() });
    const turns18 = birthdayEvents(s.rulebook).find((e) => e.id === 'child-turns-18')!;
    expect(hasLifeEvent(withChild('2008-05-10'), turns18, '2026-03-02', 3)).toBe(true);
    expect(hasLifeEvent(withChild('2008-11-20'), turns18, '2026-03-02', 3)).toBe(false);
    expect(hasLifeEvent(withChild(), turns18, '2026-03-02', 3)).toBeUndefined();
    expect(hasLifeEvent(withChild(), turns18, '2026-03-02', 12)).toBe(true);

    const reach = async (months: number) => {
      const a = await audience(s, 'GM0106', { kind: 'life-event', event: 'child-turns-18', months }, null);
      return { ids: a.recipients.map((r) => r.consentId).sort(), unknown: a.unknown };
    };
    expect(await reach(3)).toEqual({ ids: [soon.consentId], unknown: 1 });
    expect(await reach(6)).toEqual({ ids: [soon.consentId], unknown: 1 });
    expect(await reach(12)).toEqual({ ids: [soon.consentId, autumn.consentId, ageOnly.consentId].sort(), unknown: 0 });

    // What the event does to them: the engine's comparison on the birthday, added up (only with a date).
    const parsed = parseHousehold(withChild('2008-05-10'), { today: '2026-03-02' });
    if (!parsed.ok) throw new Error('household');
    const own = checkEvent(parsed.household, s.rulebook, 'child-turns-18', { child: 'c', date: '2026-05-10' }).comparison;
    const quarter = await audience(s, 'GM0106', { kind: 'life-event', event: 'child-turns-18', months: 3 }, null);
    expect(quarter.effects).toMatchObject({ households: 1, schemes: { kinderbijslag: { stops: 1 } } });
    expect(quarter.effects!.disposableDelta).toBe(own.keep.delta);
    const year = await audience(s, 'GM0106', { kind: 'life-event', event: 'child-turns-18', months: 12 }, null);
    expect(year.effects).toMatchObject({ households: 2, schemes: { kinderbijslag: { stops: 2 } } });

    expect(validSegment(s, 'GM0106', { kind: 'life-event', event: 'child-turns-18', months: 3 })).toBe(true);
    expect(validSegment(s, 'GM0106', { kind: 'life-event', event: 'child-turns-18', months: 4 })).toBe(false);
    expect(validSegment(s, 'GM0106', { kind: 'life-event', event: 'child-turns-18' })).toBe(true);
    expect(describeSegment(s, consoleT('nl'), 'GM0106', { kind: 'life-event', event: 'child-turns-18', months: 3 }, 'nl')).toBe(
      'Gebeurtenis: Mijn kind wordt 18, in de komende 3 maanden',
    );
  });

  it('writes the mail from the campaign text in the resident language, with the withdrawal footer it cannot leave out', () => {
    const nl = renderCampaignMail(s, templates(), {
      municipalityCode: 'GM0106',
      language: 'nl',
      schemeIds: ['kwijtschelding', 'individuele-inkomenstoeslag'],
      withdrawUrl: 'https://rondkomen.example/afmelden?t=abc',
    });
    expect(nl.subject).toBe('Hulp bij Kwijtschelding van gemeentelijke belastingen, Individuele inkomenstoeslag in Assen');
    expect(nl.text).toContain('- Kwijtschelding van gemeentelijke belastingen\n- Individuele inkomenstoeslag');
    expect(nl.text).toContain('Werkplein Drentsche Aa (WPDA)');
    expect(nl.text).toContain('https://rondkomen.example/check');
    expect(nl.text).toContain('Meld je af. Dan wissen we je gegevens meteen: https://rondkomen.example/afmelden?t=abc');
    expect(nl.html).toContain('<li>Kwijtschelding van gemeentelijke belastingen</li>');
    expect(nl.html).toContain('<a href="https://rondkomen.example/check">');
    expect(nl.templateVersion).toMatch(/^campaign@[0-9a-f]{10}$/);
    const en = renderCampaignMail(s, templates(), {
      municipalityCode: 'GM0106',
      language: 'en',
      schemeIds: ['kwijtschelding'],
      withdrawUrl: 'https://rondkomen.example/en/afmelden?t=abc',
    });
    expect(en).toMatchObject({ language: 'en', subject: 'Help in Assen' });
    expect(en.text).toContain('https://rondkomen.example/en/check');
    // No Turkish text: the Dutch one, with the Dutch footer.
    const tr = renderCampaignMail(s, templates(), {
      municipalityCode: 'GM0106',
      language: 'tr',
      schemeIds: ['kwijtschelding'],
      withdrawUrl: 'x',
    });
    expect(tr.language).toBe('nl');
    expect(tr.html).toContain('<html lang="nl" dir="ltr">');
    // Text from staff is escaped in HTML.
    const evil = renderCampaignMail(
      s,
      { nl: { subject: 'Hoi', body: '<script>alert(1)</script> {{link}}' } },
      { municipalityCode: 'GM0106', language: 'nl', schemeIds: [], withdrawUrl: 'x' },
    );
    expect(evil.html).not.toContain('<script>');
    expect(evil.html).toContain('&#60;script&#62;');
  });

  it('hands the audience over in rounds, mails each resident once, and skips the withdrawn and the already contacted', async () => {
    const [r1, r2, r3, r4] = [await resident(s), await resident(s), await resident(s), await resident(s, { language: 'en' })];
    const c = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    expect(await startCampaign(s, user, c.id)).toBe('ok');
    expect((await current(c.id)).status).toBe('scheduled');
    expect(await round(c.id)).toBe('handed-over');
    const started = await current(c.id);
    expect(started).toMatchObject({ status: 'sending', audience: [r1.consentId, r2.consentId, r3.consentId, r4.consentId] });
    // Meanwhile staff call resident 3 and resident 4 withdraws.
    await setStatus(s, user, r3.consentId, 'contacted');
    await withdraw(s, r4);
    // A stale job (an old generation) does nothing.
    expect(await dispatchCampaign(s, { campaign: c.id, generation: started.generation - 1 })).toBe('stale');
    for (let i = 0; i < 3; i++) expect(await round(c.id)).toBe('handed-over');
    expect(await sendQueued(c.id)).toEqual(['sent', 'sent']);
    expect(await round(c.id)).toBe('done');
    expect((await current(c.id)).status).toBe('done');
    expect(smtp.received.map((m) => m.to).sort()).toEqual([r1.email, r2.email].sort());

    const mail = smtp.received.find((m) => m.to === r1.email)!;
    expect(mail.parsed.subject).toBe('Hulp bij Kwijtschelding van gemeentelijke belastingen in Assen');
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(mail.raw).toContain(`/afmelden/one-click?t=${token(s.secret, 'withdraw', r1.requestId)}`);
    expect(mail.parsed.text).toContain(withdrawUrl(s, r1.requestId, 'nl'));

    const rows = await db.db.select().from(messages).where(eq(messages.campaignId, c.id));
    expect(rows).toHaveLength(4);
    expect(rows.filter((m) => m.status === 'sent')).toHaveLength(2);
    expect(rows.find((m) => m.consentId === r3.consentId)).toMatchObject({ status: 'skipped', lastError: 'already contacted' });
    expect(rows.find((m) => m.dedupeKey.endsWith(r4.consentId))).toMatchObject({ status: 'skipped', consentId: null });
    expect(rows.filter((m) => m.status === 'sent').every((m) => /^campaign@[0-9a-f]{10}$/.test(m.templateVersion))).toBe(true);

    // The mail was the first contact: the case moved on, with the campaign named.
    const kase = (await getCase(s, user, r1.consentId))!;
    expect(kase.kase).toMatchObject({ status: 'contacted', campaignId: c.id });
    expect(kase.events.map((e) => e.type)).toEqual(['campaign']);
    expect(await campaignStats(s, await current(c.id))).toMatchObject({
      audience: 4,
      sent: 2,
      skippedContacted: 1,
      skippedWithdrawn: 1,
      waiting: 0,
      queued: 0,
    });
    const counted = await db.db
      .select()
      .from(takeUpEvents)
      .where(and(eq(takeUpEvents.campaignId, c.id), eq(takeUpEvents.schemeId, '*')));
    expect(counted.map((e) => e.stage)).toEqual(['contacted', 'contacted']);
    // Running the chain again sends nothing more.
    expect(await round(c.id)).toBe('stale');
    expect(smtp.received).toHaveLength(2);
  });

  it('skips a resident whom staff contacted after the mail was queued, at the moment of sending', async () => {
    const r = await resident(s);
    const c = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    await startCampaign(s, user, c.id);
    await round(c.id);
    await setStatus(s, user, r.consentId, 'appointment');
    expect(await sendQueued(c.id)).toEqual(['skipped']);
    expect(smtp.received).toHaveLength(0);
    const [m] = await db.db.select().from(messages).where(eq(messages.campaignId, c.id));
    expect(m).toMatchObject({ status: 'skipped', lastError: 'already contacted' });
  });

  it('pauses at once and resumes where it stopped, without a second mail to anyone', async () => {
    process.env.CAMPAIGN_BATCH = '2';
    const residents = [await resident(s), await resident(s), await resident(s)];
    const c = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    await startCampaign(s, user, c.id);
    await round(c.id);
    const before = await current(c.id);
    expect(await pauseCampaign(s, user, c.id)).toBe('ok');
    expect(await pauseCampaign(s, user, c.id)).toBe('not-allowed');
    // The queued mails are held; their send jobs find them skipped; the old chain stops.
    expect(await sendQueued(c.id)).toEqual([]);
    const held = await db.db.select().from(messages).where(eq(messages.campaignId, c.id));
    expect(held.map((m) => m.lastError)).toEqual(['campaign paused', 'campaign paused']);
    for (const m of held) expect(await sendMessage(s, m.id, { last: false })).toBe('skipped');
    expect(await dispatchCampaign(s, { campaign: c.id, generation: before.generation })).toBe('stale');
    expect(smtp.received).toHaveLength(0);
    expect(await campaignStats(s, await current(c.id))).toMatchObject({ paused: 2, waiting: 1 });

    expect(await resumeCampaign(s, user, c.id)).toBe('ok');
    expect((await current(c.id)).status).toBe('sending');
    while ((await round(c.id)) !== 'done') await sendQueued(c.id);
    expect(smtp.received.map((m) => m.to).sort()).toEqual(residents.map((r) => r.email).sort());
    for (const r of residents) expect(mailsTo(r.email)).toBe(1);
    expect(await campaignStats(s, await current(c.id))).toMatchObject({ audience: 3, sent: 3, paused: 0, waiting: 0 });
  });

  it('stops for good, and schedules for later', async () => {
    await resident(s);
    await resident(s);
    const c = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    await startCampaign(s, user, c.id);
    await round(c.id);
    expect(await cancelCampaign(s, user, c.id)).toBe('ok');
    expect(await sendQueued(c.id)).toEqual([]);
    expect(await round(c.id)).toBe('stale');
    expect(await resumeCampaign(s, user, c.id)).toBe('not-allowed');
    expect(smtp.received).toHaveLength(0);
    expect(await campaignStats(s, await current(c.id))).toMatchObject({ skippedStopped: 1, waiting: 1, sent: 0 });

    const later = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    const at = new Date(time.now().getTime() + 2 * 3_600_000);
    expect(await startCampaign(s, user, later.id, at)).toBe('ok');
    expect(await current(later.id)).toMatchObject({ status: 'scheduled', scheduledAt: at });
    expect(await round(later.id)).toBe('waiting');
    expect(await unschedule(s, user, later.id)).toBe('ok');
    expect((await current(later.id)).status).toBe('draft');
    await startCampaign(s, user, later.id, at);
    time.set(new Date(at.getTime() + 1000));
    expect(await round(later.id)).toBe('handed-over');
    expect((await current(later.id)).startedAt).toEqual(time.now());
  });

  it('keeps campaigns within the municipality, and sends a test only to the member of staff', async () => {
    await resident(s);
    const c = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
    const other = await staffUser(s, 'GM0267', 'admin');
    expect(await getCampaign(s, other, c.id)).toBeUndefined();
    expect(await startCampaign(s, other, c.id)).toBe('not-found');
    expect(await pauseCampaign(s, other, c.id)).toBe('not-found');
    expect(await cancelCampaign(s, other, c.id)).toBe('not-found');
    await testSend(s, user, c, 'en');
    await smtp.waitFor(1);
    expect(smtp.received[0]).toMatchObject({ to: user.email });
    expect(smtp.received[0]!.parsed.subject).toBe('[TEST] Help in Assen');
    expect(await db.db.select().from(messages).where(eq(messages.campaignId, c.id))).toEqual([]);
    expect((await current(c.id)).status).toBe('draft');
  });

  it('delivers a campaign end to end through the queue workers', async () => {
    process.env.CAMPAIGN_BATCH = '50';
    process.env.CAMPAIGN_INTERVAL_SECONDS = '1';
    const residents = [await resident(s), await resident(s, { language: 'en' })];
    await startWorkers(s, { pollingIntervalSeconds: 0.5 });
    try {
      const c = await campaign({ kind: 'schemes', schemeIds: ['kwijtschelding'] });
      await startCampaign(s, user, c.id);
      await smtp.waitFor(2, 30_000);
      expect(smtp.received.map((m) => m.parsed.subject).sort()).toEqual([
        'Help in Assen',
        'Hulp bij Kwijtschelding van gemeentelijke belastingen in Assen',
      ]);
      const deadline = Date.now() + 30_000;
      while ((await current(c.id)).status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect((await current(c.id)).status).toBe('done');
      const kases = await db.db.select().from(cases);
      expect(kases.filter((k) => residents.some((r) => r.consentId === k.consentId)).map((k) => k.status)).toEqual([
        'contacted',
        'contacted',
      ]);
    } finally {
      for (const q of [
        'mail-send',
        'confirm-reminder',
        'rescreen',
        'retention-purge',
        'campaign-dispatch',
        'screening-run',
        'worklist-sync',
      ])
        await s.boss.offWork(q);
    }
  });
});
