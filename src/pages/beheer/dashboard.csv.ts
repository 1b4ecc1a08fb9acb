/** GET /beheer/dashboard.csv?van=&tot=: the dashboard's figures as one CSV (src/server/takeup/csv-route.ts). */
import { dashboardCsv } from '../../server/takeup/csv-route.ts';

export const prerender = false;

export const GET = dashboardCsv;
