/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of the public API, generated from the contract's zod schemas. */
import type { APIRoute } from 'astro';
import { openApiDocument } from '../../../contract/openapi.ts';
import { jsonText, methodNotAllowed } from '../../../server/http/json.ts';

export const prerender = false;

const document = JSON.stringify(openApiDocument(process.env.PUBLIC_URL, process.env.RONDKOMEN_API_CONTACT));

export const GET: APIRoute = () => jsonText(document, 200, { 'cache-control': 'public, max-age=3600' });

export const POST: APIRoute = () => methodNotAllowed('GET, HEAD');
