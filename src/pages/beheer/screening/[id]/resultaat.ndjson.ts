/** GET /beheer/screening/<id>/resultaat.ndjson: the screening result per line, for other systems. Logged. */
import { screeningDownload } from '../../../../server/screening/download.ts';

export const prerender = false;

export const GET = screeningDownload('ndjson');
