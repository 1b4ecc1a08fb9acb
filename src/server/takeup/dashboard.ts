/**
 * The take-up dashboard of one municipality over a period: per scheme the funnel checks run →
 * flagged → consented → contacted → applied → granted and the support reached (granted amounts per
 * year), and the same per campaign, per volunteer organisation and per week. Everything comes from
 * the anonymous counters (ledger.ts), so the figures include residents whose data is gone.
 */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { campaigns, checkCounts, messages, takeUpEvents, type TakeUpStage } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { ALL } from './ledger.ts';

export interface Period {
  /** First day, YYYY-MM-DD (Dutch days). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface Funnel {
  checks: number;
  flagged: number;
  consented: number;
  contacted: number;
  appointment: number;
  applied: number;
  granted: number;
  rejected: number;
  /** Granted support per year, in cents. */
  grantedYearly: number;
}

export const FUNNEL_STAGES = ['checks', 'flagged', 'consented', 'contacted', 'applied', 'granted'] as const;

const empty = (): Funnel => ({
  checks: 0,
  flagged: 0,
  consented: 0,
  contacted: 0,
  appointment: 0,
  applied: 0,
  granted: 0,
  rejected: 0,
  grantedYearly: 0,
});

export interface Dashboard {
  period: Period;
  total: Funnel;
  schemes: ({ schemeId: string } & Funnel)[];
  campaigns: ({ id: string; name: string; status: string; sent: number } & Funnel)[];
  organisations: ({ organisation: string } & Funnel)[];
  weeks: { week: string; consented: number; contacted: number; granted: number }[];
  checksBySource: Record<string, number>;
}

/** The default period: the last twelve months up to today. */
export function defaultPeriod(today: string): Period {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return { from: d.toISOString().slice(0, 10), to: today };
}

/** Monday of the ISO week of a date. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function add(f: Funnel, stage: TakeUpStage, n: number, amount: number): void {
  f[stage] += n;
  if (stage === 'granted') f.grantedYearly += amount;
}

/** The take-up events in the period, summed per stage, scheme, source, organisation, campaign and day. */
async function stageSums(s: Services, municipality: string, period: Period) {
  const db = s.database.db;
  const inPeriod = and(eq(takeUpEvents.municipality, municipality), gte(takeUpEvents.day, period.from), lte(takeUpEvents.day, period.to));
  return db
    .select({
      stage: takeUpEvents.stage,
      schemeId: takeUpEvents.schemeId,
      source: takeUpEvents.source,
      organisation: takeUpEvents.organisation,
      campaignId: takeUpEvents.campaignId,
      day: takeUpEvents.day,
      n: sql<number>`sum(${takeUpEvents.count})`,
      amount: sql<number>`sum(${takeUpEvents.amount})`,
    })
    .from(takeUpEvents)
    .where(inPeriod)
    .groupBy(
      takeUpEvents.stage,
      takeUpEvents.schemeId,
      takeUpEvents.source,
      takeUpEvents.organisation,
      takeUpEvents.campaignId,
      takeUpEvents.day,
    );
}

/** The checks in the period and how many flagged a scheme, summed per scheme, source and organisation. */
async function checkSums(s: Services, municipality: string, period: Period) {
  const db = s.database.db;
  return db
    .select({
      schemeId: checkCounts.schemeId,
      source: checkCounts.source,
      organisation: checkCounts.organisation,
      checks: sql<number>`sum(${checkCounts.checks})`,
      flagged: sql<number>`sum(${checkCounts.flagged})`,
    })
    .from(checkCounts)
    .where(and(eq(checkCounts.municipality, municipality), gte(checkCounts.day, period.from), lte(checkCounts.day, period.to)))
    .groupBy(checkCounts.schemeId, checkCounts.source, checkCounts.organisation);
}

