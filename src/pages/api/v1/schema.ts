/** GET /api/v1/schema: the JSON Schema of the check's household input, generated from the zod schema. */
import type { APIRoute } from 'astro';
import { householdJsonSchema } from '../../../contract/household.ts';
import { jsonText, methodNotAllowed } from '../../../server/http/json.ts';

export const prerender = false;

const schema = JSON.stringify(householdJsonSchema());

export const GET: APIRoute = () => jsonText(schema, 200, { 'cache-control': 'public, max-age=3600' });

export const POST: APIRoute = () => methodNotAllowed('GET, HEAD');
