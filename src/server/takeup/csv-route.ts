/**
 * GET /beheer/dashboard.csv?van=&tot=: the dashboard's figures as one CSV (per scheme, campaign,
 * organisation, week). The export is logged.
 */
import type { APIRoute } from 'astro';
import { audit } from '../audit/log.ts';
import { getServices } from '../site-services.ts';
import { csvDocument, csvEuros, download } from '../staff/csv.ts';
import { isIsoDate } from '../staff/dates.ts';
import { forbidden } from '../staff/forms.ts';
import { consoleT } from '../staff/i18n.ts';
import { signedIn } from '../staff/page.ts';
import { can } from '../staff/permissions.ts';
import { dashboard, defaultPeriod, FUNNEL_STAGES } from './dashboard.ts';
import { schemeLabel } from '../worklist/cases.ts';
import { siteToday } from '../../site/today.ts';

export const dashboardCsv: APIRoute = async ({ url, locals }) => {
  const user = signedIn(locals);
  if (!can(user, 'dashboard.view')) return forbidden();
  const t = consoleT(user.language);
  const s = await getServices();
  const fallback = defaultPeriod(siteToday());
  const from = url.searchParams.get('van');
  const to = url.searchParams.get('tot');
  const period = { from: isIsoDate(from) ? from : fallback.from, to: isIsoDate(to) ? to : fallback.to };
  const d = await dashboard(s, user.municipality, period);
  const header = [
    t('dashboard.csvColumns.group'),
    t('dashboard.csvColumns.name'),
    ...FUNNEL_STAGES.map((st) => t(`dashboard.stages.${st}`)),
    t('dashboard.euros'),
  ];
  type Figures = Partial<Record<(typeof FUNNEL_STAGES)[number] | 'grantedYearly', number>>;
  // A figure a group does not have (checks per campaign, euros per week) stays empty, not 0.
  const line = (group: string, name: string, f: Figures): unknown[] => [
    group,
    name,
    ...FUNNEL_STAGES.map((st) => f[st] ?? ''),
    f.grantedYearly === undefined ? '' : csvEuros(f.grantedYearly / 100),
  ];
  const rows = [
    line(t('dashboard.csvColumns.total'), '', d.total),
    ...d.schemes.map((r) => line(t('dashboard.scheme'), schemeLabel(s, user.municipality, r.schemeId, user.language), r)),
    ...d.campaigns.map((c) => line(t('dashboard.csvColumns.campaign'), c.name, { ...c, checks: undefined, flagged: undefined })),
    ...d.organisations.map((o) => line(t('dashboard.organisation'), o.organisation || t('dashboard.unnamed'), o)),
    ...d.weeks.map((w) => line(t('dashboard.weekColumn'), w.week, { consented: w.consented, contacted: w.contacted, granted: w.granted })),
  ];
  await audit(s.database.db, { municipality: user.municipality, staffId: user.id, action: 'dashboard.export', details: period });
  return download(csvDocument(header, rows), 'text/csv; charset=utf-8', `dashboard-${period.from}-${period.to}.csv`);
};