/** The municipality's campaigns and how many messages each has sent. */
async function campaignsSent(s: Services, municipality: string) {
  const db = s.database.db;
  const campaignRows = await db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaigns)
    .where(eq(campaigns.municipality, municipality));
  const sent = await db
    .select({ campaignId: messages.campaignId, n: sql<number>`count(*)` })
    .from(messages)
    .innerJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .where(and(eq(campaigns.municipality, municipality), eq(messages.status, 'sent')))
    .groupBy(messages.campaignId);

  return { campaignRows, sent };
}

export async function dashboard(s: Services, municipality: string, period: Period): Promise<Dashboard> {
  const events = await stageSums(s, municipality, period);
  const checks = await checkSums(s, municipality, period);

  const total = empty();
  const schemes = new Map<string, Funnel>();
  const byCampaign = new Map<string, Funnel>();
  const byOrganisation = new Map<string, Funnel>();
  const weeks = new Map<string, { consented: number; contacted: number; granted: number }>();
  const scheme = (id: string): Funnel => schemes.get(id) ?? schemes.set(id, empty()).get(id)!;

  for (const e of events) {
    const n = Number(e.n);
    const amount = Number(e.amount);
    if (e.schemeId === ALL) {
      add(total, e.stage, n, 0);
      if (e.campaignId) add(byCampaign.get(e.campaignId) ?? byCampaign.set(e.campaignId, empty()).get(e.campaignId)!, e.stage, n, 0);
      if (e.source === 'volunteer') {
        const key = e.organisation || '';
        add(byOrganisation.get(key) ?? byOrganisation.set(key, empty()).get(key)!, e.stage, n, 0);
      }
      if (e.stage === 'consented' || e.stage === 'contacted' || e.stage === 'granted') {
        const w = weekStart(e.day);
        const row = weeks.get(w) ?? weeks.set(w, { consented: 0, contacted: 0, granted: 0 }).get(w)!;
        row[e.stage] += n;
      }
    } else {
      add(scheme(e.schemeId), e.stage, n, amount);
      if (e.stage === 'granted') {
        total.grantedYearly += amount;
        if (e.campaignId)
          (byCampaign.get(e.campaignId) ?? byCampaign.set(e.campaignId, empty()).get(e.campaignId)!).grantedYearly += amount;
        if (e.source === 'volunteer')
          (byOrganisation.get(e.organisation) ?? byOrganisation.set(e.organisation, empty()).get(e.organisation)!).grantedYearly += amount;
      }
    }
  }
  const checksBySource: Record<string, number> = {};
  for (const c of checks) {
    if (c.schemeId === ALL) {
      total.checks += Number(c.checks);
      total.flagged += Number(c.flagged);
      checksBySource[c.source] = (checksBySource[c.source] ?? 0) + Number(c.checks);
      if (c.source === 'volunteer') {
        const f = byOrganisation.get(c.organisation) ?? byOrganisation.set(c.organisation, empty()).get(c.organisation)!;
        f.checks += Number(c.checks);
        f.flagged += Number(c.flagged);
      }
    } else scheme(c.schemeId).flagged += Number(c.flagged);
  }
  // Every check looked at every scheme.
  const local = s.rulebook.municipalities[municipality]?.schemes.map((x) => x.id) ?? [];
  for (const id of local) scheme(id);
  for (const f of schemes.values()) f.checks = total.checks;

  const { campaignRows, sent } = await campaignsSent(s, municipality);

  return {
    period,
    total,
    schemes: [...schemes.entries()]
      .map(([schemeId, f]) => ({ schemeId, ...f }))
      .sort((a, b) => b.flagged + b.consented - (a.flagged + a.consented) || a.schemeId.localeCompare(b.schemeId)),
    campaigns: campaignRows
      .filter((c) => c.status !== 'draft')
      .map((c) => ({ ...c, sent: Number(sent.find((x) => x.campaignId === c.id)?.n ?? 0), ...(byCampaign.get(c.id) ?? empty()) })),
    organisations: [...byOrganisation.entries()]
      .map(([organisation, f]) => ({ organisation, ...f }))
      .sort((a, b) => a.organisation.localeCompare(b.organisation, 'nl')),
    weeks: [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, w]) => ({ week, ...w })),
    checksBySource,
  };
}
