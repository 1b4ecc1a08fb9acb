/** GET /beheer/screening/<id>/resultaat.csv: the screening result per line, for spreadsheets. Logged. */
import { screeningDownload } from '../../../../server/screening/download.ts';

export const prerender = false;

export const GET = screeningDownload('csv');
